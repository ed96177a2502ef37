#pragma once

#include "review/reviewtypes.h"
#include "store/store.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace RagScope {

class LatestJob;

/// Edits the team's shared labels (name, description, colour, shortcut key) and the wording
/// of ratings 1–5, saved in the store for every reviewer (LabelStore). The save runs off the
/// GUI thread; a refused set keeps everything typed and says why; a store that may not take
/// them (read-only role, older schema) shows the reason and saving is off.
class LabelsEditorDialog : public QDialog
{
    Q_OBJECT
public:
    LabelsEditorDialog(StorePtr store, const LabelSet& current, QWidget* parent = nullptr);

    /// The set as the dialog holds it now.
    LabelSet labelSet() const;
    QTableWidget* table() const { return m_table; }
    QPushButton* saveButton() const { return m_save; }
    QString message() const;
    bool isSaving() const;

public slots:
    void addLabel();
    void removeLabel();
    void save();

private:
    void addRow(const ReviewLabel& label);

    StorePtr m_store;
    LatestJob* m_job;
    QTableWidget* m_table;
    QList<QLineEdit*> m_wording;
    QLabel* m_message;
    QPushButton* m_save;
};

} // namespace RagScope
