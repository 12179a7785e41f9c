#include "issuefiler.h"

#include "common/logging.h"
#include "features/featurecatalog.h"
#include "logs/logsource.h"
#include "taxonomy/memorycategory.h"
#include "taxonomy/runscanner.h"
#include "workspace/issuestore.h"
#include "workspace/modelstore.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace runlens::github {

namespace {
const QString kOther = QStringLiteral("other");
constexpr int kMaxPostAttempts = 3;

QString formatNumber(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 4);
}

// A fence longer than any run of backticks in `text`, so quoted log lines cannot close it.
QString fenceFor(const QString& text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), QLatin1Char('`'));
}

// Category and evidence from the run's archive: taxonomy hits first (final ones first), else the
// job logs' ##[error] lines.
void readEvidence(const logs::RunScanner* scanner, const QString& archivePath, int maxLines, IssueCandidate& candidate)
{
    candidate.category = kOther;
    candidate.categoryName = QStringLiteral("no memory failure recognised");
    if (archivePath.isEmpty()) {
        candidate.evidenceError = QStringLiteral("the run's log archive is not in the workspace");
        return;
    }
    if (scanner) {
        const logs::RunScan scanned
            = scanner->scan(logs::RunSource { archivePath, archivePath, logs::RunSource::Kind::Zip });
        if (!scanned) {
            candidate.evidenceError = scanned.error();
            return;
        }
        const logs::RunScanResult& scan = *scanned;
        std::optional<logs::MemoryCategory> category = scan.finalCategory;
        if (!category && !scan.categories.isEmpty())
            category = scan.categories.first();
        if (category) {
            candidate.category = logs::categoryInfo(*category).id;
            candidate.categoryName = logs::categoryInfo(*category).name;
        }
        std::vector<logs::MemoryHit> hits = scan.hits;
        std::stable_partition(hits.begin(), hits.end(), [](const logs::MemoryHit& h) { return h.final; });
        for (const logs::MemoryHit& hit : hits) {
            if (candidate.evidence.size() >= maxLines)
                break;
            candidate.evidence.append(IssueEvidence { hit.entry, hit.line.get(), hit.text });
        }
        if (!candidate.evidence.isEmpty())
            return;
    }
    const Result<logs::LogSource> source = logs::LogSource::open(archivePath);
    if (!source) {
        candidate.evidenceError = source.error();
        return;
    }
    const QList<logs::LogEntry>& entries = source->entries();
    for (int i = 0; i < entries.size() && candidate.evidence.size() < maxLines; ++i) {
        if (entries[i].kind != logs::EntryKind::JobLog && entries[i].kind != logs::EntryKind::LegacyJobLog)
            continue;
        const Status read = source->forEachLine(i, [&](const logs::LogLine& line) {
            if (line.marker == logs::Marker::Error)
                candidate.evidence.append(IssueEvidence { entries[i].name, line.lineNumber,
                    QString::fromUtf8(line.match.first(std::min<qsizetype>(line.match.size(), 1000))) });
            return candidate.evidence.size() < maxLines;
        });
        if (!read) {
            candidate.evidenceError = read.error();
            return;
        }
    }
}

} // namespace

IssueFiler::IssueFiler(
    workspace::Workspace& workspace, IssueFilerOptions options, ClientOptions client, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_options(std::move(options))
    , m_client(new GithubClient(std::move(client), this))
    , m_bucket(m_options.perMinute)
{
    m_bucketTimer.setSingleShot(true);
    connect(&m_bucketTimer, &QTimer::timeout, this, &IssueFiler::fileNext);
    connect(m_client, &GithubClient::paused, this, [this](const QDateTime& until, const QString& reason) {
        Q_EMIT paused(reason, std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(until)));
    });
}

IssueFiler::~IssueFiler() = default;

QString IssueFiler::marker(RunKey run)
{
    return QStringLiteral("<!-- runlens:run=%1 -->").arg(run.toString());
}

