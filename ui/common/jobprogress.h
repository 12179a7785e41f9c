#pragma once

#include <QFutureWatcher>
#include <QProgressDialog>

#include <functional>

namespace runlens::ui {

// Follows a background job (a QFuture with progress range, value and text) with a progress dialog
// whose Cancel cancels the future, then calls `done` on `parent`'s thread with the finished future
// (canceled or not: check isCanceled() and resultCount()). The dialog shows after 300 ms, so quick jobs
// do not flash one. Returns the dialog (owned by `parent`, deleted when the job ends) for tests.
//
//   followJob<Result>(this, tr("Import"), tr("Importing..."), importSeedFolder(ws, dir),
//                     [this](const QFuture<Result>& f) { ... });
template <typename T>
QProgressDialog* followJob(QWidget* parent, const QString& title, const QString& label, const QFuture<T>& future,
    std::function<void(const QFuture<T>&)> done)
{
    auto* watcher = new QFutureWatcher<T>(parent);
    auto* progress = new QProgressDialog(label, QProgressDialog::tr("Cancel"), 0, 0, parent);
    progress->setWindowTitle(title);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcherBase::cancel);
    QObject::connect(watcher, &QFutureWatcherBase::progressRangeChanged, progress, &QProgressDialog::setRange);
    QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
    QObject::connect(watcher, &QFutureWatcherBase::progressTextChanged, progress, &QProgressDialog::setLabelText);
    QObject::connect(watcher, &QFutureWatcherBase::finished, parent, [watcher, progress, done = std::move(done)] {
        progress->deleteLater();
        watcher->deleteLater();
        done(watcher->future());
    });
    watcher->setFuture(future);
    return progress;
}

} // namespace runlens::ui
