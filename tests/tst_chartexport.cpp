#include "syntheticanalysis.h"

#include "charts/explanationchart.h"
#include "charts/figureexporter.h"
#include "charts/importancechart.h"
#include "charts/scorehistogramchart.h"

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace runlens;
using namespace runlens::ui;

class TestChartExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pngHasRequestedSize_data();
    void pngHasRequestedSize();
    void svgIsXmlWithAxisTitlesAsText();
    void pdfIsVectorWithOnePagePerFigure();
    void failuresNameThePath_data();
    void failuresNameThePath();
    void exportAllWritesDataAndSidecars();

private:
    // Page objects ("/Type /Page", not the "/Type /Pages" tree).
    static int pdfPages(const QByteArray& pdf)
    {
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"));
        int n = 0;
        for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
            ++n;
        return n;
    }
    QTemporaryDir m_dir;
    pipeline::AnalysisResult m_result;
};

void TestChartExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_result = test::syntheticAnalysis(12);
}

void TestChartExport::pngHasRequestedSize_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("dpi");
    QTest::addRow("default 300 dpi") << 2100 << 1350 << 300;
    QTest::addRow("screen") << 800 << 500 << 96;
    QTest::addRow("square 600 dpi") << 1200 << 1200 << 600;
}

void TestChartExport::pngHasRequestedSize()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, dpi);
    ScoreHistogramChart chart;
    chart.setAnalysis(m_result, RunGroups {});
    const QString path = m_dir.filePath(QStringLiteral("h-%1.png").arg(width));
    const Status s = FigureExporter::exportFigure(chart, path, { width, height, dpi });
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QImage image(path);
    QCOMPARE(image.size(), QSize(width, height));
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), dpi);
    // Something was drawn: not a blank white page, and the background is white (light style).
    QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
    int dark = 0;
    for (int y = 0; y < height; y += 7)
        for (int x = 0; x < width; x += 7)
            dark += qGray(image.pixel(x, y)) < 128;
    QVERIFY(dark > 20);
}

void TestChartExport::svgIsXmlWithAxisTitlesAsText()
{
    ScoreHistogramChart chart;
    chart.setAnalysis(m_result, RunGroups {});
    const QString path = m_dir.filePath(QStringLiteral("h.svg"));
    QVERIFY(FigureExporter::exportFigure(chart, path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString text;
    bool svgRoot = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("svg"))
            svgRoot = true;
        if (xml.isCharacters())
            text += xml.text();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(svgRoot);
    QVERIFY2(text.contains(QStringLiteral("Runs (count)")), qPrintable(text.left(500)));
    QVERIFY(text.contains(QStringLiteral("Anomaly score")));
    QVERIFY(text.contains(QStringLiteral("Anomaly score distribution")));
}

void TestChartExport::pdfIsVectorWithOnePagePerFigure()
{
    ScoreHistogramChart histogram;
    histogram.setAnalysis(m_result, RunGroups {});
    ExplanationChart explanation;
    explanation.setRun(m_result, 0);
    ImportanceChart importance;
    importance.setAnalysis(m_result);

    const QString single = m_dir.filePath(QStringLiteral("one.pdf"));
    QVERIFY(FigureExporter::exportFigure(histogram, single).ok());
    QFile one(single);
    QVERIFY(one.open(QIODevice::ReadOnly));
    const QByteArray onePdf = one.readAll();
    QVERIFY(onePdf.startsWith("%PDF"));
    QCOMPARE(pdfPages(onePdf), 1);

    const QString book = m_dir.filePath(QStringLiteral("book.pdf"));
    QVERIFY(FigureExporter::exportPdfBook({ &histogram, &explanation, &importance }, book).ok());
    QFile f(book);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(pdfPages(pdf), 3);
    QVERIFY(pdf.contains("/Count 3"));
}

void TestChartExport::failuresNameThePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing folder") << QStringLiteral("/nonexistent-runlens/x.png") << QStringLiteral("cannot write");
    QTest::addRow("unknown format") << QStringLiteral("figure.bmp") << QStringLiteral("unknown format 'bmp'");
}

void TestChartExport::failuresNameThePath()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    ScoreHistogramChart chart;
    chart.setAnalysis(m_result, RunGroups {});
    const QString full = path.startsWith(QLatin1Char('/')) ? path : m_dir.filePath(path);
    const Status s = FigureExporter::exportFigure(chart, full);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(full), qPrintable(s.error()));
    QVERIFY2(s.error().contains(message), qPrintable(s.error()));
    QVERIFY(!FigureExporter::exportFigure(chart, m_dir.filePath(QStringLiteral("tiny.png")), { 4, 4, 300 }).ok());
}

void TestChartExport::exportAllWritesDataAndSidecars()
{
    ScoreHistogramChart histogram;
    histogram.setAnalysis(m_result, RunGroups {});
    ImportanceChart importance;
    importance.setAnalysis(m_result);
    const QString dir = m_dir.filePath(QStringLiteral("all"));
    const QJsonObject provenance
        = FigureExporter::provenance(m_result, QStringLiteral("/tmp/ws"), { QStringLiteral("oom-killed") });
    Result<QStringList> files
        = FigureExporter::exportAll({ &histogram, &importance }, dir, provenance, { 600, 400, 150 });
    QVERIFY2(files.ok(), files.ok() ? "" : qPrintable(files.error()));
    QCOMPARE(files->size(), 2 * 5 + 1);
    for (const QString& f : std::as_const(*files))
        QVERIFY2(QFile::exists(f), qPrintable(f));

    QFile csv(dir + QStringLiteral("/importance.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("feature,mean_abs_contribution,diffi,mean_abs_share,diffi_share"));
    QVERIFY(lines.at(1).startsWith("longest_silence_s,1.5,2,0.5,0.5"));

    QFile json(dir + QStringLiteral("/score-histogram.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(json.readAll()).object();
    for (const char* key :
        { "workspace", "model", "seed", "features", "labels_used", "runlens_version", "date", "files" })
        QVERIFY2(sidecar.contains(QLatin1String(key)), key);
    QCOMPARE(sidecar.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
    QCOMPARE(sidecar.value(QStringLiteral("model")).toObject().value(QStringLiteral("trees")).toInt(), 50);
    QCOMPARE(sidecar.value(QStringLiteral("dpi")).toInt(), 150);
}

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
