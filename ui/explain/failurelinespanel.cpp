#include "explain/failurelinespanel.h"

#include "failurelines/failurelineranker.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace runlens::ui {

namespace {
constexpr int kTop = 50;
constexpr int kEntryRole = Qt::UserRole;
constexpr int kLineRole = Qt::UserRole + 1;

enum Column { ColumnRank, ColumnWhere, ColumnText, ColumnReasons, ColumnCount };
} // namespace

FailureLinesPanel::FailureLinesPanel(QWidget* parent)
    : QWidget(parent)
{
    m_status = new QLabel(tr("Select a failed run to see the lines that explain it."), this);
    m_status->setObjectName(QStringLiteral("FailureLinesStatus"));
    m_status->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("FailureLinesList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({ tr("#"), tr("Job / step / line"), tr("Line"), tr("Why") });
    m_list->header()->setSectionResizeMode(ColumnText, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_list->setToolTip(tr("Click a line to open the log there"));
    connect(m_list, &QTreeWidget::itemClicked, this, &FailureLinesPanel::activate);
    connect(m_list, &QTreeWidget::itemActivated, this, &FailureLinesPanel::activate);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
}

FailureLinesPanel::~FailureLinesPanel()
{
    m_work.cancel();
}

QString FailureLinesPanel::statusText() const
{
    return m_status->text();
}

void FailureLinesPanel::clear()
{
    m_work.cancel();
    ++m_generation;
    m_ranking = false;
    m_result.reset();
    m_list->clear();
    m_status->setText(tr("Select a failed run to see the lines that explain it."));
}

void FailureLinesPanel::rankStoredRun(const QString& workspaceDir, qint64 runId, int attempt, const QString& failedPath)
{
    failurelines::FailureLinesRequest request;
    request.failed = failedPath;
    request.workspaceDir = workspaceDir;
    request.runId = runId;
    request.attempt = attempt;
    start(std::move(request));
}

void FailureLinesPanel::rank(
    const QString& failedPath, const QStringList& baselinePaths, const QStringList& baselineNames)
{
    failurelines::FailureLinesRequest request;
    request.failed = failedPath;
    request.baselines = baselinePaths;
    request.baselineNames = baselineNames;
    start(std::move(request));
}

void FailureLinesPanel::start(failurelines::FailureLinesRequest request)
{
    clear();
    m_ranking = true;
    m_status->setText(tr("Ranking the lines of %1…").arg(QFileInfo(request.failed).fileName()));
    request.options.top = kTop;
    request.options.keepKnownLines = true;
    const quint64 generation = m_generation;
    m_work = failurelines::FailureLineRanker::start(std::move(request));
    // A watcher rather than QFuture::then(): Qt 6.4 can crash cancelling a finished future that has a
    // continuation. The watcher goes with the run it watches.
    auto* watcher = new QFutureWatcher<Result<failurelines::FailureLinesResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        Q_ASSERT(QThread::currentThread() == thread());
        watcher->deleteLater();
        const QFuture<Result<failurelines::FailureLinesResult>> future = watcher->future();
        if (generation != m_generation || future.isCanceled() || future.resultCount() == 0)
            return; // a newer run was selected
        m_ranking = false;
        const Result<failurelines::FailureLinesResult> result = future.result();
        if (!result) {
            m_status->setText(result.error());
            return;
        }
        showResult(*result);
    });
    watcher->setFuture(m_work);
}

void FailureLinesPanel::showResult(const failurelines::FailureLinesResult& result)
{
    m_result = result;
    m_list->clear();
    QList<QTreeWidgetItem*> items;
    for (const failurelines::FailureLine& line : result.lines) {
        auto* item = new QTreeWidgetItem;
        QStringList where;
        if (!line.job.isEmpty())
            where << line.job;
        if (!line.step.isEmpty())
            where << line.step;
        where << tr("line %L1").arg(line.line);
        item->setText(ColumnRank, QString::number(line.rank));
        item->setText(ColumnWhere, where.join(QStringLiteral(" › ")));
        item->setText(ColumnText, line.text.left(300));
        item->setText(ColumnReasons, line.reasons.join(QStringLiteral(", ")));
        item->setToolTip(ColumnText, line.text);
        item->setToolTip(ColumnWhere, tr("%1, line %L2").arg(line.entry).arg(line.line));
        item->setToolTip(ColumnReasons, tr("score %1").arg(line.score, 0, 'f', 3));
        item->setData(ColumnRank, kEntryRole, line.entry);
        item->setData(ColumnRank, kLineRole, line.line);
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    for (int column : { ColumnRank, ColumnWhere, ColumnReasons })
        m_list->resizeColumnToContents(column);
    const QString counted = tr("%L1 of %L2 lines ranked").arg(result.rankedLines).arg(result.totalLines);
    if (result.baselineNames.isEmpty())
        m_status->setText(tr("No passing run to compare with: ranked by error cues, annotations, memory causes and "
                             "closeness to the failure (%1).")
                              .arg(counted));
    else
        m_status->setText(tr("Against %n passing run(s): %1 (%2).", nullptr, int(result.baselineNames.size()))
                              .arg(result.baselineNames.join(QStringLiteral(", ")), counted));
    Q_EMIT ranked(result);
}

void FailureLinesPanel::activate(QTreeWidgetItem* item)
{
    if (!item)
        return;
    Q_EMIT lineRequested(item->data(ColumnRank, kEntryRole).toString(), item->data(ColumnRank, kLineRole).toLongLong());
}

} // namespace runlens::ui
