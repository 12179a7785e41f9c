// Opening run logs: ZIP shapes, extracted folders, single saved logs, gh run view output, hostile archives.
#include "logs/logsource.h"
#include "logs/ziparchive.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <quacrc32.h>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace runlens;
using namespace runlens::logs;

namespace {

struct ZipItem
{
    ZipItem(QString n, QByteArray d, int m = 8)
        : name(std::move(n))
        , data(std::move(d))
        , method(m)
    {
    }
    QString name;
    QByteArray data;
    int method = 8; // Z_DEFLATED; 0 = stored
    QByteArray password;
    quint32 externalAttr = 0100644u << 16;
};

bool writeZip(const QString& path, const QList<ZipItem>& items)
{
    QuaZip zip(path);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const ZipItem& item : items) {
        QuaZipNewInfo info(item.name);
        info.dateTime = QDateTime(QDate(2024, 1, 28), QTime(19, 27, 24));
        info.externalAttr = item.externalAttr;
        QuaZipFile out(&zip);
        QuaCrc32 crc;
        const bool opened = out.open(QIODevice::WriteOnly, info,
            item.password.isEmpty() ? nullptr : item.password.constData(), crc.calculate(item.data), item.method);
        if (!opened || out.write(item.data) != item.data.size())
            return false;
        out.close();
        if (out.getZipError() != 0)
            return false;
    }
    zip.close();
    return zip.getZipError() == 0;
}

