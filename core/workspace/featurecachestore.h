#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "featurerow.h"
#include "storeconnection.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace runlens::workspace {

// The rows of the workspace's `features` table, per run. Uses the connection of the workspace it is
// given, on that workspace's thread. Wrap many replace() calls in begin()/commit() for speed.
class FeatureCacheStore
{
public:
    explicit FeatureCacheStore(const Workspace& workspace);

    Result<QList<FeatureRow>> rows(RunKey run) const;
    // Every run's rows but those named in `skipped`, in one pass over the table (row.json only for the rows
    // named `withJson`), handed to `visit` one at a time.
    Status forEachRow(const QStringList& skipped, const QString& withJson,
        const std::function<void(RunKey, const FeatureRow&)>& visit) const;
    // Replaces every row of the run with `rows`.
    Status replace(RunKey run, const QList<FeatureRow>& rows);
    // Replaces the run's rows of the same names as `rows` (adds those missing), leaving its others.
    Status update(RunKey run, const QList<FeatureRow>& rows);

    Status begin();
    Status commit();

private:
    // `verb` INSERT or INSERT OR REPLACE.
    Status insert(RunKey run, const QList<FeatureRow>& rows, const QString& verb);

    StoreConnection m_connection;
};

} // namespace runlens::workspace
