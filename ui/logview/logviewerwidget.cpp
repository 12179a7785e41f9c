#include "logview/logviewerwidget.h"
#include "failurelines/failurelinesresult.h"

#include "common/jobtracker.h"
#include "logs/linesplitter.h"
#include "logs/logline.h"
#include "logview/logview.h"
#include "logview/searchresultsmodel.h"
#include "taxonomy/memorycategory.h"
#include "taxonomy/runscanner.h"
#include "viewer/logbuffer.h"
#include "viewer/logdocument.h"
#include "viewer/logsearch.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
#include <QPromise>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace runlens::ui {

using logs::LogSource;
using logs::StepRange;

namespace {

enum TreeRoles { EntryRole = Qt::UserRole + 1, LineRole, StepRole, LastLineRole };

// Step durations in milliseconds (-1 when the step's lines hold no timestamps), from the first to the
// last timestamp inside each step's lines.
QList<qint64> stepDurations(const QByteArrayView bytes, const QList<StepRange>& steps)
{
    std::vector<qint64> ticks; // per line, -1 when untimed
    logs::forEachRawLine(bytes, [&](QByteArrayView line, qint64, qint64) {
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
        const auto t = logs::parseTimestamp(line.first(std::min<qsizetype>(line.size(), 29)).trimmed());
        ticks.push_back(t ? *t : -1);
        return true;
    });
    QList<qint64> durations;
    for (const StepRange& step : steps) {
        qint64 first = -1;
        qint64 last = -1;
        for (qint64 line = std::max<qint64>(1, step.firstLine); line <= step.lastLine && line <= qint64(ticks.size());
             ++line) {
            const qint64 t = ticks[size_t(line - 1)];
            if (t < 0)
                continue;
            if (first < 0)
                first = t;
            last = t;
        }
        durations.append(first < 0 ? -1 : (last - first) / (logs::kTicksPerSecond / 1000));
    }
    return durations;
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1.%2 s").arg(s).arg((ms % 1000) / 100);
    return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QTreeWidgetItem* stepItem(const StepRange& step)
{
    auto* item = new QTreeWidgetItem({ step.name, QString() });
    item->setData(0, EntryRole, step.entryIndex);
    item->setData(0, LineRole, step.firstLine);
    item->setData(0, StepRole, true);
    item->setData(0, LastLineRole, step.lastLine);
    item->setToolTip(0, QStringLiteral("%1 (lines %2-%3)").arg(step.name).arg(step.firstLine).arg(step.lastLine));
    return item;
}

} // namespace

LogViewerWidget::LogViewerWidget(QWidget* parent)
    : QWidget(parent)
    , m_document(new logs::LogDocument(this))
    , m_searchJob(new JobTracker(this))
    , m_stepsJob(new JobTracker(this))
    , m_failureJob(new JobTracker(this))
{
    createWidgets();
    createActions();
    connect(m_searchJob, &JobTracker::progressValueChanged, this, [this](int value) {
        m_progress->setValue(value);
        Q_EMIT searchProgress(value, int(m_resultsModel->lines().size()));
    });
    connect(m_document, &logs::LogDocument::progress, this, &LogViewerWidget::updateStatus);
    connect(m_document, &logs::LogDocument::indexingFinished, this, [this] {
        updateStatus();
        if (m_pendingSearch)
            search(*std::exchange(m_pendingSearch, std::nullopt));
        if (!m_source || m_source->kind() == logs::SourceKind::SingleFile)
            fillStepsFromMarkers();
    });
    connect(m_document, &logs::LogDocument::memoryHitsReady, this, &LogViewerWidget::updateLegend);
    connect(m_document, &logs::LogDocument::failed, this, [this](const QString& message) {
        m_status->setText(message);
        Q_EMIT failed(message);
    });
    connect(m_document, &logs::LogDocument::reset, this, [this] {
        cancelSearch();
        m_resultsModel->clear();
        m_hitCount->clear();
        updateLegend();
        // The search bar's text stays: its hits are counted again in the log now open.
        if (!m_searchEdit->text().isEmpty())
            startSearchFromBar();
    });
}

LogViewerWidget::~LogViewerWidget()
{
    cancelSearch(); // the trackers wait for their workers
}

void LogViewerWidget::createWidgets()
{
    m_view = new LogView(this);
    m_view->setDocument(m_document);
    m_resultsModel = new SearchResultsModel(this);
    m_resultsModel->setDocument(m_document);

    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({ tr("Job / step"), tr("Duration") });
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { stepActivated(item); });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { stepActivated(item); });

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setPlaceholderText(tr("Search (Enter; F3 / Shift+F3 for next / previous)"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &LogViewerWidget::startSearchFromBar);
    m_regex = new QCheckBox(tr("Rege&x"), this);
    m_caseSensitive = new QCheckBox(tr("Match &case"), this);
    auto* previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    connect(previous, &QToolButton::clicked, this, &LogViewerWidget::findPrevious);
    auto* next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (F3)"));
    connect(next, &QToolButton::clicked, this, &LogViewerWidget::findNext);
    m_hitCount = new QLabel(this);
    m_hitCount->setMinimumWidth(90);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_timestamps = new QComboBox(this);
    m_timestamps->addItem(tr("Relative time"), int(TimestampMode::Relative));
    m_timestamps->addItem(tr("Absolute time"), int(TimestampMode::Absolute));
    m_timestamps->addItem(tr("No time"), int(TimestampMode::Hidden));
    m_timestamps->setToolTip(tr("Timestamps: relative to the job start, absolute (UTC), or hidden"));
    connect(m_timestamps, &QComboBox::currentIndexChanged, this,
        [this] { m_view->setTimestampMode(TimestampMode(m_timestamps->currentData().toInt())); });
    m_copyTimestamps = new QCheckBox(tr("Copy with time"), this);
    m_copyTimestamps->setToolTip(tr("Ctrl+C copies the selected lines with their timestamps"));
    connect(m_copyTimestamps, &QCheckBox::toggled, m_view, &LogView::setCopyWithTimestamps);

    m_newLinesOnly = new QCheckBox(tr("New lines only"), this);
    m_newLinesOnly->setObjectName(QStringLiteral("NewLinesOnly"));
    m_newLinesOnly->setToolTip(tr("Hide the lines that passing runs of this job also print (line numbers stay)"));
    m_newLinesOnly->setEnabled(false);
    connect(m_newLinesOnly, &QCheckBox::toggled, this, &LogViewerWidget::applyLineFilter);
    m_wrapButton = new QToolButton(this); // shows the Wrap lines action (createActions)

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_searchEdit, 1);
    bar->addWidget(m_regex);
    bar->addWidget(m_caseSensitive);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(m_hitCount);
    bar->addWidget(m_progress);
    bar->addWidget(m_timestamps);
    bar->addWidget(m_copyTimestamps);
    bar->addWidget(m_newLinesOnly);
    bar->addWidget(m_wrapButton);

    m_legend = new QLabel(this);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_status = new QLabel(this);

    m_results = new QListView(this);
    m_results->setModel(m_resultsModel);
    m_results->setUniformItemSizes(true);
    m_results->setFont(m_view->font());
    m_results->setToolTip(tr("Lines matching the search; double-click to go there"));
    connect(m_results, &QListView::doubleClicked, this, &LogViewerWidget::resultActivated);
    connect(m_results, &QListView::activated, this, &LogViewerWidget::resultActivated);
    m_results->hide();

    auto* logSplit = new QSplitter(Qt::Vertical, this);
    logSplit->addWidget(m_view);
    logSplit->addWidget(m_results);
    logSplit->setStretchFactor(0, 3);
    logSplit->setStretchFactor(1, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(bar);
    rightLayout->addWidget(m_legend);
    rightLayout->addWidget(logSplit, 1);
    rightLayout->addWidget(m_status);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({ 260, 1000 });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    updateLegend();
}

