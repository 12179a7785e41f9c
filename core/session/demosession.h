#pragma once

#include "common/result.h"
#include "github/collectprogress.h"
#include "sample/sampleoptions.h"

#include <QObject>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace runlens::sample {
class FakeGitHubServer;
}

namespace runlens::session {

class CollectionRunner;

// The demo: serves the sample corpus with FakeGitHubServer on 127.0.0.1, creates a temporary
// workspace and collects from the fake API with a Collector on a worker thread that has its own
// Workspace connection. Progress arrives as progressChanged(); then collected() with the workspace
// folder, or failed() naming what went wrong. The folder is removed with the session. Once collected,
// every attempt carries the corpus's ground-truth category as a label (source "sample"), so the
// demo's Evaluation tab has something to measure.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    // A small corpus that collects and analyses in seconds.
    static sample::SampleOptions defaultOptions();

    explicit DemoSession(sample::SampleOptions options = defaultOptions(), QObject* parent = nullptr);
    ~DemoSession() override;

    void start();
    // Stops the collection; collected() follows with summary.canceled set.
    void cancel();
    QString workspaceDir() const { return m_dir.path(); }
    QStringList repositories() const { return m_repositories; }
    QUrl apiUrl() const;
    // The sample server's own token (a generated one, not a GitHub credential), for collecting from it
    // again, e.g. a log downloaded anew.
    QByteArray token() const;
    // The collection itself: pause, resume, failures as they happen (for the Collection panel).
    CollectionRunner* runner() const { return m_runner; }
    // Every answer of the sample server waits this long (0: none): lets a person, or a screenshot,
    // watch the collection happen. Set before start().
    void setLatencyMs(int ms) { m_latencyMs = ms; }

signals:
    void progressChanged(const runlens::github::CollectProgress& progress);
    void collected(const QString& workspaceDir, const runlens::github::CollectSummary& summary);
    void failed(const QString& message);

private:
    Status storeGroundTruth();

    sample::SampleOptions m_options;
    std::unique_ptr<sample::FakeGitHubServer> m_server;
    QTemporaryDir m_dir;
    CollectionRunner* m_runner = nullptr;
    QStringList m_repositories;
    int m_latencyMs = 0;
};

} // namespace runlens::session
