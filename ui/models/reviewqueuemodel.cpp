#include "reviewqueuemodel.h"

#include "jobs/latestjob.h"
#include "money/costdisplay.h"
#include "widgets/reviewsettings.h"

#include <QLocale>

namespace RagScope {

ReviewQueueModel::ReviewQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_job(new LatestJob(this))
{
    connect(m_job, &LatestJob::busyChanged, this, &ReviewQueueModel::loadingChanged);
}

void ReviewQueueModel::setQuery(StorePtr store, const ReviewQueueQuery& query)
{
    if (store && store == m_store && query == m_query) {
        refresh();
        return;
    }
    m_store = std::move(store);
    m_query = query;
    reload();
}

void ReviewQueueModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_cursor.clear();
    m_complete = !m_store;
    m_failed = false;
    endResetModel();
    if (m_store)
        loadPage(false);
    else
        m_job->cancel();
}

void ReviewQueueModel::refresh()
{
    if (m_rows.isEmpty()) {
        reload();
        return;
    }
    m_cursor.clear();
    m_failed = false;
    loadPage(true);
}

bool ReviewQueueModel::isLoading() const
{
    return m_job->isBusy();
}

int ReviewQueueModel::rowOf(const QUuid& id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

void ReviewQueueModel::applyReview(const RagScope::Review& review)
{
    const int row = rowOf(review.interactionId);
    if (row < 0)
        return;
    m_rows[row].reviewerRating = review.rating;
    m_rows[row].reviewerLabel = review.label;
    emit dataChanged(index(row, Review), index(row, Review));
}

std::optional<ReviewQueueQuery::SortKey> ReviewQueueModel::sortKeyForColumn(int column)
{
    using Key = ReviewQueueQuery::SortKey;
    switch (column) {
    case Time:
        return Key::CreatedAt;
    case Confidence:
        return Key::Confidence;
    case UserRating:
        return Key::UserRating;
    case Latency:
        return Key::Latency;
    case Cost:
        return Key::Cost;
    default:
        return std::nullopt;
    }
}

int ReviewQueueModel::columnForSortKey(ReviewQueueQuery::SortKey key)
{
    using Key = ReviewQueueQuery::SortKey;
    switch (key) {
    case Key::CreatedAt:
        return Time;
    case Key::Confidence:
        return Confidence;
    case Key::UserRating:
        return UserRating;
    case Key::Latency:
        return Latency;
    case Key::Cost:
        return Cost;
    }
    return Time;
}

int ReviewQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReviewQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InteractionSummary& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Query)
            return row.answerPreview.isEmpty()
                ? row.queryPreview
                : tr("%1\n\nAnswer: %2").arg(row.queryPreview, row.answerPreview);
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Confidence:
        case UserRating:
        case Latency:
        case Cost:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case IdRole:
        return row.id;
    case SummaryRole:
        return QVariant::fromValue(row);
    default:
        return {};
    }
}

QVariant ReviewQueueModel::display(const InteractionSummary& row, int column) const
{
    const QLocale locale;
    switch (column) {
    case Time:
        return row.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case User:
        return row.userId;
    case Model:
        return row.model.value_or(QString());
    case Confidence:
        return row.confidence ? locale.toString(*row.confidence, 'f', 2) : QString();
    case UserRating:
        return row.userRating ? QString::number(*row.userRating) : QString();
    case Latency:
        return row.totalLatencyMs ? tr("%1 ms").arg(locale.toString(*row.totalLatencyMs, 'f', 0)) : QString();
    case Cost:
        return CostDisplay::amount(row.cost);
    case Review:
        if (!row.reviewerRating)
            return QString();
        if (row.reviewerLabel.isEmpty())
            return QString::number(*row.reviewerRating);
        return tr("%1 · %2").arg(*row.reviewerRating).arg(ReviewSettings::displayLabel(row.reviewerLabel));
    case Query:
        return row.queryPreview.simplified();
    default:
        return {};
    }
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time (UTC)");
    case User:
        return tr("User");
    case Model:
        return tr("Model");
    case Confidence:
        return tr("Confidence");
    case UserRating:
        return tr("User rating");
    case Latency:
        return tr("Latency");
    case Cost:
        return tr("Cost");
    case Review:
        return tr("Review");
    case Query:
        return tr("Query");
    default:
        return {};
    }
}

bool ReviewQueueModel::canFetchMore(const QModelIndex& parent) const
{
    // After a failed page the view would ask again at once; wait for an explicit reload().
    return !parent.isValid() && m_store && !m_complete && !m_failed;
}

void ReviewQueueModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent) || isLoading())
        return; // one page at a time
    loadPage(false);
}

void ReviewQueueModel::loadPage(bool replace)
{
    m_job->start([store = m_store, query = m_query, limit = m_pageSize,
                     cursor = m_cursor] { return ReviewQueue(store).fetch(query, limit, cursor); },
        [this, replace](const Result<Page<InteractionSummary>>& page) {
            if (!page.ok()) {
                m_failed = true;
                emit loadFailed(page.error());
                return;
            }
            // The cursor moves first: views and testers may ask for the next page while rows go in.
            m_cursor = page->nextCursor;
            m_complete = page->atEnd();
            const QList<InteractionSummary>& rows = page->rows;
            if (replace) {
                beginResetModel();
                m_rows = rows;
                endResetModel();
            } else if (!rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
                m_rows.append(rows);
                endInsertRows();
            }
            emit pageLoaded(int(rows.size()));
        });
}

} // namespace RagScope
