#pragma once

#include "ghalogs/ghalogsimportoptions.h"
#include "ghalogs/ghalogsimportsummary.h"

#include <QAction>

#include <functional>

class QProgressDialog;

namespace runlens {
class JobTracker;
}

namespace runlens::ui {

// File > Import GHALogs...: asks for the dataset and the subset (GhaLogsImportDialog), imports in the
// background with a progress dialog whose Cancel stops at the next committed batch, then reports what
// was imported and emits finished() (also after Cancel: what was stored stays). The window only adds
// the action to a menu and reloads its runs on finished().
class GhaLogsImportAction : public QAction
{
    Q_OBJECT
public:
    // `workspaceDir` answers the open workspace's folder, or an empty string when none is open.
    GhaLogsImportAction(std::function<QString()> workspaceDir, QWidget* parent);
    ~GhaLogsImportAction() override;

    // Starts the import of `options` into the open workspace without asking; returns the progress
    // dialog (for tests), or nullptr when no workspace is open.
    QProgressDialog* start(const ghalogs::GhaLogsImportOptions& options);

    // A one-paragraph account of an import, for the message box and tests.
    static QString describe(const ghalogs::GhaLogsImportSummary& summary);

signals:
    void finished(const ghalogs::GhaLogsImportSummary& summary);
    // The import could not go on (workspace, dataset); batches committed before stay stored.
    void failed(const QString& message);

private:
    void choose();

    std::function<QString()> m_workspaceDir;
    QWidget* m_parent;
    QString m_lastDataset;
    JobTracker* m_job = nullptr; // the import running, if any
};

} // namespace runlens::ui
