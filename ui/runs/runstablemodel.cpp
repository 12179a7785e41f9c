#include "runstablemodel.h"

#include "charts/rungroups.h"
#include "pipeline/analysisresult.h"
#include "taxonomy/memorycategory.h"

#include <QColor>
#include <QLocale>
#include <cmath>
#include <limits>

namespace runlens::ui {

namespace {

// Taxonomy colours by id, built once: data() must stay O(1).
const QHash<QString, QColor>& categoryColours()
{
    static const QHash<QString, QColor> colours = [] {
        QHash<QString, QColor> c;
        for (const logs::CategoryInfo& info : logs::allCategories())
            c.insert(info.id, QColor(info.colour));
        return c;
    }();
    return colours;
}

const QHash<QString, QString>& categoryNames()
{
    static const QHash<QString, QString> names = [] {
        QHash<QString, QString> n;
        for (const logs::CategoryInfo& info : logs::allCategories())
            n.insert(info.id, info.name);
        return n;
    }();
    return names;
}

// Where a run without a score or a stability sorts: below every scored one.
double scoreKey(const session::RunRow& row)
{
    return row.scored ? row.score : -1.0;
}
double stabilityKey(const session::RunRow& row)
{
    return std::isnan(row.stability) ? -1.0 : row.stability;
}
} // namespace

RunsTableModel::RunsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

RunsTableModel::~RunsTableModel() = default;

void RunsTableModel::setRows(QList<session::RunRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_rowOfKey.clear();
    indexRows(0);
    endResetModel();
}

void RunsTableModel::appendRows(QList<session::RunRow> rows)
{
    if (rows.isEmpty())
        return;
    const int from = int(m_rows.size());
    beginInsertRows({}, from, from + int(rows.size()) - 1);
    m_rows.append(std::move(rows));
    indexRows(from);
    endInsertRows();
}

void RunsTableModel::indexRows(int from)
{
    m_rowOfKey.reserve(m_rows.size());
    for (int i = from; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows[i].key(), i);
}

int RunsTableModel::rowOf(qint64 runId, int attempt) const
{
    return m_rowOfKey.value(RunKey { runId, attempt }, -1);
}

void RunsTableModel::applyAnalysis(const pipeline::AnalysisResult& analysis)
{
    if (m_rows.isEmpty())
        return;
    scoreRows(m_rows, analysis);
    emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void RunsTableModel::scoreRows(QList<session::RunRow>& rows, const pipeline::AnalysisResult& analysis)
{
    QHash<RunKey, const pipeline::RunAnalysis*> byKey;
    byKey.reserve(static_cast<qsizetype>(analysis.runs.size()));
    for (const pipeline::RunAnalysis& run : analysis.runs)
        byKey.insert(run.key(), &run);
    for (session::RunRow& row : rows) {
        const pipeline::RunAnalysis* run = byKey.value(row.key());
        row.scored = run != nullptr;
        row.score = run ? run->score : 0;
        row.flagged = run && run->flagged;
        row.stability = run ? run->stability : std::numeric_limits<double>::quiet_NaN();
        if (run) {
            const QString category = RunGroups::categoryOf(*run);
            row.category = category == QLatin1String("none") ? QString() : category;
            if (row.logPath.isEmpty())
                row.logPath = run->logPath;
        } else {
            row.category.clear();
        }
    }
}

void RunsTableModel::setLabel(qint64 runId, int attempt, const QString& label)
{
    const int row = rowOf(runId, attempt);
    if (row < 0 || m_rows[row].label == label)
        return;
    m_rows[row].label = label;
    emit dataChanged(index(row, Label), index(row, Label));
}

int RunsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunsTableModel::formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString RunsTableModel::formatDuration(qint64 secs)
{
    if (secs < 0)
        return {};
    if (secs < 60)
        return QStringLiteral("%1s").arg(secs);
    if (secs < 3600)
        return QStringLiteral("%1m %2s").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(secs / 3600).arg((secs % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QVariant RunsTableModel::displayData(const session::RunRow& row, int column) const
{
    switch (column) {
    case Repository:
        return row.repository;
    case Workflow:
        return row.workflow;
    case RunNumber:
        return row.runNumber;
    case Attempt:
        return row.attempt;
    case Branch:
        return row.branch;
    case Event:
        return row.event;
    case Conclusion:
        return row.conclusion;
    case Created:
        return row.createdAt.isValid() ? row.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
    case Duration:
        return formatDuration(row.durationSecs);
    case LogSize:
        return row.logBytes >= 0 ? formatBytes(row.logBytes) : row.archiveState;
    case Category:
        return categoryNames().value(row.category, row.category);
    case Score:
        return row.scored ? QString::number(row.score, 'f', 3) : QString();
    case Flagged:
        return row.flagged ? tr("flagged") : QString();
    case Label:
        return row.label;
    case Stability:
        return std::isnan(row.stability) ? QString() : QStringLiteral("%1%").arg(qRound(row.stability * 100));
    default:
        return {};
    }
}

QVariant RunsTableModel::sortData(const session::RunRow& row, int column) const
{
    switch (column) {
    case RunNumber:
        return row.runNumber;
    case Attempt:
        return row.attempt;
    case Created:
        return row.createdAt;
    case Duration:
        return row.durationSecs;
    case LogSize:
        return row.logBytes;
    case Category:
        return row.category;
    case Score:
        return scoreKey(row);
    case Flagged:
        return row.flagged;
    case Stability:
        return stabilityKey(row);
    default:
        return displayData(row, column);
    }
}

bool RunsTableModel::lessThan(const session::RunRow& a, const session::RunRow& b, int column, Qt::CaseSensitivity cs)
{
    // A text shared between rows (RunRowsLoader shares repositories and workflows) equals itself without
    // a call: a sort by repository compares mostly equal texts.
    const auto text = [cs](const QString& x, const QString& y) {
        return (x.constData() != y.constData() || x.size() != y.size()) && QString::compare(x, y, cs) < 0;
    };
    switch (column) {
    case Repository:
        return text(a.repository, b.repository);
    case Workflow:
        return text(a.workflow, b.workflow);
    case RunNumber:
        return a.runNumber < b.runNumber;
    case Attempt:
        return a.attempt < b.attempt;
    case Branch:
        return text(a.branch, b.branch);
    case Event:
        return text(a.event, b.event);
    case Conclusion:
        return text(a.conclusion, b.conclusion);
    case Created:
        return a.createdAt < b.createdAt;
    case Duration:
        return a.durationSecs < b.durationSecs;
    case LogSize:
        return a.logBytes < b.logBytes;
    case Category:
        return text(a.category, b.category);
    case Score:
        return scoreKey(a) < scoreKey(b);
    case Flagged:
        return a.flagged < b.flagged;
    case Label:
        return text(a.label, b.label);
    case Stability:
        return stabilityKey(a) < stabilityKey(b);
    default:
        return false;
    }
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const session::RunRow& row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case SortRole:
        return sortData(row, column);
    case Qt::DecorationRole:
        if (column == Category && !row.category.isEmpty())
            return categoryColours().value(row.category);
        return {};
    case Qt::BackgroundRole:
        if (column == Category && !row.category.isEmpty()) {
            QColor tint = categoryColours().value(row.category);
            tint.setAlpha(60);
            return tint;
        }
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case RunNumber:
        case Attempt:
        case Duration:
        case LogSize:
        case Score:
        case Stability:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == Category && !row.category.isEmpty())
            return QStringLiteral("%1 (%2)").arg(categoryNames().value(row.category), row.category);
        if (column == LogSize && !row.logPath.isEmpty())
            return row.logPath;
        if (column == Repository && !row.htmlUrl.isEmpty())
            return row.htmlUrl;
        if (column == Stability && !std::isnan(row.stability))
            return row.stability >= 1.0 ? tr("Flagged by every seed of the sweep")
                : row.stability >= 0.5  ? tr("Flagged by most seeds of the sweep")
                : row.stability > 0.0   ? tr("Flagged by few seeds of the sweep")
                                        : tr("Flagged by no seed of the sweep");
        return {};
    case RunIdRole:
        return row.runId;
    case AttemptRole:
        return row.attempt;
    case CategoryIdRole:
        return row.category;
    case FlaggedRole:
        return row.flagged;
    case LogPathRole:
        return row.logPath;
    case ScoredRole:
        return row.scored;
    default:
        return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Repository:
        return tr("Repository");
    case Workflow:
        return tr("Workflow");
    case RunNumber:
        return tr("Run");
    case Attempt:
        return tr("Attempt");
    case Branch:
        return tr("Branch");
    case Event:
        return tr("Event");
    case Conclusion:
        return tr("Conclusion");
    case Created:
        return tr("Created (UTC)");
    case Duration:
        return tr("Duration");
    case LogSize:
        return tr("Log size");
    case Category:
        return tr("Memory category");
    case Score:
        return tr("Anomaly score");
    case Flagged:
        return tr("Flagged");
    case Label:
        return tr("Label");
    case Stability:
        return tr("Seed stability");
    default:
        return {};
    }
}

} // namespace runlens::ui
