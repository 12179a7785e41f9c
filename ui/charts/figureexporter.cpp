#include "figureexporter.h"

#include "figurechart.h"

#include "common/version.h"
#include "pipeline/analysisresult.h"

#include <QChart>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace runlens::ui {

namespace {
Error figureError(const QString& path, const QString& why)
{
    return Error { QStringLiteral("figure '%1': %2").arg(path, why) };
}

QSizeF logicalSize(const FigureOptions& o)
{
    const double scale = o.dpi / 96.0;
    return { o.widthPx / scale, o.heightPx / scale };
}

// Lays the chart out at the figure's logical size, paints it into `target`, and restores it.
void paint(FigureChart& view, QPainter& painter, const QRectF& target, const FigureOptions& options)
{
    QChart* chart = view.chart();
    const QRectF before = chart->geometry();
    const QSizeF size = logicalSize(options);
    chart->setGeometry(QRectF(QPointF(0, 0), size));
    if (chart->layout())
        chart->layout()->activate();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(target, Qt::white);
    chart->scene()->render(&painter, target, QRectF(chart->scenePos(), size), Qt::IgnoreAspectRatio);
    chart->setGeometry(before);
    if (chart->layout())
        chart->layout()->activate();
}

void setupPdf(QPdfWriter& writer, const FigureOptions& o, const QString& title)
{
    writer.setResolution(o.dpi);
    writer.setPageSize(QPageSize(QSizeF(o.widthPx * 25.4 / o.dpi, o.heightPx * 25.4 / o.dpi), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("RunLens %1").arg(QLatin1String(kVersion)));
}

Status check(const QString& path, const FigureOptions& o)
{
    if (o.widthPx < 16 || o.heightPx < 16 || o.widthPx > 20000 || o.heightPx > 20000)
        return figureError(path, QStringLiteral("size %1x%2 px is out of range").arg(o.widthPx).arg(o.heightPx));
    if (o.dpi < 36 || o.dpi > 2400)
        return figureError(path, QStringLiteral("%1 dpi is out of range").arg(o.dpi));
    return {};
}

Status writeText(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("file '%1': cannot write: %2").arg(path, file.errorString()) };
    file.write(bytes);
    if (!file.commit())
        return Error { QStringLiteral("file '%1': cannot write: %2").arg(path, file.errorString()) };
    return {};
}
} // namespace

Status FigureExporter::exportFigure(FigureChart& chart, const QString& path, const FigureOptions& options)
{
    if (Status s = check(path, options); !s)
        return s;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (!formats().contains(suffix))
        return figureError(path, QStringLiteral("unknown format '%1' (use .png, .svg or .pdf)").arg(suffix));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return figureError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));

    if (suffix == QLatin1String("png")) {
        QImage image(options.widthPx, options.heightPx, QImage::Format_ARGB32_Premultiplied);
        const int dpm = int(std::lround(options.dpi / 0.0254));
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            paint(chart, painter, QRectF(0, 0, options.widthPx, options.heightPx), options);
        }
        if (!image.save(&file, "PNG"))
            return figureError(path, QStringLiteral("cannot encode PNG"));
    } else if (suffix == QLatin1String("svg")) {
        const QSize size = logicalSize(options).toSize();
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setResolution(96);
        generator.setTitle(chart.figureTitle());
        generator.setDescription(QStringLiteral("RunLens %1").arg(QLatin1String(kVersion)));
        QPainter painter;
        if (!painter.begin(&generator))
            return figureError(path, QStringLiteral("cannot start the SVG"));
        paint(chart, painter, QRectF(QPointF(0, 0), QSizeF(size)), options);
        painter.end();
    } else {
        QPdfWriter writer(&file);
        setupPdf(writer, options, chart.figureTitle());
        QPainter painter;
        if (!painter.begin(&writer))
            return figureError(path, QStringLiteral("cannot start the PDF"));
        paint(chart, painter, QRectF(0, 0, options.widthPx, options.heightPx), options);
        painter.end();
    }
    if (!file.commit())
        return figureError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return {};
}