QList<RunKey> IssueFiler::markersIn(const QString& body)
{
    static const QRegularExpression pattern(QStringLiteral(R"(<!--\s*runlens:run=(\d+:\d+)\s*-->)"));
    QList<RunKey> keys;
    for (auto it = pattern.globalMatch(body); it.hasNext();) {
        if (const Result<RunKey> key = RunKey::parse(it.next().capturedView(1)))
            keys << *key;
    }
    return keys;
}

// Built by concatenation, not chained arg(): names, URLs and log text may hold "%1".
QString IssueFiler::title(const IssueCandidate& c)
{
    return QStringLiteral("RunLens: ") + (c.workflow.isEmpty() ? QStringLiteral("workflow") : c.workflow)
        + QStringLiteral(" run #") + QString::number(c.runNumber) + QStringLiteral(" (") + QString::number(c.runId)
        + QStringLiteral(", attempt ") + QString::number(c.attempt) + QStringLiteral(") is anomalous: ") + c.category
        + (c.category == kOther && !c.conclusion.isEmpty() ? QStringLiteral(" (") + c.conclusion + QLatin1Char(')')
                                                           : QString());
}

QString IssueFiler::body(const IssueCandidate& c)
{
    const QString runLink = c.htmlUrl.isEmpty()
        ? QString::number(c.runId)
        : QLatin1Char('[') + QString::number(c.runId) + QStringLiteral("](") + c.htmlUrl + QLatin1Char(')');
    QString text = QStringLiteral("RunLens's anomaly model flagged run ") + runLink + QStringLiteral(" (attempt ")
        + QString::number(c.attempt) + QStringLiteral(") of workflow **") + c.workflow + QStringLiteral("** in `")
        + c.repository + QStringLiteral("`.\n\n");
    text += QStringLiteral("| | |\n|---|---|\n");
    text += QStringLiteral("| Anomaly score | ") + QString::number(c.score, 'f', 3)
        + QStringLiteral(" (higher is more unusual; above 0.5 counts as anomalous) |\n");
    text += QStringLiteral("| Category | `") + c.category + QStringLiteral("`: ") + c.categoryName
        + QStringLiteral(" |\n");
    text += QStringLiteral("| Run | #") + QString::number(c.runNumber) + QStringLiteral(", id ")
        + QString::number(c.runId) + QStringLiteral(", attempt ") + QString::number(c.attempt) + QStringLiteral(" |\n");
    if (!c.branch.isEmpty())
        text += QStringLiteral("| Branch | `") + c.branch + QStringLiteral("` |\n");
    if (!c.conclusion.isEmpty())
        text += QStringLiteral("| Conclusion | ") + c.conclusion + QStringLiteral(" |\n");
    if (!c.createdAt.isEmpty())
        text += QStringLiteral("| Created | ") + c.createdAt + QStringLiteral(" |\n");

    text += QStringLiteral("\n### Why it stands out\n\n");
    if (c.contributions.isEmpty())
        text += QStringLiteral("No feature contributions were stored for this run.\n");
    for (const IssueContribution& k : c.contributions) {
        const bool plainUnit = k.unit.isEmpty() || k.unit == QLatin1String("0/1") || k.unit == QLatin1String("count")
            || k.unit == QLatin1String("code");
        text += QStringLiteral("- **") + k.featureName + QStringLiteral("** (`") + k.featureId
            + QStringLiteral("`) is ") + formatNumber(k.featureValue)
            + (plainUnit ? QString() : QLatin1Char(' ') + k.unit) + QStringLiteral(": ")
            + (k.contribution < 0 ? QStringLiteral("made the run look more unusual")
                                  : QStringLiteral("made the run look more ordinary"))
            + QStringLiteral(" (") + QString::number(k.contribution, 'f', 3)
            + QStringLiteral(" on the isolation path length)\n");
    }

    text += QStringLiteral("\n### Evidence\n\n");
    if (c.evidence.isEmpty()) {
        text += c.evidenceError.isEmpty()
            ? QStringLiteral("No evidence lines were found in the logs.\n")
            : QStringLiteral("Evidence could not be read: ") + c.evidenceError + QLatin1Char('\n');
    } else {
        QString quoted;
        for (const IssueEvidence& e : c.evidence)
            quoted += e.entry + QLatin1Char(':') + QString::number(e.line) + QStringLiteral(": ") + e.text
                + QLatin1Char('\n');
        const QString fence = fenceFor(quoted);
        text += QStringLiteral("Log lines (archive entry:line: text):\n\n") + fence + QStringLiteral("text\n") + quoted
            + fence + QLatin1Char('\n');
    }
    if (!c.htmlUrl.isEmpty())
        text += QStringLiteral("\n[Open the run on GitHub](") + c.htmlUrl + QStringLiteral(")\n");
    text += QStringLiteral("\n<sub>Filed by `runlens-cli file-issues`. RunLens files one issue per run; the marker "
                           "below lets it find this issue again.</sub>\n");
    text += marker(c.key()) + QLatin1Char('\n');
    return text;
}

