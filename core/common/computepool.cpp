#include "computepool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace runlens {

QThreadPool* computePool()
{
    // Destroyed at exit, after waiting for its tasks.
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setObjectName(QStringLiteral("runlens-compute"));
        pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        return true;
    }();
    return configured ? &pool : nullptr;
}

} // namespace runlens
