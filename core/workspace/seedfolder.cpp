#include "seedfolder.h"

#include "archivecheck.h"
#include "common/csvtable.h"
#include "logs/ziparchive.h"
#include "repositoryname.h"
#include "workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <algorithm>

namespace runlens::workspace {

namespace {

// Like the old pipeline: every run that did not succeed goes to logs_failure/.
bool isFailureConclusion(const QString& conclusion)
{
    return conclusion != QLatin1String("success");
}

// Removes a .part file when the step that writes it fails, so that no partial file is left behind.
class PartFile
{
public:
    explicit PartFile(const QString& finalPath)
        : m_path(finalPath + QStringLiteral(".part"))
    {
        QDir().mkpath(QFileInfo(finalPath).absolutePath());
        QFile::remove(m_path);
    }
    ~PartFile()
    {
        if (!m_keep)
            QFile::remove(m_path);
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;
    const QString& path() const { return m_path; }
    Status moveTo(const QString& finalPath)
    {
        QFile::remove(finalPath);
        if (!QFile::rename(m_path, finalPath))
            return makeError(QStringLiteral("archive '%1': cannot rename into place").arg(finalPath));
        m_keep = true;
        return {};
    }

private:
    QString m_path;
    bool m_keep = false;
};

// Zips every regular file under `folder` (names relative to it) into `zipPath` via a .part file.
// Symbolic links are not followed: a link may point anywhere on the machine.
Status zipFolder(const QString& folder, const QString& zipPath)
{
    PartFile part(zipPath);
    {
        QuaZip zip(part.path());
        if (!zip.open(QuaZip::mdCreate))
            return makeError(
                QStringLiteral("archive '%1': cannot create (error %2)").arg(part.path()).arg(zip.getZipError()));
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        const QDir base(folder);
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        for (const QString& file : std::as_const(files)) {
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                return makeError(QStringLiteral("log '%1': cannot read: %2").arg(file, in.errorString()));
            QuaZipFile out(&zip);
            if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(base.relativeFilePath(file), file)))
                return makeError(QStringLiteral("archive '%1': cannot add '%2'").arg(part.path(), file));
            for (qint64 n = 0; (n = in.read(buffer.data(), buffer.size())) != 0;) {
                if (n < 0)
                    return makeError(QStringLiteral("log '%1': cannot read: %2").arg(file, in.errorString()));
                if (out.write(buffer.constData(), n) != n)
                    return makeError(QStringLiteral("archive '%1': cannot write '%2'").arg(part.path(), file));
            }
            out.close();
            if (out.getZipError() != ZIP_OK)
                return makeError(QStringLiteral("archive '%1': cannot write '%2'").arg(part.path(), file));
        }
        zip.close();
        if (zip.getZipError() != ZIP_OK)
            return makeError(
                QStringLiteral("archive '%1': cannot finish (error %2)").arg(part.path()).arg(zip.getZipError()));
    }
    return part.moveTo(zipPath);
}

// Copies an archive as it is into place, through a .part file.
Status copyFile(const QString& from, const QString& to)
{
    PartFile part(to);
    if (!QFile::copy(from, part.path()))
        return makeError(QStringLiteral("archive '%1': cannot copy to '%2'").arg(from, part.path()));
    return part.moveTo(to);
}

// Extracts `zipPath` under `outDir`, entry by entry in chunks, with the same checks as reading
// (ZipArchive: names that escape, symlinks, encryption, bombs), so that no entry is held whole in memory.
Result<int> extractZip(const QString& zipPath, const QString& outDir)
{
    Result<logs::ZipArchive> zip = logs::ZipArchive::open(zipPath);
    if (!zip)
        return makeError(zip.error());
    const QString root = QDir::cleanPath(outDir);
    int count = 0;
    for (int i = 0; i < zip->entries().size(); ++i) {
        const QString& name = zip->entries().at(i).name;
        const QString target = QDir::cleanPath(root + QLatin1Char('/') + name);
        if (!target.startsWith(root + QLatin1Char('/')))
            return makeError(QStringLiteral("archive '%1': entry '%2' escapes the output folder").arg(zipPath, name));
        QDir().mkpath(QFileInfo(target).absolutePath());
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly))
            return makeError(QStringLiteral("file '%1': cannot write: %2").arg(target, out.errorString()));
        bool written = true;
        if (Status read = zip->readRaw(i,
                [&](QByteArrayView raw) {
                    written = out.write(raw.data(), raw.size()) == raw.size();
                    return written;
                });
            !read)
            return makeError(read.error());
        if (!written || !out.commit())
            return makeError(QStringLiteral("file '%1': cannot write: %2").arg(target, out.errorString()));
        ++count;
    }
    return count;
}

