#include "performancemonitor.h"

Q_LOGGING_CATEGORY(lcPerf, "ragscope.perf", QtWarningMsg)

namespace RagScope {

PerformanceMonitor::PerformanceMonitor(QString operation)
    : m_operation(std::move(operation))
{
    m_timer.start();
}

PerformanceMonitor::~PerformanceMonitor()
{
    qCDebug(lcPerf).noquote() << m_operation << m_timer.nsecsElapsed() / 1000 << "us";
}

} // namespace RagScope