void LogViewerWidget::createActions()
{
    const auto add = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions.append(action);
        return action;
    };
    add(tr("Find"), QKeySequence::Find, [this] {
        m_searchEdit->setFocus();
        m_searchEdit->selectAll();
    });
    add(tr("Find next"), QKeySequence(Qt::Key_F3), &LogViewerWidget::findNext);
    add(tr("Find previous"), QKeySequence(Qt::SHIFT | Qt::Key_F3), &LogViewerWidget::findPrevious);
    add(tr("Next memory hit"), QKeySequence(Qt::Key_F4), &LogViewerWidget::nextMemoryHit);
    add(tr("Previous memory hit"), QKeySequence(Qt::SHIFT | Qt::Key_F4), &LogViewerWidget::previousMemoryHit);
    add(tr("Go to line..."), QKeySequence(Qt::CTRL | Qt::Key_G), &LogViewerWidget::askGoToLine);
    m_wrapAction
        = add(tr("Wrap lines"), QKeySequence(Qt::ALT | Qt::Key_Z), [this](bool on) { m_view->setWrapLines(on); });
    m_wrapAction->setCheckable(true);
    m_wrapAction->setToolTip(tr("Wrap long lines instead of scrolling sideways (Alt+Z)"));
    m_wrapButton->setDefaultAction(m_wrapAction);
    m_wrapButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

