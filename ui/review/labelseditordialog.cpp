#include "labelseditordialog.h"

#include "jobs/latestjob.h"
#include "review/labelstore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RagScope {

namespace {

enum Column { Name, Description, Colour, Key, Columns };

QString cell(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

LabelsEditorDialog::LabelsEditorDialog(StorePtr store, const LabelSet& current, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_job(new LatestJob(this))
    , m_table(new QTableWidget(0, Columns, this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("Save for the team"), this))
{
    setObjectName(QStringLiteral("labelsEditor"));
    setWindowTitle(tr("Review labels"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Description"), tr("Colour (#RRGGBB)"), tr("Key") });
    m_table->setAccessibleName(tr("Labels"));
    m_table->horizontalHeader()->setSectionResizeMode(Description, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    for (const ReviewLabel& label : current.labels)
        addRow(label);

    auto* add = new QPushButton(tr("Add label"), this);
    auto* remove = new QPushButton(tr("Remove label"), this);
    connect(add, &QPushButton::clicked, this, &LabelsEditorDialog::addLabel);
    connect(remove, &QPushButton::clicked, this, &LabelsEditorDialog::removeLabel);
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();

    auto* wording = new QFormLayout;
    for (int rating = 1; rating <= 5; ++rating) {
        auto* edit = new QLineEdit(current.ratingWording.value(rating - 1), this);
        edit->setMaxLength(100);
        edit->setAccessibleName(tr("Wording of rating %1").arg(rating));
        wording->addRow(tr("Rating %1").arg(rating), edit);
        m_wording << edit;
    }

    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Labels status"));
    const StorePtr writer = m_store ? m_store->writer() : nullptr;
    if (!writer)
        m_message->setText(tr("No store is open."));
    else if (writer->isReadOnly())
        m_message->setText(tr("Saving is off: this store is read-only (%1).").arg(writer->readOnlyReason()));
    else if (writer->schemaVersion() < 6)
        m_message->setText(
            tr("Saving is off: this store has no shared labels yet (run `ragscope-cli migrate`)."));
    m_save->setEnabled(m_message->text().isEmpty());
    m_save->setDefault(true);
    connect(m_save, &QPushButton::clicked, this, &LabelsEditorDialog::save);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(new QLabel(tr("Rating scale"), this));
    layout->addLayout(wording);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 520);
}

void LabelsEditorDialog::addRow(const ReviewLabel& label)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, Name, new QTableWidgetItem(label.name));
    m_table->setItem(row, Description, new QTableWidgetItem(label.description));
    m_table->setItem(row, Colour, new QTableWidgetItem(label.colour));
    m_table->setItem(row, Key, new QTableWidgetItem(label.shortcutKey));
}

void LabelsEditorDialog::addLabel()
{
    addRow(ReviewLabel {});
    m_table->setCurrentCell(m_table->rowCount() - 1, Name);
    m_table->editItem(m_table->currentItem());
}

void LabelsEditorDialog::removeLabel()
{
    if (m_table->currentRow() >= 0)
        m_table->removeRow(m_table->currentRow());
}

LabelSet LabelsEditorDialog::labelSet() const
{
    LabelSet set;
    for (int row = 0; row < m_table->rowCount(); ++row)
        set.labels << ReviewLabel { cell(m_table, row, Name), cell(m_table, row, Description),
            cell(m_table, row, Colour), cell(m_table, row, Key) };
    for (const QLineEdit* edit : m_wording)
        set.ratingWording << edit->text().trimmed();
    return set;
}

QString LabelsEditorDialog::message() const
{
    return m_message->text();
}

bool LabelsEditorDialog::isSaving() const
{
    return m_job->isBusy();
}

void LabelsEditorDialog::save()
{
    const LabelSet set = labelSet();
    // Checked here first so a mistake shows at once, without a round trip.
    if (const Status valid = LabelStore::validate(set); !valid.ok()) {
        m_message->setText(valid.error().message);
        return;
    }
    m_save->setEnabled(false);
    m_message->setText(tr("Saving…"));
    m_job->start([store = m_store, set] { return LabelStore(store).save(set); },
        [this](const Status& saved) {
            m_save->setEnabled(true);
            if (!saved.ok()) {
                m_message->setText(saved.error().message);
                return;
            }
            m_message->setText(tr("Saved."));
            accept();
        });
}

} // namespace RagScope
