#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "features/runfeatures.h"
#include "workspace/featurecachestore.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace runlens::pipeline {

// Features of runs kept in the workspace's `features` table, valid for one extractor version and
// one archive checksum: a changed extractor or a re-downloaded log is recomputed. The baseline
// material (template hashes, error lines) is kept too, so that baselines can be recomputed when new
// runs arrive without reading old logs again. The rows go through the workspace's FeatureCacheStore; this
// class owns their encoding. An analysis keeps only the runs' values in memory and reads their evidence
// back from here. The cache of a read-only workspace keeps what it is given in memory for its own
// lifetime (an analysis of such a workspace holds its runs' evidence, as before streaming) and writes
// nothing: the features are extracted again next time.
class FeatureCache
{
public:
    explicit FeatureCache(const workspace::Workspace& workspace);

    // The run's cached extraction (its features, or why its logs could not be read), nothing when the cache
    // holds none for this extractor version and archive; an error when the workspace cannot be read.
    Result<std::optional<Result<features::RunFeatures>>> load(RunKey key, const QString& archiveSha256) const;
    // The same without the evidence lines (empty lists): what an analysis keeps of a run at first.
    Result<std::optional<Result<features::RunFeatures>>> loadWithoutEvidence(
        RunKey key, const QString& archiveSha256) const;
    // The same, with only what features::Baselines reads and apply() changes (the templates, the error lines,
    // the duration and the baseline features): a fraction of the run's rows, for the baselines of an analysis.
    Result<std::optional<Result<features::RunFeatures>>> loadBaselineMaterial(
        RunKey key, const QString& archiveSha256) const;
    // The cached values (without evidence or baseline material) of the runs `archiveSha256` names, read in one
    // pass over the cache: only the runs whose extraction is cached whole, for this extractor version and
    // their archive's checksum, and could read their logs.
    Result<QHash<RunKey, features::FeatureValues>> values(const QHash<RunKey, QString>& archiveSha256) const;
    Status store(RunKey key, const QString& archiveSha256, const Result<features::RunFeatures>& run);
    // Rewrites the run's baseline features (features::Baselines::kFeatures), which depend on the other
    // runs of an analysis, with the values and evidence `run` holds, where they differ from the stored ones
    // in `stored` (so that showing a stored analysis writes nothing).
    Status storeBaselineFeatures(RunKey key, const features::RunFeatures& run, const features::RunFeatures& stored);
    // The evidence lines of the run's cached features, as its last analysis computed them (empty lists
    // when nothing is cached).
    Result<features::FeatureEvidence> evidence(RunKey key) const;
    // The evidence of the runs a read-only workspace's cache was given and could not write (empty otherwise).
    QHash<RunKey, features::FeatureEvidence> unwrittenEvidence() const;

    Status begin();
    Status commit();

private:
    // The run's rows (only those named in `names`, when not empty).
    Result<QList<workspace::FeatureRow>> rowsOf(RunKey key, const QStringList& names = {}) const;
    // load() of the rows named in `names` (all when empty), of which `values` are feature values.
    Result<std::optional<Result<features::RunFeatures>>> load(
        RunKey key, const QString& archiveSha256, const QStringList& names, int values, bool withEvidence) const;
    Status replaceRows(RunKey key, const QList<workspace::FeatureRow>& rows);
    Status updateRows(RunKey key, const QList<workspace::FeatureRow>& rows);

    workspace::FeatureCacheStore m_store;
    bool m_readOnly;
    QHash<RunKey, QList<workspace::FeatureRow>> m_unwritten; // a read-only workspace's rows
};

} // namespace runlens::pipeline
