#pragma once

#include "common/runkey.h"
#include "session/runrow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace runlens::pipeline {
struct AnalysisResult;
}

namespace runlens::ui {

// The runs table: one row per run attempt (session::RunRow values), no per-row widgets, data() is O(1) so
// 50,000 rows scroll and sort smoothly. The category column carries the taxonomy colour as a chip
// (DecorationRole) and a light tint (BackgroundRole); the score column is drawn as a bar by
// ScoreBarDelegate from SortRole. Sort with a RunsFilterModel (it sorts by SortRole).
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        // What a reader scans first (which run, how anomalous, why) comes first.
        Repository,
        Workflow,
        RunNumber,
        Score,
        Category,
        Flagged,
        Conclusion,
        Label,
        Attempt,
        Branch,
        Event,
        Created,
        Duration,
        LogSize,
        Stability, // share of a seed sweep's forests that flag the run (Analyze with several seeds)
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value for sorting (numbers as numbers, dates as dates)
        RunIdRole, // qint64
        AttemptRole, // int
        CategoryIdRole, // taxonomy id or empty
        FlaggedRole, // bool
        LogPathRole, // absolute ZIP path or empty
        ScoredRole, // bool: the score column holds a value
    };

    explicit RunsTableModel(QObject* parent = nullptr);
    ~RunsTableModel() override;

    // Replaces every row (resets the model).
    void setRows(QList<session::RunRow> rows);
    // Adds rows after the last (rowsInserted, no reset: selection and scroll position stay).
    void appendRows(QList<session::RunRow> rows);
    const QList<session::RunRow>& rows() const { return m_rows; }
    const session::RunRow& rowAt(int row) const { return m_rows.at(row); }
    // The row of a run attempt, or -1.
    int rowOf(qint64 runId, int attempt) const;

    // Copies scores, flags and categories of `analysis` into the rows (dataChanged, no reset).
    void applyAnalysis(const pipeline::AnalysisResult& analysis);
    // Copies score, flag and memory category of every analysed run into `rows` (matched by run id and
    // attempt); rows the analysis did not score are reset to unscored.
    static void scoreRows(QList<session::RunRow>& rows, const pipeline::AnalysisResult& analysis);
    // Sets one run's label text (dataChanged on that cell).
    void setLabel(qint64 runId, int attempt, const QString& label);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Whether row `a` sorts before `b` by `column`, in the order of SortRole's values, without a QVariant per
    // comparison: sorting 100,000 rows makes millions of them.
    static bool lessThan(const session::RunRow& a, const session::RunRow& b, int column, Qt::CaseSensitivity cs);

    static QString formatBytes(qint64 bytes);
    static QString formatDuration(qint64 secs);

private:
    void indexRows(int from);
    QVariant displayData(const session::RunRow& row, int column) const;
    QVariant sortData(const session::RunRow& row, int column) const;

    QList<session::RunRow> m_rows;
    QHash<RunKey, int> m_rowOfKey;
};

} // namespace runlens::ui
