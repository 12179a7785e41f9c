// The GHALogs dataset: tar.gz archives (files and members of a big ZIP), the importer, the generator.
#include "testsupport.h"

#include "ghalogs/ghalogsdataset.h"
#include "ghalogs/ghalogsgenerator.h"
#include "ghalogs/ghalogsimporter.h"
#include "ghalogs/gziplinereader.h"
#include "ghalogs/targzwriter.h"
#include "logs/logsource.h"
#include "logs/tararchive.h"
#include "workspace/ghalogsstore.h"
#include "workspace/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

using namespace runlens;
using namespace runlens::logs;

namespace {

const QString kRealRelative = QStringLiteral("logs/PyTables/PyTables/Wheels_856c/200-1.tar.gz");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray gzip(const QByteArray& text)
{
    ghalogs::TarGzWriter writer;
    if (!writer.open({}, ghalogs::TarGzWriter::Mode::Gzip) || !writer.addFile(QStringLiteral("data"), text)
        || !writer.close())
        return {};
    return writer.bytes();
}

// A tar.gz made entry by entry with libarchive, so that tests can write what a hostile tool would.
struct RawEntry
{
    QString name;
    QByteArray data;
    unsigned type = AE_IFREG;
    QString link; // symlink target or hard link
};

RawEntry file(const QString& name, const QByteArray& data)
{
    return { name, data, AE_IFREG, QString() };
}

RawEntry special(const QString& name, unsigned type, const QString& link)
{
    return { name, QByteArray(), type, link };
}

// The archive at `path` with a cache budget of `cacheBytes` (0: every entry is streamed again when read).
Result<TarArchive> openTarFile(const QString& path, qint64 cacheBytes)
{
    return TarArchive::open(
        QStringLiteral("archive '%1'").arg(path),
        [path]() -> Result<std::unique_ptr<QIODevice>> {
            auto device = std::make_unique<QFile>(path);
            if (!device->open(QIODevice::ReadOnly))
                return makeError(QStringLiteral("cannot open"));
            return std::unique_ptr<QIODevice>(std::move(device));
        },
        {}, cacheBytes);
}

QByteArray rawTarGz(const QList<RawEntry>& entries)
{
    QByteArray out(qsizetype(16) << 20, '\0');
    size_t used = 0;
    archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    archive_write_open_memory(a, out.data(), size_t(out.size()), &used);
    for (const RawEntry& e : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.toUtf8().constData());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, 0644);
        if (e.type == AE_IFLNK)
            archive_entry_set_symlink(entry, e.link.toUtf8().constData());
        else if (!e.link.isEmpty())
            archive_entry_set_hardlink(entry, e.link.toUtf8().constData());
        archive_entry_set_size(entry, e.type == AE_IFREG && e.link.isEmpty() ? e.data.size() : 0);
        archive_write_header(a, entry);
        if (e.type == AE_IFREG && e.link.isEmpty())
            archive_write_data(a, e.data.constData(), size_t(e.data.size()));
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    out.resize(qsizetype(used));
    return out;
}

struct LibarchiveEntry
{
    QString name;
    bool directory = false;
    QByteArray data;
};

// What libarchive reads of `bytes`: the entries of a tar, or with `gzipOnly` the inflated gzip as one
// entry; nothing when it fails.
std::optional<QList<LibarchiveEntry>> readWithLibarchive(const QByteArray& bytes, bool gzipOnly)
{
    archive* a = archive_read_new();
    if (gzipOnly) {
        archive_read_support_filter_gzip(a);
        archive_read_support_format_raw(a);
    } else {
        archive_read_support_format_tar(a);
        archive_read_support_format_gnutar(a);
    }
    QList<LibarchiveEntry> entries;
    archive_entry* entry = nullptr;
    int r = archive_read_open_memory(a, bytes.constData(), size_t(bytes.size()));
    while (r == ARCHIVE_OK && (r = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
        LibarchiveEntry e { QString::fromUtf8(archive_entry_pathname_utf8(entry)),
            archive_entry_filetype(entry) == AE_IFDIR, QByteArray() };
        char buffer[65536];
        for (la_ssize_t n; (n = archive_read_data(a, buffer, sizeof buffer)) > 0;)
            e.data.append(buffer, qsizetype(n));
        entries << std::move(e);
    }
    archive_read_free(a);
    return r == ARCHIVE_EOF ? std::optional(entries) : std::nullopt;
}

// A member as TarArchive::readPlainTar()'s test lists it: "d " for a directory, its name and data's md5.
QString describeMember(bool directory, const QString& name, QByteArrayView data)
{
    return QStringLiteral("%1%2 %3").arg(directory ? QStringLiteral("d ") : QString(), name,
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex()));
}

