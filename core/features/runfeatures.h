#pragma once

#include "features/featurecatalog.h"
#include "features/featurevalues.h"

#include <QList>
#include <QString>

#include <array>
#include <vector>

namespace runlens::features {

// A line of a run's logs: the entry inside its LogSource and the 1-based line number.
struct LineRef
{
    QString entry;
    qint64 line = 0;

    friend bool operator==(const LineRef&, const LineRef&) = default;
};

// What the extractor needs to know about one run besides its logs.
struct RunInput
{
    QString key; // unique in a corpus, e.g. "owner/repo#123456-1" or the log path
    QString repo; // owner/name; may be empty
    QString workflow; // workflow name or path; may be empty
    bool successful = false; // conclusion success: part of the baseline for its workflow
    QString logPath; // ZIP, extracted run folder or single log
};

// A line and the hash of its template (see lineTemplateHash()).
struct TemplatedLine
{
    quint64 hash = 0;
    LineRef ref;
};

// The lines behind each feature value of one run, by catalog index.
using FeatureEvidence = std::array<QList<LineRef>, kFeatureCount>;

// One run's feature vector as the extractor makes it; every value carries the lines that produced it.
// A run whose logs cannot be read has no RunFeatures: its extraction is a failed Result naming the logs.
struct RunFeatures : FeatureValues
{
    QString key;
    FeatureEvidence evidence;

    // Baseline material, consumed and cleared by applyBaselines().
    std::vector<quint64> templates; // distinct line-template hashes of the run, in the order they first occur
    std::vector<TemplatedLine> errorLines;

    const QList<LineRef>& evidenceOf(Feature f) const { return evidence[static_cast<size_t>(f)]; }
    QList<LineRef>& evidenceOf(Feature f) { return evidence[static_cast<size_t>(f)]; }
};

// At most this many evidence lines are kept per feature.
inline constexpr int kMaxEvidenceLines = 20;

} // namespace runlens::features
