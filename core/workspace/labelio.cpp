#include "labelio.h"

#include "common/csvtable.h"
#include "taxonomy/memorycategory.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSet>

namespace runlens::workspace {

namespace {
Error makeError(const QString& message)
{
    return Error { message };
}

QString csvRow(const QStringList& fields)
{
    QStringList out;
    for (const QString& f : fields)
        out << CsvTable::quote(f);
    return out.join(QLatin1Char(',')) + QLatin1Char('\n');
}

// The runs of the workspace, to refuse labels of unknown runs.
Result<QSet<RunKey>> knownRuns(const Workspace& ws)
{
    Result<QList<RunRecord>> runs = ws.runs();
    if (!runs)
        return makeError(runs.error());
    QSet<RunKey> keys;
    for (const RunRecord& run : std::as_const(*runs))
        keys.insert(run.key());
    return keys;
}
} // namespace

const QStringList& LabelIo::knownLabels()
{
    static const QStringList labels = [] {
        QStringList out;
        for (const logs::CategoryInfo& info : logs::allCategories())
            out << info.id;
        out << QStringLiteral("test-failure") << QStringLiteral("compile-error") << QStringLiteral("infra")
            << QStringLiteral("flaky") << QStringLiteral("other") << QStringLiteral("normal");
        return out;
    }();
    return labels;
}

const QStringList& LabelIo::csvColumns()
{
    static const QStringList columns { QStringLiteral("run_id"), QStringLiteral("attempt"), QStringLiteral("label"),
        QStringLiteral("source"), QStringLiteral("note") };
    return columns;
}

qint64 LabelIo::runIdOfLogPath(const QString& line)
{
    QString path = line.trimmed();
    path.replace(QLatin1Char('\\'), QLatin1Char('/')); // lists written on Windows
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts.at(i) == QLatin1String("logs_failure") || parts.at(i) == QLatin1String("logs_normal")) {
            bool ok = false;
            const qint64 id = parts.at(i + 1).toLongLong(&ok);
            return ok && id > 0 ? id : 0;
        }
    }
    return 0;
}

Status LabelIo::exportCsv(const Workspace& ws, const QString& path)
{
    Result<QList<LabelRecord>> labels = ws.labels();
    if (!labels)
        return makeError(labels.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("labels file '%1': cannot write: %2").arg(path, file.errorString()));
    QString text = csvRow(csvColumns());
    for (const LabelRecord& label : std::as_const(*labels))
        text += csvRow({ QString::number(label.runId), QString::number(label.attempt), label.label,
            nameOf(label.source), label.note });
    file.write(text.toUtf8());
    if (!file.commit())
        return makeError(QStringLiteral("labels file '%1': cannot write: %2").arg(path, file.errorString()));
    return {};
}

Result<LabelImportSummary> LabelIo::importCsv(Workspace& ws, const QString& path)
{
    Result<CsvTable> table = CsvTable::read(path);
    if (!table)
        return makeError(table.error());
    const int runColumn = table->columnIndex(QStringLiteral("run_id"));
    // "category": the sample corpus's labels.csv (ground truth per attempt) reads as labels too.
    int labelColumn = table->columnIndex(QStringLiteral("label"));
    if (labelColumn < 0)
        labelColumn = table->columnIndex(QStringLiteral("category"));
    if (runColumn < 0 || labelColumn < 0)
        return makeError(
            QStringLiteral("labels file '%1': needs the columns run_id and label (or category)").arg(path));
    const int attemptColumn = table->columnIndex(QStringLiteral("attempt"));
    const int sourceColumn = table->columnIndex(QStringLiteral("source"));
    const int noteColumn = table->columnIndex(QStringLiteral("note"));
    Result<QSet<RunKey>> known = knownRuns(ws);
    if (!known)
        return makeError(known.error());

    LabelImportSummary summary;
    const int before = int(ws.labels() ? ws.labels()->size() : 0);
    for (int r = 0; r < table->rowCount(); ++r) {
        const QStringList& row = table->row(r);
        auto cell
            = [&](int column) { return column >= 0 && column < row.size() ? row.at(column).trimmed() : QString(); };
        bool ok = false;
        const qint64 runId = cell(runColumn).toLongLong(&ok);
        int attempt = 1;
        if (ok && !cell(attemptColumn).isEmpty())
            attempt = cell(attemptColumn).toInt(&ok);
        const QString label = cell(labelColumn);
        if (!ok || label.isEmpty()) {
            summary.warnings << QStringLiteral("'%1' line %2: needs a numeric run_id and attempt and a label")
                                    .arg(path)
                                    .arg(table->lineOf(r));
            ++summary.skipped;
            continue;
        }
        if (!known->contains(RunKey { runId, attempt })) {
            summary.warnings << QStringLiteral("'%1' line %2: run %3 attempt %4 is not in the workspace")
                                    .arg(path)
                                    .arg(table->lineOf(r))
                                    .arg(runId)
                                    .arg(attempt);
            ++summary.skipped;
            continue;
        }
        LabelRecord record { 0, runId, attempt, label, LabelSource::User, cell(noteColumn) };
        if (!cell(sourceColumn).isEmpty() && !labelSourceFromString(cell(sourceColumn), &record.source))
            record.source = LabelSource::User;
        Result<qint64> id = ws.addLabel(record);
        if (!id)
            return makeError(QStringLiteral("'%1' line %2: %3").arg(path).arg(table->lineOf(r)).arg(id.error()));
    }
    const int after = int(ws.labels() ? ws.labels()->size() : 0);
    summary.added = after - before;
    summary.skipped = table->rowCount() - summary.added;
    return summary;
}

Result<LabelImportSummary> LabelIo::importMemoryLogs(Workspace& ws, const QString& path, const QString& label)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("memory list '%1': cannot open: %2").arg(path, file.errorString()));
    Result<QSet<RunKey>> known = knownRuns(ws);
    if (!known)
        return makeError(known.error());
    LabelImportSummary summary;
    const int before = int(ws.labels() ? ws.labels()->size() : 0);
    int lineNumber = 0;
    int lines = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty())
            continue;
        ++lines;
        const qint64 runId = runIdOfLogPath(text);
        if (runId == 0 || !known->contains(RunKey { runId, 1 })) {
            summary.warnings << QStringLiteral("'%1' line %2: '%3' names no run of the workspace")
                                    .arg(path)
                                    .arg(lineNumber)
                                    .arg(text);
            continue;
        }
        Result<qint64> id = ws.addLabel({ 0, runId, 1, label, LabelSource::MemoryLogs, text });
        if (!id)
            return makeError(QStringLiteral("'%1' line %2: %3").arg(path).arg(lineNumber).arg(id.error()));
    }
    const int after = int(ws.labels() ? ws.labels()->size() : 0);
    summary.added = after - before;
    summary.skipped = lines - summary.added;
    return summary;
}

} // namespace runlens::workspace
