#include "userpicker.h"

#include <QCollator>
#include <QCompleter>
#include <QLineEdit>

#include <algorithm>

namespace RagScope {

UserPicker::UserPicker(QWidget* parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert); // typing never adds a user
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(12);
    lineEdit()->setPlaceholderText(tr("Search users"));
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    connect(lineEdit(), &QLineEdit::editingFinished, this, &UserPicker::commitText);
}

void UserPicker::setUsers(const QStringList& users, const std::optional<QString>& keep)
{
    QStringList sorted = users;
    QCollator collator; // the user's locale: "émile" between "dave" and "frank"
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true); // "user2" before "user10"
    std::sort(sorted.begin(), sorted.end(), collator);
    clear();
    addItem(tr("All users"));
    for (const QString& user : std::as_const(sorted))
        addItem(user, user);
    setUser(keep);
}

std::optional<QString> UserPicker::user() const
{
    const QVariant data = currentData();
    if (!data.isValid())
        return std::nullopt;
    return data.toString();
}

void UserPicker::setUser(const std::optional<QString>& user)
{
    if (!user) {
        setCurrentIndex(0);
        return;
    }
    int index = findData(*user);
    if (index < 0) {
        insertItem(1, *user, *user);
        index = 1;
    }
    setCurrentIndex(index);
}

void UserPicker::commitText()
{
    const QString typed = lineEdit()->text().trimmed();
    int index = typed.isEmpty() ? 0 : findText(typed, Qt::MatchFixedString); // any case
    if (index < 0) {
        lineEdit()->setText(itemText(currentIndex())); // the choice that still applies
        emit unknownUser(typed);
        return;
    }
    setCurrentIndex(index);
    lineEdit()->setText(itemText(index));
}

} // namespace RagScope