Result<QList<IssueCandidate>> IssueFiler::candidates(
    const workspace::Workspace& ws, const IssueFilerOptions& options, const QSet<RunKey>& skip)
{
    const workspace::ModelStore models(ws);
    Result<std::optional<qint64>> latest = models.latestModelId();
    if (!latest)
        return makeError(latest.error());
    if (!latest->has_value())
        return makeError(
            QStringLiteral("workspace '%1' holds no analysis: run `runlens-cli analyze` first").arg(ws.dir()));
    const qint64 modelId = **latest;
    Result<QList<workspace::FlaggedRunRecord>> flagged
        = workspace::IssueStore(ws).unfiledFlaggedRuns(modelId, options.repository);
    if (!flagged)
        return makeError(flagged.error());

    struct Row
    {
        IssueCandidate candidate;
        QString archive;
    };
    QList<Row> rows;
    for (const workspace::FlaggedRunRecord& r : std::as_const(*flagged)) {
        Row row;
        IssueCandidate& c = row.candidate;
        c.runId = r.key.runId;
        c.attempt = r.key.attempt;
        c.score = r.score;
        c.workflow = r.workflow;
        c.runNumber = r.runNumber;
        c.branch = r.branch;
        c.conclusion = r.conclusion;
        c.createdAt = r.createdAt;
        c.htmlUrl = r.htmlUrl;
        c.repository = r.repository;
        if (!r.archivePath.isEmpty())
            row.archive = ws.absolutePath(r.archivePath);
        if (skip.contains(r.key))
            continue;
        if (options.minScore && c.score < *options.minScore)
            continue;
        rows.append(row);
    }

    Result<logs::RunScanner> scanner = logs::RunScanner::create();
    if (!scanner)
        qCWarning(lcGithub) << "file-issues: no taxonomy scanner:" << scanner.error();
    const QList<features::FeatureDefinition>& catalog = features::featureCatalog();
    QList<IssueCandidate> result;
    for (Row& row : rows) {
        if (result.size() >= options.top)
            break;
        IssueCandidate& c = row.candidate;
        readEvidence(scanner ? &*scanner : nullptr, row.archive, options.evidenceLines, c);
        if (!options.categories.isEmpty() && !options.categories.contains(c.category))
            continue;
        Result<QList<workspace::ContributionRecord>> strongest
            = models.strongestContributions(modelId, c.key(), options.contributions);
        if (!strongest)
            return makeError(strongest.error());
        for (const workspace::ContributionRecord& record : std::as_const(*strongest)) {
            IssueContribution k;
            k.featureId = record.featureId;
            k.contribution = record.contribution;
            k.featureValue = record.featureValue;
            const int index = features::featureIndex(k.featureId);
            k.featureName = index >= 0 ? catalog.at(index).name : k.featureId;
            k.unit = index >= 0 ? catalog.at(index).unit : QString();
            c.contributions.append(k);
        }
        result.append(c);
    }
    return result;
}

