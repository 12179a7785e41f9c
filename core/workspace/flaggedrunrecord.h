#pragma once

#include "common/runkey.h"

#include <QString>

namespace runlens::workspace {

// A run a stored model flagged, with what an issue about it needs from the runs table.
struct FlaggedRunRecord
{
    RunKey key;
    double score = 0;
    QString workflow;
    int runNumber = 0;
    QString branch;
    QString conclusion;
    QString createdAt;
    QString htmlUrl;
    QString repository;
    QString archivePath; // workspace-relative; empty unless the log archive is downloaded
};

} // namespace runlens::workspace
