#pragma once

#include "common/runkey.h"

#include <QDateTime>
#include <QString>

namespace runlens::workspace {

// How far collection of one run (one attempt) has come. Stored as text in runs.collection_state.
enum class CollectionState {
    Listed, // metadata known, jobs not yet fetched
    JobsFetched, // jobs and steps stored, log archive not yet in a final state
    Complete, // log archive downloaded, expired or missing: nothing left to fetch
};

QString nameOf(CollectionState state);
CollectionState collectionStateFromString(const QString& text);

// One workflow run attempt, as listed by GET /repos/{o}/{r}/actions/runs or imported from a seed folder.
struct RunRecord
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository; // owner/name
    qint64 workflowId = 0;
    QString workflowName;
    QString workflowPath;
    qint64 runNumber = 0;
    QString event;
    QString branch;
    QString headSha;
    QString actor;
    QString status;
    QString conclusion;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime updatedAt;
    QString htmlUrl;
    QString logsUrl;
    CollectionState collectionState = CollectionState::Listed;
    QString source = QStringLiteral("github"); // github | import

    // The workflow as tables show it: its name, else its file path.
    QString workflowLabel() const { return workflowName.isEmpty() ? workflowPath : workflowName; }
    RunKey key() const { return { runId, attempt }; }
};

} // namespace runlens::workspace
