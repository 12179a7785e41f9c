// In-memory throughput of the taxonomy scan and of the naive keyword filter, one core, no I/O.
//   bench_taxonomy [--print-anchors] [Google Benchmark flags]
// --print-anchors prints the prefilter anchors, one per line (for `rg -f`), and exits.
#include "taxonomy/naivekeywordfilter.h"
#include "taxonomy/taxonomy.h"

#include <benchmark/benchmark.h>

#include <QByteArray>
#include <QRandomGenerator>

#include <cstdio>
#include <cstring>

using namespace runlens::logs;

namespace {
// 64 MiB of log lines; with `lookalikes`, one line in five is a confirmed-negative candidate
// (HeapDumpOnOutOfMemoryError, "OOMKilled": false), far more than real logs hold.
QByteArray makeCorpus(bool lookalikes)
{
    {
        const char* const lines[] = {
            "Requirement already satisfied: numpy>=1.22 in /opt/hostedtoolcache/Python/3.11.8/x64/lib/python3.11",
            "[INFO] Compiling 412 source files with javac [debug release 17] to target/classes",
            "[ 42%] Building CXX object src/CMakeFiles/app.dir/widgets/chart.cpp.o",
            "tests/test_parser.py::test_roundtrip[case-17] PASSED                        [ 37%]",
            "Receiving objects:  47% (1370/2914), 12.4 MiB | 31.2 MiB/s",
            "Make room for the cache: removing 3 stale entries",
            "##[group]Run actions/checkout@v4",
            "   Compiling serde_json v1.0.114",
            "org.gradle.jvmargs=-Xmx3g -XX:+HeapDumpOnOutOfMemoryError",
            "    \"OOMKilled\": false,",
        };
        const int choices = lookalikes ? int(std::size(lines)) : int(std::size(lines)) - 2;
        QRandomGenerator rng(7);
        QByteArray out;
        out.reserve(64 << 20);
        while (out.size() < (64 << 20)) {
            out += "2024-05-02T10:00:00." + QByteArray::number(rng.bounded(10000000)) + "Z ";
            out += lines[rng.bounded(choices)];
            out += '\n';
        }
        return out;
    }
}

const QByteArray& corpus(bool lookalikes = false)
{
    static const QByteArray clean = makeCorpus(false);
    static const QByteArray heavy = makeCorpus(true);
    return lookalikes ? heavy : clean;
}

void BM_TaxonomyScanLines(benchmark::State& state)
{
    const auto taxonomy = Taxonomy::create().value();
    auto scratch = taxonomy->makeScratch();
    const QByteArray& text = corpus(state.range(0) != 0);
    qint64 events = 0;
    for (auto _ : state) {
        const qint64 lines = taxonomy->scanLines(text, 1, *scratch, [&](const TaxonomyLineEvent&) { ++events; });
        benchmark::DoNotOptimize(lines);
    }
    state.SetBytesProcessed(state.iterations() * text.size());
    state.counters["events"] = double(events) / double(state.iterations());
}
BENCHMARK(BM_TaxonomyScanLines)->ArgName("lookalikes")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_NaiveKeywordFilterWorstCase(benchmark::State& state)
{
    // Without any keyword (the whole text is searched), as for a clean log.
    QByteArray text = corpus();
    text.replace("137", "1x7").replace("oom", "o0m").replace("OOM", "O0M");
    for (auto _ : state) {
        NaiveKeywordFilter filter;
        filter.feed(text);
        benchmark::DoNotOptimize(filter.matched());
    }
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_NaiveKeywordFilterWorstCase)->Unit(benchmark::kMillisecond);
} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--print-anchors") == 0) {
            for (const QString& anchor : Taxonomy::anchorPatterns())
                std::printf("%s\n", anchor.toUtf8().constData());
            return 0;
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
