#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "contributionrecord.h"
#include "scoredrun.h"
#include "storeconnection.h"

#include <QList>
#include <QStringList>

#include <optional>
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
        const QString& name, const QByteArray& json, const QStringList& featureIds, const std::vector<ScoredRun>& runs);
    // The newest model's id, or nothing when no analysis was stored yet.
    Result<std::optional<qint64>> latestModelId() const;
    // Every run's score, decision and flag under `modelId`, ordered by run key.
    Result<QList<ScoredRun>> scores(qint64 modelId) const;
    // The run's `limit` most negative contributions (those that made it most anomalous), most negative first.
    Result<QList<ContributionRecord>> strongestContributions(qint64 modelId, RunKey run, int limit) const;

private:
    StoreConnection m_connection;
};

} // namespace runlens::workspace
