#include "ghalogs/ghalogsimportdialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace runlens::ui {

namespace {
QStringList listOf(const QLineEdit* edit)
{
    QStringList out;
    for (const QString& part : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}
} // namespace

GhaLogsImportDialog::GhaLogsImportDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import GHALogs"));
    auto* form = new QFormLayout;

    m_dataset = new QLineEdit(this);
    m_dataset->setPlaceholderText(tr("folder with runs.json.gz and logs/ or github_run_logs.zip"));
    auto* browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("GHALogs Dataset Folder"), m_dataset->text());
        if (!dir.isEmpty())
            m_dataset->setText(QDir::toNativeSeparators(dir));
    });
    auto* datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addWidget(browse);
    form->addRow(tr("&Dataset:"), datasetRow);

    m_repos = new QLineEdit(this);
    m_repos->setPlaceholderText(tr("all; or owner/name, owner/name"));
    form->addRow(tr("&Repositories:"), m_repos);
    m_conclusions = new QLineEdit(this);
    m_conclusions->setPlaceholderText(tr("all; or failure, success, cancelled, ..."));
    form->addRow(tr("&Conclusions:"), m_conclusions);
    m_languages = new QLineEdit(this);
    m_languages->setPlaceholderText(tr("all; or Python, C++, ... (needs repositories.json.gz)"));
    form->addRow(tr("&Languages:"), m_languages);

    auto dateRow = [this, form](const QString& label, QCheckBox** check, QDateEdit** edit, QDate initial) {
        *check = new QCheckBox(label, this);
        *edit = new QDateEdit(initial, this);
        (*edit)->setCalendarPopup(true);
        (*edit)->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        (*edit)->setEnabled(false);
        connect(*check, &QCheckBox::toggled, *edit, &QWidget::setEnabled);
        form->addRow(*check, *edit);
    };
    dateRow(tr("Created &since:"), &m_useSince, &m_since, QDate(2023, 1, 1));
    dateRow(tr("Created &until:"), &m_useUntil, &m_until, QDate(2023, 12, 31));

    m_limit = new QSpinBox(this);
    m_limit->setRange(0, 100'000'000);
    m_limit->setSpecialValueText(tr("all"));
    form->addRow(tr("First &N runs:"), m_limit);
    m_sample = new QSpinBox(this);
    m_sample->setRange(0, 100'000'000);
    m_sample->setSpecialValueText(tr("no sample"));
    form->addRow(tr("Random s&ample of:"), m_sample);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2'000'000'000);
    m_seed->setValue(1);
    m_seed->setEnabled(false);
    connect(m_sample, &QSpinBox::valueChanged, this, [this](int n) { m_seed->setEnabled(n > 0); });
    form->addRow(tr("Sample s&eed:"), m_seed);
    m_verify = new QCheckBox(tr("&Verify every archive now (reads all logs: slow)"), this);
    form->addRow(QString(), m_verify);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_dataset, &QLineEdit::textChanged, this, &GhaLogsImportDialog::updateOk);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateOk();
}

GhaLogsImportDialog::~GhaLogsImportDialog() = default;

void GhaLogsImportDialog::setDatasetDir(const QString& dir)
{
    m_dataset->setText(QDir::toNativeSeparators(dir));
}

void GhaLogsImportDialog::updateOk()
{
    const QDir dir(QDir::fromNativeSeparators(m_dataset->text().trimmed()));
    const bool ok = !m_dataset->text().trimmed().isEmpty()
        && (dir.exists(QStringLiteral("runs.json.gz")) || dir.exists(QStringLiteral("runs.json")));
    m_ok->setEnabled(ok);
    m_ok->setToolTip(ok ? QString() : tr("Choose a folder that holds runs.json.gz"));
}

ghalogs::GhaLogsImportOptions GhaLogsImportDialog::options() const
{
    ghalogs::GhaLogsImportOptions o;
    o.datasetDir = QDir::fromNativeSeparators(m_dataset->text().trimmed());
    o.repositories = listOf(m_repos);
    o.conclusions = listOf(m_conclusions);
    o.languages = listOf(m_languages);
    if (m_useSince->isChecked())
        o.since = m_since->date();
    if (m_useUntil->isChecked())
        o.until = m_until->date();
    o.limit = m_limit->value() > 0 ? m_limit->value() : -1;
    o.sample = m_sample->value() > 0 ? m_sample->value() : -1;
    o.seed = quint64(m_seed->value());
    o.verifyArchives = m_verify->isChecked();
    return o;
}

} // namespace runlens::ui
