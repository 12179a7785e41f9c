#include "runspage.h"

#include "labeling/labelactions.h"
#include "runs/runactions.h"
#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"
#include "runs/scorebardelegate.h"
#include "session/collectionrunner.h"
#include "session/workspacesession.h"
#include "taxonomy/memorycategory.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace runlens::ui {

RunsPage::RunsPage(session::WorkspaceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("RunsPage"));
    m_model = new RunsTableModel(this);
    m_proxy = new RunsFilterModel(this);
    m_proxy->setRunsModel(m_model);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("RunsView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep 50,000 rows cheap: the view never measures rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(RunsTableModel::Score, new ScoreBarDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (m_labelActions->runs().isEmpty())
            return;
        QMenu* menu = createContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::selectionChanged);
    const auto count = [this] { emit countChanged(countText()); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, count);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, count);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, count);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, count);

    m_labelActions = new LabelActions(this);
    m_labelActions->installShortcuts(m_view);
    connect(m_labelActions, &LabelActions::failed, session,
        [session](const QString& message) { emit session->failed(tr("Label Runs"), message); });
    m_labelActions->storeIn(session);
    connect(session, &session::WorkspaceSession::runLabelChanged, m_model, &RunsTableModel::setLabel);
    m_undoLabel = new QAction(tr("&Undo Label"), this);
    m_undoLabel->setShortcut(QKeySequence::Undo);
    m_undoLabel->setEnabled(false);
    connect(m_undoLabel, &QAction::triggered, session, [session] {
        if (Status s = session->undoLabels(); !s)
            emit session->failed(tr("Undo Label"), s.error());
    });
    connect(session, &session::WorkspaceSession::canUndoLabelsChanged, m_undoLabel, &QAction::setEnabled);
    m_runActions = new RunActions(this);
    m_runActions->installShortcuts(m_view);
    connect(m_runActions, &RunActions::failed, session,
        [session](const QString& message) { emit session->failed(tr("Runs"), message); });
    connect(m_runActions, &RunActions::redownloadRequested, session, &session::WorkspaceSession::redownload);

    m_banner = new QLabel(tr("<b>Sample data</b> &mdash; a generated corpus served by a local fake GitHub API; "
                             "nothing here comes from real repositories."),
        this);
    m_banner->setObjectName(QStringLiteral("SampleDataBanner"));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #F0E442; color: #000000; padding: 4px 8px; }"));
    m_banner->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_banner);
    m_readOnlyBanner = new QLabel(this);
    m_readOnlyBanner->setObjectName(QStringLiteral("ReadOnlyBanner"));
    m_readOnlyBanner->setStyleSheet(m_banner->styleSheet());
    m_readOnlyBanner->setWordWrap(true);
    m_readOnlyBanner->hide();
    layout->addWidget(m_readOnlyBanner);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_view);

    connect(session, &session::WorkspaceSession::workspaceChanged, this, [this] {
        m_model->setRows({});
        m_undoLabel->setEnabled(false);
        m_banner->setVisible(m_session->isDemoWorkspace());
        m_readOnlyBanner->setText(tr("<b>Read-only</b> &mdash; %1; collecting, analyzing and labeling are off.")
                                      .arg(m_session->readOnlyReason().toHtmlEscaped()));
        m_readOnlyBanner->setVisible(m_session->isReadOnly());
    });
    connect(session, &session::WorkspaceSession::demoStarted, m_banner, &QWidget::show);
    connect(session, &session::WorkspaceSession::runsArriving, this, &RunsPage::addRows);
    connect(session, &session::WorkspaceSession::runsLoaded, this, &RunsPage::setRows);
    connect(session, &session::WorkspaceSession::analysisChanged, this, &RunsPage::showAnalysis);
}

RunsPage::~RunsPage() = default;

QWidget* RunsPage::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(4, 2, 4, 0);
    m_filterEdit = new QLineEdit(bar);
    m_filterEdit->setObjectName(QStringLiteral("RunsFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter runs: repository, workflow, branch, conclusion, label, run number"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &RunsFilterModel::setTextFilter);
    m_categoryBox = new QComboBox(bar);
    m_categoryBox->setObjectName(QStringLiteral("CategoryFilter"));
    m_categoryBox->addItem(tr("All categories"), QString());
    for (const logs::CategoryInfo& info : logs::allCategories()) {
        QPixmap chip(12, 12);
        chip.fill(QColor(info.colour));
        m_categoryBox->addItem(QIcon(chip), info.name, info.id);
    }
    m_categoryBox->addItem(tr("No memory category"), QStringLiteral("none"));
    connect(m_categoryBox, &QComboBox::currentIndexChanged, this,
        [this] { m_proxy->setCategoryFilter(m_categoryBox->currentData().toString()); });
    m_flaggedOnly = new QCheckBox(tr("Flagged only"), bar);
    m_flaggedOnly->setObjectName(QStringLiteral("FlaggedOnly"));
    connect(m_flaggedOnly, &QCheckBox::toggled, m_proxy, &RunsFilterModel::setFlaggedOnly);
    layout->addWidget(m_filterEdit, 1);
    layout->addWidget(m_categoryBox);
    layout->addWidget(m_flaggedOnly);
    return bar;
}

