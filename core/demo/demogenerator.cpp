#include "demogenerator.h"
#include "demotext.h"

#include "base/performancemonitor.h"
#include "recorder/interactionrecorder.h"
#include "store/sqldialect.h"
#include "store/sqlitefilebuilder.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <cmath>
#include <random>

namespace RagScope {

namespace {

// Our own distributions on top of mt19937_64, so a seed gives the same store everywhere.
class Dice
{
public:
    explicit Dice(quint64 seed)
        : m_engine(seed)
    { }
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    int below(int n) { return int(uniform() * n); }
    double normal()
    {
        const double u1 = std::max(uniform(), 1e-12);
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    double logNormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    QUuid uuid()
    {
        QByteArray bytes(16, Qt::Uninitialized);
        const quint64 a = m_engine(), b = m_engine();
        memcpy(bytes.data(), &a, 8);
        memcpy(bytes.data() + 8, &b, 8);
        bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = char((bytes[8] & 0x3f) | 0x80); // variant
        return QUuid::fromRfc4122(bytes);
    }

private:
    std::mt19937_64 m_engine;
};

struct DemoModel
{
    const char* name;
    double share;
    double generationMedianMs;
};

// One model the default price table does not know, so the "no price" warning is visible.
constexpr DemoModel Models[] = {
    { "gemini-1.5-flash-latest", 0.58, 650 },
    { "gemini-1.5-pro-latest", 0.27, 1500 },
    { "gemini-1.5-flash-8b", 0.12, 420 },
    { "claude-3-haiku", 0.03, 700 },
};

const DemoModel& pickModel(Dice& dice)
{
    double r = dice.uniform();
    for (const DemoModel& m : Models) {
        if (r < m.share)
            return m;
        r -= m.share;
    }
    return Models[0];
}

// Zipf-like: user k is picked with weight 1/(k+1)^1.1.
class UserPicker
{
public:
    explicit UserPicker(QStringList users)
        : m_users(std::move(users))
    {
        double total = 0;
        for (int k = 0; k < m_users.size(); ++k) {
            total += 1.0 / std::pow(k + 1, 1.1);
            m_cumulative << total;
        }
        for (double& c : m_cumulative)
            c /= total;
    }
    const QString& pick(Dice& dice) const
    {
        const double r = dice.uniform();
        const auto it = std::lower_bound(m_cumulative.cbegin(), m_cumulative.cend(), r);
        return m_users[std::min<qsizetype>(it - m_cumulative.cbegin(), m_users.size() - 1)];
    }

private:
    QStringList m_users;
    QList<double> m_cumulative;
};

// Busy on weekdays and office hours (UTC), growing a little over the window.
QDateTime pickTime(Dice& dice, const QDateTime& from, int days)
{
    static constexpr double HourWeight[24] = { 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.6, 2.0, 2.1, 2.0,
        1.6, 1.9, 2.0, 1.9, 1.6, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25 };
    for (;;) {
        const double dayPos = std::sqrt(dice.uniform()); // density grows linearly: adoption trend
        const int day = std::min(days - 1, int(dayPos * days));
        const QDate date = from.date().addDays(day);
        if (date.dayOfWeek() >= 6 && dice.uniform() > 0.35)
            continue;
        const int hour = dice.below(24);
        if (dice.uniform() * 2.1 > HourWeight[hour])
            continue;
        const qint64 ms = (qint64(hour) * 3600 + dice.below(3600)) * 1000 + dice.below(1000);
        return from.addDays(day).addMSecs(ms);
    }
}

// The default end: now, cut to the hour, so no row lies in the future and "last 24 h" has data.
QDateTime lastFullHour()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return QDateTime(now.date(), QTime(now.time().hour(), 0), QTimeZone::utc());
}

int pickRating(Dice& dice, double confidence)
{
    // Low confidence answers are rated worse; a few good answers get bad ratings anyway.
    const double quality = std::clamp(confidence + 0.25 * dice.normal(), 0.0, 1.0);
    if (quality < 0.35)
        return 1;
    if (quality < 0.55)
        return 2;
    if (quality < 0.7)
        return 3;
    if (quality < 0.85)
        return 4;
    return 5;
}

} // namespace

namespace {

struct PendingFeedback
{
    QUuid interaction;
    int rating;
    QString comment;
    QDateTime at;
};

struct PendingReview
{
    QUuid interaction;
    QString reviewer;
    int rating;
    QString label;
    QDateTime at;
};

// One chunk of demo rows, drawn first and then written in one transaction per table.
struct Chunk
{
    QList<InteractionRecord> interactions;
    QList<PendingFeedback> feedback;
    QList<PendingReview> reviews;
};

InteractionRecord drawInteraction(Dice& dice, const UserPicker& users, const QDateTime& from, int days)
{
    const auto& topics = DemoText::topics();
    InteractionRecord r;
    r.id = dice.uuid();
    r.userId = users.pick(dice);
    const auto& topic = topics[dice.below(int(topics.size()))];
    r.query = QString::fromUtf8(topic.query);
    r.answer
        = QString::fromUtf8(topic.answer) + QStringLiteral(" [%1 source(s) cited]").arg(1 + dice.below(4));
    const DemoModel& model = pickModel(dice);
    r.model = QString::fromLatin1(model.name);
    if (dice.uniform() > 0.01) {
        const double base
            = dice.uniform() < 0.14 ? 0.25 + 0.35 * dice.uniform() : 0.6 + 0.4 * std::sqrt(dice.uniform());
        r.confidence = std::round(std::clamp(base, 0.0, 1.0) * 10000.0) / 10000.0;
    }
    r.citations = r.confidence && *r.confidence < 0.5 ? dice.below(2) : 1 + dice.below(5);
    r.retrievalLatencyMs = std::round(dice.logNormal(110, 0.45) * 100) / 100;
    r.generationLatencyMs = std::round(dice.logNormal(model.generationMedianMs, 0.5) * 100) / 100;
    r.totalLatencyMs
        = *r.retrievalLatencyMs + *r.generationLatencyMs + std::round(dice.logNormal(25, 0.4) * 100) / 100;
    if (dice.uniform() < 0.02)
        r.retrievalLatencyMs.reset(); // older clients did not report the split
    r.promptTokens = 250 + dice.below(2800);
    r.completionTokens = 40 + qint64(dice.logNormal(220, 0.6));
    r.createdAt = pickTime(dice, from, days);
    return r;
}

// Quality reviewers look at recent bad answers: about a third of them get one or two reviews.
void drawReviews(
    Dice& dice, const InteractionRecord& r, std::optional<int> userRating, const QDateTime& end, Chunk& chunk)
{
    static const char* reviewers[] = { "maria.qa", "tom.qa", "li.qa" };
    const double confidence = r.confidence.value_or(0.5);
    const bool bad = (userRating && *userRating <= 2) || confidence < 0.6;
    // reviewers work through the last six weeks, a couple of days behind
    if (!bad || r.createdAt < end.addDays(-45) || r.createdAt > end.addDays(-2) || dice.uniform() > 0.35)
        return;
    const int count = dice.uniform() < 0.25 ? 2 : 1;
    for (int k = 0; k < count; ++k) {
        // mostly within one star of the user; sometimes the reviewer sees it quite differently
        const int delta = dice.uniform() < 0.15 ? (2 + dice.below(2)) * (dice.uniform() < 0.5 ? -1 : 1)
                                                : dice.below(3) - 1;
        const int rating = std::clamp(userRating.value_or(confidence < 0.45 ? 2 : 3) + delta, 1, 5);
        QString label;
        if (rating >= 4)
            label = QStringLiteral("good answer");
        else if (confidence < 0.45)
            label = dice.uniform() < 0.6 ? QStringLiteral("retrieval miss") : QStringLiteral("incomplete");
        else
            label
                = dice.uniform() < 0.5 ? QStringLiteral("hallucination") : QStringLiteral("outdated source");
        const QDateTime at = r.createdAt.addSecs(3600 * (2 + dice.below(40)) + k * 600);
        chunk.reviews.append({ r.id, QLatin1String(reviewers[(dice.below(3) + k) % 3]), rating, label, at });
    }
}

Status writeChunk(const StorePtr& store, const InteractionRecorder& recorder, Dice& dice, const Chunk& chunk)
{
    const SqlDialect d(store->dialect());
    RAGSCOPE_TRY(ids, recorder.recordBatch(chunk.interactions));
    const QVariant noText(QMetaType::fromType<QString>());
    return store->transaction([&]() -> Status {
        const QString feedbackSql
            = QStringLiteral("INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at)"
                             " VALUES (%1, %1, ?, ?, %2)")
                  .arg(d.uuidParam(), d.timeParam());
        for (const PendingFeedback& f : chunk.feedback) {
            RAGSCOPE_TRY(q,
                store->exec(feedbackSql,
                    { d.bindUuid(dice.uuid()), d.bindUuid(f.interaction), f.rating,
                        f.comment.isEmpty() ? noText : QVariant(f.comment), d.bindTime(f.at) }));
        }
        const QString reviewSql = QStringLiteral(
            "INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating, label, created_at)"
            " VALUES (%1, %1, ?, ?, ?, %2)")
                                      .arg(d.uuidParam(), d.timeParam());
        for (const PendingReview& r : chunk.reviews) {
            RAGSCOPE_TRY(q,
                store->exec(reviewSql,
                    { d.bindUuid(dice.uuid()), d.bindUuid(r.interaction), r.reviewer, r.rating, r.label,
                        d.bindTime(r.at) }));
        }
        return Done {};
    });
}

} // namespace

Result<DemoSummary> DemoGenerator::generate(
    const StorePtr& store, const DemoOptions& options, const std::function<bool(qint64, qint64)>& progress)
{
    PerformanceMonitor perf(QStringLiteral("generate demo store"));
    if (options.rows < 1 || options.days < 1)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::DemoGenerator", "a demo store needs at least one row and one day"));
    Dice dice(options.seed);
    const QDateTime end = options.end.isValid() ? options.end.toUTC() : lastFullHour();
    const QDateTime from = end.addDays(-options.days);
    const UserPicker users(DemoText::userIds(180));
    const InteractionRecorder recorder(store, CostTracker(options.prices));
    constexpr int ChunkSize = 2000;
    DemoSummary summary { 0, 0, 0, from, end };
    for (int start = 0; start < options.rows; start += ChunkSize) {
        Chunk chunk;
        for (int i = start; i < std::min(options.rows, start + ChunkSize); ++i) {
            const InteractionRecord r = drawInteraction(dice, users, from, options.days);
            std::optional<int> rating;
            if (dice.uniform() < options.feedbackShare) {
                rating = pickRating(dice, r.confidence.value_or(0.5));
                const QStringList& comments = DemoText::commentsForRating(*rating);
                const QString comment
                    = dice.uniform() < 0.45 ? comments[dice.below(int(comments.size()))] : QString();
                const QDateTime at
                    = std::min(end.addMSecs(-1), r.createdAt.addSecs(20 + qint64(dice.logNormal(600, 1.2))));
                chunk.feedback.append({ r.id, *rating, comment, at });
            }
            if (store->hasReviews())
                drawReviews(dice, r, rating, end, chunk);
            chunk.interactions << r;
        }
        const Status written = writeChunk(store, recorder, dice, chunk);
        if (!written.ok())
            return written.error();
        summary.interactions += chunk.interactions.size();
        summary.feedbacks += chunk.feedback.size();
        summary.reviews += chunk.reviews.size();
        if (progress && !progress(summary.interactions, options.rows))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::DemoGenerator", "demo generation cancelled"));
    }
    return summary;
}

Result<DemoSummary> DemoGenerator::createSqlite(
    const QString& path, const DemoOptions& options, const std::function<bool(qint64, qint64)>& progress)
{
    DemoSummary summary;
    const Status built = SqliteFileBuilder::build(path, [&](const StorePtr& store) -> Status {
        RAGSCOPE_TRY(made, generate(store, options, progress));
        summary = made;
        return Done {};
    });
    if (!built.ok())
        return built.error();
    return summary;
}

} // namespace RagScope