// The real example of ../shared/ghalogs as a one-run dataset; with `zip`, the archive is a member of
// github_run_logs.zip instead of a file under logs/.
bool makeRealDataset(const QString& dir, bool zip)
{
    const QString shared = test::sharedDir() + QStringLiteral("/ghalogs");
    const QJsonDocument run = QJsonDocument::fromJson(readAll(shared + QStringLiteral("/run.json")));
    const QJsonDocument repo = QJsonDocument::fromJson(readAll(shared + QStringLiteral("/repository.json")));
    if (!run.isObject() || !repo.isObject())
        return false;
    if (!writeFile(dir + QStringLiteral("/runs.json.gz"), gzip(run.toJson(QJsonDocument::Compact) + '\n'))
        || !writeFile(dir + QStringLiteral("/repositories.json.gz"), gzip(repo.toJson(QJsonDocument::Compact) + '\n')))
        return false;
    const QByteArray tar = readAll(shared + QStringLiteral("/log.tar.gz"));
    if (zip)
        return test::writeZip(dir + QStringLiteral("/github_run_logs.zip"), { { kRealRelative, tar } });
    return writeFile(dir + QLatin1Char('/') + kRealRelative, tar);
}

// Everything a reader sees of a LogSource: entries, jobs, steps and every line.
QStringList describeSource(const LogSource& source)
{
    QStringList out;
    for (int i = 0; i < source.entries().size(); ++i) {
        const LogEntry& e = source.entries().at(i);
        out << QStringLiteral("entry %1 job=%2 step=%3 kind=%4 size=%5")
                   .arg(e.name, e.jobName)
                   .arg(e.stepNumber)
                   .arg(entryKindName(e.kind))
                   .arg(e.size);
        qint64 lines = 0;
        QByteArray hash;
        const Status s = source.forEachLine(i, [&](const LogLine& line) {
            ++lines;
            hash = QCryptographicHash::hash(QByteArray(hash + line.raw.toByteArray()), QCryptographicHash::Md5);
            return true;
        });
        out << QStringLiteral("  lines=%1 ok=%2 hash=%3")
                   .arg(lines)
                   .arg(bool(s))
                   .arg(QString::fromLatin1(hash.toHex()));
    }
    for (const QString& job : source.jobNames()) {
        const auto steps = source.steps(job);
        out << QStringLiteral("job %1 steps=%2").arg(job).arg(steps ? steps->size() : -1);
        if (steps) {
            for (const StepRange& step : *steps)
                out << QStringLiteral("  step %1 %2 lines %3-%4")
                           .arg(step.number)
                           .arg(step.name)
                           .arg(step.firstLine)
                           .arg(step.lastLine);
        }
    }
    return out;
}

QStringList tableDump(workspace::Workspace& ws, const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(ws.connectionName(), false));
    QStringList rows;
    if (!q.exec(sql))
        return { QStringLiteral("error: ") + sql };
    while (q.next()) {
        QStringList cells;
        for (int c = 0; c < q.record().count(); ++c)
            cells << q.value(c).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

} // namespace

class TestGhaLogs : public QObject
{
    Q_OBJECT

private slots:
    void realExampleReadsLikeItsZip();
    void realExampleImports();
    void memberOfBigZipReadsLikeFile();
    void hostileArchives_data();
    void hostileArchives();
    void largeArchiveStreamsAgain();
    void recordPaths_data();
    void recordPaths();
    void generatedDatasetReportsEveryCase();
    void bigZipFormEqualsLogsForm();
    void cancelledImportFinishesOnSecondRun();
    void filtersAndSample();
    void gzipLinesReportTruncation();
    void plainTarReadsLikeLibarchive();
    void entriesInPlaceReadLikeCopies();
};

