#include "collectionpanel.h"

#include "collectfailuresmodel.h"
#include "collecttext.h"
#include "progressbardelegate.h"
#include "repoprogressmodel.h"
#include "session/collectionrunner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace runlens::ui {

namespace {
constexpr int kTickMs = 1000;

QTableView* makeTable(QWidget* parent, const QString& objectName)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}
} // namespace

CollectionPanel::CollectionPanel(QWidget* parent)
    : QWidget(parent)
    , m_repoModel(new RepoProgressModel(this))
    , m_failuresModel(new CollectFailuresModel(this))
{
    setObjectName(QStringLiteral("CollectionPanel"));

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("CollectState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->hide();

    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("CollectOverallBar"));
    m_overall->setRange(0, 1);
    m_overall->setValue(0);
    m_overall->setFormat(QString());
    m_overall->setTextVisible(true);

    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("CollectCounts"));
    m_counts->setWordWrap(true);
    m_counts->setText(tr("No collection yet: Collect > Collect... or Help > Open Demo."));
    m_transfer = new QLabel(this);
    m_transfer->setObjectName(QStringLiteral("CollectTransfer"));
    m_transfer->setToolTip(tr("Log archives downloaded so far, the rate over the last 10 s and the time left at the "
                              "pace so far"));
    m_rate = new QLabel(this);
    m_rate->setObjectName(QStringLiteral("CollectRateLimit"));
    m_rate->setToolTip(tr("GitHub API requests left in this hour's budget and when it refills"));

    m_pauseAction = new QAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("PauseCollection"));
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pauseAction->setEnabled(false);
    connect(m_pauseAction, &QAction::triggered, this, &CollectionPanel::togglePause);
    m_cancelAction = new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel Collection"), this);
    m_cancelAction->setObjectName(QStringLiteral("CancelCollection"));
    m_cancelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    m_cancelAction->setToolTip(tr("Stop the collection; what was downloaded stays, a new collection resumes (%1)")
                                   .arg(m_cancelAction->shortcut().toString(QKeySequence::NativeText)));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        emit cancelRequested();
        if (m_runner)
            m_runner->cancel();
    });
    addAction(m_pauseAction);
    addAction(m_cancelAction);

    m_pauseButton = new QToolButton(this);
    m_pauseButton->setObjectName(QStringLiteral("PauseButton"));
    m_pauseButton->setDefaultAction(m_pauseAction);
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setObjectName(QStringLiteral("CancelButton"));
    m_cancelButton->setDefaultAction(m_cancelAction);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_repoView = makeTable(this, QStringLiteral("CollectRepositories"));
    m_repoView->setModel(m_repoModel);
    m_repoView->setItemDelegateForColumn(RepoProgressModel::Progress,
        new ProgressBarDelegate(RepoProgressModel::WorkDoneRole, RepoProgressModel::WorkTotalRole, m_repoView));
    QHeaderView* repoHeader = m_repoView->horizontalHeader();
    repoHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    repoHeader->setSectionResizeMode(RepoProgressModel::Progress, QHeaderView::Stretch);
    repoHeader->setMinimumSectionSize(40);

    auto* failuresPane = new QWidget(this);
    m_failuresLabel = new QLabel(tr("Failures"), failuresPane);
    m_failuresView = makeTable(failuresPane, QStringLiteral("CollectFailures"));
    m_failuresView->setModel(m_failuresModel);
    m_failuresView->setToolTip(tr("Double-click a failure to show its run"));
    QHeaderView* failuresHeader = m_failuresView->horizontalHeader();
    failuresHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    failuresHeader->setStretchLastSection(true);
    connect(m_failuresView, &QAbstractItemView::activated, this, &CollectionPanel::activateFailure);
    auto* failuresLayout = new QVBoxLayout(failuresPane);
    failuresLayout->setContentsMargins(0, 4, 0, 0);
    failuresLayout->setSpacing(2);
    failuresLayout->addWidget(m_failuresLabel);
    failuresLayout->addWidget(m_failuresView);

    auto* tables = new QSplitter(Qt::Vertical, this);
    tables->setChildrenCollapsible(false);
    tables->addWidget(m_repoView);
    tables->addWidget(failuresPane);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(6);
    layout->addWidget(m_state);
    layout->addWidget(m_overall);
    layout->addWidget(m_counts);
    layout->addWidget(m_transfer);
    layout->addWidget(m_rate);
    layout->addLayout(buttons);
    layout->addWidget(tables, 1);

    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &CollectionPanel::tick);
    setCollecting(false);
}

CollectionPanel::~CollectionPanel() = default;

QSize CollectionPanel::sizeHint() const
{
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    return { 46 * em, 36 * fontMetrics().height() };
}