Status IssueFiler::record(const workspace::Workspace& ws, const FiledIssue& issue)
{
    return workspace::IssueStore(ws).record({ issue.key(), issue.repository, issue.number, issue.url });
}

void IssueFiler::start()
{
    m_clock.start();
    QUrl url = m_client->apiUrl(QStringLiteral("/repos/%1/issues").arg(m_options.repository));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("all"));
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    url.setQuery(query);
    listPage(url);
}

void IssueFiler::listPage(const QUrl& url)
{
    m_client->get(url, [this](const github::ApiResult& response) {
        if (!response && response.failure().status == 410) {
            m_summary.issuesDisabled = true;
            m_summary.errors << QStringLiteral("repository %1 has issues disabled (HTTP 410); enable Issues in its "
                                               "settings or file elsewhere")
                                    .arg(m_options.repository);
            finish();
            return;
        }
        if (!response) {
            m_summary.errors << QStringLiteral("cannot list the issues of %1 to check for earlier ones: %2")
                                    .arg(m_options.repository, response.error());
            finish();
            return;
        }
        const QJsonArray issues = QJsonDocument::fromJson(response->body).array();
        for (const QJsonValue& value : issues) {
            const QJsonObject issue = value.toObject();
            ++m_summary.existingIssues;
            for (const RunKey& k : markersIn(issue.value(QStringLiteral("body")).toString())) {
                FiledIssue filed;
                filed.runId = k.runId;
                filed.attempt = k.attempt;
                filed.repository = m_options.repository;
                filed.number = issue.value(QStringLiteral("number")).toInt();
                filed.url = issue.value(QStringLiteral("html_url")).toString();
                filed.title = issue.value(QStringLiteral("title")).toString();
                m_existing.insert(k, filed);
            }
        }
        if (response->nextPage.isValid() && !response->nextPage.isEmpty())
            listPage(response->nextPage);
        else
            select();
    });
}

void IssueFiler::select()
{
    // Runs whose marker is in an existing issue are never filed again.
    QSet<RunKey> skip;
    for (auto it = m_existing.cbegin(); it != m_existing.cend(); ++it)
        skip.insert(it.key());
    Result<QList<IssueCandidate>> found = candidates(m_workspace, m_options, skip);
    if (!found) {
        m_summary.errors << found.error();
        finish();
        return;
    }
    // Marked runs of this workspace without a record: adopt their issues (not in a dry run).
    if (!m_existing.isEmpty() && !m_options.dryRun) {
        for (auto it = m_existing.cbegin(); it != m_existing.cend(); ++it) {
            Result<bool> unfiled = workspace::IssueStore(m_workspace).isUnfiled(it.key(), m_options.repository);
            if (!unfiled)
                m_summary.errors << unfiled.error();
            else if (*unfiled) {
                if (Status s = record(m_workspace, *it); !s)
                    m_summary.errors << s.error();
                else
                    m_summary.alreadyFiled.append(*it);
            }
        }
    }
    m_queue = *found;
    fileNext();
}

void IssueFiler::fileNext()
{
    if (m_finished)
        return;
    if (m_queue.isEmpty()) {
        finish();
        return;
    }
    if (m_options.dryRun) {
        m_summary.wouldFile = m_queue;
        m_queue.clear();
        finish();
        return;
    }
    if (const qint64 wait = m_bucket.waitMs(m_clock.elapsed()); wait > 0) {
        Q_EMIT paused(QStringLiteral("at most %1 issues a minute").arg(m_options.perMinute), wait);
        m_bucketTimer.start(std::chrono::milliseconds(wait));
        return;
    }
    m_bucket.take(m_clock.elapsed());
    const IssueCandidate candidate = m_queue.takeFirst();
    ++m_postAttempts[candidate.key()];
    const QString issueTitle = title(candidate);
    const QJsonObject payload { { QStringLiteral("title"), issueTitle }, { QStringLiteral("body"), body(candidate) },
        { QStringLiteral("labels"), QJsonArray::fromStringList(m_options.labels) } };
    m_client->post(m_client->apiUrl(QStringLiteral("/repos/%1/issues").arg(m_options.repository)),
        QJsonDocument(payload).toJson(QJsonDocument::Compact),
        [this, candidate, issueTitle](
            const github::ApiResult& response) { onCreated(candidate, issueTitle, response); });
}