// withEntry() hands a clean UTF-8 entry held in memory (after a BOM too) as a view of the archive's own bytes, and
// every other entry (UTF-16, invalid or cut UTF-8, an empty one) decoded as readEntry() does; heldBytes() has an
// entry's raw bytes only within the cache budget.
void TestGhaLogs::entriesInPlaceReadLikeCopies()
{
    const QByteArray clean = QByteArray("2024-01-01T00:00:00.0000000Z caf\xc3\xa9 line\n").repeated(50);
    const QList<RawEntry> entries { file(QStringLiteral("1_clean.txt"), clean),
        file(QStringLiteral("2_bom.txt"), "\xef\xbb\xbf" + clean),
        file(QStringLiteral("3_invalid.txt"), "a\xff\xfe b\n"), file(QStringLiteral("4_cut.txt"), clean + "\xc3"),
        file(QStringLiteral("5_utf16.txt"),
            QByteArray("\xff\xfe"
                       "a\0b\0\n\0",
                8)),
        file(QStringLiteral("6_empty.txt"), QByteArray()), file(QStringLiteral("7_bom_only.txt"), "\xef\xbb\xbf") };
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.tar.gz"));
    QVERIFY(writeFile(path, rawTarGz(entries)));
    const auto source = LogSource::open(path);
    QVERIFY2(source, source ? "" : qPrintable(source.error()));
    QCOMPARE(source->entries().size(), entries.size());
    QStringList inPlace;
    for (int i = 0; i < source->entries().size(); ++i) {
        const Result<QByteArray> copy = source->readEntry(i);
        QVERIFY(copy);
        QByteArray seen;
        const Status status = source->withEntry(i, [&](QByteArrayView decoded) {
            seen = decoded.toByteArray();
            // A view of bytes the source holds is the same view again; two copies alive are two buffers.
            QVERIFY(source->withEntry(i, [&](QByteArrayView again) {
                if (!decoded.isEmpty() && again.data() == decoded.data())
                    inPlace << source->entries().at(i).name;
            }));
        });
        QVERIFY(status);
        QCOMPARE(seen, *copy);
    }
    inPlace.sort();
    QCOMPARE(inPlace, QStringList({ QStringLiteral("1_clean.txt"), QStringLiteral("2_bom.txt") }));

    const auto cached = openTarFile(path, TarArchive::kDefaultCacheBytes);
    const auto streamed = openTarFile(path, 0);
    QVERIFY(cached && streamed);
    for (int i = 0; i < cached->entries().size(); ++i) {
        const std::optional<QByteArrayView> held = cached->heldBytes(i);
        QVERIFY(held);
        QByteArray raw;
        QVERIFY(cached->readRaw(i, [&raw](QByteArrayView chunk) {
            raw += chunk;
            return true;
        }));
        QCOMPARE(held->toByteArray(), raw);
        QVERIFY(!streamed->heldBytes(i));
    }
    QVERIFY(!cached->heldBytes(cached->entries().size()));
}

// A truncated runs.json.gz ends the lines with a Status naming the file; a whole one reads to the end.
void TestGhaLogs::gzipLinesReportTruncation()
{
    QByteArray text;
    for (int i = 0; i < 20000; ++i)
        text += "{\"id\": " + QByteArray::number(i) + ", \"padding\": \"" + QByteArray::number(i * 7919) + "\"}\n";
    const QByteArray whole = gzip(text);
    QVERIFY(!whole.isEmpty());
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.json.gz"));
    const QString cut = dir.filePath(QStringLiteral("cut.json.gz"));
    QVERIFY(writeFile(good, whole));
    QVERIFY(writeFile(cut, whole.left(whole.size() / 2)));

    ghalogs::GzipLineReader reader;
    QVERIFY(reader.open(good));
    QByteArray line;
    qint64 lines = 0;
    while (reader.next(&line))
        ++lines;
    QCOMPARE(lines, qint64(20000));
    QVERIFY(reader.status());

    ghalogs::GzipLineReader truncated;
    QVERIFY(truncated.open(cut));
    lines = 0;
    while (truncated.next(&line))
        ++lines;
    QVERIFY(lines < 20000);
    const Status status = truncated.status();
    QVERIFY(!status);
    QVERIFY2(status.error().contains(cut), qPrintable(status.error()));
}

void TestGhaLogs::realExampleReadsLikeItsZip()
{
    // The same run as GitHub's ZIP: the tar's entries written into a ZIP read the same jobs, steps, lines.
    const QString tarPath = test::sharedDir() + QStringLiteral("/ghalogs/log.tar.gz");
    const auto tar = LogSource::open(tarPath);
    QVERIFY2(tar, qPrintable(tar ? QString() : tar.error()));
    QCOMPARE(tar->kind(), SourceKind::TarGz);
    QCOMPARE(tar->entries().size(), 176); // regular files; directory entries are left out
    QList<QPair<QString, QByteArray>> entries;
    for (int i = 0; i < tar->entries().size(); ++i) {
        QByteArray raw;
        QVERIFY(tar->forEachRawChunk(i, [&](QByteArrayView chunk) {
            raw.append(chunk.data(), chunk.size());
            return true;
        }));
        QCOMPARE(raw.size(), tar->entries().at(i).size);
        entries.append({ tar->entries().at(i).name, raw });
    }
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("run.zip"));
    QVERIFY(test::writeZip(zipPath, entries));
    const auto zip = LogSource::open(zipPath);
    QVERIFY(zip);
    QCOMPARE(zip->kind(), SourceKind::Zip);
    // The folder order is the reader's order for both; compare as sets of descriptions.
    QStringList a = describeSource(*tar);
    QStringList b = describeSource(*zip);
    QCOMPARE(a.size(), b.size());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    QCOMPARE(a, b);
    QVERIFY(tar->jobNames().contains(QStringLiteral("Test 3.9 x64 wheels for ubuntu-latest")));
}

