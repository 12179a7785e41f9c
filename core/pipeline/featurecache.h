#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "features/runfeatures.h"
#include "workspace/featurecachestore.h"

#include <QString>

#include <optional>

namespace runlens::pipeline {

// Features of runs kept in the workspace's `features` table, valid for one extractor version and
// one archive checksum: a changed extractor or a re-downloaded log is recomputed. The baseline
// material (template hashes, error lines) is kept too, so that baselines can be recomputed when new
// runs arrive without reading old logs again. The rows go through the workspace's FeatureCacheStore; this
// class owns their encoding. The cache of a read-only workspace stores nothing (store() succeeds; the
// features are extracted again next time).
class FeatureCache
{
public:
    explicit FeatureCache(const workspace::Workspace& workspace);

    Result<std::optional<features::RunFeatures>> load(RunKey key, const QString& archiveSha256) const;
    Status store(RunKey key, const QString& archiveSha256, const features::RunFeatures& run);

    Status begin();
    Status commit();

private:
    workspace::FeatureCacheStore m_store;
    bool m_readOnly;
};

} // namespace runlens::pipeline
