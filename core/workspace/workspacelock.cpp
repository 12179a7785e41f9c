#include "workspacelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSysInfo>

namespace runlens::workspace {

WorkspaceLock::WorkspaceLock(const QString& workspaceDir)
    : m_dir(QDir::cleanPath(QFileInfo(workspaceDir).absoluteFilePath()))
{
}

WorkspaceLock::~WorkspaceLock()
{
    unlock();
}

QString WorkspaceLock::lockFilePath() const
{
    return m_dir + QLatin1Char('/') + QLatin1String(kFileName);
}

QString WorkspaceLock::inUseMessage(const QString& dir, const WorkspaceLockHolder& holder)
{
    return QStringLiteral("workspace %1 is in use by PID %2 (host %3)")
        .arg(dir)
        .arg(holder.pid)
        .arg(holder.host.isEmpty() ? QStringLiteral("unknown") : holder.host);
}

Status WorkspaceLock::lock()
{
    if (isLocked())
        return {};
    m_readOnly = false;
    if (!QFileInfo(m_dir).isDir() && !QDir().mkpath(m_dir))
        return makeError(QStringLiteral("workspace '%1': cannot create the folder").arg(m_dir));
    m_file = std::make_unique<QLockFile>(lockFilePath());
    // Never stale by age: a collection may run for days. A dead holder on this host is detected by its
    // PID (QLockFile checks that the process still runs) and its lock taken over.
    m_file->setStaleLockTime(0);
    if (m_file->tryLock(0)) {
        m_holder
            = { QCoreApplication::applicationPid(), QSysInfo::machineHostName(), QCoreApplication::applicationName() };
        return {};
    }
    const QLockFile::LockError error = m_file->error();
    qint64 pid = 0;
    QString host, application;
    const bool known = m_file->getLockInfo(&pid, &host, &application);
    m_file.reset();
    if (error == QLockFile::LockFailedError) {
        m_readOnly = true;
        m_holder = known ? WorkspaceLockHolder { pid, host, application } : WorkspaceLockHolder {};
        if (!known) // never stale by age: only a person can tell that nobody holds it
            return makeError(QStringLiteral("workspace %1 is locked by %2, which names no process; remove it if no "
                                            "RunLens program uses the workspace")
                                 .arg(m_dir, lockFilePath()));
        return makeError(inUseMessage(m_dir, m_holder));
    }
    // PermissionError (EACCES) or UnknownError (EPERM of an immutable folder, EROFS): nothing can be
    // created there, so nobody can write the workspace: it can be read.
    m_readOnly = true;
    m_holder = {};
    return makeError(QStringLiteral("workspace %1 is read-only (cannot create %2)").arg(m_dir, lockFilePath()));
}

void WorkspaceLock::unlock()
{
    if (m_file)
        m_file->unlock();
    m_file.reset();
}

bool WorkspaceLock::isLocked() const
{
    return m_file && m_file->isLocked();
}

} // namespace runlens::workspace