void TestGhaLogs::realExampleImports()
{
    QTemporaryDir dir;
    const QString dataset = dir.filePath(QStringLiteral("dataset"));
    QVERIFY(makeRealDataset(dataset, false));
    workspace::Workspace ws;
    QVERIFY(ws.open(dir.filePath(QStringLiteral("ws"))));
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = dataset;
    options.verifyArchives = true;
    auto summary = ghalogs::GhaLogsImporter(ws, options).run();
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error()));
    QCOMPARE(summary->imported, 1);
    QCOMPARE(summary->archivesPresent, 1);
    QCOMPARE(summary->repositories, 1);

    auto run = ws.run(6261949618, 1);
    QVERIFY(run && run->has_value());
    QCOMPARE((*run)->repository, QStringLiteral("PyTables/PyTables"));
    QCOMPARE((*run)->conclusion, QStringLiteral("success"));
    QCOMPARE((*run)->workflowPath, QStringLiteral(".github/workflows/wheels.yml"));
    QCOMPARE((*run)->runNumber, 200);
    QCOMPARE((*run)->source, QStringLiteral("ghalogs"));
    auto jobs = ws.jobs(6261949618, 1);
    QVERIFY(jobs);
    QCOMPARE(jobs->size(), 18); // one per log_insights file
    const auto job = std::find_if(jobs->cbegin(), jobs->cend(),
        [](const workspace::JobRecord& j) { return j.name == QLatin1String("Test 3.9 x64 wheels for ubuntu-latest"); });
    QVERIFY(job != jobs->cend());
    QCOMPARE(job->steps.size(), 4);
    QCOMPARE(job->steps.at(0).name, QStringLiteral("actions/download-artifact@v3"));
    QCOMPARE(job->steps.at(0).startedAt, QDateTime(QDate(2023, 9, 21), QTime(17, 21, 41, 391), Qt::UTC));
    QCOMPARE(job->steps.at(0).startedAt.msecsTo(job->steps.at(0).completedAt), 3420);

    // Readers get the archive where the dataset keeps it, and it reads like the file itself.
    auto archive = ws.archive(6261949618, 1);
    QVERIFY(archive);
    QCOMPARE(archive->state, workspace::ArchiveState::Downloaded);
    const QString path = ws.absolutePath(archive->path);
    QCOMPARE(
        QFileInfo(path).canonicalFilePath(), QFileInfo(dataset + QLatin1Char('/') + kRealRelative).canonicalFilePath());
    auto source = LogSource::open(path);
    QVERIFY(source);
    QCOMPARE(source->entries().size(), 176);

    auto stored = workspace::GhaLogsStore(ws).run(6261949618, 1);
    QVERIFY(stored && stored->has_value());
    QCOMPARE((*stored)->recordId, QStringLiteral("pytables/pytables_.github/workflows/wheels.yml_200_1"));
    QCOMPARE((*stored)->totalLogsSize, 5547709);
    QVERIFY((*stored)->archiveMember.isEmpty());
    // The texts and types the rest of the workspace stores: UTC times with milliseconds, integers, '' for none.
    QCOMPARE(tableDump(ws,
                 QStringLiteral("SELECT started_at, completed_at FROM steps WHERE job_id = %1 AND number = %2")
                     .arg(job->jobId)
                     .arg(job->steps.at(0).number)),
        QStringList { QStringLiteral("2023-09-21T17:21:41.391Z|2023-09-21T17:21:44.811Z") });
    QCOMPARE(tableDump(ws,
                 QStringLiteral("SELECT typeof(r.run_number), typeof(r.created_at), typeof(g.total_logs_size), "
                                "quote(g.archive_member), quote(g.archive_error) FROM runs r JOIN ghalogs_runs g "
                                "USING (run_id, attempt)")),
        QStringList { QStringLiteral("integer|text|integer|''|''") });
    QCOMPARE(tableDump(ws, QStringLiteral("SELECT created_at FROM runs")).value(0),
        (*run)->createdAt.toUTC().toString(Qt::ISODateWithMs));

    // A second import adds nothing.
    auto again = ghalogs::GhaLogsImporter(ws, options).run();
    QVERIFY(again);
    QCOMPARE(again->imported, 0);
    QCOMPARE(again->alreadyImported, 1);
    QCOMPARE(ws.stats()->runs, 1);
}

