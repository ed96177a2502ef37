#pragma once

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcPerf)

namespace RagScope {

/// RAII timer: logs how long a named store operation took (category "ragscope.perf").
class PerformanceMonitor
{
public:
    explicit PerformanceMonitor(QString operation);
    ~PerformanceMonitor();
    PerformanceMonitor(const PerformanceMonitor&) = delete;
    PerformanceMonitor& operator=(const PerformanceMonitor&) = delete;

    qint64 elapsedMs() const { return m_timer.elapsed(); }

private:
    QString m_operation;
    QElapsedTimer m_timer;
};

} // namespace RagScope
