#pragma once

#include "features/featurecatalog.h"
#include "features/runfeatures.h"
#include "pipeline/analysisresult.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace runlens::report {

// Why one run scored as it did, in words and numbers: its top features by |TreeSHAP contribution|, each
// with a sentence ("Longest silence 10 min 12 s, 153x the typical 4 s"; typical = median over the
// analysed runs), and a plain-language summary that leads the Explanation tab ("Run #118 was flagged
// mainly because its longest silence (10 min 12 s) was 153x the typical (4 s)."). Contributions are in
// path-length units (negative = isolated sooner = more unusual); log2Score() gives them in log2 score
// units (positive = raises the score).
struct Explanation
{
    struct Bar
    {
        QString featureId;
        QString name;
        QString unit;
        QString sentence;
        double value = 0; // the run's feature value
        double typical = 0; // median over the analysed runs
        double contribution = 0; // path-length units
        QList<features::LineRef> evidence;
    };

    qint64 runId = 0;
    int attempt = 1;
    qint64 runNumber = 0;
    QString repository;
    bool flagged = false;
    double score = 0;
    double threshold = 0;
    double pathLength = 0;
    double baseValue = 0;
    double cMaxSamples = 1;
    std::vector<Bar> bars; // most important first
    QString title; // "Run #118 (owner/repo, attempt 1)"
    QString summary; // the plain-language sentence

    bool isEmpty() const { return bars.empty(); }
    double log2Score(const Bar& bar) const { return bar.contribution / -cMaxSamples; }
    QStringList sentences() const;

    // `runIndex` indexes result.runs; an index out of range gives an empty explanation. `evidence` holds the
    // run's evidence lines (read from the workspace: pipeline::FeatureCache::evidence()) for the bars; none
    // without it.
    static Explanation of(const pipeline::AnalysisResult& result, int runIndex, int topK = 8,
        const features::FeatureEvidence& evidence = {});

    // "Run #118" as the runs table numbers runs, else "Run 123456789" (the id) when the number is unknown.
    static QString runName(qint64 runNumber, qint64 runId);
    // "Longest silence 10 min 12 s, 153x the typical 4 s" / "OOM-killed hits 2, typical 0".
    static QString sentence(const features::FeatureDefinition& def, double value, double typical);
    // Humanised: durations "4 s", "10 min 12 s", "1 h 0 min"; bytes "3.0 MiB"; ratios "3.5x"; 0/1 "yes"/"no".
    static QString formatValue(double value, const QString& unit);
    static QString formatDuration(double seconds);
    // "153x", "3.5x": value / typical when it says something (typical > 0 and at least 1.5 times apart).
    static QString ratioText(double value, double typical);
};

} // namespace runlens::report