void TestGhaLogs::memberOfBigZipReadsLikeFile()
{
    QTemporaryDir dir;
    const QString folderForm = dir.filePath(QStringLiteral("folder"));
    const QString zipForm = dir.filePath(QStringLiteral("zip"));
    QVERIFY(makeRealDataset(folderForm, false));
    QVERIFY(makeRealDataset(zipForm, true));
    const QString member = LogSource::memberPath(zipForm + QStringLiteral("/github_run_logs.zip"), kRealRelative);
    QString zipPath;
    QString name;
    QVERIFY(LogSource::splitMemberPath(member, &zipPath, &name));
    QCOMPARE(name, kRealRelative);
    const auto fromZip = LogSource::open(member);
    QVERIFY2(fromZip, qPrintable(fromZip ? QString() : fromZip.error()));
    QCOMPARE(fromZip->kind(), SourceKind::TarGz);
    const auto fromFile = LogSource::open(folderForm + QLatin1Char('/') + kRealRelative);
    QVERIFY(fromFile);
    QCOMPARE(describeSource(*fromZip), describeSource(*fromFile));

    const auto missing = LogSource::open(LogSource::memberPath(zipPath, QStringLiteral("logs/none.tar.gz")));
    QVERIFY(!missing);
    QVERIFY2(missing.error().contains(QLatin1String("member 'logs/none.tar.gz' does not exist")),
        qPrintable(missing.error()));
}

void TestGhaLogs::hostileArchives_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxEntryBytes");
    QTest::addColumn<QString>("expected");
    const QByteArray text = "2024-01-01T00:00:00.0000000Z hello\n";
    const qint64 noLimit = ArchiveLimits::kDefaultMaxEntryBytes;
    QTest::addRow("slip path") << rawTarGz({ file(QStringLiteral("../evil.txt"), text) }) << noLimit
                               << QStringLiteral("entry '../evil.txt' escapes the archive");
    QTest::addRow("absolute path") << rawTarGz({ file(QStringLiteral("/etc/evil.txt"), text) }) << noLimit
                                   << QStringLiteral("is an absolute path");
    QTest::addRow("symlink") << rawTarGz(
        { special(QStringLiteral("1_job.txt"), AE_IFLNK, QStringLiteral("/etc/passwd")) })
                             << noLimit << QStringLiteral("entry '1_job.txt' is a symbolic link");
    QTest::addRow("hard link") << rawTarGz({ file(QStringLiteral("1_job.txt"), text),
        special(QStringLiteral("2_job.txt"), AE_IFREG, QStringLiteral("1_job.txt")) })
                               << noLimit << QStringLiteral("is a hard link");
    QTest::addRow("device") << rawTarGz({ special(QStringLiteral("dev"), AE_IFCHR, QString()) }) << noLimit
                            << QStringLiteral("is not a regular file");
    QTest::addRow("bomb ratio") << rawTarGz({ file(QStringLiteral("1_job.txt"), QByteArray(8 << 20, 'a')) }) << noLimit
                                << QStringLiteral("(zip bomb?)");
    QTest::addRow("entry over limit") << rawTarGz({ file(QStringLiteral("1_job.txt"), text.repeated(100)) })
                                      << qint64(1000) << QStringLiteral("more than the per-entry limit of 1000 bytes");
    const QByteArray good = rawTarGz({ file(QStringLiteral("1_job.txt"), text.repeated(20000)) });
    QTest::addRow("truncated") << good.left(good.size() / 2) << noLimit << QStringLiteral("truncated");
    QTest::addRow("not gzip") << QByteArray("just text\n") << noLimit << QStringLiteral("is not a gzipped tar archive");
    QTest::addRow("empty") << QByteArray() << noLimit << QStringLiteral("archive");
}

void TestGhaLogs::hostileArchives()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxEntryBytes);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.tar.gz"));
    QVERIFY(writeFile(path, bytes));
    ArchiveLimits limits;
    limits.maxEntryBytes = maxEntryBytes;
    const auto source = LogSource::open(path, limits);
    QVERIFY(!source);
    QVERIFY2(source.error().contains(expected), qPrintable(source.error()));
    QVERIFY2(source.error().contains(path), qPrintable(source.error()));
}

