#include "workspacesession.h"

#include "common/jobtracker.h"
#include "github/tokensource.h"
#include "pipeline/analysis.h"
#include "pipeline/featurecache.h"
#include "session/collectionrunner.h"
#include "session/demosession.h"
#include "session/runrowsloader.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"
#include "workspace/workspacelock.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QPromise>
#include <QSet>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>

namespace runlens::session {

namespace {
// QFuture needs a default-constructible value: rows and an error message.
} // namespace

WorkspaceSession::WorkspaceSession(QObject* parent)
    : QObject(parent)
    , m_loadJob(new JobTracker(this))
    , m_analysisJob(new JobTracker(this))
    , m_evaluationJob(new JobTracker(this))
    , m_transferJob(new JobTracker(this))
    , m_tokenJob(new JobTracker(this))
    , m_storedJob(new JobTracker(this))
    , m_evaluationTimer(new QTimer(this))
{
    m_evaluationTimer->setSingleShot(true);
    m_evaluationTimer->setInterval(400);
    connect(m_evaluationTimer, &QTimer::timeout, this, &WorkspaceSession::evaluate);
}

WorkspaceSession::~WorkspaceSession()
{
    // The jobs stop while the session is whole (their finished() reaches the window), the collection
    // before the demo's server it talks to.
    for (JobTracker* job : { m_loadJob, m_storedJob, m_analysisJob, m_evaluationJob, m_transferJob, m_tokenJob }) {
        job->clear();
        job->waitForFinished();
    }
    delete m_collector;
    m_demo.reset();
}

void WorkspaceSession::reset(const QString& dir)
{
    m_path = dir;
    m_rows.clear();
    m_labelUndo.clear();
    m_analysis.reset();
    m_workspace.reset();
    m_lock.reset(); // before the demo's temporary folder, which holds the lock file, is removed
    m_readOnlyReason.clear();
    m_evaluationTimer->stop();
    for (JobTracker* job : { m_loadJob, m_storedJob, m_analysisJob, m_evaluationJob })
        job->clear();
}

Status WorkspaceSession::open(const QString& dir)
{
    const bool hadAnalysis = m_analysis != nullptr;
    reset(dir);
    if (hadAnalysis)
        emit analysisChanged(nullptr);
    Status status;
    if (!QFileInfo(dir).isDir()) {
        status = makeError(tr("Workspace '%1' is not a folder.").arg(QDir::toNativeSeparators(dir)));
    } else {
        auto ws = std::make_unique<workspace::Workspace>();
        status = ws->open(dir);
        if (status) {
            m_workspace = std::move(ws);
            // One writer per workspace: while another process holds it, this session only reads.
            m_lock = std::make_unique<workspace::WorkspaceLock>(dir);
            if (const Status locked = m_lock->lock(); !locked)
                m_readOnlyReason = locked.error();
        }
    }
    emit workspaceChanged(dir);
    if (!status) {
        emit failed(tr("Open Workspace"), status.error());
        emit loadFailed(status.error());
        return status;
    }
    reload();
    if (!m_analyzeAfterLoad) // the demo analyzes its fresh workspace at once: nothing stored to show
        loadStoredAnalysis();
    return {};
}

Result<features::FeatureEvidence> WorkspaceSession::evidenceOf(RunKey run) const
{
    if (!m_workspace)
        return makeError(tr("No workspace is open."));
    // Extracted again for a workspace that cannot be written: only the analysis holds it.
    if (m_analysis) {
        const auto unstored = m_analysis->unstoredEvidence.constFind(run);
        if (unstored != m_analysis->unstoredEvidence.cend())
            return *unstored;
    }
    return pipeline::FeatureCache(*m_workspace).evidence(run);
}

void WorkspaceSession::loadStoredAnalysis()
{
    m_storedJob->start<Result<pipeline::AnalysisResult>>(
        pipeline::loadLatestAnalysis(m_path), [this](const QFuture<Result<pipeline::AnalysisResult>>& future) {
            if (future.resultCount() == 0 || m_analysis)
                return; // canceled, or a new analysis came first
            Result<pipeline::AnalysisResult> stored = future.result();
            if (!stored) {
                emit message(tr("The stored analysis cannot be shown: %1").arg(stored.error()));
                return;
            }
            if (stored->modelId == 0 || stored->runs.empty())
                return; // never analysed
            m_analysis = std::make_shared<const pipeline::AnalysisResult>(std::move(stored).value());
            emit analysisChanged(m_analysis);
            emit message(tr("Showing the stored analysis of %n run(s).", nullptr, int(m_analysis->runs.size())));
            evaluate();
        });
}

Status WorkspaceSession::create(const QString& dir)
{
    const QString native = QDir::toNativeSeparators(dir);
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("runlens.db"))))
        return makeError(tr("'%1' holds a workspace already: open it with File > Open Workspace.").arg(native));
    if (!QDir().mkpath(dir))
        return makeError(tr("Cannot create the folder '%1'.").arg(native));
    workspace::Workspace ws; // creates the database and its schema
    if (Status s = ws.open(dir); !s)
        return s;
    ws.close();
    if (Status s = open(dir); !s)
        return s;
    emit message(tr("Created the workspace '%1'.").arg(native));
    return {};
}