Status FigureExporter::exportPdfBook(
    const QList<FigureChart*>& charts, const QString& path, const FigureOptions& options)
{
    if (Status s = check(path, options); !s)
        return s;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return figureError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    {
        QPdfWriter writer(&file);
        setupPdf(writer, options, QStringLiteral("RunLens figures"));
        QPainter painter;
        if (!painter.begin(&writer))
            return figureError(path, QStringLiteral("cannot start the PDF"));
        for (qsizetype i = 0; i < charts.size(); ++i) {
            if (i > 0)
                writer.newPage();
            paint(*charts.at(i), painter, QRectF(0, 0, options.widthPx, options.heightPx), options);
        }
        painter.end();
    }
    if (!file.commit())
        return figureError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return {};
}

Result<QStringList> FigureExporter::exportAll(
    const QList<FigureChart*>& charts, const QString& dir, const QJsonObject& provenance, const FigureOptions& options)
{
    if (!QDir().mkpath(dir))
        return Error { QStringLiteral("folder '%1': cannot create").arg(dir) };
    const QDir out(dir);
    QStringList written;
    for (FigureChart* chart : charts) {
        const QString base = out.filePath(chart->figureName());
        QJsonArray files;
        for (const QString& format : formats()) {
            const QString path = base + QLatin1Char('.') + format;
            if (Status s = exportFigure(*chart, path, options); !s)
                return Error { s.error() };
            written << path;
            files.append(QFileInfo(path).fileName());
        }
        if (Status s = writeText(base + QStringLiteral(".csv"), chart->figureData().toCsv().toUtf8()); !s)
            return Error { s.error() };
        written << base + QStringLiteral(".csv");
        files.append(QString(chart->figureName() + QStringLiteral(".csv")));
        QJsonObject sidecar = provenance;
        sidecar.insert(QStringLiteral("figure"), chart->figureName());
        sidecar.insert(QStringLiteral("title"), chart->figureTitle());
        sidecar.insert(QStringLiteral("files"), files);
        sidecar.insert(QStringLiteral("width_px"), options.widthPx);
        sidecar.insert(QStringLiteral("height_px"), options.heightPx);
        sidecar.insert(QStringLiteral("dpi"), options.dpi);
        if (Status s = writeText(base + QStringLiteral(".json"), QJsonDocument(sidecar).toJson()); !s)
            return Error { s.error() };
        written << base + QStringLiteral(".json");
    }
    const QString book = out.filePath(QStringLiteral("figures.pdf"));
    if (Status s = exportPdfBook(charts, book, options); !s)
        return Error { s.error() };
    written << book;
    return written;
}

QJsonObject FigureExporter::provenance(
    const pipeline::AnalysisResult& result, const QString& workspaceDir, const QStringList& labelsUsed)
{
    const model::ForestParameters& forest = result.options.forest;
    QJsonObject model {
        { QStringLiteral("trees"), forest.trees },
        { QStringLiteral("max_samples"),
            forest.maxSamples == 0 ? QJsonValue(QStringLiteral("auto")) : QJsonValue(forest.maxSamples) },
        { QStringLiteral("contamination"),
            forest.contamination ? QJsonValue(*forest.contamination) : QJsonValue(QStringLiteral("auto")) },
        { QStringLiteral("offset"), result.offset },
        { QStringLiteral("model_id"), result.modelId },
    };
    return {
        { QStringLiteral("workspace"), QDir(workspaceDir).absolutePath() },
        { QStringLiteral("model"), model },
        { QStringLiteral("seed"), QString::number(forest.seed) },
        { QStringLiteral("features"), QJsonArray::fromStringList(result.featureIds) },
        { QStringLiteral("runs"), qint64(result.runs.size()) },
        { QStringLiteral("labels_used"), QJsonArray::fromStringList(labelsUsed) },
        { QStringLiteral("runlens_version"), QLatin1String(kVersion) },
        { QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
    };
}

} // namespace runlens::ui
