#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QObject>

#include <functional>

namespace runlens {

// The one way RunLens follows background work (after KDAB hotspot's JobTracker). A tracker owns one
// kind of job of its owner: "the runs being loaded", "the evaluation", "the search". Starting a job
// supersedes the previous one: that one is canceled (QPromise::isCanceled() becomes true) and
// whatever it still reports is dropped, so no stale result ever reaches the owner. Handlers run on
// the tracker's thread, never after the tracker is destroyed; the destructor cancels every job it
// tracks and waits for the workers (never for a handler, so it cannot deadlock).
//
//   m_evaluation = new JobTracker(this);
//   m_evaluation->start(pipeline::evaluateWorkspace(dir, {}), [this](const QFuture<Result<EvaluationResult>>& f) {
//       if (f.resultCount() > 0) emit evaluationReady(f.result());   // canceled: no result
//   });
//
// The job's id (start()'s return value) lets asynchronous work that is not a QFuture (a network
// callback started by the job's handler) ask isCurrent(id) before it reports. Progress of the current
// job is forwarded as signals, for a progress dialog or bar (ui/common/jobprogress.h).
// Watchers, not QFuture::then(context, ...): Qt 6.4 sometimes lost a continuation attached to a
// future that finished meanwhile, and a job whose continuation is lost never finishes.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    explicit JobTracker(QObject* parent = nullptr);
    ~JobTracker() override;

    // Makes `future` the current job and returns its id. `done(future)` runs on this object's thread
    // once the job has finished, unless a newer start() or clear() came first; a job stopped by cancel()
    // still gets it (check isCanceled() / resultCount()). `resultsReady(future, begin, end)`, when
    // given, receives partial results of the current job as they arrive (chunked indexing, search).
    template <typename T>
    quint64 start(const QFuture<T>& future, std::function<void(const QFuture<T>&)> done,
        std::function<void(const QFuture<T>&, int, int)> resultsReady = {})
    {
        supersede();
        const quint64 id = ++m_current;
        m_busy = true;
        auto* watcher = watch(future, std::move(done), [this, id] { return id == m_current; });
        connect(watcher, &QFutureWatcherBase::finished, this, [this, id] { // after done(): connected later
            if (id != m_current)
                return; // done() started a newer job, or the job was superseded
            m_busy = false;
            Q_EMIT finished(id);
        });
        if (resultsReady) {
            connect(watcher, &QFutureWatcherBase::resultsReadyAt, this,
                [this, id, watcher, resultsReady = std::move(resultsReady)](int begin, int end) {
                    if (id == m_current)
                        resultsReady(watcher->future(), begin, end);
                });
        }
        connect(watcher, &QFutureWatcherBase::progressRangeChanged, this, [this, id](int minimum, int maximum) {
            if (id == m_current)
                Q_EMIT progressRangeChanged(minimum, maximum);
        });
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) {
            if (id == m_current)
                Q_EMIT progressValueChanged(value);
        });
        connect(watcher, &QFutureWatcherBase::progressTextChanged, this, [this, id](const QString& text) {
            if (id == m_current)
                Q_EMIT progressTextChanged(text);
        });
        watcher->setFuture(future);
        m_currentFuture = QFuture<void>(future);
        Q_EMIT started(id);
        return id;
    }

    // Tracks `future` beside the others without superseding anything, for independent jobs of one kind
    // (the collector verifying several downloads at once). `done` runs unless clear() came first.
    template <typename T> void add(const QFuture<T>& future, std::function<void(const QFuture<T>&)> done)
    {
        const quint64 epoch = m_epoch;
        auto* watcher = watch(future, std::move(done), [this, epoch] { return epoch == m_epoch; });
        watcher->setFuture(future);
    }

    // Asks the current job to stop; its done() still runs, with a canceled future.
    void cancel();
    // Cancels every job and drops all they would still report (the owner moved on: another workspace).
    void clear();
    // Blocks until every tracked worker has finished (tests, shutdown). Handlers run later, from the
    // event loop.
    void waitForFinished();

    // A job was started and its done() has not run yet.
    bool isRunning() const { return m_busy; }
    quint64 currentId() const { return m_current; }
    bool isCurrent(quint64 id) const { return id != 0 && id == m_current; }

Q_SIGNALS:
    void progressRangeChanged(int minimum, int maximum);
    void progressValueChanged(int value);
    void progressTextChanged(const QString& text);
    // A job became the current one (a progress dialog may follow it).
    void started(quint64 id);
    // After the current job's done() (canceled or not), or when clear() dropped it.
    void finished(quint64 id);

private:
    template <typename T>
    QFutureWatcher<T>* watch(
        const QFuture<T>& future, std::function<void(const QFuture<T>&)> done, std::function<bool()> wanted)
    {
        remember(QFuture<void>(future));
        auto* watcher = new QFutureWatcher<T>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
            [watcher, done = std::move(done), wanted = std::move(wanted)] {
                watcher->deleteLater();
                if (wanted() && done)
                    done(watcher->future());
            });
        return watcher;
    }
    void supersede();
    void remember(const QFuture<void>& future);

    quint64 m_current = 0; // id of the current job; 0 = none yet
    quint64 m_epoch = 0; // bumped by clear(): drops the handlers of add()ed jobs
    bool m_busy = false;
    QFuture<void> m_currentFuture;
    QList<QFuture<void>> m_running; // every worker not known to have finished
};

} // namespace runlens
