#include "pipeline/evaluation.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;

// End to end on the sample corpus: sample -> import -> analyze -> evaluate.
class TestEvaluation : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_corpus;
    QString m_ws;

    static const model::ComparisonRow& row(const pipeline::EvaluationResult& result, const QString& detector)
    {
        for (const model::ComparisonRow& r : result.table.rows()) {
            if (r.detector == detector)
                return r;
        }
        qFatal("no detector %s", qPrintable(detector));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_corpus = m_tmp.filePath(QStringLiteral("corpus"));
        m_ws = m_tmp.filePath(QStringLiteral("ws"));
        test::CliRun run = test::runCli({ QStringLiteral("sample"), QStringLiteral("--out"), m_corpus,
            QStringLiteral("--seed"), QStringLiteral("11") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), m_ws, m_corpus });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void needsAnAnalysisFirst()
    {
        const test::CliRun run = test::runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_ws });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("run runlens-cli analyze first")), qPrintable(run.err));
    }

    void forestBeatsTheOldKeywordFilter()
    {
        const test::CliRun analyze = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), m_ws });
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));

        const pipeline::EvaluationResult result = pipeline::evaluateWorkspaceNow(m_ws, {});
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.detectors.size(), size_t(4));
        QCOMPARE(result.table.rows().size(), size_t(4));
        QVERIFY(std::count(result.labels.begin(), result.labels.end(), 1) >= 3);
        const double naive = row(result, QStringLiteral("naive keywords")).averagePrecision;
        const double forest = row(result, QStringLiteral("isolation forest")).averagePrecision;
        const double rules = row(result, QStringLiteral("taxonomy rules")).averagePrecision;
        QVERIFY2(forest >= naive, qPrintable(QStringLiteral("forest AP %1 < naive AP %2").arg(forest).arg(naive)));
        QVERIFY2(rules > naive, qPrintable(QStringLiteral("rules AP %1 <= naive AP %2").arg(rules).arg(naive)));
        // Every memory category in the labels has a recall row for each detector.
        QCOMPARE(result.recallPerCategory.size(), size_t(4));
        QVERIFY(!result.recallPerCategory.front().empty());

        const test::CliRun cli = test::runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_ws });
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY2(cli.out.contains(QLatin1String("isolation forest")) && cli.out.contains(QLatin1String("roc_auc")),
            qPrintable(cli.out));
        QVERIFY(QFile::exists(m_ws + QStringLiteral("/exports/evaluation.csv")));
        QVERIFY(QFile::exists(m_ws + QStringLiteral("/exports/evaluation_recall.csv")));
    }

    void labelsFromFiles()
    {
        // The corpus's own labels.csv, with its is_memory column.
        pipeline::EvaluationOptions options;
        options.labelsFile = m_corpus + QStringLiteral("/labels.csv");
        const pipeline::EvaluationResult fromCsv = pipeline::evaluateWorkspaceNow(m_ws, options);
        QVERIFY2(fromCsv.error.isEmpty(), qPrintable(fromCsv.error));
        const pipeline::EvaluationResult fromWorkspace = pipeline::evaluateWorkspaceNow(m_ws, {});
        QCOMPARE(std::count(fromCsv.labels.begin(), fromCsv.labels.end(), 1),
            std::count(fromWorkspace.labels.begin(), fromWorkspace.labels.end(), 1));

        // An old-pipeline memory_logs.txt made by the old keyword filter: every listed run positive.
        const QString memoryLogs = m_tmp.filePath(QStringLiteral("memory_logs.txt"));
        const test::CliRun scan
            = test::runCli({ QStringLiteral("scan"), m_corpus, QStringLiteral("--memory-list"), memoryLogs });
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.err));
        options.labelsFile = memoryLogs;
        const pipeline::EvaluationResult fromList = pipeline::evaluateWorkspaceNow(m_ws, options);
        QVERIFY2(fromList.error.isEmpty(), qPrintable(fromList.error));
        QCOMPARE(fromList.unlabeled, 0);
        // The taxonomy made that list, so its rules agree with it perfectly.
        QCOMPARE(row(fromList, QStringLiteral("taxonomy rules")).rocAuc, 1.0);
    }

    void badLabelFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::addRow("no label column") << QByteArray("run_id,colour\n1,red\n")
                                         << QStringLiteral("needs a label, category or is_memory column");
        QTest::addRow("bad run id") << QByteArray("run_id,label\nabc,oom-killed\n")
                                    << QStringLiteral("run_id 'abc' is not a number");
        QTest::addRow("not a list") << QByteArray("hello\nworld\n") << QStringLiteral("neither a CSV");
    }
    void badLabelFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_tmp.filePath(QStringLiteral("bad-labels.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        const test::CliRun run = test::runCli(
            { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--labels"), path });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message) && run.err.contains(path), qPrintable(run.err));
    }

    void memoryLabels_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<bool>("memory");
        QTest::addRow("memory") << "memory" << true;
        QTest::addRow("oom-killed") << "oom-killed" << true;
        QTest::addRow("jvm-heap") << "jvm-heap" << true;
        QTest::addRow("runner-lost") << "runner-lost" << true;
        QTest::addRow("disk-full") << "disk-full" << false;
        QTest::addRow("test-failure") << "test-failure" << false;
        QTest::addRow("normal") << "normal" << false;
    }
    void memoryLabels()
    {
        QFETCH(QString, label);
        QFETCH(bool, memory);
        QCOMPARE(pipeline::isMemoryLabel(label), memory);
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
