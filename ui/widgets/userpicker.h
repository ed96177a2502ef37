#pragma once

#include <QComboBox>

#include <optional>

namespace RagScope {

/// The filter bar's user picker: an editable combo sorted by name (locale-aware) with a
/// completer that matches any part of a name, case-insensitively. Typed text becomes a choice
/// only when it names a listed user: anything else is refused with unknownUser() and the
/// previous choice stays (no filter on a user that has no rows).
class UserPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit UserPicker(QWidget* parent = nullptr);

    /// "All users" first, then `users` sorted by name; `keep` stays selected (nullopt: all users).
    void setUsers(const QStringList& users, const std::optional<QString>& keep);
    /// The chosen user (nullopt: all users).
    std::optional<QString> user() const;
    /// Selects `user`; one not listed (a remembered choice the store has not listed yet) is added.
    void setUser(const std::optional<QString>& user);

signals:
    /// Text was typed that names no listed user (the choice did not change).
    void unknownUser(const QString& typed);

private:
    /// Takes the typed text: a listed user (any case) or empty (all users) is chosen.
    void commitText();
};

} // namespace RagScope
