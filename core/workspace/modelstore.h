#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "contributionrecord.h"
#include "scoredrun.h"
#include "storeconnection.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace runlens::workspace {

// Models, their scores and contributions in the workspace (tables models, scores, contributions).
// Uses the connection of the workspace it is given, on that workspace's thread.
class ModelStore
{
public:
    explicit ModelStore(const Workspace& workspace);

    // Stores a model (its JSON) with every run's scores and contributions (named by `featureIds`) in one
    // transaction; returns the new model's id.
    Result<qint64> store(
        const QString& name, const QByteArray& json, const QStringList& featureIds, std::span<const ScoredRun> runs);
    // The same in steps, so that the runs need not all be in memory at once: begins a transaction and
    // stores the model, addScores() per batch of runs, then commit() (or rollback(), which drops the model).
    Result<qint64> beginModel(const QString& name, const QByteArray& json);
    Status addScores(qint64 modelId, const QStringList& featureIds, std::span<const ScoredRun> runs);
    // What the analysis computed beyond the model and its runs' rows (pipeline-defined JSON), stored with it.
    Status setAnalysisJson(qint64 modelId, const QByteArray& json);
    Status commit();
    void rollback();
    // A stored model's JSON (model.json), or an error naming the model when it is not there.
    Result<QByteArray> modelJson(qint64 modelId) const;
    // The newest model's id, or nothing when no analysis was stored yet.
    Result<std::optional<qint64>> latestModelId() const;
    // What setAnalysisJson() stored with the model (empty when nothing was).
    Result<QByteArray> analysisJson(qint64 modelId) const;
    // Every run's score, decision, flag and seed-sweep values under `modelId`, ordered by run key.
    Result<QList<ScoredRun>> scores(qint64 modelId) const;
    // Every run's contributions under `modelId`, in the order of `featureIds` (NaN where one is missing): one
    // query over the model's rows.
    Result<QHash<RunKey, std::vector<double>>> contributions(qint64 modelId, const QStringList& featureIds) const;
    // The run's `limit` most negative contributions (those that made it most anomalous), most negative first.
    Result<QList<ContributionRecord>> strongestContributions(qint64 modelId, RunKey run, int limit) const;

private:
    Result<QByteArray> modelColumn(qint64 modelId, const QString& column) const;

    StoreConnection m_connection;
};

} // namespace runlens::workspace
