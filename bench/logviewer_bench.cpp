// Log viewer benchmark (not a test): indexing speed, time to first screen, index bytes per line,
// jump/scroll paint times on a generated 1 GB, 10-million-line log.
//   build/dev/bench/logviewer_bench [path]     (default /tmp/runlens-viewer-1g.log, generated if missing)
//   build/dev/bench/logviewer_bench --screenshot <log or zip> <out.png> [search text]
//                                              (the docs screenshot: the viewer on a real log)
// Runs offscreen (QT_QPA_PLATFORM=offscreen is set when no platform is given).
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "viewer/lineindex.h"
#include "viewer/logbuffer.h"
#include "viewer/logdocument.h"
#include "viewer/logsearch.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace runlens;

namespace {

constexpr qint64 kLines = 10'000'000;

// ~100 bytes per line: timestamps, groups, ANSI colour, a few errors and memory lines.
bool generate(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray buffer;
    buffer.reserve(70 << 20);
    QRandomGenerator rng(42);
    for (qint64 i = 0; i < kLines; ++i) {
        const qint64 ms = i * 7;
        char ts[40];
        std::snprintf(ts, sizeof ts, "2024-01-28T%02lld:%02lld:%02lld.%07lldZ ", (ms / 3'600'000) % 24,
            (ms / 60'000) % 60, (ms / 1000) % 60, (ms % 1000) * 10'000);
        buffer += ts;
        const quint32 r = rng.bounded(1000u);
        if (i % 5000 == 0)
            buffer += "##[group]Run ./gradlew test --no-daemon --stacktrace";
        else if (i % 5000 == 40)
            buffer += "##[endgroup]";
        else if (r == 0)
            buffer += "##[error]Process completed with exit code 1. Something went wrong in the compile step";
        else if (r == 1)
            buffer += "java.lang.OutOfMemoryError: Java heap space at com.example.Big.allocate(Big.java:42)";
        else if (r < 100)
            buffer += "\x1b[32m[INFO]\x1b[0m Compiling 42 source files to /home/runner/work/app/target/classes";
        else
            buffer += "    at org.example.module.SomeClass.someMethod(SomeClass.java:" + QByteArray::number(r)
                + ") ~[app.jar:1.0]";
        buffer += '\n';
        if (buffer.size() > (64 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return true;
}

double ms(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

int screenshot(const QString& log, const QString& png, const QString& search)
{
    ui::LogViewerWidget widget;
    widget.resize(1500, 820);
    widget.show();
    QEventLoop loop;
    int pending = 2;
    const auto done = [&] {
        if (--pending == 0)
            loop.quit();
    };
    QObject::connect(widget.document(), &logs::LogDocument::memoryHitsReady, &loop, done);
    QObject::connect(&widget, &ui::LogViewerWidget::stepsReady, &loop, done);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    if (const Status status = widget.openPath(log); !status.ok()) {
        QTextStream(stderr) << status.error() << Qt::endl;
        return 1;
    }
    loop.exec();
    if (!search.isEmpty()) {
        QSignalSpy finished(&widget, &ui::LogViewerWidget::searchFinished);
        widget.search({ search, false, false });
        finished.wait(20000);
    }
    widget.nextMemoryHit();
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit); // let layouts and the legend settle
    settle.exec();
    return widget.grab().save(png) ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc >= 4 && qstrcmp(argv[1], "--screenshot") == 0)
        return screenshot(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
            argc > 4 ? QString::fromLocal8Bit(argv[4]) : QString());
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/runlens-viewer-1g.log");
    QTextStream out(stdout);
    if (!QFile::exists(path)) {
        out << "generating " << path << " ..." << Qt::endl;
        if (!generate(path)) {
            out << "cannot write " << path << Qt::endl;
            return 1;
        }
    }

    // 1. Raw indexing speed: one thread over the mapped file (page cache warm after the first pass).
    auto mapped = logs::LogBuffer::mapFile(path);
    if (!mapped) {
        out << mapped.error() << Qt::endl;
        return 1;
    }
    const QByteArrayView data = (*mapped)->bytes();
    double best = 1e18;
    qint64 lines = 0;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        logs::LineIndex index;
        logs::LineIndexScanner scanner;
        for (qint64 upTo = 0; upTo < data.size();) {
            upTo = std::min<qint64>(data.size(), upTo + (16 << 20));
            index.append(scanner.scan(data, upTo, upTo == data.size()));
        }
        index.squeeze();
        best = std::min(best, ms(timer));
        lines = index.lineCount().get();
        if (round == 0)
            out << QStringLiteral("index memory: %1 bytes for %2 lines = %3 bytes/line\n")
                       .arg(index.memoryBytes())
                       .arg(lines)
                       .arg(double(index.memoryBytes()) / double(lines), 0, 'f', 2);
    }
    out << QStringLiteral("file: %1 bytes, %2 lines\n").arg(data.size()).arg(lines);
    out << QStringLiteral("indexing (LineIndexScanner, 1 thread, best of 3): %1 ms = %2 MB/s\n")
               .arg(best, 0, 'f', 0)
               .arg(double(data.size()) / 1e6 / (best / 1000), 0, 'f', 0);

    // 2. Time to first screen: open in the view, first chunk indexed and painted, indexing goes on.
    logs::LogDocument doc;
    ui::LogView view;
    view.resize(1400, 900);
    view.setDocument(&doc);
    view.show();
    QElapsedTimer timer;
    double firstScreen = -1;
    double indexed = -1;
    QObject::connect(&doc, &logs::LogDocument::linesAdded, &view, [&] {
        if (firstScreen < 0) {
            view.viewport()->grab(); // paints the visible lines
            firstScreen = ms(timer);
        }
    });
    QObject::connect(&doc, &logs::LogDocument::indexingFinished, &app, [&] {
        indexed = ms(timer);
        app.quit();
    });
    timer.start();
    doc.openFile(path);
    app.exec();
    out << QStringLiteral("time to first screen (open + first 16 MiB chunk indexed + paint): %1 ms\n")
               .arg(firstScreen, 0, 'f', 1);
    out << QStringLiteral("whole file indexed in the background (LogDocument, GUI thread appending): %1 ms = %2 MB/s\n")
               .arg(indexed, 0, 'f', 0)
               .arg(double(data.size()) / 1e6 / (indexed / 1000), 0, 'f', 0);
    out << QStringLiteral("LogDocument index memory: %1 bytes/line\n")
               .arg(double(doc.index().memoryBytes()) / double(doc.lineCount().get()), 0, 'f', 2);

    // 3. Jumps and scrolling: each step repaints the whole viewport.
    QRandomGenerator rng(7);
    constexpr int kSteps = 200;
    timer.start();
    for (int i = 0; i < kSteps; ++i) {
        view.setCurrentLine(1 + qint64(rng.bounded(quint32(doc.lineCount().get()))));
        view.viewport()->grab();
    }
    out << QStringLiteral("jump to a random line + paint: %1 ms each\n").arg(ms(timer) / kSteps, 0, 'f', 2);
    timer.start();
    for (int i = 0; i < kSteps; ++i) {
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + view.verticalScrollBar()->pageStep());
        view.viewport()->grab();
    }
    out << QStringLiteral("scroll one page + paint: %1 ms each\n").arg(ms(timer) / kSteps, 0, 'f', 2);

    // 4. Search the whole file (plain, case-insensitive), for reference.
    auto matcher = logs::LineMatcher::create({ QStringLiteral("outofmemoryerror"), false, false });
    timer.start();
    const auto hits = logs::searchLines(data, **matcher);
    out << QStringLiteral("plain search, any case: %1 hits in %2 ms = %3 MB/s\n")
               .arg(hits.size())
               .arg(ms(timer), 0, 'f', 0)
               .arg(double(data.size()) / 1e6 / (ms(timer) / 1000), 0, 'f', 0);
    return 0;
}
