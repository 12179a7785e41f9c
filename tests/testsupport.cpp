#include "testsupport.h"

#include "session/runrow.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace runlens::test {

QString sharedDir()
{
    const QString dir = QDir::cleanPath(QStringLiteral(RUNLENS_SHARED_DIR));
    if (!QFileInfo::exists(dir))
        qFatal("shared data folder '%s' is missing (set RUNLENS_SHARED_DIR)", qPrintable(dir));
    return dir;
}

QString realLogsDir()
{
    return sharedDir() + QStringLiteral("/reallogs");
}

QString cliPath()
{
    return QStringLiteral(RUNLENS_CLI_PATH);
}

QString writeFile(const QString& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

bool writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const auto& [name, bytes] : entries) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(name)))
            return false;
        if (file.write(bytes) != bytes.size())
            return false;
        file.close();
        if (file.getZipError() != 0)
            return false;
    }
    zip.close();
    return zip.getZipError() == 0;
}

QByteArray hashFolder(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        hash.addData(QDir(root).relativeFilePath(path).toUtf8());
        hash.addData(file.readAll());
    }
    return hash.result().toHex();
}

CliRun runCli(const QStringList& args, int timeoutMs, const QString& workingDir)
{
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(cliPath(), args);
    CliRun run;
    if (!process.waitForStarted(10000)) {
        run.err = QStringLiteral("could not start %1: %2").arg(cliPath(), process.errorString());
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("runlens-cli %1 timed out").arg(args.join(QLatin1Char(' ')));
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

int rowsOf(const QList<QVariant>& runsLoadedArguments)
{
    return runsLoadedArguments.isEmpty() ? -1 : int(runsLoadedArguments.first().value<QList<session::RunRow>>().size());
}

} // namespace runlens::test
