#pragma once

#include "common/runkey.h"
#include "pipeline/analysisresult.h"
#include "workspace/labelrecord.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace runlens::report {

// How charts colour and stack runs: by the run's memory category (its final failure cause, the same
// category `scan`, the runs table and the labels use), or by the label a researcher gave the run.
struct RunGroups
{
    enum class By { Category, Label };
    By by = By::Category;
    QHash<RunKey, QString> labels; // run -> label; runs without one are "unlabelled"
    // By label: keep the memory/resource categories apart, fold "success"/"normal" into "normal" and
    // every other label into "other failure", so that legends stay short and colours distinct.
    bool foldNonMemoryLabels = true;

    // The taxonomy id of the run's final failure cause (the hit marked final, docs/taxonomy.md), or
    // "none" when its logs hold no memory hit. Not the category with the most hits: a run that mentions
    // the JVM heap ten times before the OOM killer ends it is "oom-killed".
    static QString categoryOf(const pipeline::RunAnalysis& run);
    // One label per run (workspace::LabelPrecedence).
    static QHash<RunKey, QString> labelsOf(const QList<workspace::LabelRecord>& labels);

    QString groupOf(const pipeline::RunAnalysis& run) const;
    // The groups present in `runs`, in a stable order (taxonomy / label vocabulary order, then the rest,
    // "none"/"unlabelled" last).
    QStringList groupsOf(const std::vector<pipeline::RunAnalysis>& runs) const;
    // The distinct labels of `labels`, sorted: what a figure's provenance names as "labels used".
    QStringList labelsUsed() const;
};

} // namespace runlens::report