void WorkspaceSession::reload()
{
    if (!m_workspace)
        return;
    // The rows come in batches (RunRowsLoader::load), each a result of the job: runsArriving() shows the
    // first screen of a large workspace before the rest is read; runsLoaded() follows with all of them.
    using Batch = Result<QList<RunRow>>;
    const QString dir = m_path;
    const QFuture<Batch> load = QtConcurrent::run([dir](QPromise<Batch>& promise) {
        const Status loaded = RunRowsLoader::load(dir, [&promise](QList<RunRow>&& rows) {
            promise.addResult(Batch(std::move(rows)));
            return !promise.isCanceled();
        });
        if (!loaded)
            promise.addResult(Batch(makeError(loaded.error())));
    });
    const auto arriving = [this](const QFuture<Batch>& future, int begin, int end) {
        for (int i = begin; i < end; ++i) {
            if (const Batch batch = future.resultAt(i); batch)
                emit runsArriving(*batch, i == 0);
        }
    };
    m_loadJob->start<Batch>(
        load,
        [this](const QFuture<Batch>& future) {
            Q_ASSERT(QThread::currentThread() == thread());
            if (future.isCanceled())
                return;
            const QList<Batch> batches = future.results();
            qsizetype total = 0;
            for (const Batch& batch : batches) {
                if (!batch) {
                    emit failed(tr("Open Workspace"), batch.error());
                    emit loadFailed(batch.error());
                    return;
                }
                total += batch->size();
            }
            QList<RunRow> rows;
            rows.reserve(total);
            for (const Batch& batch : batches)
                rows.append(*batch);
            m_rows = std::move(rows);
            emit runsLoaded(m_rows);
            if (std::exchange(m_analyzeAfterLoad, false)) {
                pipeline::AnalysisOptions options;
                options.forest.seed = 1;
                analyze(options);
            }
        },
        arriving);
}

// ---- analysis and evaluation ------------------------------------------------------------------

bool WorkspaceSession::isAnalyzing() const
{
    return m_analysisJob->isRunning();
}

void WorkspaceSession::analyze(const pipeline::AnalysisOptions& options)
{
    if (!m_workspace || isAnalyzing() || !writable(tr("Analyze")))
        return;
    m_storedJob->clear(); // the new analysis replaces the stored one
    m_analysisJob->start<Result<pipeline::AnalysisResult>>(
        pipeline::analyzeWorkspace(m_path, options), [this](const QFuture<Result<pipeline::AnalysisResult>>& future) {
            if (future.isCanceled() || future.resultCount() == 0) {
                emit message(tr("Analysis canceled."));
                emit analysisFailed(tr("Analysis canceled."));
                return;
            }
            Result<pipeline::AnalysisResult> analysed = future.result();
            if (!analysed) {
                emit failed(tr("Analyze"), analysed.error());
                emit analysisFailed(analysed.error());
                return;
            }
            auto result = std::make_shared<const pipeline::AnalysisResult>(std::move(analysed).value());
            m_analysis = result;
            const auto flagged = std::count_if(
                result->runs.begin(), result->runs.end(), [](const pipeline::RunAnalysis& r) { return r.flagged; });
            emit analysisChanged(m_analysis);
            emit message(tr("Analyzed %1 runs, %2 flagged.").arg(result->runs.size()).arg(flagged));
            evaluate();
        });
}

void WorkspaceSession::scheduleEvaluation()
{
    if (m_analysis)
        m_evaluationTimer->start();
}