void TestGhaLogs::largeArchiveStreamsAgain()
{
    // Over the cache budget, entries are streamed again from the archive: same bytes either way.
    QList<RawEntry> entries;
    for (int i = 1; i <= 3; ++i)
        entries.append(file(QStringLiteral("build/%1_Step %1.txt").arg(i),
            QByteArray("2024-01-01T00:00:00.0000000Z line of step ")
                .append(QByteArray::number(i))
                .append('\n')
                .repeated(500)));
    entries.append(file(QStringLiteral("1_build.txt"), QByteArray("2024-01-01T00:00:00.0000000Z job\n")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.tar.gz"));
    QVERIFY(writeFile(path, rawTarGz(entries)));
    const auto cached = TarArchive::open(path);
    QVERIFY(cached);
    const auto streamed = openTarFile(path, 0);
    QVERIFY(streamed);
    QCOMPARE(streamed->entries().size(), 4);
    QCOMPARE(streamed->entries().at(0).name, QStringLiteral("1_build.txt")); // job log first, then steps by number
    for (int i = 0; i < 4; ++i) {
        QByteArray a;
        QByteArray b;
        QVERIFY(cached->readRaw(i, [&](QByteArrayView c) { return a.append(c.data(), c.size()), true; }));
        QVERIFY(streamed->readRaw(
            i, [&](QByteArrayView c) { return b.append(c.data(), c.size()), true; }, 4096));
        QCOMPARE(a, b);
        QCOMPARE(a.size(), cached->entries().at(i).size);
    }
}

void TestGhaLogs::recordPaths_data()
{
    QTest::addColumn<QString>("recordPath");
    QTest::addColumn<QString>("relative");
    QTest::addRow("dataset") << QStringLiteral("/data/logs/O/R/CI_1a2b/7-1.tar.gz")
                             << QStringLiteral("logs/O/R/CI_1a2b/7-1.tar.gz");
    QTest::addRow("relative") << QStringLiteral("logs/O/R/CI_1a2b/7-1.tar.gz")
                              << QStringLiteral("logs/O/R/CI_1a2b/7-1.tar.gz");
    QTest::addRow("escape") << QStringLiteral("/data/logs/../../etc/passwd") << QString();
    QTest::addRow("no logs part") << QStringLiteral("/data/other/7-1.tar.gz") << QString();
    QTest::addRow("folder") << QStringLiteral("/data/logs/O/") << QString();
}

void TestGhaLogs::recordPaths()
{
    QFETCH(QString, recordPath);
    QFETCH(QString, relative);
    QCOMPARE(ghalogs::GhaLogsDataset::relativeArchivePath(recordPath), relative);
}

void TestGhaLogs::generatedDatasetReportsEveryCase()
{
    QTemporaryDir dir;
    ghalogs::GhaLogsGeneratorOptions gen;
    gen.outDir = dir.filePath(QStringLiteral("dataset"));
    gen.runs = 40;
    gen.seed = 7;
    gen.archiveErrors = 3;
    gen.missingArchives = 2;
    gen.hostileArchives = 2;
    gen.duplicates = 4;
    gen.malformed = 1;
    auto written = ghalogs::GhaLogsGenerator(gen).run();
    QVERIFY2(written, qPrintable(written ? QString() : written.error()));
    QCOMPARE(written->records, 45);

    workspace::Workspace ws;
    QVERIFY(ws.open(dir.filePath(QStringLiteral("ws"))));
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = gen.outDir;
    options.verifyArchives = true;
    options.batchSize = 7;
    auto summary = ghalogs::GhaLogsImporter(ws, options).run();
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error()));
    QCOMPARE(summary->records, 45);
    QCOMPARE(summary->imported, 40);
    QCOMPARE(summary->duplicates, 4);
    QCOMPARE(summary->malformed, 1);
    QCOMPARE(summary->archiveErrors, 3);
    QCOMPARE(summary->archivesMissing, 2);
    QCOMPARE(summary->archivesCorrupt, 2);
    QCOMPARE(summary->archivesPresent, 33);
    QCOMPARE(summary->problems.size(), 3 + 2 + 2 + 4 + 1);
    const QString all = summary->problems.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("escapes the archive")));
    QVERIFY(all.contains(QLatin1String("no archive at logs/")));
    QVERIFY(all.contains(QLatin1String("410 Gone")));
    QVERIFY(all.contains(QLatin1String("duplicate of run")));
    QVERIFY(all.contains(QLatin1String("not valid JSON")));

    // Runs without logs are runs: stored with their state and reason.
    QCOMPARE(ws.stats()->runs, 40);
    QCOMPARE(ws.archivesInState(workspace::ArchiveState::Failed)->size(), 3);
    QCOMPARE(ws.archivesInState(workspace::ArchiveState::Missing)->size(), 2);
    const auto corrupt = ws.archivesInState(workspace::ArchiveState::Corrupt);
    QCOMPARE(corrupt->size(), 2);
    QVERIFY(corrupt->constFirst().reason.contains(QLatin1String("escapes the archive")));

    const QStringList before = tableDump(ws, QStringLiteral("SELECT * FROM steps ORDER BY job_id, number"));
    auto again = ghalogs::GhaLogsImporter(ws, options).run();
    QVERIFY(again);
    QCOMPARE(again->imported, 0);
    QCOMPARE(again->alreadyImported, 40);
    QCOMPARE(tableDump(ws, QStringLiteral("SELECT * FROM steps ORDER BY job_id, number")), before);
}

