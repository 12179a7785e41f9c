#include "runactions.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenu>
#include <QSet>
#include <QWidget>

#include <algorithm>

namespace runlens::ui {

namespace {
QAction* makeAction(const QString& text, const QKeySequence& shortcut, QObject* parent)
{
    auto* action = new QAction(text, parent);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    action->setEnabled(false);
    return action;
}
} // namespace

RunActions::RunActions(QObject* parent)
    : QObject(parent)
    , m_opener([](const QUrl& url) { return QDesktopServices::openUrl(url); })
{
    m_open = makeAction(tr("Open on &GitHub"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), this);
    m_open->setStatusTip(tr("Open the selected runs' pages in the web browser"));
    m_copy = makeAction(tr("&Copy Link"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this);
    m_copy->setStatusTip(tr("Copy the selected runs' web addresses, one per line"));
    m_redownload = makeAction(tr("&Re-download Log"), {}, this);
    m_redownload->setStatusTip(tr("Download the selected runs' log archives again from GitHub"));
    m_showArchive = makeAction(tr("Show Archive in &Folder"), {}, this);
    m_showArchive->setStatusTip(tr("Open the folder holding the selected run's log ZIP"));
    connect(m_open, &QAction::triggered, this, &RunActions::openPages);
    connect(m_copy, &QAction::triggered, this, &RunActions::copyLinks);
    connect(m_showArchive, &QAction::triggered, this, &RunActions::showArchives);
    connect(m_redownload, &QAction::triggered, this, [this] {
        QList<session::RunRow> withArchive;
        for (const session::RunRow& row : std::as_const(m_runs)) {
            if (!row.archiveState.isEmpty())
                withArchive.append(row);
        }
        if (!withArchive.isEmpty())
            emit redownloadRequested(withArchive);
    });
}

RunActions::~RunActions() = default;

void RunActions::setRuns(const QList<session::RunRow>& runs)
{
    m_runs = runs;
    const auto any = [&runs](auto predicate) { return std::any_of(runs.cbegin(), runs.cend(), predicate); };
    m_open->setEnabled(any([](const session::RunRow& r) { return !r.htmlUrl.isEmpty(); }));
    m_copy->setEnabled(m_open->isEnabled());
    m_redownload->setEnabled(any([](const session::RunRow& r) { return !r.archiveState.isEmpty(); }));
    m_showArchive->setEnabled(any([](const session::RunRow& r) { return !r.logPath.isEmpty(); }));
}

QList<QAction*> RunActions::actions() const
{
    return { m_open, m_copy, m_redownload, m_showArchive };
}

void RunActions::addTo(QMenu* menu) const
{
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(m_open);
    menu->addAction(m_copy);
    menu->addSeparator();
    menu->addAction(m_redownload);
    menu->addAction(m_showArchive);
}

void RunActions::installShortcuts(QWidget* widget) const
{
    widget->addActions(actions());
}

void RunActions::openPages()
{
    for (const session::RunRow& row : std::as_const(m_runs)) {
        if (row.htmlUrl.isEmpty())
            continue;
        if (!m_opener(QUrl(row.htmlUrl)))
            emit failed(tr("Cannot open '%1' in a web browser.").arg(row.htmlUrl));
    }
}

void RunActions::copyLinks()
{
    QStringList links;
    for (const session::RunRow& row : std::as_const(m_runs)) {
        if (!row.htmlUrl.isEmpty())
            links.append(row.htmlUrl);
    }
    if (!links.isEmpty())
        QGuiApplication::clipboard()->setText(links.join(QLatin1Char('\n')));
}

void RunActions::showArchives()
{
    // One window per folder: the runs of a repository share theirs.
    QSet<QString> shown;
    for (const session::RunRow& row : std::as_const(m_runs)) {
        if (row.logPath.isEmpty())
            continue;
        const QString folder = QFileInfo(row.logPath).absolutePath();
        if (shown.contains(folder))
            continue;
        shown.insert(folder);
        if (!m_opener(QUrl::fromLocalFile(folder)))
            emit failed(tr("Cannot open the folder '%1'.").arg(QDir::toNativeSeparators(folder)));
    }
}

} // namespace runlens::ui
