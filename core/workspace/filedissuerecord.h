#pragma once

#include "common/runkey.h"

#include <QString>

namespace runlens::workspace {

// An issue filed (or found) for a run, as the workspace remembers it so it is never filed twice.
struct FiledIssueRecord
{
    RunKey key;
    QString repository;
    int number = 0;
    QString url;
};

} // namespace runlens::workspace
