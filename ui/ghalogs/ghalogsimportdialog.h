#pragma once

#include "ghalogs/ghalogsimportoptions.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace runlens::ui {

// File > Import GHALogs...: the dataset folder and the subset to import (repositories, conclusions,
// languages, dates, first N or a seeded random sample), as runlens-cli import-ghalogs takes them.
class GhaLogsImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GhaLogsImportDialog(QWidget* parent = nullptr);
    ~GhaLogsImportDialog() override;

    void setDatasetDir(const QString& dir);
    ghalogs::GhaLogsImportOptions options() const;

    QLineEdit* datasetEdit() const { return m_dataset; }
    QPushButton* okButton() const { return m_ok; }

private:
    void updateOk();

    QLineEdit* m_dataset = nullptr;
    QLineEdit* m_repos = nullptr;
    QLineEdit* m_conclusions = nullptr;
    QLineEdit* m_languages = nullptr;
    QCheckBox* m_useSince = nullptr;
    QDateEdit* m_since = nullptr;
    QCheckBox* m_useUntil = nullptr;
    QDateEdit* m_until = nullptr;
    QSpinBox* m_limit = nullptr;
    QSpinBox* m_sample = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_verify = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace runlens::ui
