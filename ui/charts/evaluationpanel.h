#pragma once

#include "reportbuilder.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace runlens::ui {

class EvaluationChart;

// The Evaluation tab: how well each detector (the old keyword filter, the taxonomy rules, the
// Isolation Forest, forest plus rules) finds memory failures among the labelled runs: ROC and
// precision-recall curves with AUC / AP in their legends, a table of ROC AUC, average precision,
// precision@k and recall@k and the threshold metrics of each detector's flags with their bootstrap
// intervals, the recall per labelled category, the spread over a seed sweep, and a paired comparison of
// any two detectors (DeLong, paired bootstrap). Presents a pipeline::EvaluationResult; the window
// computes it. Export writes the table as booktabs LaTeX plus CSV.
class EvaluationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EvaluationPanel(QWidget* parent = nullptr);
    ~EvaluationPanel() override;

    void setEvaluation(const pipeline::EvaluationResult& result);
    // A note while the evaluation is computed, or why there is none ("Analyze the workspace first").
    void setNote(const QString& text);
    void clear(const QString& note);

    const ReportEvaluation& evaluation() const { return m_evaluation; }
    EvaluationChart* rocChart() const { return m_roc; }
    EvaluationChart* precisionRecallChart() const { return m_pr; }
    QTableWidget* comparisonTable() const { return m_table; }
    QTableWidget* categoryTable() const { return m_categories; }
    QLabel* noteLabel() const { return m_note; }
    QComboBox* compareA() const { return m_compareA; }
    QComboBox* compareB() const { return m_compareB; }
    QLabel* comparisonLabel() const { return m_comparison; }
    // Writes the comparison table to `texPath` (booktabs LaTeX) and its CSV beside it; returns the files.
    Result<QStringList> exportTable(const QString& texPath) const;
    // True when the curves hold data (both classes labelled): then they can be exported.
    bool hasCurves() const { return !m_evaluation.curves.empty(); }

signals:
    void refreshRequested();

private:
    void showComparison();
    void exportClicked();

    ReportEvaluation m_evaluation;
    pipeline::EvaluationResult m_result;
    EvaluationChart* m_roc = nullptr;
    EvaluationChart* m_pr = nullptr;
    QTableWidget* m_table = nullptr;
    QTableWidget* m_categories = nullptr;
    QLabel* m_note = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_export = nullptr;
    QComboBox* m_compareA = nullptr;
    QComboBox* m_compareB = nullptr;
    QLabel* m_comparison = nullptr;
};

} // namespace runlens::ui
