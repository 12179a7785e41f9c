#pragma once

#include "common/runkey.h"
#include "pipeline/analysisresult.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace runlens::ui {

// How charts colour and stack runs: by the memory category the features found, or by the label a
// researcher gave the run.
struct RunGroups
{
    enum class By { Category, Label };
    By by = By::Category;
    QHash<RunKey, QString> labels; // run -> label; runs without one are "unlabelled"
    // By label: keep the memory/resource categories apart, fold "success"/"normal" into "normal" and
    // every other label into "other failure", so that legends stay short and colours distinct.
    bool foldNonMemoryLabels = true;

    // The taxonomy category with the most hits in the run's features, or "none".
    static QString categoryOf(const pipeline::RunAnalysis& run);

    QString groupOf(const pipeline::RunAnalysis& run) const;
    // The groups present in `runs`, in a stable order (taxonomy / label vocabulary order, then the rest,
    // "none"/"unlabelled" last).
    QStringList groupsOf(const std::vector<pipeline::RunAnalysis>& runs) const;
    // The distinct labels of `labels`, sorted: what a figure's provenance names as "labels used".
    QStringList labelsUsed() const;
};

} // namespace runlens::ui