void IssueFiler::onCreated(
    const IssueCandidate& candidate, const QString& issueTitle, const github::ApiResult& response)
{
    if (response) {
        recordFiled(candidate, issueTitle, QJsonDocument::fromJson(response->body).object());
        fileNext();
        return;
    }
    const int status = response.failure().status;
    if (status == 410) {
        m_summary.issuesDisabled = true;
        m_summary.errors << QStringLiteral(
            "repository %1 has issues disabled (HTTP 410); enable Issues in its settings "
            "or file elsewhere")
                                .arg(m_options.repository);
        finish();
        return;
    }
    // No answer, a server error or a truncated success: the issue may exist all the same.
    const bool lost = status == 0 || status >= 500 || (status >= 200 && status < 300);
    if (lost) {
        verifyLost(candidate, response.error());
        return;
    }
    m_summary.errors << QStringLiteral("run %1 attempt %2: cannot create the issue: %3")
                            .arg(candidate.runId)
                            .arg(candidate.attempt)
                            .arg(response.error());
    // A validation failure concerns this issue only; anything else (auth, permissions, limits
    // after every retry) would fail for the next one too.
    if (status == 422)
        fileNext();
    else
        finish();
}

void IssueFiler::verifyLost(const IssueCandidate& candidate, const QString& why)
{
    const RunKey runKey = candidate.key();
    QUrl url = m_client->apiUrl(QStringLiteral("/repos/%1/issues").arg(m_options.repository));
    url.setQuery(QStringLiteral("state=all&per_page=100"));
    m_client->get(url, [this, candidate, why, runKey](const github::ApiResult& response) {
        if (!response) {
            m_summary.errors << QStringLiteral("run %1 attempt %2: the answer to creating its issue was lost (%3), and "
                                               "checking for it failed: %4")
                                    .arg(candidate.runId)
                                    .arg(candidate.attempt)
                                    .arg(why, response.error());
            finish();
            return;
        }
        for (const QJsonValue& value : QJsonDocument::fromJson(response->body).array()) {
            const QJsonObject issue = value.toObject();
            if (markersIn(issue.value(QStringLiteral("body")).toString()).contains(runKey)) {
                recordFiled(candidate, issue.value(QStringLiteral("title")).toString(), issue);
                fileNext();
                return;
            }
        }
        if (m_postAttempts.value(runKey) >= kMaxPostAttempts) {
            m_summary.errors << QStringLiteral("run %1 attempt %2: cannot create the issue after %3 attempts: %4")
                                    .arg(candidate.runId)
                                    .arg(candidate.attempt)
                                    .arg(kMaxPostAttempts)
                                    .arg(why);
            finish();
            return;
        }
        qCInfo(lcGithub) << "file-issues: issue for run" << candidate.runId << "not created, sending it again:" << why;
        m_queue.prepend(candidate);
        fileNext();
    });
}

void IssueFiler::recordFiled(const IssueCandidate& candidate, const QString& issueTitle, const QJsonObject& issue)
{
    FiledIssue filed;
    filed.runId = candidate.runId;
    filed.attempt = candidate.attempt;
    filed.repository = m_options.repository;
    filed.number = issue.value(QStringLiteral("number")).toInt();
    filed.url = issue.value(QStringLiteral("html_url")).toString();
    filed.title = issueTitle;
    if (Status s = record(m_workspace, filed); !s)
        m_summary.errors << s.error(); // the marker still prevents a second issue
    m_summary.filed.append(filed);
    Q_EMIT issueFiled(filed);
}

void IssueFiler::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_bucketTimer.stop();
    m_client->cancel();
    Q_EMIT finished(m_summary);
}

} // namespace runlens::github