// Sets every local and central DOS date/time to 0, which `unzip -l` shows as 1980-00-00 00:00.
void zeroDates(QByteArray& zip)
{
    for (qsizetype i = 0; i + 16 < zip.size(); ++i) {
        if (zip.at(i) != 'P' || zip.at(i + 1) != 'K')
            continue;
        if (zip.at(i + 2) == '\x03' && zip.at(i + 3) == '\x04')
            std::memset(zip.data() + i + 10, 0, 4);
        else if (zip.at(i + 2) == '\x01' && zip.at(i + 3) == '\x02')
            std::memset(zip.data() + i + 12, 0, 4);
    }
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray utf16le(const QByteArray& utf8, bool bom = true)
{
    const QString text = QString::fromUtf8(utf8);
    QByteArray out;
    if (bom)
        out.append("\xFF\xFE", 2);
    for (QChar c : text) {
        out.append(char(c.unicode() & 0xFF));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

const QByteArray kTs = "2024-01-28T19:27:24.9408212Z ";

// The per-step shape (whole-job log + step files + system.txt) with a legacy whole-job log.
QList<ZipItem> perStepArchive()
{
    QList<ZipItem> items;
    items.append({ QStringLiteral("0_build.txt"),
        "\xEF\xBB\xBF" + kTs + "Current runner version: '2.330.0'\n" + kTs + "##[group]Run make\n" + kTs
            + "##[endgroup]\n" + kTs + "\x1b[31mKilled\x1b[0m\n" + kTs
            + "##[error]Process completed with exit code 137.\n" });
    items.append({ QStringLiteral("build/system.txt"), kTs + "Requested labels: ubuntu-latest\n" });
    items.append(
        { QStringLiteral("build/1_Set up job.txt"), "\xEF\xBB\xBF" + kTs + "Current runner version: '2.330.0'\n" });
    items.append({ QStringLiteral("build/3_Run make.txt"),
        kTs + "##[group]Run make\n" + kTs + "##[endgroup]\n" + kTs + "\x1b[31mKilled\x1b[0m\n" + kTs
            + "##[error]Process completed with exit code 137.\n" });
    items.append({ QStringLiteral("-2147483648_old job.txt"), kTs + "legacy\r\n" + kTs + "second\r\n" });
    return items;
}

// The 2025 shape: only 0_<job>.txt and <job>/system.txt; steps come from ##[group]Run markers.
QByteArray markerJobLog()
{
    return "\xEF\xBB\xBF" + kTs + "Current runner version: '2.331.0'\n" // 1 Set up job
        + kTs + "##[group]Runner Image\n" // 2
        + kTs + "##[endgroup]\n" // 3
        + kTs + "##[group]Run actions/checkout@v4\n" // 4 checkout
        + kTs + "with: x\n" // 5
        + kTs + "##[endgroup]\n" // 6
        + kTs + "##[group]Run ./gradlew build\n" // 7 build
        + "continuation without timestamp\n" // 8
        + kTs + "##[error]Process completed with exit code 1.\n" // 9
        + kTs + "Post job cleanup.\n" // 10 post
        + kTs + "[command]/usr/bin/git version\n" // 11
        + kTs + "Cleaning up orphan processes\n"; // 12 complete
}

struct Line
{
    qint64 number;
    qint64 offset;
    bool ts;
    Marker marker;
    QByteArray match;
};

QList<Line> linesOf(const LogSource& source, int index)
{
    QList<Line> lines;
    const Status status = source.forEachLine(index, [&](const LogLine& l) {
        lines.append({ l.lineNumber, l.byteOffset, l.hasTimestamp, l.marker, l.match.toByteArray() });
        return true;
    });
    if (!status)
        qWarning() << status.error();
    return lines;
}

QString errorOf(const LogSource& source)
{
    for (int i = 0; i < source.entries().size(); ++i) {
        const auto text = source.readEntry(i);
        if (!text)
            return text.error();
        const Status lines = source.forEachLine(i, [](const LogLine&) { return true; });
        if (!lines)
            return lines.error();
    }
    return {};
}

template <typename T> void putLe(QByteArray& out, T value)
{
    for (size_t i = 0; i < sizeof(T); ++i)
        out.append(char((quint64(value) >> (8 * i)) & 0xFF));
}

// A ZIP64 archive of `count` stored, empty entries written byte by byte: the only practical way to go
// beyond 65,535 entries quickly (QuaZip would need minutes).
QByteArray manyEntryZip64(int count)
{
    QByteArray local;
    QByteArray central;
    local.reserve(qsizetype(count) * 48);
    central.reserve(qsizetype(count) * 64);
    for (int i = 0; i < count; ++i) {
        const QByteArray name = QByteArray("job/") + QByteArray::number(i) + "_s.txt";
        const auto offset = quint32(local.size());
        putLe<quint32>(local, 0x04034b50);
        putLe<quint16>(local, 10); // version needed
        putLe<quint16>(local, 0); // flags
        putLe<quint16>(local, 0); // stored
        putLe<quint32>(local, 0); // time + date: 1980-00-00
        putLe<quint32>(local, 0); // crc
        putLe<quint32>(local, 0); // compressed
        putLe<quint32>(local, 0); // uncompressed
        putLe<quint16>(local, quint16(name.size()));
        putLe<quint16>(local, 0);
        local.append(name);
        putLe<quint32>(central, 0x02014b50);
        putLe<quint16>(central, 20); // made by
        putLe<quint16>(central, 10);
        putLe<quint16>(central, 0);
        putLe<quint16>(central, 0);
        putLe<quint32>(central, 0);
        putLe<quint32>(central, 0);
        putLe<quint32>(central, 0);
        putLe<quint32>(central, 0);
        putLe<quint16>(central, quint16(name.size()));
        putLe<quint16>(central, 0); // extra
        putLe<quint16>(central, 0); // comment
        putLe<quint16>(central, 0); // disk
        putLe<quint16>(central, 0); // internal attributes
        putLe<quint32>(central, 0); // external attributes
        putLe<quint32>(central, offset);
        central.append(name);
    }
    QByteArray zip = local + central;
    const auto zip64Eocd = quint64(zip.size());
    putLe<quint32>(zip, 0x06064b50);
    putLe<quint64>(zip, 44);
    putLe<quint16>(zip, 45);
    putLe<quint16>(zip, 45);
    putLe<quint32>(zip, 0);
    putLe<quint32>(zip, 0);
    putLe<quint64>(zip, quint64(count));
    putLe<quint64>(zip, quint64(count));
    putLe<quint64>(zip, quint64(central.size()));
    putLe<quint64>(zip, quint64(local.size()));
    putLe<quint32>(zip, 0x07064b50);
    putLe<quint32>(zip, 0);
    putLe<quint64>(zip, zip64Eocd);
    putLe<quint32>(zip, 1);
    putLe<quint32>(zip, 0x06054b50);
    putLe<quint16>(zip, 0);
    putLe<quint16>(zip, 0);
    putLe<quint16>(zip, 0xFFFF);
    putLe<quint16>(zip, 0xFFFF);
    putLe<quint32>(zip, quint32(central.size()));
    putLe<quint32>(zip, quint32(local.size()));
    putLe<quint16>(zip, 0);
    return zip;
}

} // namespace

Q_DECLARE_METATYPE(runlens::logs::ArchiveLimits)

class TestLogArchive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeZip(m_dir.filePath(QStringLiteral("perstep.zip")), perStepArchive()));
    }

    void perStepZip()
    {
        const QString path = m_dir.filePath(QStringLiteral("perstep.zip"));
        const auto source = LogSource::open(path);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->kind(), SourceKind::Zip);
        const QList<LogEntry>& entries = source->entries();
        QCOMPARE(entries.size(), 5);
        QCOMPARE(entries[0].kind, EntryKind::JobLog);
        QCOMPARE(entries[0].jobName, QStringLiteral("build"));
        QCOMPARE(entries[0].jobIndex, 0);
        QCOMPARE(entries[1].kind, EntryKind::System);
        QCOMPARE(entries[2].kind, EntryKind::StepLog);
        QCOMPARE(entries[2].stepNumber, 1);
        QCOMPARE(entries[2].stepName, QStringLiteral("Set up job"));
        QCOMPARE(entries[3].stepNumber, 3);
        QCOMPARE(entries[3].stepName, QStringLiteral("Run make"));
        QCOMPARE(entries[4].kind, EntryKind::LegacyJobLog);
        QCOMPARE(entries[4].jobName, QStringLiteral("old job"));
        QCOMPARE(source->jobNames(), (QStringList { QStringLiteral("build"), QStringLiteral("old job") }));
        QCOMPARE(source->indexOf(QStringLiteral("build/3_Run make.txt")), 3);

        // The BOM is dropped from the decoded stream; offsets index readEntry()'s bytes.
        const auto text = source->readEntry(0);
        QVERIFY(text);
        QVERIFY(text->startsWith(kTs));
        const QList<Line> lines = linesOf(*source, 0);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[1].marker, Marker::Group);
        QCOMPARE(lines[3].match, QByteArray("Killed"));
        QCOMPARE(lines[4].marker, Marker::Error);
        QCOMPARE(lines[4].match, QByteArray("Process completed with exit code 137."));
        for (const Line& l : lines) {
            QVERIFY(l.ts);
            QVERIFY(text->mid(l.offset).startsWith(kTs));
        }
        QCOMPARE(linesOf(*source, 4).size(), 2); // CRLF

        const auto steps = source->steps(QStringLiteral("build"));
        QVERIFY(steps);
        QCOMPARE(steps->size(), 2);
        QCOMPARE(steps->at(1).number, 3);
        QCOMPARE(steps->at(1).name, QStringLiteral("Run make"));
        QCOMPARE(steps->at(1).source, StepSource::StepFile);
        QCOMPARE(steps->at(1).lastLine, 4);

        // A callback returning false stops the stream without an error.
        int seen = 0;
        QVERIFY(source->forEachLine(0, [&](const LogLine&) { return ++seen < 2; }));
        QCOMPARE(seen, 2);
    }

    void markerShapeZip()
    {
        const QString path = m_dir.filePath(QStringLiteral("markers.zip"));
        QVERIFY(writeZip(path,
            { { QStringLiteral("0_test (11, ubuntu).txt"), markerJobLog() },
                { QStringLiteral("test (11, ubuntu)/system.txt"), kTs + "Job defined at: x\n" } }));
        // Dates reading 1980-00-00 must not matter.
        QByteArray bytes = readAll(path);
        zeroDates(bytes);
        QVERIFY(writeFile(path, bytes));
        const auto source = LogSource::open(path);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->entries().size(), 2);
        const auto steps = source->steps(QStringLiteral("test (11, ubuntu)"));
        QVERIFY2(steps, qPrintable(steps ? QString() : steps.error()));
        struct Want
        {
            const char* name;
            qint64 first, last;
        };
        const Want want[] = { { "Set up job", 1, 3 }, { "Run actions/checkout@v4", 4, 6 },
            { "Run ./gradlew build", 7, 9 }, { "Post job cleanup", 10, 11 }, { "Complete job", 12, 12 } };
        QCOMPARE(steps->size(), qsizetype(std::size(want)));
        for (qsizetype i = 0; i < steps->size(); ++i) {
            const StepRange& s = steps->at(i);
            QCOMPARE(s.name, QString::fromUtf8(want[i].name));
            QCOMPARE(s.firstLine, want[i].first);
            QCOMPARE(s.lastLine, want[i].last);
            QCOMPARE(s.number, int(i + 1));
            QCOMPARE(s.source, StepSource::GroupMarker);
            QCOMPARE(s.entryIndex, 0);
        }
        const QList<Line> lines = linesOf(*source, 0);
        QCOMPARE(lines.size(), 12);
        QVERIFY(!lines[7].ts); // continuation
        QCOMPARE(lines[10].marker, Marker::Command);
        QVERIFY(!source->steps(QStringLiteral("nope")));
    }

    void entryNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<EntryKind>("kind");
        QTest::addColumn<QString>("job");
        QTest::addColumn<int>("jobIndex");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("stepName");
        QTest::addRow("job") << QStringLiteral("2_lint.txt") << EntryKind::JobLog << QStringLiteral("lint") << 2 << -1
                             << QString();
        QTest::addRow("legacy") << QStringLiteral("-2147483648_build.txt") << EntryKind::LegacyJobLog
                                << QStringLiteral("build") << -1 << -1 << QString();
        QTest::addRow("step") << QStringLiteral("build/12_Post Run x.txt") << EntryKind::StepLog
                              << QStringLiteral("build") << -1 << 12 << QStringLiteral("Post Run x");
        QTest::addRow("step name with underscore") << QStringLiteral("b/4_run_tests.txt") << EntryKind::StepLog
                                                   << QStringLiteral("b") << -1 << 4 << QStringLiteral("run_tests");
        QTest::addRow("system") << QStringLiteral("build/system.txt") << EntryKind::System << QStringLiteral("build")
                                << -1 << -1 << QString();
        QTest::addRow("other top") << QStringLiteral("readme.md") << EntryKind::Other << QString() << -1 << -1
                                   << QString();
        QTest::addRow("too deep") << QStringLiteral("a/b/1_x.txt") << EntryKind::Other << QString() << -1 << -1
                                  << QString();
        QTest::addRow("no number") << QStringLiteral("x_y.txt") << EntryKind::Other << QString() << -1 << -1
                                   << QString();
    }

    void entryNames()
    {
        QFETCH(QString, name);
        QFETCH(EntryKind, kind);
        QFETCH(QString, job);
        QFETCH(int, jobIndex);
        QFETCH(int, step);
        QFETCH(QString, stepName);
        const LogEntry e = classifyEntryName(name);
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.jobName, job);
        QCOMPARE(e.jobIndex, jobIndex);
        QCOMPARE(e.stepNumber, step);
        QCOMPARE(e.stepName, stepName);
    }

    void extractedFolder()
    {
        // The old pipeline's logs_failure/<run>/ layout: same names as in the ZIP.
        const QString root = m_dir.filePath(QStringLiteral("logs_failure/123"));
        for (const ZipItem& item : perStepArchive())
            QVERIFY(writeFile(root + QLatin1Char('/') + item.name, item.data));
        const QString outside = m_dir.filePath(QStringLiteral("secret.txt"));
        QVERIFY(writeFile(outside, "secret\n"));
        QVERIFY(QFile::link(outside, root + QStringLiteral("/build/9_link.txt")));

        const auto source = LogSource::open(root);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->kind(), SourceKind::Folder);
        QCOMPARE(source->entries().size(), 5); // the symlink is skipped
        const auto zip = LogSource::open(m_dir.filePath(QStringLiteral("perstep.zip")));
        QVERIFY(zip);
        for (const LogEntry& e : zip->entries()) {
            const int i = source->indexOf(e.name);
            QVERIFY2(i >= 0, qPrintable(e.name));
            QCOMPARE(source->entries()[i].kind, e.kind);
            QCOMPARE(*source->readEntry(i), *zip->readEntry(zip->indexOf(e.name)));
        }
        QCOMPARE(source->entries().first().kind, EntryKind::JobLog);
        const auto steps = source->steps(QStringLiteral("build"));
        QVERIFY(steps);
        QCOMPARE(steps->size(), 2);
    }

    void singleFiles_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<SourceKind>("kind");
        QTest::addColumn<QStringList>("entryNames");
        QTest::addColumn<QList<qint64>>("lineCounts");
        QTest::addColumn<qint64>("timestamped");

        const QByteArray plain = "\xEF\xBB\xBF" + kTs + "##[group]Run x\r\n" + kTs + "b\r\nno ts\r\n";
        QTest::addRow("plain txt") << QStringLiteral("job.txt") << plain << SourceKind::SingleFile
                                   << QStringList { QStringLiteral("job.txt") } << QList<qint64> { 3 } << qint64(2);
        QTest::addRow("any name") << QStringLiteral("saved.log") << plain << SourceKind::SingleFile
                                  << QStringList { QStringLiteral("saved.log") } << QList<qint64> { 3 } << qint64(2);
        QTest::addRow("UTF-16LE") << QStringLiteral("u16.txt") << utf16le(plain) << SourceKind::SingleFile
                                  << QStringList { QStringLiteral("u16.txt") } << QList<qint64> { 3 } << qint64(2);
        QTest::addRow("empty") << QStringLiteral("empty.txt") << QByteArray() << SourceKind::SingleFile
                               << QStringList { QStringLiteral("empty.txt") } << QList<qint64> { 0 } << qint64(0);
        QTest::addRow("NUL bytes") << QStringLiteral("nul.txt") << QByteArray("a\0b\nc", 5) << SourceKind::SingleFile
                                   << QStringList { QStringLiteral("nul.txt") } << QList<qint64> { 2 } << qint64(0);

        const QByteArray mangled = "\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90";
        const QByteArray gh = "\xEF\xBB\xBF"
                              "build (x)\tSet up job\t"
            + mangled + kTs + "Current runner\r\n" + "build (x)\tSet up job\t" + kTs + "Image\r\n"
            + "build (x)\tRun tests\t" + mangled + kTs + "##[group]Run sbt test\r\n"
            + "build (x)\tRun tests\t  \"java\": 11,\r\n" + "build (x)\tRun tests\t" + kTs
            + "##[error]Process completed with exit code 1.\r\n" + "lint\tComplete job\t" + kTs
            + "Cleaning up orphan processes\r\n";
        const QStringList ghNames { QStringLiteral("build (x)\tSet up job"), QStringLiteral("build (x)\tRun tests"),
            QStringLiteral("lint\tComplete job") };
        QTest::addRow("gh run view") << QStringLiteral("gh.txt") << gh << SourceKind::GhRunView << ghNames
                                     << QList<qint64> { 2, 3, 1 } << qint64(5);
        QTest::addRow("gh run view UTF-16LE (PowerShell)")
            << QStringLiteral("ps.txt") << utf16le(gh) << SourceKind::GhRunView << ghNames << QList<qint64> { 2, 3, 1 }
            << qint64(5);
    }

    void singleFiles()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(SourceKind, kind);
        QFETCH(QStringList, entryNames);
        QFETCH(QList<qint64>, lineCounts);
        QFETCH(qint64, timestamped);
        const QString path = m_dir.filePath(QStringLiteral("single/") + fileName);
        QVERIFY(writeFile(path, bytes));
        const auto source = LogSource::open(path);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->kind(), kind);
        QStringList names;
        for (const LogEntry& e : source->entries())
            names.append(e.name);
        QCOMPARE(names, entryNames);
        qint64 withTs = 0;
        for (int i = 0; i < source->entries().size(); ++i) {
            const QList<Line> lines = linesOf(*source, i);
            QCOMPARE(qint64(lines.size()), lineCounts[i]);
            const auto text = source->readEntry(i);
            QVERIFY(text);
            QVERIFY(!text->contains("\xEF\xBB\xBF"));
            QVERIFY(!text->contains("\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90"));
            for (const Line& l : lines)
                withTs += l.ts ? 1 : 0;
        }
        QCOMPARE(withTs, timestamped);
        if (kind == SourceKind::GhRunView) {
            QCOMPARE(source->jobNames(), (QStringList { QStringLiteral("build (x)"), QStringLiteral("lint") }));
            const auto steps = source->steps(QStringLiteral("build (x)"));
            QVERIFY(steps);
            QCOMPARE(steps->size(), 2);
            QCOMPARE(steps->at(1).name, QStringLiteral("Run tests"));
            QCOMPARE(steps->at(1).number, 2);
            QCOMPARE(steps->at(1).lastLine, 3);
            QCOMPARE(steps->at(1).source, StepSource::GhRunView);
            const QList<Line> lines = linesOf(*source, 1);
            QCOMPARE(lines[0].marker, Marker::Group);
            QCOMPARE(lines[2].match, QByteArray("Process completed with exit code 1."));
        }
    }

    void emptyArchive()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.zip"));
        // What Python's zipfile and GitHub write for no files: only an end-of-central-directory record.
        QVERIFY(writeFile(path, QByteArray("PK\x05\x06") + QByteArray(18, '\0')));
        const auto source = LogSource::open(path);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QVERIFY(source->entries().isEmpty());
        QVERIFY(!source->readEntry(0));
        QVERIFY(source->readEntry(0).error().contains(path));
    }

    void defaultLimits()
    {
        const ArchiveLimits limits;
        QCOMPARE(limits.maxEntries, qint64(100000));
        QCOMPARE(limits.maxTotalBytes, qint64(4) << 30);
        QCOMPARE(limits.maxRatio, 200.0);
    }

    void defaultEntryLimit()
    {
        // 100,001 entries against the default limit of 100,000: refused from the declared count alone.
        const QString path = m_dir.filePath(QStringLiteral("flood.zip"));
        QVERIFY(writeFile(path, manyEntryZip64(100001)));
        const auto refused = LogSource::open(path);
        QVERIFY(!refused);
        QCOMPARE(refused.error(),
            QStringLiteral("archive '%1': has 100001 entries, more than the limit of 100000").arg(path));
        // With a higher limit the same archive is listed completely (the ZIP64 path works).
        ArchiveLimits generous;
        generous.maxEntries = 200000;
        const auto listed = LogSource::open(path, generous);
        QVERIFY2(listed, qPrintable(listed ? QString() : listed.error()));
        QCOMPARE(listed->entries().size(), 100001);
        QCOMPARE(listed->entries().last().stepNumber, 100000);
        QVERIFY(listed->readEntry(100000));
        QFile::remove(path);
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ArchiveLimits>("limits");
        QTest::addColumn<bool>("failsOnOpen");
        QTest::addColumn<QString>("reason");

        const QByteArray line = kTs + "hello\n";
        auto zipOf = [this](const QList<ZipItem>& items) {
            const QString path = m_dir.filePath(QStringLiteral("tmp-build.zip"));
            QFile::remove(path);
            if (!writeZip(path, items))
                qFatal("cannot write test zip");
            return readAll(path);
        };
        auto one = [&](const QString& name) { return zipOf({ { QStringLiteral("0_ok.txt"), line }, { name, line } }); };
        const ArchiveLimits defaults;

        QTest::addRow("dot-dot") << QStringLiteral("a.zip") << one(QStringLiteral("../evil.txt")) << defaults << true
                                 << QStringLiteral("entry '../evil.txt' escapes the archive");
        QTest::addRow("nested dot-dot") << QStringLiteral("b.zip") << one(QStringLiteral("job/../../evil.txt"))
                                        << defaults << true
                                        << QStringLiteral("entry 'job/../../evil.txt' escapes the archive");
        QTest::addRow("backslash dot-dot") << QStringLiteral("c.zip") << one(QStringLiteral("..\\evil.txt")) << defaults
                                           << true << QStringLiteral("escapes the archive");
        QTest::addRow("absolute") << QStringLiteral("d.zip") << one(QStringLiteral("/etc/evil.txt")) << defaults << true
                                  << QStringLiteral("entry '/etc/evil.txt' is an absolute path");
        QTest::addRow("drive letter") << QStringLiteral("e.zip") << one(QStringLiteral("C:\\Windows\\evil.txt"))
                                      << defaults << true << QStringLiteral("names a drive letter");
        QTest::addRow("drive letter slash") << QStringLiteral("f.zip") << one(QStringLiteral("c:/evil.txt")) << defaults
                                            << true << QStringLiteral("names a drive letter");
        {
            ZipItem link { QStringLiteral("job/1_link.txt"), "/etc/passwd" };
            link.externalAttr = 0120777u << 16;
            QTest::addRow("symlink") << QStringLiteral("g.zip") << zipOf({ link }) << defaults << true
                                     << QStringLiteral("entry 'job/1_link.txt' is a symbolic link");
        }
        {
            QList<ZipItem> many;
            for (int i = 0; i < 101; ++i)
                many.append({ QStringLiteral("job/%1_s.txt").arg(i), QByteArray(), 0 });
            ArchiveLimits small;
            small.maxEntries = 100;
            QTest::addRow("too many entries") << QStringLiteral("h.zip") << zipOf(many) << small << true
                                              << QStringLiteral("has 101 entries, more than the limit of 100");
        }
        {
            QByteArray noise(6000, Qt::Uninitialized);
            QRandomGenerator rng(42);
            for (char& c : noise)
                c = char('a' + rng.bounded(26));
            ArchiveLimits small;
            small.maxTotalBytes = 10000;
            QTest::addRow("bomb by total size")
                << QStringLiteral("i.zip")
                << zipOf({ { QStringLiteral("0_a.txt"), noise }, { QStringLiteral("1_b.txt"), noise } }) << small
                << true << QStringLiteral("declares more than the limit of 10000 bytes uncompressed in total");
            ArchiveLimits perEntry;
            perEntry.maxEntryBytes = 5000;
            QTest::addRow("bomb by entry size")
                << QStringLiteral("j.zip") << zipOf({ { QStringLiteral("0_a.txt"), noise } }) << perEntry << true
                << QStringLiteral("entry '0_a.txt' declares 6000 bytes");
        }
        QTest::addRow("bomb by ratio") << QStringLiteral("k.zip")
                                       << zipOf({ { QStringLiteral("0_a.txt"), QByteArray(4 << 20, '\0') } })
                                       << defaults << true
                                       << QStringLiteral("entry '0_a.txt' has a compression ratio of");
        {
            ZipItem secret { QStringLiteral("0_secret.txt"), line };
            secret.password = "pw";
            QTest::addRow("encrypted") << QStringLiteral("l.zip") << zipOf({ secret }) << defaults << true
                                       << QStringLiteral("entry '0_secret.txt' is encrypted");
        }
        {
            QByteArray good = zipOf({ { QStringLiteral("0_a.txt"), line.repeated(200) } });
            QTest::addRow("truncated") << QStringLiteral("m.zip") << good.left(good.size() / 2) << defaults << true
                                       << QStringLiteral("is truncated or corrupt");
            QByteArray stored = zipOf({ { QStringLiteral("0_a.txt"), line.repeated(20), 0 } });
            const qsizetype at = stored.indexOf("hello");
            stored[at] = 'j';
            QTest::addRow("corrupt CRC") << QStringLiteral("n.zip") << stored << defaults << false
                                         << QStringLiteral("entry '0_a.txt' fails its CRC check");
            QByteArray deflated = zipOf({ { QStringLiteral("0_a.txt"), line.repeated(200) } });
            // Flip bits inside the deflate stream (after the 30-byte local header and the name).
            for (qsizetype i = 30 + 7 + 4; i < 30 + 7 + 24; ++i)
                deflated[i] = char(deflated[i] ^ 0x5A);
            QTest::addRow("corrupt deflate") << QStringLiteral("o.zip") << deflated << defaults << false
                                             << QStringLiteral("entry '0_a.txt' is corrupt");
            // The central directory understates the size: the actual bytes are still checked.
            QByteArray lying = zipOf({ { QStringLiteral("0_a.txt"), line.repeated(200) } });
            const qsizetype central = lying.indexOf("PK\x01\x02");
            const quint32 small = 10;
            std::memcpy(lying.data() + central + 24, &small, 4);
            QTest::addRow("declared size lies") << QStringLiteral("p.zip") << lying << defaults << false
                                                << QStringLiteral("entry '0_a.txt' fails its CRC check");
        }
        QTest::addRow("not a zip") << QStringLiteral("q.zip") << QByteArray("just some text\n") << defaults << true
                                   << QStringLiteral("is not a ZIP archive");
        QTest::addRow("empty file") << QStringLiteral("r.zip") << QByteArray() << defaults << true
                                    << QStringLiteral("is empty, not a ZIP archive");
        QTest::addRow("garbage after PK") << QStringLiteral("s.zip") << QByteArray("PK\x03\x04garbage") << defaults
                                          << true << QStringLiteral("is truncated or corrupt");
    }

    void hostile()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(ArchiveLimits, limits);
        QFETCH(bool, failsOnOpen);
        QFETCH(QString, reason);
        const QString path = m_dir.filePath(QStringLiteral("hostile/") + fileName);
        QVERIFY(writeFile(path, bytes));
        const auto source = LogSource::open(path, limits);
        QString error;
        if (failsOnOpen) {
            QVERIFY(!source);
            error = source.error();
        } else {
            QVERIFY2(source, qPrintable(source ? QString() : source.error()));
            error = errorOf(*source);
        }
        qInfo().noquote() << error;
        QVERIFY2(error.startsWith(QStringLiteral("archive '%1'").arg(path)), qPrintable(error));
        QVERIFY2(error.contains(reason), qPrintable(error));

        // Another, healthy run still opens after a hostile one.
        const auto good = LogSource::open(m_dir.filePath(QStringLiteral("perstep.zip")));
        QVERIFY(good);
        QVERIFY(good->readEntry(0));
    }

    void unsafeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("safe");
        QTest::addRow("plain") << QStringLiteral("build/1_x.txt") << true;
        QTest::addRow("dots in name") << QStringLiteral("build/1_x..y.txt") << true;
        QTest::addRow("dotdot") << QStringLiteral("..") << false;
        QTest::addRow("trailing dotdot") << QStringLiteral("a/..") << false;
        QTest::addRow("leading slash") << QStringLiteral("/a") << false;
        QTest::addRow("unc") << QStringLiteral("\\\\server\\share") << false;
        QTest::addRow("drive") << QStringLiteral("Z:x") << false;
        QTest::addRow("empty") << QString() << false;
    }

    void unsafeNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        QCOMPARE(ZipArchive::unsafeNameReason(name).isEmpty(), safe);
    }

    void missingPath()
    {
        const QString path = m_dir.filePath(QStringLiteral("nothing-here.zip"));
        const auto source = LogSource::open(path);
        QVERIFY(!source);
        QVERIFY(source.error().contains(path));
        QVERIFY(source.error().contains(QStringLiteral("does not exist")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestLogArchive)
#include "tst_logarchive.moc"
