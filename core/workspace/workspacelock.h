#pragma once

#include "common/result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace runlens::workspace {

// Who holds a workspace's lock, as written in its lock file.
struct WorkspaceLockHolder
{
    qint64 pid = 0;
    QString host;
    QString application;
};

// One writer per workspace: a QLockFile at <workspace>/runlens.lock, held by every command that writes
// to the workspace and by the GUI while it has the workspace open. A lock left by a process that is
// gone (kill -9, crash, power loss on this host) is taken over; a live holder is never waited for.
// The GUI opens a workspace whose lock it cannot take read-only (isReadOnly()) and shows holder().
class WorkspaceLock
{
public:
    explicit WorkspaceLock(const QString& workspaceDir);
    ~WorkspaceLock();
    WorkspaceLock(const WorkspaceLock&) = delete;
    WorkspaceLock& operator=(const WorkspaceLock&) = delete;

    static constexpr const char* kFileName = "runlens.lock";

    // Takes the lock at once or fails with "workspace DIR is in use by PID N (host H)". Creates the
    // workspace folder when it is missing (the lock is taken before the workspace is created).
    Status lock();
    void unlock();
    bool isLocked() const;
    // True when lock() failed: the workspace may be read but not written.
    bool isReadOnly() const { return m_readOnly; }
    // The holder seen when lock() last failed (or ourselves while locked).
    WorkspaceLockHolder holder() const { return m_holder; }
    QString lockFilePath() const;
    QString dir() const { return m_dir; }

    // The message lock() fails with, for a holder.
    static QString inUseMessage(const QString& dir, const WorkspaceLockHolder& holder);

private:
    QString m_dir;
    std::unique_ptr<QLockFile> m_file;
    WorkspaceLockHolder m_holder;
    bool m_readOnly = false;
};

} // namespace runlens::workspace
