#include "testsupport.h"

#include "taxonomy/memorycategory.h"
#include "taxonomy/runscanner.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace runlens::logs;
using namespace runlens::test;

// Every real log in shared/reallogs is classified as its MANIFEST.tsv category says: the gpu-oom log as
// gpu-oom, the runner-lost log as runner-lost, and no memory category on any other log or on the ZIPs of
// ZIP-SOURCES.txt (all non-memory failures).
class TestRealLogsClassify : public QObject
{
    Q_OBJECT
private:
    std::optional<RunScanner> m_scanner;

private slots:
    void initTestCase()
    {
        auto scanner = RunScanner::create();
        QVERIFY2(scanner.ok(), scanner.ok() ? "" : qPrintable(scanner.error()));
        m_scanner.emplace(std::move(scanner).value());
    }

    void classifies_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("category"); // MANIFEST category, or "zip" for ZIP-SOURCES.txt entries

        const QString dir = realLogsDir();
        QFile manifest(dir + QStringLiteral("/MANIFEST.tsv"));
        QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.fileName()));
        int rows = 0;
        const QList<QByteArray> lines = manifest.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) { // the first line is the header
            const QList<QByteArray> fields = lines[i].split('\t');
            if (fields.size() < 2)
                continue;
            const QString name = QString::fromUtf8(fields[0]);
            QTest::addRow("%s", qPrintable(name))
                << dir + QLatin1Char('/') + name + QStringLiteral(".txt") << QString::fromUtf8(fields[1]);
            ++rows;
        }
        QFile zips(dir + QStringLiteral("/ZIP-SOURCES.txt"));
        QVERIFY2(zips.open(QIODevice::ReadOnly), qPrintable(zips.fileName()));
        for (const QByteArray& line : zips.readAll().split('\n')) {
            const QString name = QString::fromUtf8(line.left(line.indexOf(' ')));
            if (!name.endsWith(QLatin1String(".zip")))
                continue;
            QTest::addRow("%s", qPrintable(name)) << dir + QLatin1Char('/') + name << QStringLiteral("zip");
            ++rows;
        }
        QVERIFY(rows >= 10);
    }

    void classifies()
    {
        QFETCH(QString, path);
        QFETCH(QString, category);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        auto runs = RunScanner::discover(path);
        QVERIFY2(runs.ok(), runs.ok() ? "" : qPrintable(runs.error()));
        QCOMPARE(runs->size(), size_t(1));
        const RunScan scanned = m_scanner->scan(runs->front());
        QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
        const RunScanResult& result = *scanned;
        QVERIFY(result.entries >= 1);
        QVERIFY(result.bytes > 0);

        QStringList found;
        for (const MemoryHit& hit : result.hits)
            found << QStringLiteral("%1:%2 %3").arg(hit.entry).arg(hit.line.get()).arg(categoryId(hit.category));
        const auto expected = categoryFromId(category);
        if (expected && categoryInfo(*expected).memory) {
            QVERIFY2(result.categories.contains(*expected), qPrintable(found.join(QStringLiteral("; "))));
            QCOMPARE(result.finalCategory, expected);
            const auto finalHit
                = std::find_if(result.hits.begin(), result.hits.end(), [](const MemoryHit& h) { return h.final; });
            QVERIFY(finalHit != result.hits.end());
            QVERIFY(!finalHit->text.isEmpty());
            QCOMPARE(finalHit->possible, categoryInfo(*expected).possible);
        } else {
            QVERIFY2(!result.memoryFailure(), qPrintable(found.join(QStringLiteral("; "))));
            QVERIFY2(result.matchedFiles.isEmpty(), qPrintable(result.matchedFiles.join(QStringLiteral("; "))));
        }
    }
};

QTEST_GUILESS_MAIN(TestRealLogsClassify)
#include "tst_reallogs_classify.moc"
