#include "features/featurecatalog.h"
#include "features/featureextractor.h"
#include "features/linetemplate.h"
#include "features/testsummary.h"
#include "taxonomy/taxonomy.h"
#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace runlens;
using namespace runlens::features;

namespace {
// A timestamped GitHub Actions log line, `seconds` after 2024-03-01T10:00:00Z.
QByteArray at(double seconds, const char* text)
{
    const QDateTime base(QDate(2024, 3, 1), QTime(10, 0), Qt::UTC);
    const qint64 ms = qint64(seconds * 1000);
    const QDateTime t = base.addMSecs(ms);
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toLatin1() + "0000Z " + text + "\n";
}

// A job log in the 2025 shape: set-up lines, then steps marked by ##[group]Run.
QByteArray jobLog(const QList<QByteArray>& lines)
{
    QByteArray log;
    for (const QByteArray& line : lines)
        log += line;
    return log;
}

} // namespace

class TestFeatures : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<const FeatureExtractor> m_extractor;

    QString zip(const QString& name, const QByteArray& job)
    {
        const QString path = m_dir.filePath(name);
        if (!test::writeZip(
                path, { { QStringLiteral("0_build.txt"), job }, { QStringLiteral("build/system.txt"), "x\n" } }))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QByteArray normalLog(int files)
    {
        const QByteArray compiled = "Compiled " + QByteArray::number(files) + " files in 2.5s";
        return jobLog({ at(0, "Current runner version: '2.317.0'"), at(1, "##[group]Run actions/checkout@v4"),
            at(2, "Fetching the repository"), at(3, "##[endgroup]"), at(4, "##[group]Run make"),
            at(5, compiled.constData()), at(6, "Linking /tmp/build-abc/app"), at(30, "==== 120 passed in 20.1s ===="),
            at(31, "##[endgroup]"), at(32, "Cleaning up orphan processes") });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto taxonomy = logs::Taxonomy::create();
        QVERIFY2(taxonomy, taxonomy ? "" : qPrintable(taxonomy.error()));
        m_extractor = std::make_shared<FeatureExtractor>(*taxonomy);
    }

    void catalogIdsAreUniqueAndComplete()
    {
        QSet<QString> ids;
        for (const FeatureDefinition& def : featureCatalog()) {
            QVERIFY(!def.id.isEmpty() && !def.unit.isEmpty() && !def.description.isEmpty());
            ids.insert(def.id);
            QCOMPARE(featureIndex(def.id), static_cast<int>(def.feature));
        }
        QCOMPARE(ids.size(), kFeatureCount);
        QCOMPARE(featureIndex(QStringLiteral("no_such_feature")), -1);
    }

    void docsMatchTheCatalog()
    {
        const test::CliRun run = test::runCli({ QStringLiteral("features"), QStringLiteral("--markdown") });
        QCOMPARE(run.exitCode, 0);
        QFile doc(QStringLiteral(RUNLENS_SOURCE_DIR "/docs/features.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        QVERIFY2(QString::fromUtf8(doc.readAll()) == run.out,
            "docs/features.md is stale: regenerate it with runlens-cli features --markdown > docs/features.md");
    }

    void templates_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("same");
        QTest::addRow("numbers") << QByteArray("Compiled 12 files in 3.4s") << QByteArray("Compiled 9 files in 0.81s")
                                 << true;
        QTest::addRow("paths") << QByteArray("Linking /tmp/build-1/app") << QByteArray("Linking /home/runner/x/app")
                               << true;
        QTest::addRow("sha") << QByteArray("HEAD is now at 3f2a9c1d fix") << QByteArray("HEAD is now at a8b7c6d5 fix")
                             << true;
        QTest::addRow("hex address") << QByteArray("at 0x7ffd1234") << QByteArray("at 0xdeadbeef") << true;
        QTest::addRow("spacing") << QByteArray("a  b") << QByteArray("a b") << true;
        QTest::addRow("different words") << QByteArray("Compiled 12 files") << QByteArray("Deleted 12 files") << false;
        QTest::addRow("killed vs ok") << QByteArray("Killed") << QByteArray("OK") << false;
        QTest::addRow("word with digits") << QByteArray("test_v2 passed") << QByteArray("test_v3 failed") << false;
    }
    void templates()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, same);
        QCOMPARE(lineTemplateHash(a) == lineTemplateHash(b), same);
    }

    // A run's templates: each distinct one once, in the order it first occurs, more than the first table
    // of the extractor's set holds (it grows).
    void runTemplatesAreDistinctInFirstOrder()
    {
        QByteArray log;
        std::vector<quint64> expected;
        for (int i = 0; i < 3000; ++i) {
            const QByteArray text = "step " + QByteArray(1, char('a' + i % 26)) + QByteArray(1, char('a' + i / 26 % 26))
                + QByteArray(1, char('a' + i / 676)) + " took " + QByteArray::number(i) + " ms";
            log += text + '\n';
            expected.push_back(lineTemplateHash(text));
            log += "Compiled 12 files in 3.4s\n"; // one template, again and again
            if (i == 0)
                expected.push_back(lineTemplateHash("Compiled 1 files in 1s"));
        }
        const QString path = test::writeFile(m_dir.path(), QStringLiteral("templates.txt"), log);
        const Result<RunFeatures> run = m_extractor->extract({ path, {}, {}, false, path });
        QVERIFY2(run, run ? "" : qPrintable(run.error()));
        QCOMPARE(run->templates.size(), expected.size());
        QVERIFY(run->templates == expected);
    }

    void testSummaries_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("runner");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("passed");
        QTest::addRow("pytest") << QByteArray("======= 2 failed, 118 passed, 3 skipped in 12.30s =======") << "pytest"
                                << 2 << 118;
        QTest::addRow("pytest errors") << QByteArray("==== 1 failed, 4 passed, 2 errors in 1.00s ====") << "pytest" << 3
                                       << 4;
        QTest::addRow("pytest ok") << QByteArray("============ 57 passed in 0.52s ============") << "pytest" << 0 << 57;
        QTest::addRow("jest") << QByteArray("Tests:       2 failed, 1 skipped, 40 passed, 43 total") << "jest" << 2
                              << 40;
        QTest::addRow("gradle") << QByteArray("42 tests completed, 3 failed, 1 skipped") << "gradle" << 3 << 39;
        QTest::addRow("maven") << QByteArray("[ERROR] Tests run: 120, Failures: 2, Errors: 1, Skipped: 3") << "maven"
                               << 3 << 114;
        QTest::addRow("gtest failed") << QByteArray("[  FAILED  ] 3 tests, listed below:") << "gtest" << 3 << 0;
        QTest::addRow("gtest passed") << QByteArray("[  PASSED  ] 97 tests.") << "gtest" << 0 << 97;
        QTest::addRow("cargo") << QByteArray(
            "test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out")
                               << "cargo" << 2 << 10;
        QTest::addRow("go") << QByteArray("--- FAIL: TestParse (0.00s)") << "go" << 1 << 0;
        QTest::addRow("maven per class") << QByteArray(
            "Tests run: 5, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s")
                                         << QString() << 0 << 0;
        // The forms anchored at the start are looked for after the white space QString::trimmed() removes.
        QTest::addRow("go after tabs") << QByteArray(" \t --- FAIL: TestParse (0.00s)") << "go" << 1 << 0;
        QTest::addRow("go after no-break space") << QByteArray("\xc2\xa0--- FAIL: TestParse") << "go" << 1 << 0;
        QTest::addRow("pytest after ideographic space")
            << QByteArray("\xe3\x80\x80=== 1 failed in 0.10s ===") << "pytest" << 1 << 0;
        QTest::addRow("gtest after spaces") << QByteArray("   [  PASSED  ] 4 tests.") << "gtest" << 0 << 4;
        QTest::addRow("go not at the start") << QByteArray("x --- FAIL: TestParse") << QString() << 0 << 0;
        QTest::addRow("maven per class, also pytest-like")
            << QByteArray("Tests run: 5, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s = failed") << QString()
            << 0 << 0;
        QTest::addRow("prose") << QByteArray("All checks passed, nothing failed") << QString() << 0 << 0;
        QTest::addRow("137 passed is not a failure") << QByteArray("137 passed") << QString() << 0 << 0;
    }
    void testSummaries()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, runner);
        QFETCH(int, failed);
        QFETCH(int, passed);
        const std::optional<TestSummary> summary = parseTestSummary(line);
        if (runner.isEmpty()) {
            QVERIFY2(!summary, qPrintable(summary ? summary->runner : QString()));
            return;
        }
        QVERIFY(summary);
        QCOMPARE(summary->runner, runner);
        QCOMPARE(summary->failed, failed);
        QCOMPARE(summary->passed, passed);
    }

    void oomRunFeaturesPointAtTheirLines()
    {
        const QByteArray log = jobLog({
            at(0, "Current runner version: '2.317.0'"), // 1
            at(1, "##[group]Run ./gradlew test"), // 2
            at(2, "> Task :compileJava"), // 3
            at(3, "[GC (Allocation Failure) 512M->498M(1024M), 0.9 secs]"), // 4
            at(4, "[Full GC (Ergonomics) 1000M->990M(1024M), 4.1 secs]"), // 5
            at(404, "Killed"), // 6: 400 s of silence first
            at(405, "##[error]Process completed with exit code 137."), // 7
            at(406, "Cleaning up orphan processes"), // 8
        });
        const Result<RunFeatures> extracted
            = m_extractor->extract({ QStringLiteral("oom"), {}, {}, false, zip(QStringLiteral("oom.zip"), log) });
        QVERIFY2(extracted, extracted ? "" : qPrintable(extracted.error()));
        const RunFeatures& run = *extracted;
        const QString entry = QStringLiteral("0_build.txt");
        QCOMPARE(run.value(Feature::Jobs), 1.0);
        QCOMPARE(run.value(Feature::LogLines), 8.0);
        QCOMPARE(run.value(Feature::LogBytes), double(log.size()));
        QCOMPARE(run.value(Feature::Exit137), 1.0);
        QCOMPARE(run.evidenceOf(Feature::Exit137), (QList<LineRef> { { entry, 7 } }));
        QCOMPARE(run.value(Feature::LastExitCode), 137.0);
        QCOMPARE(run.value(Feature::ErrorAnnotations), 1.0);
        QCOMPARE(run.value(Feature::LongestSilenceSeconds), 400.0);
        QCOMPARE(run.evidenceOf(Feature::LongestSilenceSeconds), (QList<LineRef> { { entry, 5 }, { entry, 6 } }));
        QCOMPARE(run.value(Feature::SilenceBeforeFailureSeconds), 1.0);
        QCOMPARE(run.value(Feature::DurationSeconds), 406.0);
        QCOMPARE(run.value(Feature::MemoryPressureMarkers), 2.0);
        QVERIFY(run.value(Feature::MemOomKilled) >= 1);
        QVERIFY(run.evidenceOf(Feature::MemOomKilled).contains(LineRef { entry, 7 }));
        QCOMPARE(run.value(Feature::FailedSteps), 1.0);
        QCOMPARE(run.evidenceOf(Feature::FailedSteps), (QList<LineRef> { { entry, 7 } }));
        QVERIFY(run.value(Feature::Steps) >= 1);
        QVERIFY(run.value(Feature::FailingStepLinesPerSecond) > 0);
        QVERIFY(run.value(Feature::FailingStepLinesPerSecond) < 1);
    }

    void unreadableLogsAreReportedByName()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.zip"));
        const Result<RunFeatures> run = m_extractor->extract({ QStringLiteral("gone"), {}, {}, false, path });
        QVERIFY(!run);
        QVERIFY2(run.error().contains(QLatin1String("missing.zip")), qPrintable(run.error()));
    }

    void baselinesCompareWithSuccessfulRunsOfTheWorkflow()
    {
        QList<RunInput> inputs;
        for (int i = 0; i < 3; ++i)
            inputs.append({ QStringLiteral("ok%1").arg(i), QStringLiteral("o/r"), QStringLiteral("ci"), true,
                zip(QStringLiteral("ok%1.zip").arg(i), normalLog(10 + i)) });
        QByteArray failing = normalLog(5);
        failing.chop(0);
        failing += at(40, "error: linker command failed with exit code 1");
        failing += at(41, "##[error]Process completed with exit code 1.");
        inputs.append({ QStringLiteral("bad"), QStringLiteral("o/r"), QStringLiteral("ci"), false,
            zip(QStringLiteral("bad.zip"), failing) });

        std::vector<RunFeatures> runs;
        for (const RunInput& input : std::as_const(inputs)) {
            Result<RunFeatures> run = m_extractor->extract(input);
            QVERIFY2(run, run ? "" : qPrintable(run.error()));
            runs.push_back(std::move(run).value());
        }
        QCOMPARE(runs.size(), size_t(4));
        QCOMPARE(runs[3].key, QStringLiteral("bad"));
        applyBaselines(inputs, runs);

        // Successful runs compare with the other successful ones: nothing new, typical duration.
        QCOMPARE(runs[0].value(Feature::NovelTemplateShare), 0.0);
        QCOMPARE(runs[0].value(Feature::DurationVsSuccessMedian), 1.0);
        // The failing run printed two lines no successful run has, both error lines.
        QCOMPARE(runs[3].value(Feature::NovelErrorLines), 2.0);
        QCOMPARE(runs[3].evidenceOf(Feature::NovelErrorLines),
            (QList<LineRef> { { QStringLiteral("0_build.txt"), 11 }, { QStringLiteral("0_build.txt"), 12 } }));
        QVERIFY(runs[3].value(Feature::NovelTemplateShare) > 0.1);
        QCOMPARE(runs[3].value(Feature::DurationVsSuccessMedian), 41.0 / 32.0);
        QVERIFY(runs[3].templates.empty());
    }
};

QTEST_GUILESS_MAIN(TestFeatures)
#include "tst_features.moc"
