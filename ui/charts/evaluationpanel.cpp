#include "evaluationpanel.h"

#include "evaluationchart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace runlens::ui {

namespace {
const QString kPositiveClass = QStringLiteral("memory-failure label");

QTableWidgetItem* numberItem(double value)
{
    auto* item = new QTableWidgetItem(std::isnan(value) ? QStringLiteral("n/a") : QString::number(value, 'f', 3));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setData(Qt::UserRole, value);
    return item;
}

QTableWidget* makeTable(QWidget* parent, const QString& name)
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}
} // namespace

EvaluationPanel::EvaluationPanel(QWidget* parent)
    : QWidget(parent)
{
    m_roc = new EvaluationChart(EvaluationChart::Kind::Roc, this);
    m_pr = new EvaluationChart(EvaluationChart::Kind::PrecisionRecall, this);
    m_table = makeTable(this, QStringLiteral("ComparisonTable"));
    m_categories = makeTable(this, QStringLiteral("CategoryRecallTable"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("EvaluationNote"));
    m_note->setWordWrap(true);
    m_refresh = new QPushButton(tr("&Re-evaluate"), this);
    m_refresh->setToolTip(tr("Evaluate the latest analysis against the workspace's labels again"));
    connect(m_refresh, &QPushButton::clicked, this, &EvaluationPanel::refreshRequested);

    auto* curves = new QSplitter(Qt::Horizontal, this);
    curves->addWidget(m_roc);
    curves->addWidget(m_pr);
    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(m_table);
    tables->addWidget(m_categories);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(curves);
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* top = new QHBoxLayout;
    top->addWidget(m_note, 1);
    top->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    clear(tr("Analyze the workspace and label some runs to compare the detectors."));
}

EvaluationPanel::~EvaluationPanel() = default;

void EvaluationPanel::setNote(const QString& text)
{
    m_note->setText(text);
}

void EvaluationPanel::clear(const QString& note)
{
    m_evaluation = {};
    m_roc->setCurves({}, kPositiveClass);
    m_pr->setCurves({}, kPositiveClass);
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_categories->clear();
    m_categories->setRowCount(0);
    m_categories->setColumnCount(0);
    setNote(note);
}

void EvaluationPanel::setEvaluation(const pipeline::EvaluationResult& result)
{
    const ReportEvaluation evaluation = ReportBuilder::evaluate(result);
    if (evaluation.rows.empty()) {
        clear(tr("No evaluation: %1.").arg(evaluation.note));
        return;
    }
    m_evaluation = evaluation;
    m_roc->setCurves(evaluation.curves, kPositiveClass);
    m_pr->setCurves(evaluation.curves, kPositiveClass);
    setNote(tr("%1 labelled runs (%2), %3 with a memory-failure label; %4 runs without a label left out.")
                .arg(evaluation.labelledRuns)
                .arg(result.labelSource)
                .arg(evaluation.positives)
                .arg(result.unlabeled));

    // Short headers so that every column fits; the tooltips say what each one is.
    const QList<std::pair<QString, QString>> header {
        { tr("Detector"),
            tr("Naive keywords (the old pipeline), taxonomy rules, Isolation Forest, forest plus rules") },
        { tr("ROC AUC"), tr("Area under the ROC curve of the detector's scores") },
        { tr("AP"), tr("Average precision of the detector's scores") },
        { tr("P@%1").arg(evaluation.k), tr("Precision among the %1 highest-scored runs").arg(evaluation.k) },
        { tr("R@%1").arg(evaluation.k), tr("Recall among the %1 highest-scored runs").arg(evaluation.k) },
        { tr("Precision"), tr("Precision of the runs the detector flags itself (the forest: decision < 0)") },
        { tr("Recall"), tr("Recall of the runs the detector flags itself") },
        { tr("F1"), tr("F1 of the runs the detector flags itself") },
    };
    m_table->clear();
    m_table->setColumnCount(int(header.size()));
    for (int c = 0; c < int(header.size()); ++c) {
        auto* item = new QTableWidgetItem(header.at(c).first);
        item->setToolTip(header.at(c).second);
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->setRowCount(int(evaluation.rows.size()));
    for (int r = 0; r < int(evaluation.rows.size()); ++r) {
        const model::ComparisonRow& row = evaluation.rows[size_t(r)];
        m_table->setItem(r, 0, new QTableWidgetItem(row.detector));
        m_table->setItem(r, 1, numberItem(row.rocAuc));
        m_table->setItem(r, 2, numberItem(row.averagePrecision));
        m_table->setItem(r, 3, numberItem(row.precisionAtK));
        m_table->setItem(r, 4, numberItem(row.recallAtK));
        const double none = std::nan("");
        m_table->setItem(r, 5, numberItem(row.atFlags ? row.atFlags->precision : none));
        m_table->setItem(r, 6, numberItem(row.atFlags ? row.atFlags->recall : none));
        m_table->setItem(r, 7, numberItem(row.atFlags ? row.atFlags->f1 : none));
    }

    // Recall per labelled category: one row per category, one column per detector.
    QStringList categories;
    for (const auto& perDetector : result.recallPerCategory) {
        for (const model::CategoryRecall& recall : perDetector) {
            if (!categories.contains(recall.category))
                categories.append(recall.category);
        }
    }
    QStringList columns { tr("Category"), tr("Positives") };
    for (const model::DetectorScores& detector : result.detectors)
        columns.append(detector.name);
    m_categories->clear();
    m_categories->setColumnCount(int(columns.size()));
    m_categories->setHorizontalHeaderLabels(columns);
    m_categories->setToolTip(tr("Recall of each detector among the runs labelled with each category"));
    m_categories->setRowCount(int(categories.size()));
    for (int r = 0; r < int(categories.size()); ++r) {
        m_categories->setItem(r, 0, new QTableWidgetItem(categories.at(r)));
        for (size_t d = 0; d < result.recallPerCategory.size(); ++d) {
            for (const model::CategoryRecall& recall : result.recallPerCategory[d]) {
                if (recall.category != categories.at(r))
                    continue;
                if (d == 0)
                    m_categories->setItem(r, 1, numberItem(double(recall.positives)));
                m_categories->setItem(r, int(d) + 2, numberItem(recall.recall));
            }
        }
        if (QTableWidgetItem* positives = m_categories->item(r, 1))
            positives->setText(QString::number(positives->data(Qt::UserRole).toDouble(), 'f', 0));
    }
}

} // namespace runlens::ui
