#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>
#include <cmath>

using namespace runlens;

// runlens-cli report over a small sample corpus: sample -> import -> analyze -> report (which renders the
// stored analysis; --reanalyze trains a new model).
class TestReportCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writesEveryFigureInThreeFormats();
    void summaryHasTheEvaluationTable();
    void worksWithoutADisplay();
    void otherCommandsNeedNoPlatform();
    void rendersTheStoredAnalysis();
    void reanalyzeTrainsANewModel();
    void noStoredAnalysis();
    void usageErrors_data();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_out;
    test::CliRun m_report;
};

void TestReportCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString seed = m_dir.filePath(QStringLiteral("seed"));
    m_ws = m_dir.filePath(QStringLiteral("ws"));
    m_out = m_dir.filePath(QStringLiteral("report"));
    test::CliRun run = test::runCli({ QStringLiteral("sample"), QStringLiteral("--out"), seed,
        QStringLiteral("--repos"), QStringLiteral("3"), QStringLiteral("--runs"), QStringLiteral("16") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), m_ws, seed });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--seed"),
        QStringLiteral("3"), QStringLiteral("--trees"), QStringLiteral("60") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    m_report = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"),
        m_out, QStringLiteral("--labels"), seed + QStringLiteral("/labels.csv"), QStringLiteral("--width"),
        QStringLiteral("900"), QStringLiteral("--height"), QStringLiteral("600"), QStringLiteral("--dpi"),
        QStringLiteral("150") });
    QVERIFY2(m_report.exitCode == 0, qPrintable(m_report.err + m_report.out));
}

void TestReportCli::writesEveryFigureInThreeFormats()
{
    const QDir figures(m_out + QStringLiteral("/figures"));
    QStringList names { QStringLiteral("score-histogram"), QStringLiteral("score-timeline"),
        QStringLiteral("explanation"), QStringLiteral("importance") };
    // The sample's labels give both classes, so the evaluation figures are there too.
    names << QStringLiteral("roc") << QStringLiteral("precision-recall");
    for (const QString& name : std::as_const(names)) {
        for (const char* suffix : { ".png", ".svg", ".pdf", ".csv", ".json" })
            QVERIFY2(figures.exists(name + QLatin1String(suffix)), qPrintable(name + QLatin1String(suffix)));
        QCOMPARE(QImage(figures.filePath(name + QStringLiteral(".png"))).size(), QSize(900, 600));
        QFile svg(figures.filePath(name + QStringLiteral(".svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(name + xml.errorString()));
    }
    QFile book(figures.filePath(QStringLiteral("figures.pdf")));
    QVERIFY(book.open(QIODevice::ReadOnly));
    const QByteArray pdf = book.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.contains("/Count 6"));
    QFile sidecar(figures.filePath(QStringLiteral("roc.json")));
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(sidecar.readAll()).object();
    QCOMPARE(QDir(json.value(QStringLiteral("workspace")).toString()), QDir(m_ws));
    QVERIFY(!json.value(QStringLiteral("labels_used")).toArray().isEmpty());
}

void TestReportCli::summaryHasTheEvaluationTable()
{
    QFile summary(m_out + QStringLiteral("/summary.md"));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(summary.readAll());
    QVERIFY(md.startsWith(QStringLiteral("# RunLens report")));
    QVERIFY2(md.contains(QStringLiteral("| detector | ROC AUC | AP | P@")), qPrintable(md));
    // The settings a reader needs to trust the numbers: labels, intervals, seeds.
    QVERIFY2(md.contains(QStringLiteral("95% stratified bootstrap percentile intervals, 1000 resamples, seed 1")),
        qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("Forest seed: ")), qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("/labels.csv), 5 positives (memory-failure labels)")), qPrintable(md));
    // The same table as LaTeX beside the summary.
    QVERIFY(QFile::exists(m_out + QStringLiteral("/evaluation.tex")));
    QVERIFY(QFile::exists(m_out + QStringLiteral("/evaluation.csv")));
    for (const char* detector : { "naive keywords", "taxonomy rules", "isolation forest", "forest + rules" })
        QVERIFY2(md.contains(QStringLiteral("| %1 | ").arg(QLatin1String(detector))), detector);
    QVERIFY(md.contains(QStringLiteral("## Most anomalous runs")));
    QVERIFY(md.contains(QStringLiteral("typical")));
}

void TestReportCli::worksWithoutADisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray display = qgetenv("DISPLAY");
    qunsetenv("QT_QPA_PLATFORM");
    qunsetenv("DISPLAY");
    const QString out = m_dir.filePath(QStringLiteral("report2"));
    const test::CliRun run = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_ws,
        QStringLiteral("--out"), out, QStringLiteral("--width"), QStringLiteral("300"), QStringLiteral("--height"),
        QStringLiteral("200"), QStringLiteral("--dpi"), QStringLiteral("72") });
    qputenv("QT_QPA_PLATFORM", platform);
    if (!display.isEmpty())
        qputenv("DISPLAY", display);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/figures/explanation.pdf")));
}

void TestReportCli::otherCommandsNeedNoPlatform()
{
    // A platform that does not exist would abort any QGuiApplication: scan must not create one.
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    qputenv("QT_QPA_PLATFORM", "no-such-platform");
    const test::CliRun run = test::runCli({ QStringLiteral("scan"), m_dir.filePath(QStringLiteral("seed")),
        QStringLiteral("--format"), QStringLiteral("csv") });
    qputenv("QT_QPA_PLATFORM", platform);
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.err));
    QVERIFY(!run.out.isEmpty());
}

void TestReportCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("no workspace") << QStringList { QStringLiteral("--out"), QStringLiteral("x") } << 2
                                  << QStringLiteral("--workspace");
    QTest::addRow("no out") << QStringList { QStringLiteral("--workspace"), QStringLiteral("x") } << 2
                            << QStringLiteral("--out");
    QTest::addRow("bad dpi") << QStringList { QStringLiteral("--workspace"), QStringLiteral("x"),
        QStringLiteral("--out"), QStringLiteral("y"), QStringLiteral("--dpi"), QStringLiteral("-3") }
                             << 2 << QStringLiteral("--dpi");
    QTest::addRow("missing workspace") << QStringList { QStringLiteral("--workspace"),
        QStringLiteral("/nonexistent-ws"), QStringLiteral("--out"), QStringLiteral("y") }
                                       << 1 << QStringLiteral("/nonexistent-ws");
}

void TestReportCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const test::CliRun run = test::runCli(QStringList { QStringLiteral("report") } + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

namespace {
QJsonObject sidecar(const QString& outDir, const QString& figure)
{
    QFile file(outDir + QStringLiteral("/figures/") + figure + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// run_id-attempt -> score of a CSV with run_id, attempt and score columns.
QHash<QString, double> scoresOf(const QString& path)
{
    QHash<QString, double> scores;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return scores;
    const QList<QByteArray> lines = file.readAll().split('\n');
    const QList<QByteArray> header = lines.value(0).split(',');
    const qsizetype id = header.indexOf("run_id"), attempt = header.indexOf("attempt"), score = header.indexOf("score");
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines.at(i).split(',');
        if (cells.size() > std::max({ id, attempt, score }))
            scores.insert(QString::fromUtf8(cells.at(id) + '-' + cells.at(attempt)), cells.at(score).toDouble());
    }
    return scores;
}
} // namespace

// #14.6: by default the report shows the analysis the workspace holds (the model `analyze` stored, seed 3),
// with the very scores `analyze` exported, and trains nothing.
void TestReportCli::rendersTheStoredAnalysis()
{
    QVERIFY2(m_report.out.contains(QStringLiteral("rendered the stored analysis (model 1)")), qPrintable(m_report.out));
    const QJsonObject roc = sidecar(m_out, QStringLiteral("score-timeline"));
    QCOMPARE(roc.value(QStringLiteral("seed")).toString(), QStringLiteral("3"));
    QCOMPARE(roc.value(QStringLiteral("model")).toObject().value(QStringLiteral("model_id")).toInt(), 1);
    QCOMPARE(roc.value(QStringLiteral("model")).toObject().value(QStringLiteral("trees")).toInt(), 60);
    const QHash<QString, double> stored = scoresOf(m_ws + QStringLiteral("/exports/scores.csv"));
    const QHash<QString, double> drawn = scoresOf(m_out + QStringLiteral("/figures/score-timeline.csv"));
    QVERIFY(!stored.isEmpty());
    QCOMPARE(drawn.size(), stored.size());
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        QVERIFY2(std::abs(drawn.value(it.key(), -1) - it.value()) < 1e-9, qPrintable(it.key()));
    QFile summary(m_out + QStringLiteral("/summary.md"));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(summary.readAll()).contains(QStringLiteral("the workspace's stored analysis, model 1")));
}

void TestReportCli::reanalyzeTrainsANewModel()
{
    // Forest options train a model: without --reanalyze they are refused rather than ignored.
    const QString out = m_dir.filePath(QStringLiteral("reanalyzed"));
    test::CliRun run = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_ws,
        QStringLiteral("--out"), out, QStringLiteral("--seed"), QStringLiteral("5") });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--reanalyze")), qPrintable(run.err));

    run = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"), out,
        QStringLiteral("--reanalyze"), QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--trees"),
        QStringLiteral("40"), QStringLiteral("--width"), QStringLiteral("300"), QStringLiteral("--height"),
        QStringLiteral("200"), QStringLiteral("--dpi"), QStringLiteral("72") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("(new model 2)")), qPrintable(run.out));
    const QJsonObject json = sidecar(out, QStringLiteral("score-histogram"));
    QCOMPARE(json.value(QStringLiteral("seed")).toString(), QStringLiteral("5"));
    QCOMPARE(json.value(QStringLiteral("model")).toObject().value(QStringLiteral("model_id")).toInt(), 2);
    QFile summary(out + QStringLiteral("/summary.md"));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(summary.readAll()).contains(QStringLiteral("trained for this report")));

    // The new model is now the stored one.
    const QString again = m_dir.filePath(QStringLiteral("again"));
    run = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--out"), again,
        QStringLiteral("--width"), QStringLiteral("300"), QStringLiteral("--height"), QStringLiteral("200"),
        QStringLiteral("--dpi"), QStringLiteral("72") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("rendered the stored analysis (model 2)")), qPrintable(run.out));
}

void TestReportCli::noStoredAnalysis()
{
    const QString ws = m_dir.filePath(QStringLiteral("fresh"));
    test::CliRun run = test::runCli(
        { QStringLiteral("import"), QStringLiteral("--workspace"), ws, m_dir.filePath(QStringLiteral("seed")) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), ws, QStringLiteral("--out"),
        m_dir.filePath(QStringLiteral("fresh-report")) });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no analysis yet")) && run.err.contains(QStringLiteral("--reanalyze")),
        qPrintable(run.err));
}

QTEST_MAIN(TestReportCli)
#include "tst_report_cli.moc"