void WorkspaceSession::evaluate()
{
    m_evaluationTimer->stop();
    if (!m_analysis || !m_workspace)
        return;
    emit evaluationStarted();
    m_evaluationJob->start<Result<pipeline::EvaluationResult>>(
        pipeline::evaluateWorkspace(m_path, {}), [this](const QFuture<Result<pipeline::EvaluationResult>>& future) {
            if (future.resultCount() == 0)
                return; // canceled
            const Result<pipeline::EvaluationResult> evaluation = future.result();
            if (evaluation)
                emit evaluationReady(*evaluation);
            else
                emit evaluationFailed(evaluation.error());
        });
}

// ---- labels -----------------------------------------------------------------------------------

namespace {
QString labelText(const QList<workspace::LabelRecord>& records)
{
    QStringList labels;
    for (const workspace::LabelRecord& record : records) {
        if (!labels.contains(record.label))
            labels.append(record.label);
    }
    return labels.join(QStringLiteral(", "));
}
} // namespace

Status WorkspaceSession::setLabel(const QList<RunKey>& runs, const QString& label)
{
    return editLabels(
        runs,
        [this, &label](const RunKey& run) {
            QList<workspace::LabelRecord> labels;
            if (const auto now = m_workspace->labels(run.runId); now) {
                for (const workspace::LabelRecord& record : *now) {
                    if (record.attempt == run.attempt)
                        labels.append(record);
                }
            }
            labels.append({ 0, run.runId, run.attempt, label, workspace::LabelSource::User, {} });
            return labels;
        },
        true);
}

Status WorkspaceSession::removeLabels(const QList<RunKey>& runs)
{
    return editLabels(
        runs, [](const RunKey&) { return QList<workspace::LabelRecord>(); }, true);
}

Status WorkspaceSession::undoLabels()
{
    if (m_labelUndo.isEmpty())
        return {};
    const QList<workspace::LabelRecord> before = m_labelUndo.takeLast();
    QList<RunKey> runs;
    for (const workspace::LabelRecord& record : before) {
        if (!runs.contains(RunKey { record.runId, record.attempt }))
            runs.append({ record.runId, record.attempt });
    }
    emit canUndoLabelsChanged(canUndoLabels());
    return editLabels(
        runs,
        [&before](const RunKey& run) {
            QList<workspace::LabelRecord> labels;
            for (const workspace::LabelRecord& record : before) {
                if (record.runId == run.runId && record.attempt == run.attempt && !record.label.isEmpty())
                    labels.append(record);
            }
            return labels;
        },
        false);
}

bool WorkspaceSession::writable(const QString& title)
{
    if (!isReadOnly())
        return true;
    emit failed(title, tr("The workspace is read-only: %1").arg(m_readOnlyReason));
    return false;
}

Status WorkspaceSession::editLabels(
    const QList<RunKey>& runs, const std::function<QList<workspace::LabelRecord>(const RunKey&)>& after, bool undoable)
{
    if (!m_workspace)
        return makeError(tr("Open a workspace before labelling runs."));
    if (isReadOnly())
        return makeError(tr("Labels cannot be changed: %1").arg(m_readOnlyReason));
    if (runs.isEmpty())
        return {};
    QList<workspace::LabelRecord> before;
    for (const RunKey& run : runs) {
        const QString name = tr("run %1 attempt %2").arg(run.runId).arg(run.attempt);
        const auto now = m_workspace->labels(run.runId);
        if (!now)
            return makeError(QStringLiteral("%1: %2").arg(name, now.error()));
        const QList<workspace::LabelRecord> wanted = after(run);
        bool had = false;
        for (const workspace::LabelRecord& record : *now) {
            if (record.attempt != run.attempt)
                continue;
            before.append(record);
            had = true;
            if (Status s = m_workspace->removeLabel(record.id); !s)
                return makeError(QStringLiteral("%1: %2").arg(name, s.error()));
        }
        if (!had) // an empty label marks an unlabelled run, so that undo knows it
            before.append({ 0, run.runId, run.attempt, QString(), workspace::LabelSource::User, {} });
        for (const workspace::LabelRecord& record : wanted) {
            if (Result<qint64> id = m_workspace->addLabel(record); !id)
                return makeError(QStringLiteral("%1: %2").arg(name, id.error()));
        }
        const QString text = labelText(wanted);
        for (RunRow& row : m_rows) {
            if (row.runId == run.runId && row.attempt == run.attempt)
                row.label = text;
        }
        emit runLabelChanged(run.runId, run.attempt, text);
    }
    if (undoable) {
        m_labelUndo.append(before);
        emit canUndoLabelsChanged(true);
    }
    emit labelsChanged();
    scheduleEvaluation(); // a burst of number keys makes one evaluation
    return {};
}

