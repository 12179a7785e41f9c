// Runs table benchmark (not a test): opens a workspace in the main window as the desktop app does and
// measures the time to the first painted runs table (rows shown: the first batch of a large workspace),
// to every row loaded and shown (WorkspaceSession::runsLoaded), to the stored analysis (scores shown),
// then the time of page-down scroll steps and of sorts by several columns, each with its repaint, and the
// process's peak RSS.
//   build/ci/bench/runstable_bench WORKSPACE_DIR [scroll steps] [--open-only]
// --open-only stops once every row is in the table (no wait for a stored analysis, no scrolls or sorts).
// Runs offscreen (QT_QPA_PLATFORM=offscreen is set when no platform is given).
#include "mainwindow.h"
#include "pages/runspage.h"
#include "runs/runstablemodel.h"
#include "session/workspacesession.h"
#include "workspace/modelstore.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>
#include <vector>

using namespace runlens;

namespace {

// Calls `done` with the rows shown after the first paint of the viewport once the table has rows.
class FirstPaint : public QObject
{
public:
    FirstPaint(QTableView* view, std::function<void(int)> done)
        : m_view(view)
        , m_done(std::move(done))
    {
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && m_done && m_view->model()->rowCount() > 0) {
            auto done = std::exchange(m_done, nullptr);
            const int rows = m_view->model()->rowCount();
            QTimer::singleShot(0, this, [done, rows] { done(rows); }); // after this paint
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView* m_view;
    std::function<void(int)> m_done;
};

// Waits (processing events, sleeping between them as the application's event loop does) until `ready()`
// or `timeoutMs`; false on timeout. A 20 ms timer wakes the loop to check `ready()`: polling
// processEvents() without waiting kept the GUI thread busy and counted its spinning as CPU of the open.
bool waitFor(const std::function<bool()>& ready, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QTimer tick;
    tick.start(20);
    while (!ready()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void printStats(const char* what, std::vector<double> ms)
{
    if (ms.empty())
        return;
    std::sort(ms.begin(), ms.end());
    std::printf("%s: n=%zu median %.1f ms, p90 %.1f ms, max %.1f ms\n", what, ms.size(), ms[ms.size() / 2],
        ms[std::min(ms.size() - 1, ms.size() * 9 / 10)], ms.back());
}

// CPU seconds of the process so far (every thread): on a shared machine wall times overstate.
double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The window's settings (geometry, recent workspaces) go to a throw-away folder, not the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: runstable_bench WORKSPACE_DIR [scroll steps] [--open-only]\n");
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const QString dir = args.at(1);
    bool hasModel = false;
    {
        workspace::Workspace ws;
        if (Status s = ws.open(dir); !s) {
            std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(dir), qPrintable(s.error()));
            return 1;
        }
        const Result<std::optional<qint64>> latest = workspace::ModelStore(ws).latestModelId();
        hasModel = latest && latest->has_value();
    }
    const int steps = args.size() > 2 ? args.at(2).toInt() : 50;
    const bool openOnly = args.contains(QStringLiteral("--open-only"));

    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();
    QTableView* view = window.runsPage()->view();
    session::WorkspaceSession* session = window.session();

    QElapsedTimer clock;
    bool painted = false;
    double firstPaintMs = 0;
    double firstPaintCpu = 0;
    int paintedRows = 0;
    FirstPaint watch(view, [&](int rows) {
        painted = true;
        paintedRows = rows;
        firstPaintMs = msSince(clock);
        firstPaintCpu = cpuSeconds();
    });
    bool loaded = false;
    double loadedMs = 0;
    double loadedCpu = 0;
    QObject::connect(session, &session::WorkspaceSession::runsLoaded, &app, [&] {
        // Connected after the runs page: its rows are in the table.
        loaded = true;
        loadedMs = msSince(clock);
        loadedCpu = cpuSeconds();
    });
    bool analysed = false;
    double analysisMs = 0;
    QObject::connect(session, &session::WorkspaceSession::analysisChanged, &app, [&](const auto& analysis) {
        if (analysis && !analysed) {
            analysed = true;
            analysisMs = msSince(clock);
        }
    });
    const double cpuAtOpen = cpuSeconds();
    clock.start();
    if (Status s = session->open(dir); !s) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(dir), qPrintable(s.error()));
        return 1;
    }
    if (!waitFor([&] { return painted; }, 120'000)) {
        std::fprintf(stderr, "no rows painted within 120 s\n");
        return 1;
    }
    std::printf("open -> first painted runs table: %.0f ms wall, %.2f CPU s (all threads), %d rows shown\n",
        firstPaintMs, firstPaintCpu - cpuAtOpen, paintedRows);
    if (!waitFor([&] { return loaded; }, 120'000)) {
        std::fprintf(stderr, "the rows did not all load within 120 s\n");
        return 1;
    }
    std::printf("open -> every row loaded and in the table: %.0f ms wall, %.2f CPU s (all threads), %d rows\n",
        loadedMs, loadedCpu - cpuAtOpen, view->model()->rowCount());
    if (openOnly) {
        std::printf("peak RSS: %ld MiB\n", peakRssKiB() / 1024);
        return 0;
    }
    if (!hasModel)
        std::printf("stored analysis: none in this workspace\n");
    else if (waitFor([&] { return analysed; }, 1'800'000))
        std::printf("open -> stored analysis shown (scores): %.0f ms\n", analysisMs);
    else
        std::printf("stored analysis: not shown within 30 min\n");
    QCoreApplication::processEvents();

    // Scroll by pages, repainting each step as the event loop would.
    QScrollBar* bar = view->verticalScrollBar();
    std::vector<double> scroll;
    for (int i = 0; i < steps; ++i) {
        QElapsedTimer t;
        t.start();
        bar->setValue(std::min(bar->maximum(), bar->value() + bar->pageStep() * (1 + i % 7)));
        view->viewport()->repaint();
        scroll.push_back(msSince(t));
    }
    // Jumps to far places (a drag of the scroll bar).
    std::vector<double> jumps;
    for (int i = 0; i < steps; ++i) {
        QElapsedTimer t;
        t.start();
        bar->setValue(int(qint64(bar->maximum()) * ((i * 37) % 101) / 100));
        view->viewport()->repaint();
        jumps.push_back(msSince(t));
    }
    printStats("scroll by pages (step + repaint)", scroll);
    printStats("scroll jumps (step + repaint)", jumps);

    // Sorts, each with its repaint.
    for (int column : { int(ui::RunsTableModel::Repository), int(ui::RunsTableModel::Score),
             int(ui::RunsTableModel::Created), int(ui::RunsTableModel::Duration) }) {
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            QElapsedTimer t;
            t.start();
            const double cpu = cpuSeconds();
            view->sortByColumn(column, order);
            view->viewport()->repaint();
            std::printf("sort by %s %s: %.0f ms wall, %.0f ms CPU\n",
                qPrintable(view->model()->headerData(column, Qt::Horizontal).toString()),
                order == Qt::AscendingOrder ? "ascending" : "descending", msSince(t), (cpuSeconds() - cpu) * 1000);
        }
    }
    std::printf("peak RSS: %ld MiB\n", peakRssKiB() / 1024);
    return 0;
}
