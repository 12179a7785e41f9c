#pragma once

#include "pipeline/analysisresult.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace runlens::ui {

// Analyze > Analyze...: the forest's settings (trees, samples per tree, contamination, seed), which
// features the model uses (each with its description as tooltip) and which runs it is trained on.
// Every run is scored whatever it was trained on.
class AnalyzeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AnalyzeDialog(QWidget* parent = nullptr);
    ~AnalyzeDialog() override;

    void setOptions(const pipeline::AnalysisOptions& options);
    // featureIds is empty when every feature is checked (the whole catalog, as the CLI's default).
    pipeline::AnalysisOptions options() const;

    QListWidget* featureList() const { return m_features; }
    QComboBox* trainingRuns() const { return m_training; }

private:
    void updateOk();

    QSpinBox* m_trees = nullptr;
    QSpinBox* m_samples = nullptr;
    QDoubleSpinBox* m_contamination = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_seeds = nullptr;
    QComboBox* m_training = nullptr;
    QListWidget* m_features = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace runlens::ui
