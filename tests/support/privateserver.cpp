#include "privateserver.h"

#include <QFile>
#include <QProcess>

namespace RagScope::Test {

PrivateServer::PrivateServer()
{
    run(QStringLiteral("start"));
    QFile url(m_state.filePath(QStringLiteral("url")));
    if (!url.open(QIODevice::ReadOnly))
        qFatal("private PostgreSQL: no url file");
    m_url = QString::fromUtf8(url.readAll()).trimmed();
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
    const QString script = qEnvironmentVariable("RAGSCOPE_SOURCE_DIR") + QStringLiteral("/tests/support/pg-fixture.sh");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(script, { command, m_state.path() });
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("pg-fixture.sh %s failed: %s", qPrintable(command), p.readAll().constData());
}

} // namespace RagScope::Test