Status LogViewerWidget::openPath(const QString& path)
{
    auto source = LogSource::open(path);
    if (!source) {
        m_status->setText(source.error());
        return Error { source.error() };
    }
    m_path = path;
    if (source->kind() == logs::SourceKind::SingleFile) {
        m_source = *source;
        m_entryIndex = 0;
        m_stepsJob->clear(); // a pending step-durations job must not write into the items cleared here
        m_tree->clear();
        m_document->openFile(path); // mapped, not copied, when it is UTF-8
        applyLineFilter();
        locateFailure();
        return {};
    }
    openSource(*source);
    locateFailure();
    return {};
}

void LogViewerWidget::openSource(const LogSource& source, int entryIndex)
{
    m_source = source;
    m_entryIndex = -1;
    m_failure.reset(); // the tree marks this run's failure once located, not the previous run's
    m_runHits.clear();
    fillTree();
    if (entryIndex < 0) { // the first whole-job log, else the first entry
        const auto& entries = source.entries();
        const auto job = std::find_if(entries.begin(), entries.end(), [](const logs::LogEntry& e) {
            return e.kind == logs::EntryKind::JobLog || e.kind == logs::EntryKind::LegacyJobLog;
        });
        entryIndex = job != entries.end() ? int(job - entries.begin()) : (entries.isEmpty() ? -1 : 0);
    }
    if (entryIndex >= 0)
        openEntry(entryIndex);
}

void LogViewerWidget::openEntry(int entryIndex)
{
    if (!m_source || entryIndex < 0 || entryIndex >= m_source->entries().size())
        return;
    m_entryIndex = entryIndex;
    if (m_source->kind() == logs::SourceKind::SingleFile)
        m_document->openFile(m_source->path());
    else
        m_document->openEntry(*m_source, entryIndex);
    applyLineFilter();
}

void LogViewerWidget::setFailureLines(const failurelines::FailureLinesResult& result)
{
    m_knownPath = result.failed;
    m_known = result.entries;
    applyLineFilter();
    if (result.failed == m_path && !result.lines.empty())
        showLines(result.lines.front().entry, { result.lines.front().line });
}

bool LogViewerWidget::canShowNewLinesOnly() const
{
    const QString entry = currentEntryName();
    return m_knownPath == m_path && std::any_of(m_known.begin(), m_known.end(), [&](const auto& known) {
        return known.entry == entry && !known.known.empty();
    });
}

void LogViewerWidget::setNewLinesOnly(bool on)
{
    m_newLinesOnly->setChecked(on);
}

bool LogViewerWidget::newLinesOnly() const
{
    return m_newLinesOnly->isChecked() && m_view->hasLineFilter();
}

void LogViewerWidget::applyLineFilter()
{
    const bool available = canShowNewLinesOnly();
    m_newLinesOnly->setEnabled(available);
    if (!available || !m_newLinesOnly->isChecked()) {
        m_view->setLineFilter(std::nullopt);
        return;
    }
    const QString entry = currentEntryName();
    const auto known = std::find_if(
        m_known.begin(), m_known.end(), [&](const failurelines::FailureLinesEntry& e) { return e.entry == entry; });
    QList<qint64> shown;
    for (qint64 line = 1; line <= known->lines; ++line) {
        if (!known->isKnown(line))
            shown.append(line);
    }
    m_view->setLineFilter(std::move(shown));
}

