#pragma once

#include "common/result.h"
#include "features/runfeatures.h"

#include <QString>

#include <optional>

namespace runlens::pipeline {

// Features of runs kept in the workspace's `features` table, valid for one extractor version and
// one archive checksum: a changed extractor or a re-downloaded log is recomputed. The baseline
// material (template hashes, error lines) is kept too, so that baselines can be recomputed when new
// runs arrive without reading old logs again. Uses the connection of the workspace it is given.
class FeatureCache
{
public:
    explicit FeatureCache(QString connectionName);

    Result<std::optional<features::RunFeatures>> load(qint64 runId, int attempt, const QString& archiveSha256) const;
    Status store(qint64 runId, int attempt, const QString& archiveSha256, const features::RunFeatures& run);

    Status begin();
    Status commit();

private:
    QString m_connection;
};

} // namespace runlens::pipeline