void RunsPage::addRows(const QList<session::RunRow>& rows, bool first)
{
    // An open shows its rows as they arrive; a reload keeps the rows shown until all new ones are there.
    if (first)
        m_arriving = m_model->rowCount() == 0;
    if (!m_arriving)
        return;
    if (first) {
        showRows(rows);
        return;
    }
    QList<session::RunRow> values = rows;
    if (const auto analysis = m_session->analysis())
        RunsTableModel::scoreRows(values, *analysis);
    m_proxy->appendRows(std::move(values));
}

void RunsPage::setRows(const QList<session::RunRow>& rows)
{
    if (!std::exchange(m_arriving, false) || m_model->rowCount() != rows.size())
        showRows(rows);
    if (std::exchange(m_selectTopWhenLoaded, false) && m_proxy->rowCount() > 0
        && !m_view->selectionModel()->hasSelection())
        selectProxyRow(0);
    emit countChanged(countText());
}

void RunsPage::showRows(const QList<session::RunRow>& rows)
{
    QList<session::RunRow> values = rows;
    const auto analysis = m_session->analysis();
    if (analysis)
        RunsTableModel::scoreRows(values, *analysis);
    m_model->setRows(std::move(values));
    // Fit the columns to the first runs loaded (Qt measures at most 1,000 rows), capped so that long
    // branch or repository names do not push the score off screen; later loads keep the widths the
    // user set.
    if (!m_columnsFitted && m_model->rowCount() > 0) {
        m_columnsFitted = true;
        m_view->resizeColumnsToContents();
        for (int c = 0; c < RunsTableModel::ColumnCount; ++c)
            m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 220));
        // Without an analysis, the newest runs first (rows arrive in the order the workspace stores them).
        if (!analysis)
            m_view->sortByColumn(RunsTableModel::Created, Qt::DescendingOrder);
    }
    if (analysis)
        m_view->sortByColumn(RunsTableModel::Score, Qt::DescendingOrder);
}

void RunsPage::showAnalysis()
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return;
    m_selectTopWhenLoaded = m_model->rowCount() == 0; // the analysis came before the runs
    m_model->applyAnalysis(*analysis);
    m_view->sortByColumn(RunsTableModel::Score, Qt::DescendingOrder);
    m_view->scrollToTop();
    // The most anomalous run, so that the Log and Explanation tabs show something at once.
    if (m_view->selectionModel()->selectedRows().isEmpty() && m_proxy->rowCount() > 0)
        selectProxyRow(0);
}

void RunsPage::selectRun(qint64 runId, int attempt)
{
    const int sourceRow = m_model->rowOf(runId, attempt);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return; // filtered out
    selectProxyRow(index.row());
    m_view->scrollTo(index);
}

// Through the selection model: QTableView::selectRow() follows the keyboard modifiers held (Ctrl
// toggles, Shift extends), and a programmatic selection must not.
void RunsPage::selectProxyRow(int row)
{
    const QModelIndex index = m_proxy->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QList<session::RunRow> RunsPage::selectedRows() const
{
    QList<session::RunRow> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(m_model->rowAt(m_proxy->mapToSource(index).row()));
    return rows;
}

void RunsPage::selectionChanged()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const QList<session::RunRow> selected = selectedRows();
    QList<RunKey> keys;
    keys.reserve(selected.size());
    for (const session::RunRow& row : selected)
        keys.append({ row.runId, row.attempt });
    m_labelActions->setRuns(keys);
    m_runActions->setRuns(selected);
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (rows.size() == 1)
        emit currentRunChanged(m_model->rowAt(m_proxy->mapToSource(rows.first()).row()));
    else if (current.isValid() && rows.contains(current.siblingAtColumn(0)))
        emit currentRunChanged(m_model->rowAt(m_proxy->mapToSource(current).row()));
}

QMenu* RunsPage::createContextMenu(QWidget* parent) const
{
    auto* menu = new QMenu(parent);
    m_runActions->addTo(menu);
    menu->addSeparator();
    menu->addMenu(m_labelActions->createMenu(menu));
    return menu;
}

QString RunsPage::countText() const
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    return shown == total ? tr("%n run(s)", nullptr, total) : tr("%1 of %n run(s)", nullptr, total).arg(shown);
}

QByteArray RunsPage::saveHeader() const
{
    return m_view->horizontalHeader()->saveState();
}

void RunsPage::restoreHeader(const QByteArray& state)
{
    m_columnsFitted = m_view->horizontalHeader()->restoreState(state);
}

} // namespace runlens::ui
