#include "reviewqueuemodel.h"
#include "i18n/localetime.h"

#include "jobs/latestjob.h"
#include "money/costdisplay.h"
#include "widgets/reviewsettings.h"

#include <QLocale>
#include <QTimer>

namespace RagScope {

ReviewQueueModel::ReviewQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_job(new LatestJob(this))
    , m_readJob(new LatestJob(this))
    , m_readTimer(new QTimer(this))
{
    connect(m_job, &LatestJob::busyChanged, this, &ReviewQueueModel::updateLoading);
    connect(m_readJob, &LatestJob::busyChanged, this, &ReviewQueueModel::updateLoading);
    m_readTimer->setSingleShot(true);
    m_readTimer->setInterval(0);
    connect(m_readTimer, &QTimer::timeout, this, &ReviewQueueModel::readWantedPage);
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
    clearPages();
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
    if (m_rowCount == 0) {
        reload();
        return;
    }
    m_failed = false;
    loadPage(true);
}

void ReviewQueueModel::setCacheLimit(int rows)
{
    m_cacheLimit = rows;
    m_cache.setLimit(qMax(m_cacheLimit, 3 * m_rowsPerPage));
}

void ReviewQueueModel::clearPages()
{
    m_cache.clear();
    m_keys.clear();
    m_wanted.clear();
    m_readJob->cancel();
    m_reading = -1;
    m_rowCount = 0;
    m_rowsPerPage = m_pageSize;
    m_cache.setLimit(qMax(m_cacheLimit, 3 * m_rowsPerPage));
}

bool ReviewQueueModel::isHeld(int row) const
{
    return row >= 0 && row < m_rowCount && m_cache.contains(row / m_rowsPerPage);
}

InteractionSummary ReviewQueueModel::summary(int row) const
{
    const InteractionSummary* held = heldRow(row);
    return held ? *held : InteractionSummary {};
}

int ReviewQueueModel::rowOf(const QUuid& id) const
{
    const auto found = m_cache.find([&id](const InteractionSummary& row) { return row.id == id; });
    return found ? found->first * m_rowsPerPage + found->second : -1;
}

void ReviewQueueModel::applyReview(const RagScope::Review& review)
{
    const auto found
        = m_cache.find([&review](const InteractionSummary& row) { return row.id == review.interactionId; });
    if (!found)
        return;
    InteractionSummary& row = m_cache.row(found->first, found->second);
    row.reviewerRating = review.rating;
    row.reviewerLabel = review.label;
    const int at = found->first * m_rowsPerPage + found->second;
    emit dataChanged(index(at, Review), index(at, Review));
}

void ReviewQueueModel::clearReview(const QUuid& interactionId)
{
    const auto found
        = m_cache.find([&interactionId](const InteractionSummary& row) { return row.id == interactionId; });
    if (!found)
        return;
    InteractionSummary& row = m_cache.row(found->first, found->second);
    row.reviewerRating.reset();
    row.reviewerLabel.clear();
    const int at = found->first * m_rowsPerPage + found->second;
    emit dataChanged(index(at, Review), index(at, Review));
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
    return parent.isValid() ? 0 : m_rowCount;
}

int ReviewQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    bool missing = false;
    const InteractionSummary* held = heldRow(index.row(), &missing);
    if (!held) { // a placeholder until the page is read again (or for a row no longer there)
        if (missing)
            want(index.row() / m_rowsPerPage);
        return role == Qt::DisplayRole && index.column() == Time && missing ? tr("…") : QVariant();
    }
    const InteractionSummary& row = *held;
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
        return LocaleTime::dateTime(row.createdAt, locale, true);
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
    case Cost: // every place: one request's cost is often below a cent, and the rows line up
        return CostDisplay::amount(row.cost, CostDisplay::Style::DollarsAllPlaces);
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
    if (!canFetchMore(parent) || m_job->isBusy())
        return; // one page at a time
    loadPage(false);
}

void ReviewQueueModel::loadPage(bool replace)
{
    const QString after = replace || m_keys.isEmpty() ? QString() : m_keys.constLast().last;
    m_job->start([store = m_store, query = m_query, limit = replace ? m_pageSize : m_rowsPerPage,
                     after] { return ReviewQueue(store).fetchSlice(query, limit, after); },
        [this, replace](const Result<QueueSlice>& slice) {
            if (!slice.ok()) {
                failed(slice.error());
                return;
            }
            const int rows = int(slice->rows.size());
            if (replace) {
                beginResetModel();
                clearPages();
                addPage(*slice);
                m_cache.insert(0, slice->rows);
                m_rowCount = rows;
                endResetModel();
            } else {
                // Keys first: views and testers ask for the next page while the rows go in.
                addPage(*slice);
                if (rows > 0) {
                    beginInsertRows({}, m_rowCount, m_rowCount + rows - 1);
                    m_cache.insert(int(m_keys.size()) - 1, slice->rows);
                    m_rowCount += rows;
                    endInsertRows();
                }
            }
            emit pageLoaded(rows);
        });
}

void ReviewQueueModel::addPage(const QueueSlice& slice)
{
    m_complete = slice.atEnd;
    if (slice.rows.isEmpty())
        return;
    m_keys.append({ slice.first, slice.last });
}

int ReviewQueueModel::rowsInPage(int page) const
{
    return qMin(m_rowsPerPage, m_rowCount - page * m_rowsPerPage);
}

const InteractionSummary* ReviewQueueModel::heldRow(int row, bool* missing) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const QList<InteractionSummary>* rows = m_cache.use(row / m_rowsPerPage);
    if (missing)
        *missing = !rows;
    const int offset = row % m_rowsPerPage;
    // A page read again may be short: rows of its range deleted meanwhile.
    return rows && offset < rows->size() ? &rows->at(offset) : nullptr;
}

void ReviewQueueModel::want(int page) const
{
    if (page == m_reading || m_failed)
        return;
    if (!m_wanted.isEmpty() && m_wanted.constLast() == page)
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    // Only the latest few matter: older wishes would be dropped again before anyone looks.
    const int keep = qMax(1, m_cache.limit() / m_rowsPerPage);
    if (m_wanted.size() > keep)
        m_wanted.remove(0, m_wanted.size() - keep);
    m_readTimer->start();
}

void ReviewQueueModel::readWantedPage()
{
    if (m_readJob->isBusy() || m_failed || !m_store)
        return;
    int page = -1;
    while (!m_wanted.isEmpty() && page < 0) {
        const int candidate = m_wanted.takeLast();
        if (candidate < m_keys.size() && !m_cache.contains(candidate))
            page = candidate;
    }
    if (page < 0)
        return;
    m_reading = page;
    const PageKeys keys = m_keys.at(page);
    m_readJob->start(
        [store = m_store, query = m_query, keys, limit = rowsInPage(page)] {
            return ReviewQueue(store).fetchBetween(query, keys.first, keys.last, limit);
        },
        [this, page](const Result<QueueSlice>& slice) {
            m_reading = -1;
            if (!slice.ok()) {
                failed(slice.error());
                return;
            }
            m_cache.insert(page, slice->rows);
            const int first = page * m_rowsPerPage;
            emit dataChanged(index(first, 0), index(first + rowsInPage(page) - 1, ColumnCount - 1));
            emit pageLoaded(int(slice->rows.size()));
            readWantedPage();
        });
}

void ReviewQueueModel::failed(const RagScope::Error& error)
{
    m_failed = true;
    m_wanted.clear();
    emit loadFailed(error);
}

void ReviewQueueModel::updateLoading()
{
    const bool loading = m_job->isBusy() || m_readJob->isBusy();
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace RagScope
