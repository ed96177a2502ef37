#pragma once

#include "alerts/alertrule.h"
#include "metrics/filter.h"
#include "store/store.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace RagScope {

class LatestJob;

/// Edits the alert rules: add, remove, change; "Test" evaluates the rule in the form against the
/// store as of the current window's end (off the GUI thread); "Save" validates every rule
/// (AlertRulesFile::problem) and writes the rules file.
class RuleEditorDialog : public QDialog
{
    Q_OBJECT
public:
    RuleEditorDialog(const QList<AlertRule>& rules, const QString& path, StorePtr store, const Filter& filter,
        QWidget* parent = nullptr);

    QList<AlertRule> rules() const { return m_rules; }
    QString path() const { return m_path; }

    /// The form as a rule, or empty with `problem` set.
    std::optional<AlertRule> formRule(QString* problem) const;
    void selectRule(int row);
    void addRule();
    void removeRule();
    void testRule();
    /// Validates and writes the file (asking where when there is no path yet); true when saved.
    bool save();
    QString testResult() const;
    QString problemText() const;

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* kindBox() const { return m_kind; }
    QLineEdit* warnEdit() const { return m_warn; }
    QLineEdit* criticalEdit() const { return m_critical; }
    QLineEdit* windowEdit() const { return m_window; }

signals:
    void tested();

private:
    void showRule(const AlertRule& rule);
    /// Writes the form back into m_rules[m_current] if it is valid.
    bool storeForm();
    void updateKindFields();

    QList<AlertRule> m_rules;
    QString m_path;
    StorePtr m_store;
    Filter m_filter;
    int m_current = -1;
    LatestJob* m_testJob;
    QListWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QComboBox* m_phase;
    QSpinBox* m_percentile;
    QDoubleSpinBox* m_below;
    QSpinBox* m_atMost;
    QLineEdit* m_window;
    QLineEdit* m_warn;
    QLineEdit* m_critical;
    QSpinBox* m_minRequests;
    QComboBox* m_groupBy;
    QLabel* m_problem;
    QLabel* m_result;
};

} // namespace RagScope