void CollectionPanel::attach(session::CollectionRunner* runner, const QStringList& repositories)
{
    for (const QMetaObject::Connection& c : std::as_const(m_runnerConnections))
        disconnect(c);
    m_runnerConnections.clear();
    m_runner = runner;
    m_failuresModel->clear();
    QList<github::RepoProgress> rows;
    for (const QString& repository : repositories)
        rows.append(github::RepoProgress { repository });
    m_repoModel->setRepositories(rows);
    m_last = {};
    m_last.repositories = rows;
    m_meter.clear();
    m_clock.start();
    m_lastAtMs = 0;
    m_meter.add(0, 0);
    m_paused = false;
    if (runner) {
        m_runnerConnections = {
            connect(runner, &session::CollectionRunner::progressChanged, this, &CollectionPanel::showProgress),
            connect(runner, &session::CollectionRunner::failureAdded, this, &CollectionPanel::addFailure),
            connect(runner, &session::CollectionRunner::finished, this, &CollectionPanel::showSummary),
            connect(runner, &session::CollectionRunner::failed, this, &CollectionPanel::showFailed),
        };
    }
    m_overall->setRange(0, 0); // busy until the listing ends
    m_overall->setFormat(QString());
    m_counts->setText(tr("Listing runs..."));
    m_transfer->clear();
    m_rate->clear();
    setStatus({});
    setCollecting(true);
}

void CollectionPanel::setStatus(const QString& text)
{
    m_note = text;
    showState(text);
}

void CollectionPanel::showState(const QString& text, const QString& styleSheet, const QString& toolTip)
{
    // Called every second while collecting: restyling only when the style changes.
    if (m_state->styleSheet() != styleSheet)
        m_state->setStyleSheet(styleSheet);
    m_state->setToolTip(toolTip);
    m_state->setText(text);
    m_state->setVisible(!text.isEmpty());
}

