// Stored analysis benchmark (not a test): reads the analysis stored last in a workspace as the desktop app
// does when it opens one (pipeline::loadLatestAnalysis) and as `runlens-cli report` does, and prints the wall
// time it took; CPU time and peak RSS from /usr/bin/time:
//   /usr/bin/time -f "user_s=%U sys_s=%S max_rss_kib=%M" build/ci/bench/storedanalysis_bench WORKSPACE_DIR
// The workspace is migrated to the current schema when it is older: run it on a copy.
#include "pipeline/analysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace runlens;

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
    const Result<pipeline::AnalysisResult> analysis = pipeline::loadLatestAnalysis(args.at(1)).result();
    if (!analysis) {
        std::fprintf(stderr, "%s\n", qPrintable(analysis.error()));
        return 1;
    }
    const auto flagged = std::count_if(
        analysis->runs.begin(), analysis->runs.end(), [](const pipeline::RunAnalysis& run) { return run.flagged; });
    std::printf("stored analysis (model %lld): %zu runs, %td flagged, features extracted again %d\n"
                "wall %.2f s\n",
        static_cast<long long>(analysis->modelId), analysis->runs.size(), flagged, analysis->featuresComputed,
        double(clock.nsecsElapsed()) / 1e9);
    return 0;
}
