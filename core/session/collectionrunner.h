#pragma once

#include "github/collectoptions.h"
#include "github/collectprogress.h"

#include <QObject>
#include <QThread>

namespace runlens::github {
class Collector;
}

namespace runlens::session {

// Runs a github::Collector on its own worker thread with its own Workspace connection on
// `workspaceDir`, so the GUI thread never waits on the network or SQLite. Progress and the summary
// come back as signals on the runner's thread; failed() names the workspace when it cannot open.
class CollectionRunner : public QObject
{
    Q_OBJECT
public:
    explicit CollectionRunner(QObject* parent = nullptr);
    ~CollectionRunner() override;

    void start(const QString& workspaceDir, const github::CollectOptions& options, const QByteArray& token);
    // Stops the collection; finished() follows with summary.canceled set. Works while paused.
    void cancel();
    // No new requests until resume(); those in flight finish (progressChanged() shows paused, inFlight).
    void pause();
    void resume();
    bool isRunning() const { return m_running; }

signals:
    void progressChanged(const runlens::github::CollectProgress& progress);
    void failureAdded(const runlens::github::CollectFailure& failure);
    void finished(const runlens::github::CollectSummary& summary);
    void failed(const QString& message);

private:
    // Runs `call` on the Collector, on its thread, if one is collecting.
    void invokeOnCollector(void (github::Collector::*call)());

    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread; parent of the Collector
    bool m_running = false;
};

} // namespace runlens::session
