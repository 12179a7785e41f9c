#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace runlens::logs {

// Calls `f(future)` in `context`'s thread once `future` has finished (also when it already has, or was
// cancelled; check future.isCanceled() / resultCount()). Dropped when `context` is destroyed first.
// Used instead of QFuture::then(context, ...), whose continuation Qt 6.4 sometimes lost for futures
// that finished while it was being attached.
template <typename T, typename F> void whenFinished(QObject* context, const QFuture<T>& future, F&& f)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, f = std::forward<F>(f)]() mutable {
        watcher->deleteLater();
        f(watcher->future());
    });
    watcher->setFuture(future);
}

} // namespace runlens::logs
