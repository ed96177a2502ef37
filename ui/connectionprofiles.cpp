#include "connectionprofiles.h"

#include <QSettings>

namespace RagScope {

namespace {
const QString kProfiles = QStringLiteral("connections/profiles");
const QString kRecent = QStringLiteral("stores/recent");
const QString kWriteStores = QStringLiteral("connections/writeStores"); // read URL → write URL
const QString kReviewers = QStringLiteral("connections/reviewers"); // URL → reviewer name
} // namespace

QList<StoreLocation> ConnectionProfiles::profiles()
{
    QList<StoreLocation> out;
    const QStringList urls = QSettings().value(kProfiles).toStringList();
    for (const QString& url : urls) {
        const auto location = StoreLocation::parse(url);
        if (location.ok() && location->dialect == Dialect::Postgres)
            out << location.value();
    }
    return out;
}

void ConnectionProfiles::saveProfile(const StoreLocation& location)
{
    if (location.dialect == Dialect::Postgres)
        prepend(kProfiles, location.urlWithoutPassword(), 20);
}

std::optional<StoreLocation> ConnectionProfiles::writeStore(const StoreLocation& read)
{
    const QString url = QSettings().value(kWriteStores).toMap().value(read.urlWithoutPassword()).toString();
    const auto location = StoreLocation::parse(url);
    if (url.isEmpty() || !location.ok())
        return std::nullopt;
    return location.value();
}

void ConnectionProfiles::setWriteStore(const StoreLocation& read, const std::optional<StoreLocation>& write)
{
    QSettings settings;
    QVariantMap map = settings.value(kWriteStores).toMap();
    if (write)
        map.insert(read.urlWithoutPassword(), write->urlWithoutPassword());
    else
        map.remove(read.urlWithoutPassword());
    settings.setValue(kWriteStores, map);
}

QString ConnectionProfiles::reviewer(const StoreLocation& location)
{
    return QSettings().value(kReviewers).toMap().value(location.urlWithoutPassword()).toString();
}

void ConnectionProfiles::setReviewer(const StoreLocation& location, const QString& name)
{
    QSettings settings;
    QVariantMap map = settings.value(kReviewers).toMap();
    if (name.trimmed().isEmpty())
        map.remove(location.urlWithoutPassword());
    else
        map.insert(location.urlWithoutPassword(), name.trimmed());
    settings.setValue(kReviewers, map);
}

QStringList ConnectionProfiles::recentStores()
{
    return QSettings().value(kRecent).toStringList();
}

void ConnectionProfiles::addRecentStore(const StoreLocation& location)
{
    prepend(kRecent, location.urlWithoutPassword(), MaxRecent);
}

void ConnectionProfiles::removeRecentStore(const QString& url)
{
    QSettings settings;
    QStringList urls = settings.value(kRecent).toStringList();
    urls.removeAll(url);
    settings.setValue(kRecent, urls);
}

void ConnectionProfiles::prepend(const QString& key, const QString& url, int limit)
{
    QSettings settings;
    QStringList urls = settings.value(key).toStringList();
    urls.removeAll(url);
    urls.prepend(url);
    while (urls.size() > limit)
        urls.removeLast();
    settings.setValue(key, urls);
}

} // namespace RagScope
