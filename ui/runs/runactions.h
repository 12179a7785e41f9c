#pragma once

#include "session/runrow.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace runlens::ui {

// What one can do with selected runs besides labeling them: open the run on GitHub, copy its link,
// download its log again, show its archive in the file manager. Set the selection with setRuns();
// each action is enabled only when it applies to at least one selected run.
class RunActions : public QObject
{
    Q_OBJECT
public:
    explicit RunActions(QObject* parent = nullptr);
    ~RunActions() override;

    void setRuns(const QList<session::RunRow>& runs);
    const QList<session::RunRow>& runs() const { return m_runs; }

    QAction* openOnGitHubAction() const { return m_open; }
    QAction* copyLinkAction() const { return m_copy; }
    QAction* redownloadAction() const { return m_redownload; }
    QAction* showArchiveAction() const { return m_showArchive; }
    QList<QAction*> actions() const;
    // Adds the actions to `menu`, separated from what the menu holds already.
    void addTo(QMenu* menu) const;
    // Adds the actions to `widget` so their shortcuts work while it has focus.
    void installShortcuts(QWidget* widget) const;

    // Opens URLs (runs' pages, archive folders); QDesktopServices::openUrl unless replaced (tests).
    void setUrlOpener(std::function<bool(const QUrl&)> opener) { m_opener = std::move(opener); }

signals:
    // Re-download Log: the runs with a log archive record, for the window to mark and collect.
    void redownloadRequested(const QList<runlens::session::RunRow>& runs);
    void failed(const QString& message);

private:
    void openPages();
    void copyLinks();
    void showArchives();

    QList<session::RunRow> m_runs;
    QAction* m_open = nullptr;
    QAction* m_copy = nullptr;
    QAction* m_redownload = nullptr;
    QAction* m_showArchive = nullptr;
    std::function<bool(const QUrl&)> m_opener;
};

} // namespace runlens::ui
