#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "filedissuerecord.h"
#include "flaggedrunrecord.h"
#include "storeconnection.h"

#include <QList>

namespace runlens::workspace {

// Issues filed about flagged runs (table filed_issues) and the flagged runs still without one.
// Uses the connection of the workspace it is given, on that workspace's thread.
class IssueStore
{
public:
    explicit IssueStore(const Workspace& workspace);

    // Runs of `repository` (case-insensitive) that model `modelId` flagged and that have no recorded
    // issue, highest score first.
    Result<QList<FlaggedRunRecord>> unfiledFlaggedRuns(qint64 modelId, const QString& repository) const;
    // Whether `run` is a run of `repository` in this workspace without a recorded issue.
    Result<bool> isUnfiled(RunKey run, const QString& repository) const;
    // Records an issue; recording a run's issue again changes nothing.
    Status record(const FiledIssueRecord& issue);

private:
    StoreConnection m_connection;
};

} // namespace runlens::workspace
