#include "privateserver.h"
#include "testdatabase.h"

#include <QFile>

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
    runPgFixture(command, m_state.path());
}

} // namespace RagScope::Test
