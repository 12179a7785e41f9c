// Stored analysis benchmark (not a test): reads the analysis stored last in a workspace as the desktop app
// does when it opens one (pipeline::loadLatestAnalysis) and as `runlens-cli report` does, and prints the wall
// and CPU time it took and the process's peak RSS.
//   build/ci/bench/storedanalysis_bench WORKSPACE_DIR
// The workspace is migrated to the current schema when it is older: run it on a copy.
#include "pipeline/analysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace runlens;

namespace {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: storedanalysis_bench WORKSPACE_DIR\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    const double cpuAtStart = cpuSeconds();
    const Result<pipeline::AnalysisResult> analysis = pipeline::loadLatestAnalysis(args.at(1)).result();
    if (!analysis) {
        std::fprintf(stderr, "%s\n", qPrintable(analysis.error()));
        return 1;
    }
    const auto flagged = std::count_if(
        analysis->runs.begin(), analysis->runs.end(), [](const pipeline::RunAnalysis& run) { return run.flagged; });
    std::printf("stored analysis (model %lld): %zu runs, %td flagged, features extracted again %d\n"
                "wall %.2f s, CPU %.2f s (all threads), peak RSS %ld MiB\n",
        static_cast<long long>(analysis->modelId), analysis->runs.size(), flagged, analysis->featuresComputed,
        double(clock.nsecsElapsed()) / 1e9, cpuSeconds() - cpuAtStart, peakRssKiB() / 1024);
    return 0;
}
