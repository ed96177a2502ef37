#include "labelstore.h"

#include "feedback/feedbackrules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace RagScope {

namespace {

constexpr int TeamReviewSchema = 6;

bool hasTables(const Store& store)
{
    return store.schemaVersion() >= TeamReviewSchema
        && store.exec(QStringLiteral("SELECT 1 FROM ragscope_review_labels WHERE 1 = 0")).ok()
        && store.exec(QStringLiteral("SELECT 1 FROM ragscope_review_scale WHERE 1 = 0")).ok();
}

} // namespace

LabelStore::LabelStore(StorePtr store)
    : m_store(std::move(store))
{ }

QString LabelStore::reservedKeys()
{
    return QStringLiteral("jksnu?12345"); // n: the next item of a queue
}

Status LabelStore::validate(const LabelSet& set)
{
    static const QRegularExpression colour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    QSet<QString> names, keys;
    for (const ReviewLabel& label : set.labels) {
        if (label.name.trimmed().isEmpty())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::LabelStore", "a label needs a name"));
        if (const Status rule = FeedbackRules::validateLabel(label.name); !rule.ok())
            return rule.error();
        if (names.contains(label.name))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::LabelStore", "label \"%1\" is listed twice")
                    .arg(label.name));
        names.insert(label.name);
        if (label.description.size() > 500)
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::LabelStore", "the description of \"%1\" is longer than 500 characters")
                    .arg(label.name));
        if (!colour.match(label.colour).hasMatch())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::LabelStore", "the colour of \"%1\" must look like #RRGGBB, not \"%2\"")
                    .arg(label.name, label.colour));
        if (label.shortcutKey.isEmpty())
            continue;
        const QString key = label.shortcutKey.toLower();
        if (key.size() != 1 || !key.at(0).isPrint() || key.at(0).isSpace())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::LabelStore", "the shortcut of \"%1\" must be one character")
                    .arg(label.name));
        if (reservedKeys().contains(key))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::LabelStore",
                    "the shortcut of \"%1\" (%2) is one of the Review page's own keys (%3)")
                    .arg(label.name, key, reservedKeys()));
        if (keys.contains(key))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::LabelStore", "shortcut %1 is given twice").arg(key));
        keys.insert(key);
    }
    if (set.ratingWording.size() != 5)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::LabelStore", "the rating scale needs five wordings, not %1")
                .arg(set.ratingWording.size()));
    for (const QString& wording : set.ratingWording) {
        if (wording.trimmed().isEmpty() || wording.size() > 100)
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::LabelStore", "each rating's wording must be 1 to 100 characters"));
    }
    return Done {};
}

Result<LabelSet> LabelStore::load(const LabelSet& fallback) const
{
    if (!hasTables(*m_store)) {
        LabelSet set = fallback;
        set.fromStore = false;
        return set;
    }
    LabelSet set;
    RAGSCOPE_TRY(labels,
        m_store->exec(
            QStringLiteral("SELECT name, description, colour, shortcut_key FROM ragscope_review_labels"
                           " ORDER BY position, name")));
    while (labels.next())
        set.labels << ReviewLabel { labels.value(0).toString(), labels.value(1).toString(),
            labels.value(2).toString(), labels.value(3).toString() };
    RAGSCOPE_TRY(scale,
        m_store->exec(QStringLiteral("SELECT rating, wording FROM ragscope_review_scale ORDER BY rating")));
    set.ratingWording = fallback.ratingWording;
    int worded = 0;
    while (scale.next()) {
        ++worded;
        const int rating = scale.value(0).toInt();
        if (rating >= 1 && rating <= set.ratingWording.size())
            set.ratingWording[rating - 1] = scale.value(1).toString();
    }
    if (set.labels.isEmpty() && worded == 0) {
        LabelSet start = fallback;
        start.fromStore = false;
        return start;
    }
    set.fromStore = true;
    return set;
}

Status LabelStore::save(const LabelSet& set) const
{
    if (const Status valid = validate(set); !valid.ok())
        return valid;
    const StorePtr writer = m_store->writer();
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::LabelStore", "cannot save the labels: %1")
                .arg(writer->readOnlyReason()));
    if (!hasTables(*writer))
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate("RagScope::LabelStore",
                "this store has no shared labels (schema version %1 < 6): run `ragscope-cli migrate`")
                .arg(writer->schemaVersion()));
    return writer->transaction([&]() -> Status {
        for (const char* table : { "ragscope_review_labels", "ragscope_review_scale" }) {
            if (const auto del = writer->exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
                !del.ok())
                return del.error();
        }
        for (qsizetype i = 0; i < set.labels.size(); ++i) {
            const ReviewLabel& l = set.labels[i];
            const auto ins = writer->exec(
                QStringLiteral(
                    "INSERT INTO ragscope_review_labels (name, description, colour, shortcut_key, position)"
                    " VALUES (?, ?, ?, ?, ?)"),
                { l.name, l.description.isNull() ? QStringLiteral("") : l.description, l.colour.toLower(),
                    l.shortcutKey.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                            : QVariant(l.shortcutKey.toLower()),
                    int(i) });
            if (!ins.ok())
                return ins.error();
        }
        for (int rating = 1; rating <= 5; ++rating) {
            const auto ins = writer->exec(
                QStringLiteral("INSERT INTO ragscope_review_scale (rating, wording) VALUES (?, ?)"),
                { rating, set.ratingWording[rating - 1] });
            if (!ins.ok())
                return ins.error();
        }
        return Done {};
    });
}

} // namespace RagScope
