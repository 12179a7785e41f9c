#pragma once

#include "common/result.h"
#include "logs/archivelimits.h"
#include "logs/logentry.h"
#include "logs/logline.h"
#include "logs/steprange.h"

#include <QByteArray>
#include <QList>
#include <QSharedPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace runlens::logs {

enum class SourceKind : quint8 {
    Zip, // a run's log archive as downloaded
    Folder, // an extracted run folder (same entry names as the ZIP)
    SingleFile, // one saved plain log (any name)
    GhRunView, // output of `gh run view --log` (job<TAB>step<TAB>line); groups become virtual entries
    TarGz, // a gzipped tar of a run's logs (GHALogs), a file or a member of a large ZIP
};

QLatin1String sourceKindName(SourceKind kind);

// The logs of one run, wherever they live. A cheap-to-copy value (shared immutable state); every
// const method may be called from any thread. Lines are streamed without extracting anything to disk.
class LogSource
{
public:
    LogSource();

    // Opens a ZIP (by suffix .zip or PK magic), a folder, or a single file. Hostile archives fail with
    // an error naming the archive and the reason, e.g. "archive 'x.zip': entry '../evil.txt' escapes
    // the archive".
    // A gzipped tar (by suffix .tar.gz/.tgz or gzip magic) is read the same way; `memberPath()` names a
    // tar.gz inside a large ZIP (GHALogs' github_run_logs.zip), streamed from it without extracting.
    static Result<LogSource> open(const QString& path, const ArchiveLimits& limits = {});

    // "<zip>!/<member>": the path open() reads as a member of the ZIP `zipPath`.
    static QString memberPath(const QString& zipPath, const QString& member);
    // Splits a memberPath() into the ZIP and the member; false for any other path.
    static bool splitMemberPath(const QString& path, QString* zipPath, QString* member);

    QString path() const;
    SourceKind kind() const;
    const ArchiveLimits& limits() const;
    const QList<LogEntry>& entries() const;
    // Index of the entry named `name`, or -1.
    int indexOf(const QString& name) const;
    // Job names in first-seen order.
    QStringList jobNames() const;

    // Streams the entry's decoded UTF-8 in chunks (1 MiB); `f` returns false to stop.
    Status forEachChunk(int index, const std::function<bool(QByteArrayView decoded)>& f) const;
    // Streams the entry's bytes as stored, not decoded (for the old substring filter).
    Status forEachRawChunk(int index, const std::function<bool(QByteArrayView raw)>& f) const;
    // The whole entry, decoded to UTF-8 (BOMs dropped, UTF-16 converted, invalid bytes replaced).
    Result<QByteArray> readEntry(int index) const;
    // Hands the whole entry, decoded as readEntry() does, to `f` as one view: the bytes of a tar.gz held in
    // memory when they need no decoding (clean UTF-8, the usual GitHub log), else a decoded copy.
    Status withEntry(int index, const std::function<void(QByteArrayView decoded)>& f) const;
    // Streams parsed lines; views in the LogLine are valid during the call only. `f` returns false to
    // stop (the Status is still ok).
    Status forEachLine(int index, const std::function<bool(const LogLine&)>& f) const;

    // Steps of `jobName`: from step files when the archive has them, else from the job log's
    // `##[group]Run` markers, or the gh run view groups.
    Result<QList<StepRange>> steps(const QString& jobName) const;

    // "archive 'path'" / "folder 'path'" / "log 'path'": the prefix of every error message.
    QString describe() const;

private:
    struct Data;
    explicit LogSource(QSharedPointer<const Data> d);
    QSharedPointer<const Data> m_d;
};

} // namespace runlens::logs
