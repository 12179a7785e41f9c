#include "ghalogs/ghalogsimportaction.h"

#include "common/jobprogress.h"
#include "ghalogs/ghalogsimportdialog.h"
#include "ghalogs/ghalogsjob.h"

#include <QMessageBox>

namespace runlens::ui {

GhaLogsImportAction::GhaLogsImportAction(std::function<QString()> workspaceDir, QWidget* parent)
    : QAction(tr("Import &GHALogs..."), parent)
    , m_workspaceDir(std::move(workspaceDir))
    , m_parent(parent)
    , m_job(new JobTracker(this))
{
    setStatusTip(tr("Import runs of the GHALogs dataset (runs.json.gz, logs/ or github_run_logs.zip); logs are read "
                    "where the dataset keeps them"));
    connect(this, &QAction::triggered, this, &GhaLogsImportAction::choose);
}

GhaLogsImportAction::~GhaLogsImportAction() = default;

void GhaLogsImportAction::choose()
{
    if (m_workspaceDir().isEmpty()) {
        QMessageBox::information(m_parent, tr("Import GHALogs"), tr("Open or create a workspace first."));
        return;
    }
    GhaLogsImportDialog dialog(m_parent);
    if (!m_lastDataset.isEmpty())
        dialog.setDatasetDir(m_lastDataset);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_lastDataset = dialog.options().datasetDir;
    start(dialog.options());
}

QProgressDialog* GhaLogsImportAction::start(const ghalogs::GhaLogsImportOptions& options)
{
    const QString workspace = m_workspaceDir();
    if (workspace.isEmpty())
        return nullptr;
    m_job->start<Result<ghalogs::GhaLogsImportSummary>>(ghalogs::importGhaLogs(workspace, options),
        [this](const QFuture<Result<ghalogs::GhaLogsImportSummary>>& future) {
            ghalogs::GhaLogsImportSummary canceled;
            canceled.cancelled = true;
            const Result<ghalogs::GhaLogsImportSummary> summary
                = future.resultCount() > 0 ? future.result() : Result<ghalogs::GhaLogsImportSummary>(canceled);
            // Not exec(): the window goes on (and tests are not blocked by a modal loop).
            auto* box = new QMessageBox(summary ? QMessageBox::Information : QMessageBox::Warning, tr("Import GHALogs"),
                summary ? describe(*summary) : summary.error(), QMessageBox::Ok, m_parent);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            if (summary)
                emit finished(*summary);
            else
                emit failed(summary.error());
        });
    return followJob(m_parent, tr("Import GHALogs"), tr("Reading runs.json.gz..."), m_job);
}

QString GhaLogsImportAction::describe(const ghalogs::GhaLogsImportSummary& s)
{
    QString text = tr("%1 runs imported (%2 records read, %3 already imported, %4 filtered out, %5 duplicates, "
                      "%6 malformed).\nArchives (%7): %8 present, %9 missing, %10 with a GHALogs error, %11 corrupt.")
                       .arg(s.imported)
                       .arg(s.records)
                       .arg(s.alreadyImported)
                       .arg(s.filteredOut)
                       .arg(s.duplicates)
                       .arg(s.malformed)
                       .arg(s.logsForm)
                       .arg(s.archivesPresent)
                       .arg(s.archivesMissing)
                       .arg(s.archiveErrors)
                       .arg(s.archivesCorrupt);
    if (s.cancelled)
        text += tr("\nCanceled: what was imported stays; import again to finish.");
    if (!s.problems.isEmpty())
        text += tr("\nFirst problem: %1").arg(s.problems.constFirst());
    return text;
}

} // namespace runlens::ui