QString LogViewerWidget::currentEntryName() const
{
    return m_source && m_entryIndex >= 0 && m_entryIndex < m_source->entries().size()
        ? m_source->entries()[m_entryIndex].name
        : QString();
}

void LogViewerWidget::fillTree()
{
    m_stepsJob->clear();
    m_tree->clear();
    if (!m_source)
        return;
    QList<StepRange> allSteps;
    QList<QTreeWidgetItem*> stepItems;
    for (const QString& job : m_source->jobNames()) {
        auto* jobItem = new QTreeWidgetItem(m_tree, { job, QString() });
        const auto& entries = m_source->entries();
        for (int i = 0; i < entries.size(); ++i) {
            if (entries[i].jobName == job
                && (entries[i].kind == logs::EntryKind::JobLog || entries[i].kind == logs::EntryKind::LegacyJobLog)) {
                jobItem->setData(0, EntryRole, i);
                jobItem->setData(0, LineRole, 1);
                break;
            }
        }
        auto steps = m_source->steps(job);
        if (!steps)
            continue;
        for (const StepRange& step : *steps) {
            auto* item = stepItem(step);
            jobItem->addChild(item);
            stepItems.append(item);
            allSteps.append(step);
        }
        if (!jobItem->data(0, EntryRole).isValid() && !steps->isEmpty()) {
            jobItem->setData(0, EntryRole, steps->first().entryIndex);
            jobItem->setData(0, LineRole, 1);
        }
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(1);
    // Durations need the steps' timestamps: read in the background, one entry at a time.
    const QFuture<QList<qint64>> work = QtConcurrent::run([source = *m_source, allSteps] {
        QList<qint64> durations;
        QHash<int, QList<qint64>> byEntry;
        QHash<int, QList<StepRange>> stepsOf;
        for (const StepRange& step : allSteps)
            stepsOf[step.entryIndex].append(step);
        for (auto it = stepsOf.cbegin(); it != stepsOf.cend(); ++it) {
            const auto bytes = source.readEntry(it.key());
            byEntry[it.key()] = bytes ? stepDurations(*bytes, it.value()) : QList<qint64>(it.value().size(), -1);
        }
        QHash<int, int> taken;
        for (const StepRange& step : allSteps)
            durations.append(byEntry[step.entryIndex].value(taken[step.entryIndex]++, -1));
        return durations;
    });
    m_stepsJob->start<QList<qint64>>(work, [this, stepItems](const QFuture<QList<qint64>>& future) {
        if (future.resultCount() == 0)
            return;
        const QList<qint64> durations = future.result();
        for (qsizetype i = 0; i < stepItems.size() && i < durations.size(); ++i)
            stepItems[i]->setText(1, formatDuration(durations[i]));
        m_tree->resizeColumnToContents(1);
        Q_EMIT stepsReady();
    });
    markFailure();
}

void LogViewerWidget::fillStepsFromMarkers()
{
    m_stepsJob->clear();
    m_tree->clear();
    const QString name = m_document->name();
    const auto work = QtConcurrent::run([buffer = m_document->buffer(), name] {
        const QByteArrayView bytes = buffer ? buffer->bytes() : QByteArrayView();
        const QList<StepRange> steps = logs::stepsFromGroupMarkers(bytes, name, 0);
        return std::make_pair(steps, stepDurations(bytes, steps));
    });
    using MarkerSteps = std::pair<QList<StepRange>, QList<qint64>>;
    m_stepsJob->start<MarkerSteps>(work, [this, name](const QFuture<MarkerSteps>& future) {
        if (future.resultCount() == 0)
            return;
        const MarkerSteps result = future.result();
        auto* top = new QTreeWidgetItem(m_tree, { name, QString() });
        top->setData(0, EntryRole, 0);
        top->setData(0, LineRole, 1);
        for (qsizetype i = 0; i < result.first.size(); ++i) {
            auto* item = stepItem(result.first[i]);
            item->setText(1, formatDuration(result.second.value(i, -1)));
            top->addChild(item);
        }
        m_tree->expandAll();
        m_tree->resizeColumnToContents(1);
        markFailure();
        Q_EMIT stepsReady();
    });
}

void LogViewerWidget::locateFailure()
{
    m_failureJob->clear();
    m_failure.reset();
    m_errors.clear();
    m_runHits.clear();
    m_moved = false;
    if (!m_source)
        return;
    const QString path = m_path;
    const logs::RunSource run { path, path,
        m_source->kind() == logs::SourceKind::Folder
            ? logs::RunSource::Kind::Folder
            : (m_source->kind() == logs::SourceKind::SingleFile ? logs::RunSource::Kind::File
                                                                : logs::RunSource::Kind::Zip) };
    struct Found
    {
        std::vector<logs::MemoryHit> hits;
        std::optional<logs::FailureLocation> failure;
        std::vector<logs::FailureLocation> errors;
    };
    const auto work = QtConcurrent::run([source = *m_source, run] {
        Found found;
        // Logs that cannot be read completely give the hits found before the failure (none for unreadable
        // ones: the failure is then found from the error markers alone).
        if (auto scanner = logs::RunScanner::create())
            found.hits = logs::foundIn(scanner->scan(run)).hits;
        found.failure = logs::failureLocation(source, found.hits);
        found.errors = logs::errorLocations(source);
        return found;
    });
    m_failureJob->start<Found>(work, [this, path](const QFuture<Found>& future) {
        if (future.resultCount() == 0 || path != m_path)
            return;
        Found found = future.result();
        m_runHits = std::move(found.hits);
        m_failure = std::move(found.failure);
        m_errors = std::move(found.errors);
        markFailure();
        if (m_failure && !m_moved)
            showLines(m_failure->entry, { m_failure->line });
        Q_EMIT failureLocated();
    });
}

void LogViewerWidget::markFailure()
{
    if (!m_failure || !m_source)
        return;
    // The failure's step and every step with an `##[error]` line, and their jobs.
    std::vector<logs::FailureLocation> failed = m_errors;
    failed.push_back(*m_failure);
    const auto entryOf = [this](const QString& name) {
        return m_source->kind() == logs::SourceKind::SingleFile ? 0 : m_source->indexOf(name);
    };
    const auto mark = [this](QTreeWidgetItem* item, const QString& tip) {
        item->setForeground(0, QColor(0xd7, 0x3a, 0x49));
        item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        item->setToolTip(0, tip);
    };
    for (int j = 0; j < m_tree->topLevelItemCount(); ++j) {
        QTreeWidgetItem* job = m_tree->topLevelItem(j);
        bool jobFailed = false;
        for (const logs::FailureLocation& at : failed) {
            const int entry = entryOf(at.entry);
            jobFailed = jobFailed || job->data(0, EntryRole).toInt() == entry;
            for (int i = 0; i < job->childCount(); ++i) {
                QTreeWidgetItem* step = job->child(i);
                if (step->data(0, EntryRole).toInt() != entry || at.line < step->data(0, LineRole).toLongLong()
                    || at.line > step->data(0, LastLineRole).toLongLong() || !step->icon(0).isNull())
                    continue;
                jobFailed = true;
                mark(step, tr("Failed: %1").arg(step->toolTip(0)));
            }
        }
        if (jobFailed)
            mark(job, tr("Failed job"));
    }
}

void LogViewerWidget::stepActivated(QTreeWidgetItem* item)
{
    if (!item || !item->data(0, EntryRole).isValid())
        return;
    const int entry = item->data(0, EntryRole).toInt();
    const qint64 line = item->data(0, LineRole).toLongLong();
    if (entry != m_entryIndex && m_source && m_source->kind() != logs::SourceKind::SingleFile)
        openEntry(entry);
    m_moved = true;
    m_view->setCurrentLine(std::max<qint64>(1, line));
    m_view->setFocus();
}

void LogViewerWidget::startSearchFromBar()
{
    if (m_searchEdit->text().isEmpty()) {
        cancelSearch();
        m_resultsModel->clear();
        m_view->setMatcher(nullptr);
        m_results->hide();
        m_hitCount->clear();
        return;
    }
    search({ m_searchEdit->text(), m_regex->isChecked(), m_caseSensitive->isChecked() });
}

void LogViewerWidget::search(const logs::SearchQuery& query)
{
    cancelSearch();
    m_resultsModel->clear();
    auto matcher = logs::LineMatcher::create(query);
    if (!matcher) {
        m_hitCount->setText(tr("invalid"));
        m_hitCount->setToolTip(matcher.error());
        m_view->setMatcher(nullptr);
        Q_EMIT searchFinished(0);
        return;
    }
    m_hitCount->setToolTip({});
    m_view->setMatcher(*matcher);
    if (!m_document->buffer()) { // still loading: search when the log is there
        m_pendingSearch = query;
        return;
    }
    m_searching = true;
    m_progress->setValue(0);
    m_progress->show();
    m_results->show();
    const QFuture<QList<qint64>> work
        = QtConcurrent::run([buffer = m_document->buffer(), matcher = *matcher](QPromise<QList<qint64>>& promise) {
              const QByteArrayView data = buffer->bytes();
              promise.setProgressRange(0, 1000);
              logs::searchLines(
                  data, *matcher,
                  [&](qint64 done) {
                      promise.setProgressValue(int(done * 1000 / std::max<qint64>(1, data.size())));
                      return !promise.isCanceled();
                  },
                  [&](const QList<logs::LineNumber>& batch) {
                      QList<qint64> lines;
                      lines.reserve(batch.size());
                      for (const logs::LineNumber line : batch)
                          lines.append(line.get());
                      promise.addResult(lines);
                  });
          });
    m_searchJob->start<QList<qint64>>(
        work,
        [this](const QFuture<QList<qint64>>& future) {
            m_searching = false;
            m_progress->hide();
            const int hits = int(m_resultsModel->lines().size());
            m_hitCount->setText(tr("%n hit(s)", nullptr, hits) + (future.isCanceled() ? tr(" (stopped)") : QString()));
            Q_EMIT searchFinished(hits);
        },
        [this](const QFuture<QList<qint64>>& future, int begin, int end) {
            for (int i = begin; i < end; ++i)
                m_resultsModel->appendLines(future.resultAt(i));
            m_hitCount->setText(tr("%n hit(s)", nullptr, int(m_resultsModel->lines().size())));
        });
}

void LogViewerWidget::cancelSearch()
{
    m_pendingSearch.reset();
    if (m_searching) {
        m_searchJob->cancel();
        m_searching = false;
        m_progress->hide();
    }
}

const QList<qint64>& LogViewerWidget::searchHits() const
{
    return m_resultsModel->lines();
}

bool LogViewerWidget::isSearching() const
{
    return m_searching;
}

void LogViewerWidget::jumpToHit(const QList<qint64>& lines, bool forward)
{
    if (lines.isEmpty())
        return;
    const qint64 current = m_view->currentLine();
    qint64 target = 0;
    if (forward) {
        const auto it = std::upper_bound(lines.begin(), lines.end(), current);
        target = it != lines.end() ? *it : lines.first(); // wraps around
    } else {
        const auto it = std::lower_bound(lines.begin(), lines.end(), current);
        target = it != lines.begin() ? *(it - 1) : lines.last();
    }
    m_view->setCurrentLine(target);
}

void LogViewerWidget::findNext()
{
    jumpToHit(searchHits(), true);
}

void LogViewerWidget::findPrevious()
{
    jumpToHit(searchHits(), false);
}

void LogViewerWidget::jumpToRunHit(bool forward)
{
    // Hits in the order of the run's entries, then lines; the current position sits between two of them.
    const auto key
        = [this](const logs::MemoryHit& hit) { return std::make_pair(m_source->indexOf(hit.entry), hit.line.get()); };
    // Step files repeat their job log's lines: stay in whole-job logs when one is shown.
    const auto& entries = m_source->entries();
    const auto jobLog = [&](int index) {
        return index >= 0 && index < entries.size()
            && (entries[index].kind == logs::EntryKind::JobLog || entries[index].kind == logs::EntryKind::LegacyJobLog);
    };
    std::vector<std::pair<int, qint64>> keys;
    for (const logs::MemoryHit& hit : m_runHits) {
        if (!jobLog(m_entryIndex) || jobLog(key(hit).first))
            keys.push_back(key(hit));
    }
    if (keys.empty())
        return;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const std::pair<int, qint64> here { m_entryIndex, m_view->currentLine() };
    std::pair<int, qint64> target;
    if (forward) {
        const auto it = std::upper_bound(keys.begin(), keys.end(), here);
        target = it != keys.end() ? *it : keys.front();
    } else {
        const auto it = std::lower_bound(keys.begin(), keys.end(), here);
        target = it != keys.begin() ? *(it - 1) : keys.back();
    }
    if (target.first >= 0 && target.first != m_entryIndex)
        openEntry(target.first);
    m_view->setCurrentLine(target.second);
}

void LogViewerWidget::nextMemoryHit()
{
    if (!m_runHits.empty() && m_source && m_source->kind() != logs::SourceKind::SingleFile)
        return jumpToRunHit(true);
    QList<qint64> lines;
    for (const logs::MemoryHit& hit : m_document->memoryHits())
        lines.append(hit.line.get());
    jumpToHit(lines, true);
}

void LogViewerWidget::previousMemoryHit()
{
    if (!m_runHits.empty() && m_source && m_source->kind() != logs::SourceKind::SingleFile)
        return jumpToRunHit(false);
    QList<qint64> lines;
    for (const logs::MemoryHit& hit : m_document->memoryHits())
        lines.append(hit.line.get());
    jumpToHit(lines, false);
}

void LogViewerWidget::goToLine(qint64 line)
{
    m_moved = true;
    m_view->setCurrentLine(line);
    m_view->setFocus();
}

void LogViewerWidget::askGoToLine()
{
    bool ok = false;
    const int line = QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1-%1):").arg(m_document->lineCount().get()),
        int(std::max<qint64>(1, m_view->currentLine())), 1, int(std::max<qint64>(1, m_document->lineCount().get())), 1,
        &ok);
    if (ok)
        goToLine(line);
}

