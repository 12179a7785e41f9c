#pragma once

#include "github/collectprogress.h"
#include "throughputmeter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;

namespace runlens::session {
class CollectionRunner;
}

namespace runlens::ui {

class CollectFailuresModel;
class RepoProgressModel;

// The Collection dock's contents: an overall bar and one row per repository, the counts, bytes with
// throughput (sliding window) and ETA, the rate-limit budget with a countdown to its reset (and a
// prominent "Waiting for rate limit reset" while the limit holds the collection), Pause/Resume and
// Cancel, and the failures as they happen; double-clicking a failure emits runActivated().
//
//   panel->attach(runner, options.repositories);  // follows that runner until it finishes
class CollectionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CollectionPanel(QWidget* parent = nullptr);
    ~CollectionPanel() override;

    // Shows `runner`'s collection of `repositories` from now on: clears the rows, failures and
    // throughput, and routes Pause/Resume/Cancel to it. The panel never owns the runner.
    void attach(session::CollectionRunner* runner, const QStringList& repositories);
    // A note above the bar, e.g. "Looking for a token..." or "No token: listing public runs only."; it
    // stays while the collection runs unless a rate-limit wait or a pause has something to say.
    void setStatus(const QString& text);

    // What the runner reports; public so that tests and other sources can drive the panel.
    void showProgress(const github::CollectProgress& progress);
    void addFailure(const github::CollectFailure& failure);
    void showSummary(const github::CollectSummary& summary);
    void showFailed(const QString& message);

    // Wide enough for a bar and the counts next to each repository name.
    QSize sizeHint() const override;

    bool isCollecting() const { return m_collecting; }
    bool isPaused() const { return m_paused; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    RepoProgressModel* repositoriesModel() const { return m_repoModel; }
    CollectFailuresModel* failuresModel() const { return m_failuresModel; }
    QTableView* failuresView() const { return m_failuresView; }

    // The run's page on the web for an API base URL: api.github.com -> github.com,
    // GHES https://HOST/api/v3 -> https://HOST, anything else (a local fake) -> its own origin.
    static QUrl runPageUrl(const QUrl& apiUrl, const QString& repository, qint64 runId, int attempt);

signals:
    void pauseRequested();
    void resumeRequested();
    void cancelRequested();
    // A failure naming a run was double-clicked (or activated with Enter).
    void runActivated(const QString& repository, qint64 runId, int attempt);
    // The budget changed (remaining -1: unknown); for a status-bar indicator.
    void rateLimitChanged(int remaining, int limit, const QDateTime& reset);

private:
    void showState(const QString& text, const QString& styleSheet = {}, const QString& toolTip = {});
    void togglePause();
    void tick();
    void updateTimedLines();
    void setCollecting(bool collecting);
    void activateFailure(const QModelIndex& index);

    QProgressBar* m_overall = nullptr;
    QLabel* m_state = nullptr; // prominent: waiting for the rate limit, paused, finished
    QLabel* m_counts = nullptr;
    QLabel* m_transfer = nullptr;
    QLabel* m_rate = nullptr;
    QTableView* m_repoView = nullptr;
    RepoProgressModel* m_repoModel = nullptr;
    QLabel* m_failuresLabel = nullptr;
    QTableView* m_failuresView = nullptr;
    CollectFailuresModel* m_failuresModel = nullptr;
    QToolButton* m_pauseButton = nullptr;
    QToolButton* m_cancelButton = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QTimer m_ticker; // 1 s: countdowns, throughput
    QElapsedTimer m_clock; // since attach(): the throughput meter's time base
    ThroughputMeter m_meter;
    QPointer<session::CollectionRunner> m_runner;
    QList<QMetaObject::Connection> m_runnerConnections;
    github::CollectProgress m_last;
    qint64 m_lastAtMs = 0; // m_clock when m_last arrived
    QString m_note; // setStatus()
    bool m_collecting = false;
    bool m_paused = false;
};

} // namespace runlens::ui
