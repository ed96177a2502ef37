#include "privateserver.h"
#include "testdatabase.h"

#include <QFile>

namespace RagScope::Test {

namespace {
QString readUrl(const QString& path)
{
    QFile url(path);
    if (!url.open(QIODevice::ReadOnly))
        qFatal("private PostgreSQL: no url file %s", qPrintable(path));
    return QString::fromUtf8(url.readAll()).trimmed();
}
} // namespace

PrivateServer::PrivateServer()
{
    run(QStringLiteral("start"));
    m_url = readUrl(m_state.filePath(QStringLiteral("url")));
}

QString PrivateServer::startStandby()
{
    run(QStringLiteral("standby"));
    return readUrl(m_state.filePath(QStringLiteral("standby_url")));
}

PrivateServer::~PrivateServer()
{
    run(QStringLiteral("stop"));
}

void PrivateServer::pause()
{
    run(QStringLiteral("pause"));
}

void PrivateServer::resume()
{
    run(QStringLiteral("resume"));
}

void PrivateServer::run(const QString& command)
{
    runPgFixture(command, m_state.path());
}

} // namespace RagScope::Test
