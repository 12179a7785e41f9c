#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace runlens::test {

// ../shared next to the checkout (real logs, bench data, anchors). Fails the test if missing.
QString sharedDir();
QString realLogsDir();

// The runlens-cli built alongside the tests.
QString cliPath();

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Writes `bytes` to `dir`/`name`; returns the path, or an empty string on failure.
QString writeFile(const QString& dir, const QString& name, const QByteArray& bytes);

// Writes a ZIP at `path` holding `entries` (name -> bytes), deflated. Returns false on failure.
bool writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries);

// SHA-256 over every file below `root` (relative paths and bytes, in sorted order): equal hashes mean
// byte-identical folders. Empty when a file cannot be read.
QByteArray hashFolder(const QString& root);

// The number of rows a WorkspaceSession::runsLoaded() signal caught by a QSignalSpy carried.
int rowsOf(const QList<QVariant>& runsLoadedArguments);

// Runs runlens-cli with `args`; waits up to `timeoutMs` for it to finish.
CliRun runCli(const QStringList& args, int timeoutMs = 120000, const QString& workingDir = {});

} // namespace runlens::test
