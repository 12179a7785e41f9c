#include "seedfolder.h"

#include "archivecheck.h"
#include "common/csvtable.h"
#include "workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace runlens::workspace {

namespace {

// Like the old pipeline: every run that did not succeed goes to logs_failure/.
bool isFailureConclusion(const QString& conclusion)
{
    return conclusion != QLatin1String("success");
}

// Zips every file under `folder` (names relative to it) into `zipPath` via a .part file.
Status zipFolder(const QString& folder, const QString& zipPath)
{
    QDir().mkpath(QFileInfo(zipPath).absolutePath());
    const QString part = zipPath + QStringLiteral(".part");
    QFile::remove(part);
    {
        QuaZip zip(part);
        if (!zip.open(QuaZip::mdCreate))
            return makeError(QStringLiteral("archive '%1': cannot create (error %2)").arg(part).arg(zip.getZipError()));
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        const QDir base(folder);
        for (const QString& file : files) {
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                return makeError(QStringLiteral("log '%1': cannot read: %2").arg(file, in.errorString()));
            QuaZipFile out(&zip);
            if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(base.relativeFilePath(file), file)))
                return makeError(QStringLiteral("archive '%1': cannot add '%2'").arg(part, file));
            out.write(in.readAll());
            out.close();
            if (out.getZipError() != ZIP_OK)
                return makeError(QStringLiteral("archive '%1': cannot write '%2'").arg(part, file));
        }
        zip.close();
        if (zip.getZipError() != ZIP_OK)
            return makeError(QStringLiteral("archive '%1': cannot finish (error %2)").arg(part).arg(zip.getZipError()));
    }
    QFile::remove(zipPath);
    if (!QFile::rename(part, zipPath))
        return makeError(QStringLiteral("archive '%1': cannot rename into place").arg(zipPath));
    return {};
}

// Copies an archive as it is into place, through a .part file.
Status copyFile(const QString& from, const QString& to)
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    const QString part = to + QStringLiteral(".part");
    QFile::remove(part);
    if (!QFile::copy(from, part))
        return makeError(QStringLiteral("archive '%1': cannot copy to '%2'").arg(from, part));
    QFile::remove(to);
    if (!QFile::rename(part, to))
        return makeError(QStringLiteral("archive '%1': cannot rename into place").arg(to));
    return {};
}

// Extracts `zipPath` under `outDir`, refusing entries that would escape it.
Result<int> extractZip(const QString& zipPath, const QString& outDir)
{
    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdUnzip))
        return makeError(QStringLiteral("archive '%1': cannot open").arg(zipPath));
    const QString root = QDir::cleanPath(outDir);
    int count = 0;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        const QString name = zip.getCurrentFileName();
        if (name.endsWith(QLatin1Char('/')))
            continue;
        const QString target = QDir::cleanPath(root + QLatin1Char('/') + name);
        if (!target.startsWith(root + QLatin1Char('/')))
            return makeError(QStringLiteral("archive '%1': entry '%2' escapes the output folder").arg(zipPath, name));
        QuaZipFile entry(&zip);
        if (!entry.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("archive '%1': cannot open entry '%2'").arg(zipPath, name));
        QDir().mkpath(QFileInfo(target).absolutePath());
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly))
            return makeError(QStringLiteral("file '%1': cannot write: %2").arg(target, out.errorString()));
        out.write(entry.readAll());
        entry.close();
        if (entry.getZipError() != UNZ_OK)
            return makeError(QStringLiteral("archive '%1': entry '%2' is corrupt").arg(zipPath, name));
        if (!out.commit())
            return makeError(QStringLiteral("file '%1': cannot write: %2").arg(target, out.errorString()));
        ++count;
    }
    return count;
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

Result<SeedTransferSummary> SeedFolder::importFolder(
    Workspace& ws, const QString& seedDir, const SeedProgress& progress)
{
    const QDir seed(seedDir);
    if (!seed.exists())
        return makeError(QStringLiteral("seed folder '%1' does not exist").arg(seedDir));
    const QString csvPath = seed.filePath(QStringLiteral("workflow_runs.csv"));
    if (!QFileInfo::exists(csvPath))
        return makeError(QStringLiteral("seed folder '%1' has no workflow_runs.csv").arg(seedDir));
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
    for (const QString& folder : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
        if (!seed.exists(folder))
            summary.warnings.append(QStringLiteral("seed folder '%1' has no %2/").arg(seedDir, folder));
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
        if (!ok || run.runId <= 0 || run.repository.count(QLatin1Char('/')) != 1) {
            summary.warnings.append(
                QStringLiteral("'%1' line %2: skipped, needs a numeric run_id and an owner/name repo")
                    .arg(csvPath)
                    .arg(line));
            continue;
        }
        if (repoOfRun.contains(run.runId)) {
            summary.warnings.append(
                QStringLiteral("'%1' line %2: run %3 listed twice; first kept").arg(csvPath).arg(line).arg(run.runId));
            continue;
        }
        // A sample corpus also keeps every attempt's ZIP under zips/<owner>/<repo>/<run_id>-<attempt>.zip;
        // the extracted folder is the latest attempt's, so the run is imported as that attempt.
        run.attempt = 1;
        const QDir zipDir(seed.filePath(QStringLiteral("zips/") + run.repository));
        for (const QString& name : zipDir.entryList({ QStringLiteral("%1-*.zip").arg(run.runId) }, QDir::Files)) {
            const int attempt = name.section(QLatin1Char('-'), 1).section(QLatin1Char('.'), 0, 0).toInt();
            if (attempt > run.attempt)
                run.attempt = attempt;
        }
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
        for (const QString& sub : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
            const QString candidate = seed.filePath(sub + QLatin1Char('/') + QString::number(run.runId));
            if (QFileInfo(candidate).isDir())
                folder = candidate;
        }
        LogArchiveRecord archive = *current;
        if (folder.isEmpty()) {
            archive.state = ArchiveState::Missing;
            archive.reason = QStringLiteral("no log folder for run %1 in seed folder '%2'").arg(run.runId).arg(seedDir);
            summary.warnings.append(archive.reason);
        } else {
            archive.state = ArchiveState::Downloading;
            if (Status s = ws.setArchive(archive); !s)
                return makeError(s.error());
            const QString zipPath = ws.absolutePath(archive.path);
            const QString original = seed.filePath(
                QStringLiteral("zips/%1/%2-%3.zip").arg(run.repository).arg(run.runId).arg(run.attempt));
            Status zipped = QFileInfo::exists(original) ? copyFile(original, zipPath) : zipFolder(folder, zipPath);
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
            }
        }
        if (Status s = ws.setArchive(archive); !s)
            return makeError(s.error());
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
        written.insert(run.runId);
        csv += CsvTable::line({ run.repository, QString::number(run.runId), QString::number(run.runNumber),
            run.workflowName, run.event, run.branch, run.status, run.conclusion,
            run.createdAt.isValid() ? run.createdAt.toUTC().toString(Qt::ISODate) : QString(), run.htmlUrl,
            run.logsUrl });
        ++summary.runs;
        Result<LogArchiveRecord> archive = ws.archive(run.runId, run.attempt);
        if (!archive || archive->state != ArchiveState::Downloaded)
            continue;
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