// True when `path` (after resolving links) lies inside the folder `canonicalRoot`.
bool staysInside(const QString& path, const QString& canonicalRoot)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty()
        && QString(canonical + QLatin1Char('/')).startsWith(QString(canonicalRoot + QLatin1Char('/')));
}

// The run id of a memory_logs.txt line such as "logs_failure/123/0_build.txt" (any prefix folders).
qint64 runIdOfLogPath(const QString& line)
{
    const QStringList parts = QDir::fromNativeSeparators(line.trimmed()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts.at(i) == QLatin1String("logs_failure") || parts.at(i) == QLatin1String("logs_normal")) {
            bool ok = false;
            const qint64 id = parts.at(i + 1).toLongLong(&ok);
            return ok ? id : 0;
        }
    }
    return 0;
}

} // namespace

const QStringList& SeedFolder::runColumns()
{
    static const QStringList columns { QStringLiteral("repo"), QStringLiteral("run_id"), QStringLiteral("run_number"),
        QStringLiteral("workflow_name"), QStringLiteral("event"), QStringLiteral("branch"), QStringLiteral("status"),
        QStringLiteral("conclusion"), QStringLiteral("created_at"), QStringLiteral("html_url"),
        QStringLiteral("log_url") };
    return columns;
}

Status SeedFolder::checkSeedFolder(const QString& seedDir)
{
    const QFileInfo seedInfo(seedDir);
    if (!seedInfo.exists())
        return makeError(QStringLiteral("seed folder '%1' does not exist").arg(seedDir));
    if (!seedInfo.isDir())
        return makeError(QStringLiteral("seed folder '%1' is not a folder").arg(seedDir));
    if (!QFileInfo::exists(QDir(seedInfo.absoluteFilePath()).filePath(QStringLiteral("workflow_runs.csv"))))
        return makeError(QStringLiteral("seed folder '%1' has no workflow_runs.csv").arg(seedDir));
    return {};
}

