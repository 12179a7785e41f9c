#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "featurerow.h"
#include "storeconnection.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <QStringList>

#include <functional>

namespace runlens::workspace {

// The rows of the workspace's `features` table, per run. Uses the connection of the workspace it is
// given, on that workspace's thread. Wrap many replace() calls in begin()/commit() for speed.
class FeatureCacheStore
{
public:
    explicit FeatureCacheStore(const Workspace& workspace);

    // The run's rows, or only those named in `names` when it is not empty.
    Result<QList<FeatureRow>> rows(RunKey run, const QStringList& names = {}) const;
    // Every run's rows named in `names`, in one pass over the table, handed to `visit` one at a time with the
    // name's position in `names`, the value, and the json of the rows named `names[0]` only (the others' large
    // evidence is not read).
    Status forEachRow(const QStringList& names,
        const std::function<void(RunKey, int name, double value, const QByteArray& json)>& visit) const;
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
    // rows()'s statements by their SQL, prepared once: an analysis reads every run's rows up to three times.
    mutable QHash<QString, QSqlQuery> m_rowQueries;
};

} // namespace runlens::workspace
