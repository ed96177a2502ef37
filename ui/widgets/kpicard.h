#pragma once

#include <QFrame>

class QLabel;

namespace RagScope {

/// One key figure: a caption, the value in large type, and its change against the previous window.
class KpiCard : public QFrame
{
    Q_OBJECT
public:
    explicit KpiCard(const QString& title, QWidget* parent = nullptr);

    QString title() const;
    QString value() const;
    QString change() const;

    void setValue(const QString& value);
    /// E.g. "▲ 12.5% vs previous 7 days"; empty hides the line's text.
    void setChange(const QString& change);
    /// Empties value and change ("—"), e.g. when the store is closed.
    void clear();

private:
    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_change;
};

} // namespace RagScope