void CollectionPanel::setCollecting(bool collecting)
{
    m_collecting = collecting;
    m_pauseAction->setEnabled(collecting);
    m_cancelAction->setEnabled(collecting);
    if (collecting)
        m_ticker.start();
    else
        m_ticker.stop();
    const QString pauseKey = m_pauseAction->shortcut().toString(QKeySequence::NativeText);
    if (m_paused && collecting) {
        m_pauseAction->setText(tr("&Resume"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
        m_pauseAction->setToolTip(tr("Carry on with the collection (%1)").arg(pauseKey));
    } else {
        m_pauseAction->setText(tr("&Pause"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
        m_pauseAction->setToolTip(
            tr("Pause the collection: no new requests, those under way finish (%1)").arg(pauseKey));
    }
}

void CollectionPanel::togglePause()
{
    if (!m_collecting)
        return;
    m_paused = !m_paused; // shown at once; the next progress confirms it
    if (m_paused) {
        emit pauseRequested();
        if (m_runner)
            m_runner->pause();
    } else {
        emit resumeRequested();
        if (m_runner)
            m_runner->resume();
    }
    setCollecting(true);
    updateTimedLines();
}

void CollectionPanel::showProgress(const github::CollectProgress& p)
{
    const bool rateChanged
        = p.rateRemaining != m_last.rateRemaining || p.rateLimit != m_last.rateLimit || p.rateReset != m_last.rateReset;
    m_last = p;
    m_lastAtMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_meter.add(m_lastAtMs, p.bytesReceived);
    if (m_collecting && p.paused != m_paused) {
        m_paused = p.paused;
        setCollecting(true);
    }

    if (p.fetching) {
        const int total = std::max(1, p.workTotal());
        m_overall->setRange(0, total);
        m_overall->setValue(std::min(p.workDone(), total));
        m_overall->setFormat(tr("%1 of %2 steps (%p%)").arg(p.workDone()).arg(p.workTotal()));
    } else if (m_collecting) {
        m_overall->setRange(0, 0);
    }
    m_repoModel->setRepositories(p.repositories);

    const QLocale locale;
    QString counts
        = tr("%1 runs listed, %2 jobs fetched; logs: %3 downloaded, %4 expired, %5 failed")
              .arg(locale.toString(p.runsListed), locale.toString(p.jobsFetched), locale.toString(p.logsDownloaded),
                  locale.toString(p.logsExpired), locale.toString(p.logsFailed));
    if (p.logsMissing > 0)
        counts += tr(", %1 missing").arg(locale.toString(p.logsMissing));
    if (p.logsPending > 0 || p.jobsPending > 0)
        counts += tr(", %1 pending").arg(locale.toString(p.logsPending + p.jobsPending));
    counts += tr("; requests: %1").arg(locale.toString(p.requests));
    m_counts->setText(counts);
    if (rateChanged)
        emit rateLimitChanged(p.rateRemaining, p.rateLimit, p.rateReset);
    updateTimedLines();
}

void CollectionPanel::addFailure(const github::CollectFailure& failure)
{
    m_failuresModel->append(failure);
    m_failuresLabel->setText(tr("Failures (%1) - double-click one to show its run").arg(m_failuresModel->rowCount()));
    m_failuresView->scrollToBottom();
}

void CollectionPanel::showSummary(const github::CollectSummary& summary)
{
    // A panel driven without failureAdded() still lists every failure.
    for (qsizetype i = m_failuresModel->rowCount(); i < summary.failures.size(); ++i)
        addFailure(summary.failures.at(i));
    m_paused = false;
    setCollecting(false);
    const QLocale locale;
    if (summary.canceled) {
        if (m_overall->maximum() == 0)
            m_overall->setRange(0, 1);
        showState(tr("Canceled after %1 runs; a new collection resumes where this one stopped.")
                      .arg(locale.toString(summary.runsListed)));
    } else {
        m_overall->setRange(0, 1);
        m_overall->setValue(1);
        m_overall->setFormat(tr("Done"));
        QString text
            = tr("Collected %1 runs and %2 logs (%3) in %4 requests and %5 s; failures: %6.")
                  .arg(locale.toString(summary.runsListed), locale.toString(summary.logsDownloaded),
                      collecttext::bytes(summary.bytes), locale.toString(summary.requests),
                      locale.toString((summary.elapsedMs + 500) / 1000), locale.toString(summary.failures.size()));
        if (summary.logsNeedToken > 0)
            text += tr(" Logs that need a token: %1.").arg(locale.toString(summary.logsNeedToken));
        showState(text);
    }
    m_transfer->setText(collecttext::bytes(summary.bytes));
    updateTimedLines();
}

void CollectionPanel::showFailed(const QString& message)
{
    setCollecting(false);
    m_overall->setRange(0, 1);
    m_overall->setValue(0);
    m_overall->setFormat(QString());
    showState(message, QStringLiteral("QLabel { color: #B00020; font-weight: bold; }"));
}

void CollectionPanel::tick()
{
    if (m_clock.isValid())
        m_meter.add(m_clock.elapsed(), m_last.bytesReceived); // a stall lowers the rate as time passes
    updateTimedLines();
}

void CollectionPanel::updateTimedLines()
{
    const github::CollectProgress& p = m_last;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 sinceProgressS = m_clock.isValid() ? (m_clock.elapsed() - m_lastAtMs) / 1000 : 0;
    const bool waiting = m_collecting && p.pausedUntil.isValid() && p.pausedUntil > now;

    if (m_collecting) {
        const double rate = m_clock.isValid() ? m_meter.bytesPerSecond(m_clock.elapsed()) : -1;
        // The ETA counts down between updates, and means nothing while held.
        const qint64 eta
            = (m_paused || waiting || p.etaSeconds < 0) ? -1 : std::max<qint64>(0, p.etaSeconds - sinceProgressS);
        m_transfer->setText(collecttext::transfer(p.bytes, rate, eta));
    }
    m_rate->setText(
        collecttext::rateLimit(p.rateRemaining, p.rateLimit, p.rateReset.isValid() ? now.secsTo(p.rateReset) : -1));
    m_rate->setVisible(!m_rate->text().isEmpty());

    if (!m_collecting)
        return;
    if (waiting) {
        showState(tr("Waiting for rate limit reset: %1").arg(collecttext::countdown(now.secsTo(p.pausedUntil))),
            QStringLiteral("QLabel { background: #FFF3CD; color: #5C4400; border: 1px solid #E0B000; "
                           "border-radius: 3px; padding: 6px; font-weight: bold; font-size: 120%; }"),
            p.pauseReason);
    } else if (m_paused) {
        const QString bold = QStringLiteral("QLabel { font-weight: bold; }");
        if (p.paused && p.inFlight == 0)
            showState(tr("Paused."), bold);
        else if (p.inFlight > 1)
            showState(tr("Pausing: %1 requests in flight finish first...").arg(p.inFlight), bold);
        else
            showState(tr("Pausing: the request in flight finishes first..."), bold);
    } else {
        showState(m_note); // e.g. "No token: listing public runs only."
    }
}

void CollectionPanel::activateFailure(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    const qint64 runId = index.data(CollectFailuresModel::RunIdRole).toLongLong();
    if (runId == 0)
        return;
    const github::CollectFailure& failure = m_failuresModel->failures().at(index.row());
    emit runActivated(failure.repository, runId, failure.attempt);
}

QUrl CollectionPanel::runPageUrl(const QUrl& apiUrl, const QString& repository, qint64 runId, int attempt)
{
    QUrl web;
    if (apiUrl.host().compare(QLatin1String("api.github.com"), Qt::CaseInsensitive) == 0) {
        web = QUrl(QStringLiteral("https://github.com"));
    } else {
        web.setScheme(apiUrl.scheme().isEmpty() ? QStringLiteral("https") : apiUrl.scheme());
        web.setHost(apiUrl.host());
        web.setPort(apiUrl.port());
    }
    QString path = QStringLiteral("/%1/actions/runs/%2").arg(repository).arg(runId);
    if (attempt > 1)
        path += QStringLiteral("/attempts/%1").arg(attempt);
    web.setPath(path);
    return web;
}

} // namespace runlens::ui
