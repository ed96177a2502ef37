#include "connectionprofiles.h"

#include <QSettings>

namespace RagScope {

namespace {
const QString kProfiles = QStringLiteral("connections/profiles");
const QString kRecent = QStringLiteral("stores/recent");
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
