#pragma once

#include "csvfile.h"
#include "feedback/reviewqueue.h"

namespace RagScope {

/// The review queue as CSV for machines: every row that matches a ReviewQueueQuery (not only
/// the rows a view has loaded), with ids, the full query and answer, raw numbers, the end
/// user's rating and comment, and the newest reviewer verdict. Read through ReviewQueue's
/// keyset pages, one page in memory at a time.
class ReviewQueueCsv
{
public:
    static constexpr int DefaultPageSize = 500;

    explicit ReviewQueueCsv(StorePtr store, int pageSize = DefaultPageSize);

    static QStringList columns();
    /// Writes the whole queue to `path` (atomically). Blocking: run it off the GUI thread.
    /// Counts the rows first, so that progress can say "done of total"; stops between pages
    /// when the control says so, leaving no file.
    Result<CsvExportSummary> exportTo(const QString& path, const ReviewQueueQuery& query, CsvOptions options,
        const CsvExportControl& control = {}) const;

private:
    struct FullText;
    /// The number of rows of `query`; empty when cancelled meanwhile.
    Result<std::optional<qint64>> count(const ReviewQueueQuery& query, const CsvExportControl& control) const;
    Result<qint64> writePage(const QList<InteractionSummary>& page, CsvWriter& writer) const;

    StorePtr m_store;
    int m_pageSize;
};

} // namespace RagScope
