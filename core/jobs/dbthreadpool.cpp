#include "dbthreadpool.h"

#include <QThreadPool>

namespace RagScope {

QThreadPool* dbThreadPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(4);
        p->setExpiryTimeout(-1);
        return p;
    }();
    return pool;
}

} // namespace RagScope
