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
        // The core's error Result names the workspace.
        const Result<pipeline::EvaluationResult> result = pipeline::evaluateWorkspaceNow(m_ws, {});
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(m_ws), qPrintable(result.error()));
    }

    void forestBeatsTheOldKeywordFilter()
    {
        const test::CliRun analyze = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), m_ws });
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));

        const Result<pipeline::EvaluationResult> evaluated = pipeline::evaluateWorkspaceNow(m_ws, {});
        QVERIFY2(evaluated.ok(), qPrintable(evaluated.ok() ? QString() : evaluated.error()));
        const pipeline::EvaluationResult& result = *evaluated;
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
        const Result<pipeline::EvaluationResult> fromCsv = pipeline::evaluateWorkspaceNow(m_ws, options);
        QVERIFY2(fromCsv.ok(), qPrintable(fromCsv.ok() ? QString() : fromCsv.error()));
        const Result<pipeline::EvaluationResult> fromWorkspace = pipeline::evaluateWorkspaceNow(m_ws, {});
        QVERIFY2(fromWorkspace.ok(), qPrintable(fromWorkspace.ok() ? QString() : fromWorkspace.error()));
        QCOMPARE(std::count(fromCsv->labels.begin(), fromCsv->labels.end(), 1),
            std::count(fromWorkspace->labels.begin(), fromWorkspace->labels.end(), 1));

        // A labels file that is not there: an error Result naming it.
        options.labelsFile = m_tmp.filePath(QStringLiteral("missing-labels.csv"));
        const Result<pipeline::EvaluationResult> missing = pipeline::evaluateWorkspaceNow(m_ws, options);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(options.labelsFile), qPrintable(missing.error()));

        // An old-pipeline memory_logs.txt made by the old keyword filter: every listed run positive.
        const QString memoryLogs = m_tmp.filePath(QStringLiteral("memory_logs.txt"));
        const test::CliRun scan
            = test::runCli({ QStringLiteral("scan"), m_corpus, QStringLiteral("--memory-list"), memoryLogs });
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.err));
        options.labelsFile = memoryLogs;
        const Result<pipeline::EvaluationResult> fromList = pipeline::evaluateWorkspaceNow(m_ws, options);
        QVERIFY2(fromList.ok(), qPrintable(fromList.ok() ? QString() : fromList.error()));
        QCOMPARE(fromList->unlabeled, 0);
        // The taxonomy made that list, so its rules agree with it perfectly.
        QCOMPARE(row(*fromList, QStringLiteral("taxonomy rules")).rocAuc, 1.0);
    }

    // Intervals, a paired comparison, a LaTeX table with its CSV, and a seed sweep, through the CLI.
    void intervalsComparisonLatexAndSeeds()
    {
        const QString tex = m_tmp.filePath(QStringLiteral("thesis/table.tex"));
        const test::CliRun run = test::runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--bootstrap"), QStringLiteral("200"), QStringLiteral("--ci-level"), QStringLiteral("0.9"),
            QStringLiteral("--compare"), QStringLiteral("isolation forest"), QStringLiteral("naive keywords"),
            QStringLiteral("--latex"), tex, QStringLiteral("--seeds"), QStringLiteral("3") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("isolation forest vs naive keywords")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("(DeLong)")) && run.out.contains(QLatin1String("(paired bootstrap)")),
            qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("seed sweep over 3 forests")), qPrintable(run.out));

        QFile csv(m_ws + QStringLiteral("/exports/evaluation.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray header = csv.readLine();
        QVERIFY2(
            header.contains("roc_auc_ci_low,roc_auc_ci_high") && header.contains("f1_ci_high"), header.constData());
        QFile texFile(tex);
        QVERIFY(texFile.open(QIODevice::ReadOnly));
        const QByteArray latex = texFile.readAll();
        QVERIFY(latex.contains("\\toprule") && latex.contains("\\textbf{"));
        QVERIFY(QFile::exists(m_tmp.filePath(QStringLiteral("thesis/table.csv"))));
        QVERIFY(QFile::exists(m_ws + QStringLiteral("/exports/evaluation_seeds.csv")));

        // The sweep's stability reaches scores.csv and the evaluation.
        QFile scores(m_ws + QStringLiteral("/exports/scores.csv"));
        QVERIFY(scores.open(QIODevice::ReadOnly));
        QVERIFY(scores.readLine().trimmed().endsWith(",stability"));
        const QList<QByteArray> first = scores.readLine().trimmed().split(',');
        const double stability = first.last().toDouble();
        QVERIFY(stability >= 0.0 && stability <= 1.0);
        const Result<pipeline::EvaluationResult> evaluated = pipeline::evaluateWorkspaceNow(m_ws, {});
        QVERIFY2(evaluated.ok(), qPrintable(evaluated.ok() ? QString() : evaluated.error()));
        const pipeline::EvaluationResult& result = *evaluated;
        QCOMPARE(result.seeds.size(), size_t(3));
        QCOMPARE(result.seedSweep.size(), size_t(2));
        QCOMPARE(result.stability.size(), result.labels.size());
        QCOMPARE(result.comparisons.size(), size_t(6));
        QVERIFY(row(result, QStringLiteral("isolation forest")).interval(model::Metric::RocAuc).valid());
        // A reversed pair is mirrored.
        const auto ab = result.comparison(QStringLiteral("isolation forest"), QStringLiteral("naive keywords"));
        const auto ba = result.comparison(QStringLiteral("naive keywords"), QStringLiteral("isolation forest"));
        QVERIFY(ab && ba);
        QCOMPARE(ab->rocAuc.difference, -ba->rocAuc.difference);
        QCOMPARE(ab->averagePrecision.interval.low, -ba->averagePrecision.interval.high);
    }

    void badStatisticsFlags_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("bootstrap") << QStringList { QStringLiteral("--bootstrap"), QStringLiteral("-3") }
                                   << QStringLiteral("--bootstrap '-3'");
        QTest::addRow("level") << QStringList { QStringLiteral("--ci-level"), QStringLiteral("95") }
                               << QStringLiteral("--ci-level '95'");
        QTest::addRow("one name") << QStringList { QStringLiteral("--compare"), QStringLiteral("isolation forest") }
                                  << QStringLiteral("two detector names");
        QTest::addRow("unknown detector")
            << QStringList { QStringLiteral("--compare"), QStringLiteral("isolation forest"), QStringLiteral("magic") }
            << QStringLiteral("name two different detectors");
        QTest::addRow("seeds") << QStringList { QStringLiteral("--seeds"), QStringLiteral("0") }
                               << QStringLiteral("--seeds '0'");
        QTest::addRow("latex csv") << QStringList { QStringLiteral("--latex"), QStringLiteral("x.csv") }
                                   << QStringLiteral("name a .tex file");
    }
    void badStatisticsFlags()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const test::CliRun run
            = test::runCli(QStringList { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_ws } + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
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