void LogViewerWidget::resultActivated(const QModelIndex& index)
{
    const qint64 line = index.data(SearchResultsModel::LineRole).toLongLong();
    if (line > 0)
        goToLine(line);
}

void LogViewerWidget::showLines(const QString& entry, const QList<qint64>& lines)
{
    if (!entry.isEmpty() && entry != currentEntryName()) {
        const int index = m_source ? m_source->indexOf(entry) : -1;
        if (index >= 0)
            openEntry(index);
        else if (QFileInfo::exists(entry) && !openPath(entry).ok())
            return;
    }
    m_moved = true;
    m_view->setHighlightedLines(lines);
    if (!lines.isEmpty())
        m_view->setCurrentLine(*std::min_element(lines.begin(), lines.end()));
    m_view->setFocus();
}

void LogViewerWidget::updateStatus()
{
    const qint64 total = m_document->bytes().size();
    const qint64 done = m_document->index().indexedBytes().get();
    const QString lines = tr("%1: %L2 lines").arg(m_document->name()).arg(m_document->lineCount().get());
    if (m_document->isIndexing() && total > 0)
        m_status->setText(lines + tr(", indexing %1%").arg(done * 100 / total));
    else
        m_status->setText(lines + tr(", %L1 bytes").arg(total));
}

void LogViewerWidget::updateLegend()
{
    QHash<int, int> counts;
    for (const logs::MemoryHit& hit : m_document->memoryHits())
        ++counts[int(hit.category)];
    QStringList parts;
    for (const logs::CategoryInfo& info : logs::allCategories()) {
        const int count = counts.value(int(info.category));
        parts.append(QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2%3")
                         .arg(info.colour, info.name.toHtmlEscaped(),
                             count > 0 ? QStringLiteral(" <b>(%1)</b>").arg(count) : QString()));
    }
    m_legend->setText(parts.join(QStringLiteral(" &nbsp; ")));
    m_legend->setToolTip(tr("Memory-failure categories; F4 / Shift+F4 go to the next / previous hit"));
}

} // namespace runlens::ui
