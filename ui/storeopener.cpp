#include "storeopener.h"

#include "connectionprofiles.h"
#include "demo/demogenerator.h"
#include "jobs/latestjob.h"
#include "jobs/promiseprogress.h"
#include "replica/replicapair.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace RagScope {

namespace {
const QString kDemoMadeOn = QStringLiteral("demo/madeOn");
} // namespace

StoreOpener::StoreOpener(QObject* parent)
    : QObject(parent)
    , m_job(new LatestJob(this))
{
    connect(m_job, &LatestJob::busyChanged, this, &StoreOpener::busyChanged);
    connect(m_job, &LatestJob::progress, this, &StoreOpener::progress);
}

QString StoreOpener::demoPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.sqlite"));
}

bool StoreOpener::isBusy() const
{
    return m_job->isBusy();
}

void StoreOpener::cancel()
{
    m_job->cancel();
}

namespace {
Store::OpenOptions guiOptions(bool createSchema = false)
{
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    options.migrate = true;
    options.createSchema = createSchema;
    return options;
}
} // namespace

void StoreOpener::open(const StoreLocation& location, bool createSchema)
{
    cancel();
    // A read replica reads here and writes (and migrates) on the primary remembered for it.
    const std::optional<StoreLocation> writeTo = ConnectionProfiles::writeStore(location);
    m_job->start(
        [location, writeTo, createSchema]() -> Result<StorePtr> {
            if (writeTo)
                return ReplicaPair::open(location, *writeTo, guiOptions(createSchema));
            RAGSCOPE_TRY(store, Store::open(location, guiOptions(createSchema)));
            return StorePtr(store);
        },
        [this, location](const Result<StorePtr>& store) { deliver(store, location); });
}

void StoreOpener::openDemo()
{
    StoreLocation location;
    location.sqlitePath = demoPath();
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    if (QFileInfo::exists(location.sqlitePath) && QSettings().value(kDemoMadeOn).toString() == today) {
        open(location);
        return;
    }
    m_job->start(
        [location](QPromise<Result<StorePtr>>& promise) -> Result<StorePtr> {
            if (!QDir().mkpath(QFileInfo(location.sqlitePath).absolutePath()))
                return makeError(ErrorKind::PermissionDenied,
                    QStringLiteral("cannot create the folder of %1").arg(location.sqlitePath));
            const auto made = DemoGenerator::createSqlite(
                location.sqlitePath, DemoOptions {}, [&promise](qint64 done, qint64 total) {
                    reportRows(promise, done, total);
                    return !promise.isCanceled(); // a newer request or cancel() stops it here
                });
            if (!made.ok())
                return made.error();
            RAGSCOPE_TRY(store, Store::open(location, guiOptions()));
            return StorePtr(store);
        },
        [this, location, today](const Result<StorePtr>& store) {
            if (store.ok())
                QSettings().setValue(kDemoMadeOn, today);
            deliver(store, location);
        });
}

void StoreOpener::deliver(const Result<StorePtr>& store, const StoreLocation& location)
{
    if (store.ok())
        emit opened(store.value());
    else
        emit failed(store.error(), location);
}

} // namespace RagScope
