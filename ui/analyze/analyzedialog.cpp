#include "analyzedialog.h"

#include "features/featurecatalog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace runlens::ui {

AnalyzeDialog::AnalyzeDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Analyze Workspace"));
    m_trees = new QSpinBox(this);
    m_trees->setRange(1, 5000);
    m_trees->setToolTip(tr("Isolation trees in the forest (scikit-learn's n_estimators)"));
    m_samples = new QSpinBox(this);
    m_samples->setRange(0, 1000000);
    m_samples->setSpecialValueText(tr("auto (min(256, runs))"));
    m_samples->setToolTip(tr("Runs drawn for each tree (max_samples)"));
    m_contamination = new QDoubleSpinBox(this);
    m_contamination->setRange(0, 0.5);
    m_contamination->setDecimals(3);
    m_contamination->setSingleStep(0.01);
    m_contamination->setSpecialValueText(tr("auto"));
    m_contamination->setToolTip(tr("Expected share of anomalies; auto flags runs scoring above 0.5"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Same seed, same forest, whatever the number of threads"));
    m_seeds = new QSpinBox(this);
    m_seeds->setObjectName(QStringLiteral("SeedSweep"));
    m_seeds->setRange(1, 1000);
    m_seeds->setSpecialValueText(tr("1 (no sweep)"));
    m_seeds->setToolTip(
        tr("Fit this many forests (seeds S, S+1000003, S+2*1000003, ...): the Evaluation tab shows the mean and spread "
           "of their metrics, the runs table the share of them that flag each run"));
    m_training = new QComboBox(this);
    m_training->setObjectName(QStringLiteral("TrainingRuns"));
    m_training->addItem(tr("All runs (failed and successful)"), true);
    m_training->addItem(tr("Failed runs only"), false);

    m_features = new QListWidget(this);
    m_features->setObjectName(QStringLiteral("FeatureList"));
    for (const features::FeatureDefinition& definition : features::featureCatalog()) {
        auto* item = new QListWidgetItem(tr("%1 (%2)").arg(definition.name, definition.unit), m_features);
        item->setData(Qt::UserRole, definition.id);
        item->setToolTip(definition.id + QStringLiteral(": ") + definition.description);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    connect(m_features, &QListWidget::itemChanged, this, &AnalyzeDialog::updateOk);
    auto* all = new QPushButton(tr("Check &all"), this);
    auto* none = new QPushButton(tr("Check &none"), this);
    const auto checkAll = [this](Qt::CheckState state) {
        for (int i = 0; i < m_features->count(); ++i)
            m_features->item(i)->setCheckState(state);
    };
    connect(all, &QPushButton::clicked, this, [checkAll] { checkAll(Qt::Checked); });
    connect(none, &QPushButton::clicked, this, [checkAll] { checkAll(Qt::Unchecked); });

    auto* form = new QFormLayout;
    form->addRow(tr("&Trees:"), m_trees);
    form->addRow(tr("&Samples per tree:"), m_samples);
    form->addRow(tr("&Contamination:"), m_contamination);
    form->addRow(tr("S&eed:"), m_seed);
    form->addRow(tr("Seed s&weep:"), m_seeds);
    form->addRow(tr("T&rain on:"), m_training);
    auto* featureButtons = new QHBoxLayout;
    featureButtons->addWidget(all);
    featureButtons->addWidget(none);
    featureButtons->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Analyze"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* featuresLabel = new QLabel(tr("&Features used by the model:"), this);
    featuresLabel->setBuddy(m_features);
    layout->addWidget(featuresLabel);
    layout->addWidget(m_features, 1);
    layout->addLayout(featureButtons);
    layout->addWidget(buttons);
    setOptions({});
    resize(460, 560);
}

AnalyzeDialog::~AnalyzeDialog() = default;

void AnalyzeDialog::setOptions(const pipeline::AnalysisOptions& options)
{
    m_trees->setValue(options.forest.trees);
    m_samples->setValue(options.forest.maxSamples);
    m_contamination->setValue(options.forest.contamination.value_or(0.0));
    m_seed->setValue(int(std::min<quint64>(options.forest.seed, quint64(std::numeric_limits<int>::max()))));
    m_seeds->setValue(options.seeds);
    m_training->setCurrentIndex(options.trainOnSuccessfulToo ? 0 : 1);
    for (int i = 0; i < m_features->count(); ++i) {
        QListWidgetItem* item = m_features->item(i);
        const bool used
            = options.featureIds.isEmpty() || options.featureIds.contains(item->data(Qt::UserRole).toString());
        item->setCheckState(used ? Qt::Checked : Qt::Unchecked);
    }
    updateOk();
}

pipeline::AnalysisOptions AnalyzeDialog::options() const
{
    pipeline::AnalysisOptions options;
    options.forest.trees = m_trees->value();
    options.forest.maxSamples = m_samples->value();
    if (m_contamination->value() > 0)
        options.forest.contamination = m_contamination->value();
    options.forest.seed = quint64(m_seed->value());
    options.seeds = m_seeds->value();
    options.trainOnSuccessfulToo = m_training->currentData().toBool();
    QStringList ids;
    for (int i = 0; i < m_features->count(); ++i) {
        if (m_features->item(i)->checkState() == Qt::Checked)
            ids.append(m_features->item(i)->data(Qt::UserRole).toString());
    }
    if (ids.size() < m_features->count())
        options.featureIds = ids;
    return options;
}

void AnalyzeDialog::updateOk()
{
    bool any = false;
    for (int i = 0; i < m_features->count() && !any; ++i)
        any = m_features->item(i)->checkState() == Qt::Checked;
    m_ok->setEnabled(any);
    m_ok->setToolTip(any ? QString() : tr("Check at least one feature."));
}

} // namespace runlens::ui
