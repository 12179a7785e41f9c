#include "evaluationpanel.h"

#include "evaluationchart.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
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

// A metric with its bootstrap interval below it: "0.912\n[0.870, 0.951]".
QTableWidgetItem* metricItem(std::optional<double> value, const model::Interval& interval)
{
    QTableWidgetItem* item = numberItem(value.value_or(std::nan("")));
    if (value && interval.valid()) {
        item->setText(item->text()
            + QStringLiteral("\n[%1, %2]")
                  .arg(QString::number(interval.low, 'f', 3), QString::number(interval.high, 'f', 3)));
        item->setToolTip(QObject::tr("%1, interval %2 to %3")
                             .arg(QString::number(*value, 'f', 4), QString::number(interval.low, 'f', 4),
                                 QString::number(interval.high, 'f', 4)));
    }
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
    m_export = new QPushButton(tr("E&xport table..."), this);
    m_export->setToolTip(tr("Save the table as a booktabs LaTeX table, best value per column in bold, and as CSV"));
    connect(m_export, &QPushButton::clicked, this, &EvaluationPanel::exportClicked);
    m_compareA = new QComboBox(this);
    m_compareA->setObjectName(QStringLiteral("CompareA"));
    m_compareB = new QComboBox(this);
    m_compareB->setObjectName(QStringLiteral("CompareB"));
    m_comparison = new QLabel(this);
    m_comparison->setObjectName(QStringLiteral("ComparisonResult"));
    m_comparison->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QComboBox* box : { m_compareA, m_compareB })
        connect(box, &QComboBox::currentIndexChanged, this, &EvaluationPanel::showComparison);

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
    top->addWidget(m_export);
    top->addWidget(m_refresh);
    auto* compare = new QHBoxLayout;
    auto* compareLabel = new QLabel(tr("&Compare:"), this);
    compareLabel->setBuddy(m_compareA);
    compare->addWidget(compareLabel);
    compare->addWidget(m_compareA);
    compare->addWidget(new QLabel(tr("with"), this));
    compare->addWidget(m_compareB);
    compare->addWidget(m_comparison, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(compare);
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
    m_result = {};
    for (QComboBox* box : { m_compareA, m_compareB }) {
        const QSignalBlocker block(box);
        box->clear();
    }
    m_comparison->clear();
    m_export->setEnabled(false);
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
    m_result = result;
    m_export->setEnabled(true);
    m_roc->setCurves(evaluation.curves, kPositiveClass);
    m_pr->setCurves(evaluation.curves, kPositiveClass);
    QString note = tr("%1 labelled runs (%2), %3 with a memory-failure label; %4 runs without a label left out.")
                       .arg(evaluation.labelledRuns)
                       .arg(result.labelSource)
                       .arg(evaluation.positives)
                       .arg(result.unlabeled);
    if (const auto& b = result.table.bootstrap())
        note += QLatin1Char(' ')
            + tr("Brackets: %1% stratified bootstrap intervals (%2 resamples, seed %3).")
                  .arg(b->level * 100.0, 0, 'g', 4)
                  .arg(b->resamples)
                  .arg(b->seed);
    for (const model::SeedSweepRow& sweep : result.seedSweep) {
        const model::SeedSpread& auc = sweep.metrics[size_t(model::Metric::RocAuc)];
        const model::SeedSpread& ap = sweep.metrics[size_t(model::Metric::AveragePrecision)];
        note += QLatin1Char(' ')
            + tr("%1 over %2 seeds: ROC AUC %3 ± %4, AP %5 ± %6.")
                  .arg(sweep.detector)
                  .arg(sweep.seeds)
                  .arg(auc.mean, 0, 'f', 3)
                  .arg(auc.sd, 0, 'f', 3)
                  .arg(ap.mean, 0, 'f', 3)
                  .arg(ap.sd, 0, 'f', 3);
    }
    setNote(note);

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
        for (int m = 0; m < model::kMetricCount; ++m)
            m_table->setItem(r, m + 1, metricItem(row.value(model::Metric(m)), row.interval(model::Metric(m))));
    }
    m_table->resizeRowsToContents();

    // The paired comparison: the first two detectors by default, the forest against the rules when there.
    for (QComboBox* box : { m_compareA, m_compareB }) {
        const QSignalBlocker block(box);
        box->clear();
        for (const model::DetectorScores& detector : result.detectors)
            box->addItem(detector.name);
    }
    {
        const QSignalBlocker blockA(m_compareA);
        const QSignalBlocker blockB(m_compareB);
        m_compareA->setCurrentIndex(std::max(0, m_compareA->findText(QStringLiteral("forest + rules"))));
        m_compareB->setCurrentIndex(std::max(0, m_compareB->findText(QStringLiteral("taxonomy rules"))));
    }
    showComparison();

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

void EvaluationPanel::showComparison()
{
    const std::optional<model::PairedComparison> c
        = m_result.comparison(m_compareA->currentText(), m_compareB->currentText());
    if (!c) {
        m_comparison->setText(m_result.comparisons.empty() || m_compareA->currentText() == m_compareB->currentText()
                ? tr("Pick two different detectors (paired tests need the bootstrap).")
                : QString());
        return;
    }
    const auto describe = [this](const QString& name, const model::PairedTest& t) {
        return tr("%1 difference %2 [%3, %4], p = %5 (%6)")
            .arg(name, QString::number(t.difference, 'f', 3), QString::number(t.interval.low, 'f', 3),
                QString::number(t.interval.high, 'f', 3), QString::number(t.pValue, 'g', 3), t.method);
    };
    m_comparison->setText(
        describe(tr("ROC AUC"), c->rocAuc) + QStringLiteral("; ") + describe(tr("AP"), c->averagePrecision));
    m_comparison->setToolTip(tr("%1 minus %2, %3% intervals of the difference. ROC AUC: DeLong's test; average "
                                "precision: paired stratified bootstrap.")
                                 .arg(c->detectorA, c->detectorB)
                                 .arg(c->level * 100.0, 0, 'g', 4));
}

Result<QStringList> EvaluationPanel::exportTable(const QString& texPath) const
{
    if (m_evaluation.rows.empty())
        return makeError(QStringLiteral("no evaluation to export"));
    return m_result.table.writeLatex(texPath, m_result.caption());
}

void EvaluationPanel::exportClicked()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export evaluation table"), QStringLiteral("evaluation.tex"), tr("LaTeX (*.tex)"));
    if (path.isEmpty())
        return;
    const Result<QStringList> written = exportTable(path);
    if (!written)
        QMessageBox::warning(this, tr("Export evaluation table"), written.error());
    else
        setNote(tr("Wrote %1.").arg(written->join(QStringLiteral(", "))));
}

} // namespace runlens::ui