void WorkspaceSession::labelsEdited()
{
    reload();
    emit labelsChanged();
    scheduleEvaluation(); // a burst of number keys makes one evaluation
}

Result<QString> WorkspaceSession::importLabels(const QString& path)
{
    if (!m_workspace)
        return makeError(tr("Open a workspace before importing labels from '%1'.").arg(QDir::toNativeSeparators(path)));
    if (isReadOnly())
        return makeError(tr("Labels cannot be imported: %1").arg(m_readOnlyReason));
    // A memory_logs.txt lists log paths; anything else is read as a labels CSV.
    const bool memoryList = path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive);
    const Result<workspace::LabelImportSummary> summary = memoryList
        ? workspace::LabelIo::importMemoryLogs(*m_workspace, path)
        : workspace::LabelIo::importCsv(*m_workspace, path);
    if (!summary)
        return makeError(summary.error());
    labelsEdited();
    QString text = tr("Imported %n label(s) from '%1'", nullptr, summary->added).arg(QDir::toNativeSeparators(path));
    if (summary->skipped > 0)
        text += tr(", %n skipped", nullptr, summary->skipped);
    return QString(text + QLatin1Char('.'));
}

Status WorkspaceSession::exportLabels(const QString& path)
{
    if (!m_workspace)
        return makeError(tr("Open a workspace before exporting labels."));
    return workspace::LabelIo::exportCsv(*m_workspace, path);
}

// ---- the old pipeline's folders ---------------------------------------------------------------

void WorkspaceSession::importSeedFolder(const QString& seedDir)
{
    if (!m_workspace) {
        const QString text
            = tr("Open or create a workspace before importing '%1'.").arg(QDir::toNativeSeparators(seedDir));
        emit failed(tr("Import Old Pipeline Folder"), text);
        emit transferFailed(text);
        return;
    }
    if (!writable(tr("Import Old Pipeline Folder"))) {
        emit transferFailed(m_readOnlyReason);
        return;
    }
    m_transferJob->start<Result<workspace::SeedTransferSummary>>(pipeline::importSeedFolder(m_path, seedDir),
        [this](const QFuture<Result<workspace::SeedTransferSummary>>& future) {
            finishTransfer(tr("Imported"), future);
            reload(); // a canceled import keeps what it stored
        });
}

void WorkspaceSession::exportSeedLayout(const QString& outDir)
{
    if (!m_workspace)
        return;
    m_transferJob->start<Result<workspace::SeedTransferSummary>>(pipeline::exportSeedLayout(m_path, outDir),
        [this](
            const QFuture<Result<workspace::SeedTransferSummary>>& future) { finishTransfer(tr("Exported"), future); });
}

void WorkspaceSession::finishTransfer(
    const QString& what, const QFuture<Result<workspace::SeedTransferSummary>>& future)
{
    // No result: canceled before it started, an empty summary.
    const Result<workspace::SeedTransferSummary> result
        = future.resultCount() > 0 ? future.result() : workspace::SeedTransferSummary {};
    if (!result) {
        emit failed(what, result.error());
        emit transferFailed(result.error());
        return;
    }
    const workspace::SeedTransferSummary& summary = *result;
    QString text = tr("%1 %2 runs, %3 log archives, %4 labels.")
                       .arg(what)
                       .arg(summary.runs)
                       .arg(summary.archives)
                       .arg(summary.labels);
    if (summary.canceled || future.isCanceled())
        text = tr("Canceled: %1").arg(text);
    if (!summary.warnings.isEmpty())
        text += tr(" %n warning(s).", nullptr, int(summary.warnings.size()));
    emit transferFinished(text, summary.warnings);
}

// ---- collection -------------------------------------------------------------------------------

bool WorkspaceSession::isCollecting() const
{
    return m_collector && m_collector->isRunning();
}

bool WorkspaceSession::isDemoWorkspace() const
{
    return m_demo && !m_path.isEmpty() && m_path == m_demo->workspaceDir();
}

QString WorkspaceSession::exportFolder() const
{
    if (isDemoWorkspace() || !m_workspace)
        return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return m_workspace->exportsDir();
}

