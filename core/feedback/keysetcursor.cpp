#include "keysetcursor.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace RagScope {

namespace {

constexpr auto Version = "k1";
constexpr auto Separator = '\n';
constexpr auto Base64Options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

Error badCursor()
{
    return makeError(ErrorKind::InvalidInput,
        QCoreApplication::translate("RagScope::KeysetCursor",
            "the paging cursor is not valid for this list (start again from the first page)"));
}

} // namespace

KeysetCursor::KeysetCursor(QString ordering, QString sortValue, QString createdAt, const QUuid& id)
    : m_ordering(std::move(ordering))
    , m_sortValue(std::move(sortValue))
    , m_createdAt(std::move(createdAt))
    , m_id(id)
{ }

QString KeysetCursor::encode() const
{
    const QStringList fields { QLatin1String(Version), m_ordering, m_sortValue, m_createdAt,
        m_id.toString(QUuid::WithoutBraces) };
    return QString::fromLatin1(fields.join(QLatin1Char(Separator)).toUtf8().toBase64(Base64Options));
}

Result<KeysetCursor> KeysetCursor::decode(const QString& text, const QString& expectedOrdering)
{
    static const QRegularExpression isoTime(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$"));
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), Base64Options | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return badCursor();
    const QStringList fields = QString::fromUtf8(*decoded).split(QLatin1Char(Separator));
    if (fields.size() != 5 || fields.at(0) != QLatin1String(Version) || fields.at(1) != expectedOrdering)
        return badCursor();
    const QUuid id = QUuid::fromString(fields.at(4));
    if (id.isNull() || !isoTime.match(fields.at(3)).hasMatch())
        return badCursor();
    return KeysetCursor(fields.at(1), fields.at(2), fields.at(3), id);
}

} // namespace RagScope