void TestGhaLogs::bigZipFormEqualsLogsForm()
{
    QTemporaryDir dir;
    QStringList dumps;
    for (bool zip : { false, true }) {
        ghalogs::GhaLogsGeneratorOptions gen;
        gen.outDir = dir.filePath(zip ? QStringLiteral("zip") : QStringLiteral("folder"));
        gen.runs = 25;
        gen.missingArchives = 2;
        gen.archiveErrors = 1;
        gen.zip = zip;
        QVERIFY(ghalogs::GhaLogsGenerator(gen).run());
        workspace::Workspace ws;
        QVERIFY(ws.open(gen.outDir + QStringLiteral("-ws")));
        ghalogs::GhaLogsImportOptions options;
        options.datasetDir = gen.outDir;
        auto summary = ghalogs::GhaLogsImporter(ws, options).run();
        QVERIFY(summary);
        QCOMPARE(summary->logsForm, zip ? QStringLiteral("github_run_logs.zip") : QStringLiteral("logs/"));
        QStringList dump;
        for (const QString& table : { QStringLiteral("runs"), QStringLiteral("jobs"), QStringLiteral("steps"),
                 QStringLiteral("repositories"), QStringLiteral("ghalogs_repositories") })
            dump << tableDump(ws, QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table));
        dump << tableDump(ws, QStringLiteral("SELECT run_id, attempt, bytes, state FROM log_archives ORDER BY 1, 2"));
        // Every present archive reads the same lines in both forms.
        auto archives = ws.archivesInState(workspace::ArchiveState::Downloaded);
        QVERIFY(archives);
        QCOMPARE(archives->size(), 22);
        for (const workspace::LogArchiveRecord& a : *archives) {
            const auto source = LogSource::open(ws.absolutePath(a.path));
            QVERIFY2(source, qPrintable(source ? QString() : source.error()));
            dump << describeSource(*source);
        }
        dumps << dump.join(QLatin1Char('\n'));
    }
    QCOMPARE(dumps.at(1), dumps.at(0));
}

void TestGhaLogs::cancelledImportFinishesOnSecondRun()
{
    QTemporaryDir dir;
    ghalogs::GhaLogsGeneratorOptions gen;
    gen.outDir = dir.filePath(QStringLiteral("dataset"));
    gen.runs = 30;
    QVERIFY(ghalogs::GhaLogsGenerator(gen).run());
    workspace::Workspace ws;
    QVERIFY(ws.open(dir.filePath(QStringLiteral("ws"))));
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = gen.outDir;
    options.batchSize = 5;
    std::atomic<bool> cancel { false };
    int progressCalls = 0;
    auto first = ghalogs::GhaLogsImporter(ws, options).run(&cancel, [&](const ghalogs::GhaLogsImportProgress& p) {
        ++progressCalls;
        QVERIFY(p.imported > 0);
        cancel.store(true); // as Ctrl-C after the first committed batch
    });
    QVERIFY(first);
    QVERIFY(first->cancelled);
    QCOMPARE(progressCalls, 1);
    QCOMPARE(first->imported, 5);
    QCOMPARE(ws.stats()->runs, 5);

    auto second = ghalogs::GhaLogsImporter(ws, options).run();
    QVERIFY(second);
    QVERIFY(!second->cancelled);
    QCOMPARE(second->alreadyImported, 5);
    QCOMPARE(second->imported, 25);
    QCOMPARE(ws.stats()->runs, 30);
}

void TestGhaLogs::filtersAndSample()
{
    QTemporaryDir dir;
    ghalogs::GhaLogsGeneratorOptions gen;
    gen.outDir = dir.filePath(QStringLiteral("dataset"));
    gen.runs = 60;
    QVERIFY(ghalogs::GhaLogsGenerator(gen).run());
    auto importWith = [&](const QString& name, const std::function<void(ghalogs::GhaLogsImportOptions&)>& set) {
        workspace::Workspace ws;
        if (!ws.open(dir.filePath(name)))
            return QStringList { QStringLiteral("cannot open") };
        ghalogs::GhaLogsImportOptions options;
        options.datasetDir = gen.outDir;
        set(options);
        if (!ghalogs::GhaLogsImporter(ws, options).run())
            return QStringList { QStringLiteral("failed") };
        return tableDump(ws,
            QStringLiteral("SELECT r.run_id, p.full_name, r.conclusion, r.created_at FROM runs r "
                           "JOIN repositories p ON p.id = r.repository_id ORDER BY 1"));
    };
    const QStringList all = importWith(QStringLiteral("all"), [](auto&) {});
    QCOMPARE(all.size(), 60);

    const QStringList failures
        = importWith(QStringLiteral("failures"), [](auto& o) { o.conclusions = { QStringLiteral("FAILURE") }; });
    QVERIFY(!failures.isEmpty());
    QVERIFY(failures.size() < 60);
    for (const QString& row : failures)
        QCOMPARE(row.section(QLatin1Char('|'), 2, 2), QStringLiteral("failure"));

    const QString repo = all.constFirst().section(QLatin1Char('|'), 1, 1);
    const QStringList oneRepo
        = importWith(QStringLiteral("repo"), [&](auto& o) { o.repositories = { repo.toUpper() }; });
    QVERIFY(!oneRepo.isEmpty());
    for (const QString& row : oneRepo)
        QCOMPARE(row.section(QLatin1Char('|'), 1, 1), repo);

    QCOMPARE(importWith(QStringLiteral("limit"), [](auto& o) { o.limit = 7; }).size(), 7);

    const QStringList sampleA = importWith(QStringLiteral("sa"), [](auto& o) { o.sample = 10, o.seed = 3; });
    const QStringList sampleB = importWith(QStringLiteral("sb"), [](auto& o) { o.sample = 10, o.seed = 3; });
    const QStringList sampleC = importWith(QStringLiteral("sc"), [](auto& o) { o.sample = 10, o.seed = 4; });
    QCOMPARE(sampleA.size(), 10);
    QCOMPARE(sampleA, sampleB);
    QVERIFY(sampleA != sampleC);

    const QDate since = QDateTime::fromString(all.at(30).section(QLatin1Char('|'), 3, 3), Qt::ISODateWithMs).date();
    const QStringList recent = importWith(QStringLiteral("since"), [&](auto& o) { o.since = since; });
    QVERIFY(!recent.isEmpty());
    for (const QString& row : recent)
        QVERIFY(QDateTime::fromString(row.section(QLatin1Char('|'), 3, 3), Qt::ISODateWithMs).date() >= since);

    QCOMPARE(importWith(QStringLiteral("lang"), [](auto& o) { o.languages = { QStringLiteral("no-such-language") }; })
                 .size(),
        0);
}

