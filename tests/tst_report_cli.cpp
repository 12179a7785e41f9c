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

using namespace runlens;

// runlens-cli report over a small sample corpus: sample -> import -> report (which analyzes).
class TestReportCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writesEveryFigureInThreeFormats();
    void summaryHasTheEvaluationTable();
    void worksWithoutADisplay();
    void otherCommandsNeedNoPlatform();
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

QTEST_MAIN(TestReportCli)
#include "tst_report_cli.moc"
