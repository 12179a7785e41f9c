// Failure-line ranking speed: a 100,000-line failed job log against 5 passing logs of the same size,
// read from files, on one thread (the ranking uses no other). Target: under 1 s (docs/failure-lines.md).
//   taskset -c 0 bench_failurelines [Google Benchmark flags]
#include "failurelines/failurelineranker.h"

#include <benchmark/benchmark.h>

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace runlens;
using namespace runlens::failurelines;

namespace {
constexpr int kLines = 100'000;
constexpr int kBaselines = 5;

// A GitHub job log: timestamped lines from a few dozen shapes with run-specific numbers, paths and ids,
// and one line in ten carrying a word of its own (so the templates run into the thousands).
QByteArray makeLog(quint32 seed, bool failing)
{
    static const char* const shapes[] = {
        "[INFO] Compiling %d source files to /home/runner/work/app/app/module%d/target/classes",
        "[ %d%%] Building CXX object src/CMakeFiles/app.dir/widgets/chart%d.cpp.o",
        "tests/test_parser.py::test_roundtrip[case-%d] PASSED                        [ %d%%]",
        "Receiving objects:  %d%% (1370/2914), %d.4 MiB | 31.2 MiB/s",
        "Downloaded from central: https://repo.maven.apache.org/maven2/org/lib%d/%d.jar (12 kB at 80 kB/s)",
        "   Compiling serde_json v1.0.%d (%d ms)",
        "Requirement already satisfied: numpy>=1.%d in /opt/hostedtoolcache/Python/3.11.%d/x64/lib",
        "Tests run: %d, Failures: 0, Errors: 0, Skipped: %d, Time elapsed: 0.41 s",
        "ok %d - handles the empty input in %d ms",
        "npm WARN deprecated inflight@1.0.%d: This module is not supported (%d)",
    };
    QRandomGenerator rng(seed);
    QByteArray out;
    out.reserve(kLines * 110);
    const int errorAt = kLines * 3 / 4;
    for (int i = 0; i < kLines; ++i) {
        out += "2024-05-02T10:" + QByteArray::number(10 + i / 6000) + ':' + QByteArray::number(10 + i % 50) + '.'
            + QByteArray::number(1000000 + rng.bounded(8999999)) + "Z ";
        if (failing && i >= errorAt && i < errorAt + 40) {
            if (i == errorAt)
                out += "java.lang.IllegalStateException: cache entry " + QByteArray::number(i);
            else
                out += "\tat org.app.cache.Store.load(Store.java:" + QByteArray::number(i) + ')';
        } else if (rng.bounded(10) == 0) {
            out += "step output " + QByteArray::number(rng.generate(), 36) + " done";
        } else {
            const char* shape = shapes[rng.bounded(int(std::size(shapes)))];
            out += QByteArray(shape)
                       .replace("%d%%", QByteArray(QByteArray::number(rng.bounded(100)) + '%'))
                       .replace("%d", QByteArray::number(rng.bounded(5000)));
        }
        out += '\n';
    }
    if (failing)
        out += "2024-05-02T10:30:00.0000000Z ##[error]Process completed with exit code 1.\n";
    return out;
}

struct Corpus
{
    QTemporaryDir dir;
    QString failed;
    QStringList baselines;

    Corpus()
    {
        auto write = [this](const QString& name, const QByteArray& data) {
            const QString path = dir.filePath(name);
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
                qFatal("cannot write %s", qPrintable(path));
            return path;
        };
        failed = write(QStringLiteral("failed.txt"), makeLog(1, true));
        for (int i = 0; i < kBaselines; ++i)
            baselines << write(QStringLiteral("passed%1.txt").arg(i), makeLog(quint32(100 + i), false));
    }
};

void BM_RankAgainstBaselines(benchmark::State& state)
{
    static const Corpus corpus;
    const FailureLineRanker ranker = FailureLineRanker::create().value();
    qint64 ranked = 0;
    for (auto _ : state) {
        Result<FailureLinesResult> result = ranker.rank(corpus.failed, corpus.baselines, { 20, true });
        if (!result) {
            state.SkipWithError(qPrintable(result.error()));
            return;
        }
        ranked = result->rankedLines;
        benchmark::DoNotOptimize(result->lines.data());
    }
    state.counters["ranked_lines"] = double(ranked);
    state.counters["lines_per_s"]
        = benchmark::Counter(double(kLines) * (kBaselines + 1), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RankAgainstBaselines)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
} // namespace

BENCHMARK_MAIN();