// TarArchive reads plain tars in memory without libarchive: what it reads must be what libarchive reads,
// and anything it does not know is left to libarchive (so hostileArchives keeps libarchive's errors).
void TestGhaLogs::plainTarReadsLikeLibarchive()
{
    const QByteArray text = "2024-01-01T00:00:00.0000000Z hello\n";
    struct Case
    {
        QString name;
        QByteArray targz;
        bool plain;
    };
    const QList<Case> cases {
        { QStringLiteral("real example"), readAll(test::sharedDir() + QStringLiteral("/ghalogs/log.tar.gz")), true },
        { QStringLiteral("files and folders"),
            rawTarGz({ file(QStringLiteral("1_job.txt"), text.repeated(300)),
                file(QStringLiteral("./job/1_a.txt"), text), special(QStringLiteral("job"), AE_IFDIR, QString()),
                file(QStringLiteral("empty.txt"), QByteArray()),
                file(QStringLiteral("block.txt"), QByteArray(512, 'b')), file(QStringLiteral("job/2_b c.txt"), text) }),
            true },
        { QStringLiteral("long name"), rawTarGz({ file(QString(150, QLatin1Char('n')), text) }), true },
        { QStringLiteral("long name in folders"),
            rawTarGz(
                { file(QString(90, QLatin1Char('d')) + QStringLiteral("/") + QString(60, QLatin1Char('n')), text) }),
            false },
        { QStringLiteral("non-ASCII name"), rawTarGz({ file(QStringLiteral("1_caf\u00e9 \U0001F4A5.txt"), text) }),
            false },
        { QStringLiteral("symlink"),
            rawTarGz({ file(QStringLiteral("a.txt"), text),
                special(QStringLiteral("1_job.txt"), AE_IFLNK, QStringLiteral("/etc/passwd")) }),
            false },
        { QStringLiteral("hard link"),
            rawTarGz({ file(QStringLiteral("1_job.txt"), text),
                special(QStringLiteral("2_job.txt"), AE_IFREG, QStringLiteral("1_job.txt")) }),
            false },
    };
    for (const Case& c : cases) {
        const auto inflated = readWithLibarchive(c.targz, true);
        QVERIFY2(inflated && inflated->size() == 1, qPrintable(c.name));
        const QByteArray tar = inflated->first().data;
        const auto expected = readWithLibarchive(tar, false);
        QVERIFY2(expected, qPrintable(c.name));
        const std::optional<QList<TarArchive::PlainMember>> plain = TarArchive::readPlainTar(tar);
        QVERIFY2(plain.has_value() == c.plain, qPrintable(c.name));
        if (plain) {
            QStringList members;
            QStringList wanted;
            for (const TarArchive::PlainMember& member : *plain)
                members << describeMember(member.directory, member.name, member.data);
            for (const LibarchiveEntry& entry : *expected)
                wanted << describeMember(entry.directory, entry.name, entry.data);
            QCOMPARE(members, wanted);
        }
        // Damaged tars are no plain tars: a changed header byte breaks its checksum, a cut tar has no end.
        QByteArray damaged = tar;
        damaged[100] = char(damaged[100] ^ 1);
        QVERIFY2(!TarArchive::readPlainTar(damaged), qPrintable(c.name));
        QVERIFY2(!TarArchive::readPlainTar(QByteArrayView(tar).first(513)), qPrintable(c.name));
    }
}

QTEST_GUILESS_MAIN(TestGhaLogs)
#include "tst_ghalogs.moc"