bool WorkspaceSession::isTemporary(const QString& path) const
{
    if (!m_demo || m_demo->workspaceDir().isEmpty())
        return false;
    const QString root = QDir::cleanPath(QFileInfo(m_demo->workspaceDir()).absoluteFilePath());
    const QString candidate = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return candidate == root || candidate.startsWith(root + QLatin1Char('/'));
}

QUrl WorkspaceSession::apiUrlOf(const QString& repository) const
{
    if (isDemoWorkspace())
        return m_demo->apiUrl();
    if (m_workspace) {
        if (const auto known = m_workspace->repositories(); known) {
            for (const workspace::RepositoryRecord& record : *known) {
                if (record.fullName == repository && !record.apiUrl.isEmpty())
                    return QUrl(record.apiUrl);
            }
        }
    }
    return m_collectOptions.apiUrl;
}

void WorkspaceSession::collect(const github::CollectOptions& options)
{
    if (!m_workspace || isCollecting() || !writable(tr("Collect")))
        return;
    if (isDemoWorkspace()) {
        // The demo's workspace is collected from its own local server, with that server's token.
        runCollection(options, m_demo->token());
        return;
    }
    github::TokenSearch search;
    search.workingDir = QDir::currentPath();
    search.workspaceDir = m_path;
    emit collectionStatus(tr("Looking for a token..."));
    // The keychain lookup may block: resolve off the GUI thread. The token stays in memory only.
    const QFuture<Result<github::ResolvedToken>> found
        = QtConcurrent::run([search] { return github::TokenResolver::resolve(search); });
    m_tokenJob->start<Result<github::ResolvedToken>>(
        found, [this, options](const QFuture<Result<github::ResolvedToken>>& future) {
            const Result<github::ResolvedToken> resolved = future.resultCount() > 0
                ? future.result()
                : Result<github::ResolvedToken>(makeError(tr("no token lookup")));
            if (!resolved) {
                emit collectionFailed(resolved.error());
                emit failed(tr("Collect"), resolved.error());
                return;
            }
            runCollection(options, resolved->token);
            if (resolved->token.isEmpty())
                emit collectionStatus(tr("No token: listing public runs only."));
        });
}

void WorkspaceSession::runCollection(const github::CollectOptions& options, const QByteArray& token)
{
    if (!m_collector) {
        m_collector = new CollectionRunner(this);
        connect(m_collector, &CollectionRunner::failed, this,
            [this](const QString& text) { emit failed(tr("Collect"), text); });
        connect(m_collector, &CollectionRunner::finished, this, &WorkspaceSession::reload);
    }
    emit collectionStarted(m_collector, options.repositories);
    m_collector->start(m_path, options, token);
}

void WorkspaceSession::redownload(const QList<RunRow>& runs)
{
    if (!m_workspace || runs.isEmpty() || !writable(tr("Re-download Log")))
        return;
    if (isCollecting()) {
        emit failed(tr("Re-download Log"), tr("A collection is running: re-download when it has finished."));
        return;
    }
    QStringList repositories;
    QSet<QString> seen;
    for (const RunRow& run : runs) {
        if (Status s = m_workspace->markForDownload(run.runId, run.attempt, tr("download requested again")); !s) {
            emit failed(tr("Re-download Log"), s.error());
            return;
        }
        if (!seen.contains(run.repository)) {
            seen.insert(run.repository);
            repositories.append(run.repository);
        }
    }
    github::CollectOptions options = m_collectOptions;
    options.apiUrl = apiUrlOf(runs.last().repository); // one lookup: it reads every repository
    options.repositories = repositories;
    options.fetchOnly = true;
    options.listOnly = false;
    collect(options);
}

void WorkspaceSession::openDemo(int latencyMs)
{
    if (m_demo)
        return;
    m_demo = std::make_unique<DemoSession>();
    m_demo->setLatencyMs(latencyMs);
    connect(m_demo.get(), &DemoSession::failed, this, [this](const QString& text) {
        emit collectionFailed(text);
        emit failed(tr("Demo"), text);
        emit demoFailed(text);
    });
    connect(
        m_demo.get(), &DemoSession::collected, this, [this](const QString& dir, const github::CollectSummary& summary) {
            if (summary.canceled) {
                emit demoFailed(tr("Demo collection canceled."));
                return;
            }
            m_analyzeAfterLoad = true;
            if (open(dir))
                emit demoCollected(dir);
        });
    emit demoStarted(m_demo->runner());
    m_demo->start();
}

} // namespace runlens::session
