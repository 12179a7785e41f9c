#pragma once

// A small hand-made AnalysisResult for chart tests: no workspace, no forest, known numbers.

#include "features/featurecatalog.h"
#include "features/runfeatures.h"
#include "pipeline/analysisresult.h"

#include <algorithm>
#include <cmath>

namespace runlens::test {

inline pipeline::AnalysisResult syntheticAnalysis(int runs = 12)
{
    using features::Feature;
    pipeline::AnalysisResult r;
    r.options.forest.trees = 50;
    r.options.forest.seed = 7;
    const QList<Feature> columns { Feature::LongestSilenceSeconds, Feature::LogLines, Feature::MemOomKilled };
    for (Feature f : columns) {
        r.featureColumns.push_back(int(f));
        r.featureIds << features::featureDefinition(f).id;
    }
    r.baseValue = 8.0;
    r.cMaxSamples = 10.0;
    r.offset = -0.6; // threshold score 0.6
    r.meanAbsContribution = { 1.5, 0.5, 1.0 };
    r.diffi = { 2.0, 1.0, 1.0 };
    for (int i = 0; i < runs; ++i) {
        pipeline::RunAnalysis run;
        run.runId = 1000 + i;
        run.attempt = 1;
        run.repository = QStringLiteral("owner/repo");
        run.workflow = QStringLiteral("CI");
        run.createdAt = QDateTime(QDate(2024, 1, 1 + i), QTime(12, 0), Qt::UTC);
        run.score = 0.40 + 0.03 * i; // 0.40 .. 0.73
        run.decision = -run.score - r.offset;
        run.flagged = run.decision < 0;
        run.pathLength = -std::log2(run.score) * r.cMaxSamples;
        run.features.values[size_t(Feature::LongestSilenceSeconds)] = i == runs - 1 ? 612 : 4;
        run.features.values[size_t(Feature::LogLines)] = 100 + i;
        run.features.values[size_t(Feature::MemOomKilled)] = i % 4 == 0 ? 2 : 0;
        if (i % 4 == 0)
            run.features.finalCause = logs::MemoryCategory::OomKilled;
        run.runNumber = 100 + i;
        // Silence shortens the path most for the last run; contributions in path-length units.
        run.contributions = { i == runs - 1 ? -3.0 : 0.2, 0.5, i % 4 == 0 ? -1.0 : 0.1 };
        r.runs.push_back(run);
    }
    std::sort(r.runs.begin(), r.runs.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    return r;
}

// The evidence lines run `runIndex` of syntheticAnalysis() has in its (imagined) workspace, as
// WorkspaceSession::evidenceOf() would read them.
inline features::FeatureEvidence syntheticEvidence(const pipeline::AnalysisResult& r, int runIndex)
{
    using features::Feature;
    const qint64 i = r.runs[size_t(runIndex)].runId - 1000;
    features::FeatureEvidence evidence;
    evidence[size_t(Feature::LongestSilenceSeconds)] = { { QStringLiteral("0_build.txt"), 40 },
        { QStringLiteral("0_build.txt"), 41 }, { QStringLiteral("build/3_test.txt"), 7 } };
    evidence[size_t(Feature::LogLines)] = { { QStringLiteral("0_build.txt"), 100 + i } };
    return evidence;
}

} // namespace runlens::test
