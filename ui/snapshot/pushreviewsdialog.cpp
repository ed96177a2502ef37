#include "pushreviewsdialog.h"

#include "jobs/dbthreadpool.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace RagScope {

PushReviewsDialog* PushReviewsDialog::openFor(StorePtr store, QWidget* parent)
{
    auto* dialog = new PushReviewsDialog(std::move(store), parent);
    dialog->setObjectName(QStringLiteral("pushReviewsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

PushReviewsDialog::PushReviewsDialog(StorePtr store, QWidget* parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_path(new QLineEdit(this))
    , m_preview(new QPlainTextEdit(this))
    , m_force(new QCheckBox(tr("Push anyway (the snapshot was not exported from this store)"), this))
    , m_status(new QLabel(this))
    , m_push(new QPushButton(tr("&Push"), this))
{
    setWindowTitle(tr("Push reviews"));
    m_path->setReadOnly(true);
    m_path->setAccessibleName(tr("Snapshot file"));
    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("What will change"));
    m_force->hide();
    m_push->setEnabled(false);
    m_status->setWordWrap(true);
    auto* browse = new QPushButton(tr("&Choose snapshot…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->addButton(m_push, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(pathRow);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_force);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Push reviews from"), QString(), tr("SQLite snapshots (*.sqlite *.sqlite3 *.db)"));
        if (!path.isEmpty())
            setSnapshotPath(path);
    });
    connect(m_push, &QPushButton::clicked, this, &PushReviewsDialog::push);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PushReviewsDialog::finish);
}

PushReviewsDialog::~PushReviewsDialog()
{
    m_watcher.waitForFinished(); // a push is one short transaction; it must not outlive its store
}

void PushReviewsDialog::setSnapshotPath(const QString& path)
{
    m_path->setText(path);
    run(false);
}

void PushReviewsDialog::push()
{
    run(true);
}

void PushReviewsDialog::run(bool apply)
{
    if (m_watcher.isRunning() || m_path->text().isEmpty())
        return;
    m_applying = apply;
    m_push->setEnabled(false);
    m_status->setText(apply ? tr("Pushing…") : tr("Reading the snapshot…"));
    const bool force = m_force->isChecked();
    m_watcher.setFuture(QtConcurrent::run(
        dbThreadPool(), [store = m_store, path = m_path->text(), apply, force]() -> Result<ReviewPush> {
            RAGSCOPE_TRY(snapshot, Store::open(QStringLiteral("sqlite:") + path, {}));
            const ReviewPusher pusher(snapshot, store);
            return apply ? pusher.push(force) : pusher.preview();
        }));
}

QString PushReviewsDialog::describe(const ReviewPush& push)
{
    QString text
        = (push.applied ? tr("Pushed %1 reviews.") : tr("%1 reviews will be added.")).arg(push.added.size());
    text += QLatin1Char('\n')
        + tr(
            "%1 already in the store, %2 skipped (interaction deleted), %3 interactions also reviewed in the "
            "store since the export (both kept).")
              .arg(push.alreadyInStore)
              .arg(push.skippedDeleted.size())
              .arg(push.reviewedOnBothSides);
    const auto list = [&text](const QString& title, const QList<Review>& reviews) {
        if (reviews.isEmpty())
            return;
        text += QStringLiteral("\n\n") + title;
        for (const Review& r : reviews)
            text
                += QStringLiteral("\n  %1  %2  %3  %4")
                       .arg(r.createdAt.toString(Qt::ISODate), r.interactionId.toString(QUuid::WithoutBraces),
                           r.reviewer, QString::number(r.rating));
    };
    list(push.applied ? tr("Added:") : tr("To add:"), push.added);
    list(tr("Skipped, interaction deleted from the store:"), push.skippedDeleted);
    return text;
}

void PushReviewsDialog::finish()
{
    const Result<ReviewPush> result = m_watcher.result();
    if (!result.ok()) {
        m_status->setText(result.error().message);
        m_push->setEnabled(!m_applying);
        emit failed(result.error().message);
        return;
    }
    m_preview->setPlainText(describe(result.value()));
    m_force->setVisible(!result->sourceMismatch.isEmpty());
    if (m_applying) {
        m_status->setText(tr("Done. Pushing again changes nothing."));
        emit pushed(int(result->added.size()));
        return;
    }
    m_status->setText(
        result->sourceMismatch.isEmpty() ? QString() : tr("Warning: %1").arg(result->sourceMismatch));
    m_push->setEnabled(!result->added.isEmpty());
    emit previewReady();
}

} // namespace RagScope