Result<SeedTransferSummary> SeedFolder::importFolder(
    Workspace& ws, const QString& seedDir, const SeedProgress& progress)
{
    if (Status s = checkSeedFolder(seedDir); !s)
        return makeError(s.error());
    // Absolute from here on: entry names and reasons must not depend on the working directory.
    const QDir seed(QDir::cleanPath(QFileInfo(seedDir).absoluteFilePath()));
    const QString seedRoot = QFileInfo(seed.path()).canonicalFilePath();
    const QString csvPath = seed.filePath(QStringLiteral("workflow_runs.csv"));
    Result<CsvTable> table = CsvTable::read(csvPath);
    if (!table)
        return makeError(table.error());

    SeedTransferSummary summary;
    for (const QString& required : { QStringLiteral("repo"), QStringLiteral("run_id") }) {
        if (table->columnIndex(required) < 0)
            return makeError(QStringLiteral("'%1': required column '%2' is missing (columns: %3)")
                                 .arg(csvPath, required, table->header().join(QStringLiteral(", "))));
    }
    for (const QString& column : runColumns()) {
        if (table->columnIndex(column) < 0)
            summary.warnings.append(QStringLiteral("'%1': column '%2' is missing; left empty").arg(csvPath, column));
    }
    for (const QString& column : table->header()) {
        if (!runColumns().contains(column))
            summary.warnings.append(QStringLiteral("'%1': unknown column '%2' ignored").arg(csvPath, column));
    }
    QHash<QString, QString> unreadable; // log folder -> why its runs have no logs
    for (const QString& folder : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
        const QFileInfo info(seed.filePath(folder));
        if (!info.exists()) {
            summary.warnings.append(QStringLiteral("seed folder '%1' has no %2/").arg(seedDir, folder));
        } else if (!info.isDir() || !info.isReadable() || !info.isExecutable()) {
            unreadable.insert(folder, QStringLiteral("'%1' is unreadable").arg(info.filePath()));
            summary.warnings.append(unreadable.value(folder));
            ++summary.failures;
        }
    }
    // zips/<owner>/<repo>/<run_id>-<attempt>.zip, listed once (one listing per run made import quadratic).
    QHash<QPair<QString, qint64>, int> latestZip;
    const QString zipsRoot = seed.filePath(QStringLiteral("zips"));
    for (QDirIterator it(zipsRoot, { QStringLiteral("*.zip") }, QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();) {
        const QFileInfo zip(it.nextFileInfo());
        const QString repo = QDir(zipsRoot).relativeFilePath(zip.absolutePath());
        bool idOk = false, attemptOk = false;
        const qint64 runId = zip.completeBaseName().section(QLatin1Char('-'), 0, 0).toLongLong(&idOk);
        const int attempt = zip.completeBaseName().section(QLatin1Char('-'), 1).toInt(&attemptOk);
        if (!idOk || !attemptOk)
            continue;
        int& latest = latestZip[{ repo, runId }];
        latest = std::max(latest, attempt);
    }

    auto cell = [&](const QStringList& row, const QString& name) {
        const int i = table->columnIndex(name);
        return i >= 0 && i < row.size() ? row.at(i).trimmed() : QString();
    };

    QList<RunRecord> runs;
    QHash<qint64, QString> repoOfRun;
    QHash<qint64, int> attemptOfRun;
    for (int r = 0; r < table->rowCount(); ++r) {
        const QStringList& row = table->row(r);
        const int line = table->lineOf(r);
        RunRecord run;
        bool ok = false;
        run.runId = cell(row, QStringLiteral("run_id")).toLongLong(&ok);
        run.repository = cell(row, QStringLiteral("repo"));
        if (!ok || run.runId <= 0) {
            summary.warnings.append(
                QStringLiteral("'%1' line %2: skipped, needs a numeric run_id").arg(csvPath).arg(line));
            ++summary.failures;
            continue;
        }
        // The repository names a folder in the workspace: '../..', absolute paths and separators are refused.
        if (const QString problem = repositoryNameProblem(run.repository); !problem.isEmpty()) {
            summary.warnings.append(QStringLiteral("'%1' line %2: skipped, %3").arg(csvPath).arg(line).arg(problem));
            ++summary.failures;
            continue;
        }
        if (repoOfRun.contains(run.runId)) {
            summary.warnings.append(
                QStringLiteral("'%1' line %2: run %3 listed twice; first kept").arg(csvPath).arg(line).arg(run.runId));
            continue;
        }
        // A sample corpus also keeps every attempt's ZIP under zips/<owner>/<repo>/<run_id>-<attempt>.zip;
        // the extracted folder is the latest attempt's, so the run is imported as that attempt.
        run.attempt = std::max(1, latestZip.value({ run.repository, run.runId }));
        run.source = QStringLiteral("import");
        run.runNumber = cell(row, QStringLiteral("run_number")).toLongLong();
        run.workflowName = cell(row, QStringLiteral("workflow_name"));
        run.event = cell(row, QStringLiteral("event"));
        run.branch = cell(row, QStringLiteral("branch"));
        run.status = cell(row, QStringLiteral("status"));
        run.conclusion = cell(row, QStringLiteral("conclusion"));
        run.createdAt = QDateTime::fromString(cell(row, QStringLiteral("created_at")), Qt::ISODate);
        run.htmlUrl = cell(row, QStringLiteral("html_url"));
        run.logsUrl = cell(row, QStringLiteral("log_url"));
        run.collectionState = CollectionState::JobsFetched;
        repoOfRun.insert(run.runId, run.repository);
        attemptOfRun.insert(run.runId, run.attempt);
        runs.append(run);
    }
    if (Status s = ws.upsertRuns(runs); !s)
        return makeError(s.error());
    summary.runs = int(runs.size());

    for (qsizetype i = 0; i < runs.size(); ++i) {
        const RunRecord& run = runs.at(i);
        if (progress && !progress(int(i), int(runs.size()))) {
            summary.canceled = true;
            return summary;
        }
        Result<LogArchiveRecord> current = ws.archive(run.runId, run.attempt);
        if (!current)
            return makeError(current.error());
        if (current->state == ArchiveState::Downloaded)
            continue; // imported before or collected: keep what is there
        QString folder;
        QString refused;
        for (const QString& sub : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
            const QString candidate = seed.filePath(sub + QLatin1Char('/') + QString::number(run.runId));
            if (unreadable.contains(sub))
                refused = unreadable.value(sub);
            else if (QFileInfo(candidate).isDir() && !staysInside(candidate, seedRoot))
                refused = QStringLiteral("'%1' links out of the seed folder").arg(candidate);
            else if (QFileInfo(candidate).isDir())
                folder = candidate;
        }
        const QString original
            = seed.filePath(QStringLiteral("zips/%1/%2-%3.zip").arg(run.repository).arg(run.runId).arg(run.attempt));
        const bool hasOriginal = QFileInfo::exists(original);
        if (hasOriginal && !staysInside(original, seedRoot)) {
            refused = QStringLiteral("'%1' links out of the seed folder").arg(original);
            folder.clear();
        }
        LogArchiveRecord archive = *current;
        if (folder.isEmpty() && !refused.isEmpty()) {
            archive.state = ArchiveState::Failed;
            archive.reason = QStringLiteral("run %1: %2").arg(run.runId).arg(refused);
            if (!unreadable.values().contains(refused)) { // an unreadable folder is reported once, above
                summary.warnings.append(archive.reason);
                ++summary.failures;
            }
        } else if (folder.isEmpty()) {
            archive.state = ArchiveState::Missing;
            archive.reason = QStringLiteral("no log folder for run %1 in seed folder '%2'").arg(run.runId).arg(seedDir);
            summary.warnings.append(archive.reason);
        } else {
            archive.state = ArchiveState::Downloading;
            if (Status s = ws.setArchive(archive); !s)
                return makeError(s.error());
            const QString zipPath = ws.absolutePath(archive.path);
            Status zipped = hasOriginal ? copyFile(original, zipPath) : zipFolder(folder, zipPath);
            Result<ArchiveCheck> check = zipped ? verifyZip(zipPath) : Result<ArchiveCheck>(makeError(zipped.error()));
            if (check) {
                archive.state = ArchiveState::Downloaded;
                archive.bytes = check->bytes;
                archive.sha256 = check->sha256;
                archive.reason = QStringLiteral("imported from '%1'").arg(folder);
                ++summary.archives;
            } else {
                archive.state = ArchiveState::Failed;
                archive.reason = check.error();
                summary.warnings.append(check.error());
                ++summary.failures;
                QFile::remove(zipPath); // a refused archive is not kept where readers look
            }
        }
        if (Status s = ws.setArchive(archive); !s)
            return makeError(s.error());
        if (!isFinal(archive.state))
            continue; // stays jobs-fetched: a later import or collection tries again
        if (Status s = ws.setCollectionState(run.runId, run.attempt, CollectionState::Complete); !s)
            return makeError(s.error());
    }

    const QString memoryPath = seed.filePath(QStringLiteral("memory_logs.txt"));
    if (QFile memory(memoryPath); memory.exists()) {
        if (!memory.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("'%1': cannot open: %2").arg(memoryPath, memory.errorString()));
        int n = 0;
        while (!memory.atEnd()) {
            ++n;
            const QString text = QString::fromUtf8(memory.readLine()).trimmed();
            if (text.isEmpty())
                continue;
            const qint64 runId = runIdOfLogPath(text);
            if (runId == 0 || !repoOfRun.contains(runId)) {
                summary.warnings.append(
                    QStringLiteral("'%1' line %2: '%3' names no imported run").arg(memoryPath).arg(n).arg(text));
                continue;
            }
            Result<qint64> id = ws.addLabel(
                { 0, runId, attemptOfRun.value(runId), QStringLiteral("memory"), LabelSource::MemoryLogs, text });
            if (!id)
                return makeError(id.error());
            ++summary.labels;
        }
    }

    // labels.csv: the sample corpus's ground truth (run_id,attempt,repo,category,...) or a plain
    // run_id,label[,attempt] file; kept with source "sample".
    const QString labelsPath = seed.filePath(QStringLiteral("labels.csv"));
    if (QFileInfo::exists(labelsPath)) {
        Result<CsvTable> labels = CsvTable::read(labelsPath);
        const int labelCol = !labels
            ? -1
            : (labels->columnIndex(QStringLiteral("label")) >= 0 ? labels->columnIndex(QStringLiteral("label"))
                                                                 : labels->columnIndex(QStringLiteral("category")));
        if (!labels) {
            summary.warnings.append(labels.error());
        } else if (labels->columnIndex(QStringLiteral("run_id")) < 0 || labelCol < 0) {
            summary.warnings.append(
                QStringLiteral("'%1': needs columns run_id and label or category (columns: %2); ignored")
                    .arg(labelsPath, labels->header().join(QStringLiteral(", "))));
        } else {
            const int idCol = labels->columnIndex(QStringLiteral("run_id"));
            const int attemptCol = labels->columnIndex(QStringLiteral("attempt"));
            int otherAttempts = 0;
            for (int r = 0; r < labels->rowCount(); ++r) {
                const QStringList& row = labels->row(r);
                const int n = labels->lineOf(r);
                const qint64 runId = row.value(idCol).toLongLong();
                const int attempt = attemptCol >= 0 ? std::max(1, row.value(attemptCol).toInt()) : 1;
                const QString label = row.value(labelCol).trimmed();
                if (!repoOfRun.contains(runId) || label.isEmpty()) {
                    summary.warnings.append(
                        QStringLiteral("'%1' line %2: no imported run or empty label").arg(labelsPath).arg(n));
                    continue;
                }
                if (attempt != attemptOfRun.value(runId)) {
                    ++otherAttempts; // the seed layout holds one attempt per run: the latest
                    continue;
                }
                Result<qint64> id = ws.addLabel({ 0, runId, attempt, label, LabelSource::Sample, {} });
                if (!id)
                    return makeError(id.error());
                ++summary.labels;
            }
            if (otherAttempts > 0)
                summary.warnings.append(QStringLiteral("'%1': %2 label(s) of earlier attempts skipped; the seed "
                                                       "layout keeps the latest attempt of each run")
                                            .arg(labelsPath)
                                            .arg(otherAttempts));
        }
    }
    return summary;
}

Result<SeedTransferSummary> SeedFolder::exportFolder(Workspace& ws, const QString& outDir, const SeedProgress& progress)
{
    QDir out(outDir);
    if (!out.mkpath(QStringLiteral(".")))
        return makeError(QStringLiteral("output folder '%1': cannot create").arg(outDir));
    Result<QList<RunRecord>> runs = ws.runs();
    if (!runs)
        return makeError(runs.error());
    SeedTransferSummary summary;
    QString csv = CsvTable::line(runColumns());
    QList<RunRecord> sorted = *runs;
    std::sort(sorted.begin(), sorted.end(), [](const RunRecord& a, const RunRecord& b) {
        return a.repository != b.repository ? a.repository < b.repository
                                            : (a.runId != b.runId ? a.runId < b.runId : a.attempt > b.attempt);
    });
    QSet<qint64> written;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const RunRecord& run = sorted.at(i);
        if (progress && !progress(int(i), int(sorted.size()))) {
            summary.canceled = true;
            return summary;
        }
        if (written.contains(run.runId))
            continue; // the seed layout knows one attempt per run: the latest
        // A workspace may come from elsewhere: its names must not lead out of `outDir` either.
        if (const QString problem = repositoryNameProblem(run.repository); !problem.isEmpty()) {
            summary.warnings.append(QStringLiteral("run %1 skipped: %2").arg(run.runId).arg(problem));
            ++summary.failures;
            continue;
        }
        written.insert(run.runId);
        csv += CsvTable::line({ run.repository, QString::number(run.runId), QString::number(run.runNumber),
            run.workflowName, run.event, run.branch, run.status, run.conclusion,
            run.createdAt.isValid() ? run.createdAt.toUTC().toString(Qt::ISODate) : QString(), run.htmlUrl,
            run.logsUrl });
        ++summary.runs;
        Result<LogArchiveRecord> archive = ws.archive(run.runId, run.attempt);
        if (!archive || archive->state != ArchiveState::Downloaded)
            continue;
        if (const QString reason = logs::ZipArchive::unsafeNameReason(archive->path); !reason.isEmpty()) {
            summary.warnings.append(
                QStringLiteral("run %1: archive path '%2' %3; skipped").arg(run.runId).arg(archive->path, reason));
            ++summary.failures;
            continue;
        }
        const QString folder = out.filePath(
            (isFailureConclusion(run.conclusion) ? QStringLiteral("logs_failure/") : QStringLiteral("logs_normal/"))
            + QString::number(run.runId));
        // Also the archive as it is, where a sample corpus keeps it, so that a re-import is byte-exact.
        const QString zipCopy
            = out.filePath(QStringLiteral("zips/%1/%2-%3.zip").arg(run.repository).arg(run.runId).arg(run.attempt));
        if (Status copied = copyFile(ws.absolutePath(archive->path), zipCopy); !copied)
            summary.warnings.append(copied.error());
        Result<int> extracted = extractZip(ws.absolutePath(archive->path), folder);
        if (!extracted) {
            summary.warnings.append(extracted.error());
            continue;
        }
        ++summary.archives;
    }
    QSaveFile csvFile(out.filePath(QStringLiteral("workflow_runs.csv")));
    if (!csvFile.open(QIODevice::WriteOnly) || csvFile.write(csv.toUtf8()) < 0 || !csvFile.commit())
        return makeError(QStringLiteral("'%1': cannot write").arg(out.filePath(QStringLiteral("workflow_runs.csv"))));

    Result<QList<LabelRecord>> labels = ws.labels();
    if (!labels)
        return makeError(labels.error());
    QString memory;
    QString labelsCsv = CsvTable::line(
        { QStringLiteral("run_id"), QStringLiteral("attempt"), QStringLiteral("label"), QStringLiteral("source") });
    bool anyLabel = false;
    for (const LabelRecord& label : std::as_const(*labels)) {
        if (label.source == LabelSource::MemoryLogs && !label.note.isEmpty()) {
            memory += label.note + QLatin1Char('\n');
        } else {
            labelsCsv += CsvTable::line(
                { QString::number(label.runId), QString::number(label.attempt), label.label, nameOf(label.source) });
            anyLabel = true;
        }
        ++summary.labels;
    }
    if (!memory.isEmpty()) {
        QSaveFile f(out.filePath(QStringLiteral("memory_logs.txt")));
        if (!f.open(QIODevice::WriteOnly) || f.write(memory.toUtf8()) < 0 || !f.commit())
            return makeError(QStringLiteral("'%1': cannot write").arg(f.fileName()));
    }
    if (anyLabel) {
        QSaveFile f(out.filePath(QStringLiteral("labels.csv")));
        if (!f.open(QIODevice::WriteOnly) || f.write(labelsCsv.toUtf8()) < 0 || !f.commit())
            return makeError(QStringLiteral("'%1': cannot write").arg(f.fileName()));
    }
    return summary;
}

} // namespace runlens::workspace
