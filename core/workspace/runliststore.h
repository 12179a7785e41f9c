#pragma once

#include "common/result.h"
#include "runlisting.h"
#include "storeconnection.h"

#include <functional>

namespace runlens::workspace {

class Workspace;

// The runs table's read of a workspace: every run attempt with its archive, one at a time, in the
// order they are stored (no sort, so the first rows come before the last is read: the table shows
// its first screen at once and sorts itself), reading only the columns the table shows. Use it on the
// thread that opened the workspace.
class RunListStore
{
public:
    explicit RunListStore(const Workspace& workspace);

    // Calls `row` with each run attempt (a listing it may move from) until it returns false; the error
    // names the workspace. One query: the archive comes by the runs' key, no query per run.
    Status forEach(const std::function<bool(RunListing&)>& row) const;

private:
    StoreConnection m_connection;
};

} // namespace runlens::workspace
