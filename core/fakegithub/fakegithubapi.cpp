#include "fakegithubapi.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QStringList>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace runlens::sample {

namespace {
const QByteArray kDocs = "https://docs.github.com/rest";

FakeHttpResponse json(int status, const QJsonObject& object)
{
    FakeHttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

FakeHttpResponse message(int status, const QString& text)
{
    return json(status,
        QJsonObject {
            { QStringLiteral("message"), text }, { QStringLiteral("documentation_url"), QString::fromLatin1(kDocs) } });
}

FakeHttpResponse notFound()
{
    return message(404, QStringLiteral("Not Found"));
}

QString isoSeconds(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

bool toId(const QString& text, qint64* id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    return ok && *id > 0;
}

// A bound of a `created` qualifier: a date ("2024-01-01") or a date-time ("2024-01-01T10:00:00Z").
struct Moment
{
    QDateTime start; // the instant, or the start of the day
    QDateTime end; // the instant, or the last millisecond of the day
};

std::optional<Moment> parseMoment(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10) {
        const QDateTime start = date.startOfDay(Qt::UTC);
        return Moment { start, start.addDays(1).addMSecs(-1) };
    }
    QDateTime instant = QDateTime::fromString(text, Qt::ISODate);
    if (!instant.isValid())
        return std::nullopt;
    if (instant.timeSpec() == Qt::LocalTime)
        instant.setTimeSpec(Qt::UTC); // GitHub reads a bare time as UTC
    instant = instant.toUTC();
    return Moment { instant, instant };
}

// created=A..B, A..*, *..B, >=A, >A, <=A, <A, A. Inclusive [from, to]; invalid -> nullopt.
std::optional<std::pair<QDateTime, QDateTime>> parseCreated(const QString& spec)
{
    const QDateTime minTime = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    const QDateTime maxTime = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
    const qsizetype dots = spec.indexOf(QLatin1String(".."));
    if (dots >= 0) {
        const QString left = spec.left(dots);
        const QString right = spec.mid(dots + 2);
        std::optional<Moment> from = left == QLatin1String("*") ? Moment { minTime, minTime } : parseMoment(left);
        std::optional<Moment> to = right == QLatin1String("*") ? Moment { maxTime, maxTime } : parseMoment(right);
        if (!from || !to)
            return std::nullopt;
        return std::pair { from->start, to->end };
    }
    for (const char* op : { ">=", "<=", ">", "<" }) {
        const QLatin1String prefix(op);
        if (!spec.startsWith(prefix))
            continue;
        const std::optional<Moment> at = parseMoment(spec.mid(prefix.size()));
        if (!at)
            return std::nullopt;
        if (prefix == QLatin1String(">="))
            return std::pair { at->start, maxTime };
        if (prefix == QLatin1String(">"))
            return std::pair { at->end.addMSecs(1), maxTime };
        if (prefix == QLatin1String("<="))
            return std::pair { minTime, at->end };
        return std::pair { minTime, at->start.addMSecs(-1) };
    }
    const std::optional<Moment> at = parseMoment(spec);
    if (!at)
        return std::nullopt;
    return std::pair { at->start, at->end };
}

QString decoded(const QUrlQuery& query, const QString& key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}
} // namespace

FakeGitHubApi::FakeGitHubApi(FakeGitHubData data, FakeGitHubConfig config)
    : m_config(std::move(config))
    , m_repos(std::move(data.repos))
    , m_runs(std::move(data.runs))
{
    if (m_config.token.isEmpty()) {
        // A fake token in GitHub's shape; never a real one.
        static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        QString token = QStringLiteral("fake_token_");
        for (int i = 0; i < 32; ++i)
            token += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
        m_config.token = token;
    }
    m_secret = QCryptographicHash::hash(QByteArray("runlens-fake-storage-" + QByteArray::number(m_config.seed) + '-'
                                            + QByteArray::number(QRandomGenerator::global()->generate64())),
        QCryptographicHash::Sha256);

    for (int i = 0; i < m_runs.size(); ++i)
        m_attempts[m_runs[i].id].append(i);
    for (auto it = m_attempts.begin(); it != m_attempts.end(); ++it) {
        std::sort(it->begin(), it->end(), [this](int a, int b) { return m_runs[a].attempt < m_runs[b].attempt; });
        const int latest = it->last();
        m_latestByRepo[m_runs[latest].repoId].append(latest);
    }
    for (auto it = m_latestByRepo.begin(); it != m_latestByRepo.end(); ++it) {
        std::sort(it->begin(), it->end(), [this](int a, int b) {
            const FakeRun& x = m_runs[a];
            const FakeRun& y = m_runs[b];
            return x.createdAt != y.createdAt ? x.createdAt > y.createdAt : x.id > y.id;
        });
    }
    for (int r = 0; r < m_runs.size(); ++r) {
        for (int j = 0; j < m_runs[r].jobs.size(); ++j)
            m_jobs.insert(m_runs[r].jobs[j].id(), { r, j });
    }
}

void FakeGitHubApi::setBaseUrls(const QString& apiBase, const QString& storageBase)
{
    m_apiBase = apiBase;
    m_storageBase = storageBase;
    // Run JSON depends only on the data and the base URL: build it once, not per listing.
    m_runJson.clear();
    m_runJson.reserve(m_runs.size());
    for (const FakeRun& run : std::as_const(m_runs))
        m_runJson.append(buildRunJson(run));
}

// ---- rate limits ---------------------------------------------------------------------------

FakeGitHubApi::Bucket& FakeGitHubApi::bucketFor(bool authenticated)
{
    Bucket& bucket = authenticated ? m_authenticated : m_anonymous;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (bucket.windowStartMs < 0 || now >= bucket.windowStartMs + m_config.rateWindowMs) {
        bucket.windowStartMs = now;
        bucket.used = 0;
    }
    return bucket;
}

int FakeGitHubApi::limitFor(bool authenticated) const
{
    return authenticated ? m_config.rateLimit : m_config.anonymousRateLimit;
}

void FakeGitHubApi::addRateHeaders(FakeHttpResponse& response, bool authenticated)
{
    const Bucket& bucket = bucketFor(authenticated);
    const int limit = limitFor(authenticated);
    const qint64 resetSecs = (bucket.windowStartMs + m_config.rateWindowMs + 999) / 1000;
    response.setHeader("x-ratelimit-limit", QByteArray::number(limit));
    response.setHeader("x-ratelimit-remaining", QByteArray::number(qMax(0, limit - bucket.used)));
    response.setHeader("x-ratelimit-used", QByteArray::number(bucket.used));
    response.setHeader("x-ratelimit-reset", QByteArray::number(resetSecs));
    response.setHeader("x-ratelimit-resource", "core");
}

FakeHttpResponse FakeGitHubApi::rateLimitResponse(bool authenticated)
{
    const Bucket& bucket = bucketFor(authenticated);
    const int limit = limitFor(authenticated);
    const QJsonObject core { { QStringLiteral("limit"), limit },
        { QStringLiteral("remaining"), qMax(0, limit - bucket.used) },
        { QStringLiteral("reset"), (bucket.windowStartMs + m_config.rateWindowMs + 999) / 1000 },
        { QStringLiteral("used"), bucket.used }, { QStringLiteral("resource"), QStringLiteral("core") } };
    return json(200,
        QJsonObject { { QStringLiteral("resources"), QJsonObject { { QStringLiteral("core"), core } } },
            { QStringLiteral("rate"), core } });
}

// ---- entry points ----------------------------------------------------------------------------

FakeHttpResponse FakeGitHubApi::handleApi(const FakeHttpRequest& request, int inFlight)
{
    // Authentication first: it decides which budget the answer reports.
    bool authenticated = false;
    if (request.hasHeader("authorization")) {
        const QByteArray value = request.header("authorization");
        const qsizetype space = value.indexOf(' ');
        const QByteArray scheme = value.left(space).toLower();
        const QByteArray given = space > 0 ? value.mid(space + 1).trimmed() : QByteArray();
        if ((scheme != "bearer" && scheme != "token") || given != m_config.token.toLatin1()) {
            FakeHttpResponse response = message(401, QStringLiteral("Bad credentials"));
            addRateHeaders(response, false);
            return response;
        }
        authenticated = true;
    }
    if (request.header("user-agent").isEmpty()) {
        FakeHttpResponse response;
        response.status = 403;
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        response.body = "Request forbidden by administrative rules. Please make sure your request has a User-Agent "
                        "header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-"
                        "required). Check https://developer.github.com for other possible causes.\n";
        addRateHeaders(response, authenticated);
        return response;
    }

    ++m_apiRequests;
    const bool everyNth = m_config.secondaryEveryNth > 0 && m_apiRequests % m_config.secondaryEveryNth == 0;
    const bool tooConcurrent = m_config.secondaryMaxConcurrent > 0 && inFlight > m_config.secondaryMaxConcurrent;
    if (everyNth || tooConcurrent) {
        FakeHttpResponse response = message(m_config.secondaryStatus,
            QStringLiteral("You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                           "If you reach out to GitHub Support for help, please include the request ID."));
        response.setHeader("retry-after", QByteArray::number(m_config.secondaryRetryAfterSeconds));
        addRateHeaders(response, authenticated);
        return response;
    }

    const bool isRateLimitEndpoint = request.path == QLatin1String("/rate_limit");
    const bool exhausted = bucketFor(authenticated).used >= limitFor(authenticated);
    const auto exhaustedResponse = [&] {
        FakeHttpResponse response = message(m_config.exhaustedStatus,
            authenticated ? QStringLiteral("API rate limit exceeded for user ID 1.")
                          : QStringLiteral("API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                                           "Authenticated requests get a higher rate limit.)"));
        addRateHeaders(response, authenticated);
        return response;
    };
    // Writes must not happen once the budget is spent.
    if (exhausted && !isRateLimitEndpoint && request.method != "GET" && request.method != "HEAD")
        return exhaustedResponse();

    FakeHttpResponse response = route(request, authenticated);
    response.setHeader("x-github-api-version-selected", "2022-11-28");
    response.setHeader("x-github-media-type", "github.v3; format=json");
    if (response.status == 200 && (request.method == "GET" || request.method == "HEAD")) {
        const QByteArray etag
            = "W/\"" + QCryptographicHash::hash(response.body, QCryptographicHash::Sha256).toHex().left(40) + '"';
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "private, max-age=60, s-maxage=60");
        response.setHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
        const QList<QByteArray> candidates = request.header("if-none-match").split(',');
        for (const QByteArray& candidate : candidates) {
            const QByteArray tag = candidate.trimmed();
            // Weak comparison, as GitHub: W/"x" matches "x".
            if (tag == etag || tag == etag.mid(2) || tag == "*") {
                FakeHttpResponse notModified;
                notModified.status = 304;
                notModified.setHeader("ETag", etag);
                notModified.setHeader("Cache-Control", "private, max-age=60, s-maxage=60");
                addRateHeaders(notModified, authenticated); // 304 costs nothing
                return notModified;
            }
        }
    }
    if (!isRateLimitEndpoint) {
        if (exhausted)
            return exhaustedResponse();
        ++bucketFor(authenticated).used;
    }
    addRateHeaders(response, authenticated);
    return response;
}

FakeHttpResponse FakeGitHubApi::route(const FakeHttpRequest& request, bool authenticated)
{
    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return notFound();
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (parts == QStringList { QStringLiteral("rate_limit") })
        return get ? rateLimitResponse(authenticated) : notFound();
    if (parts[0] == QLatin1String("repos") && parts.size() >= 3) {
        const QString fullName = (parts[1] + QLatin1Char('/') + parts[2]).toLower();
        for (const FakeRepo& repo : std::as_const(m_repos)) {
            if (repo.fullName().toLower() == fullName)
                return routeRepo(request, repo, parts.mid(3), authenticated);
        }
        return notFound();
    }
    if (parts[0] == QLatin1String("repositories") && parts.size() >= 2) {
        qint64 id = 0;
        if (!toId(parts[1], &id))
            return notFound();
        for (const FakeRepo& repo : std::as_const(m_repos)) {
            if (repo.id == id)
                return routeRepo(request, repo, parts.mid(2), authenticated);
        }
    }
    return notFound();
}

FakeHttpResponse FakeGitHubApi::routeRepo(
    const FakeHttpRequest& request, const FakeRepo& repo, const QStringList& rest, bool authenticated)
{
    const bool get = request.method == "GET" || request.method == "HEAD";
    const auto is = [&rest](std::initializer_list<const char*> pattern) {
        if (qsizetype(pattern.size()) != rest.size())
            return false;
        qsizetype i = 0;
        for (const char* p : pattern) {
            if (qstrcmp(p, "*") != 0 && rest[i] != QLatin1String(p))
                return false;
            ++i;
        }
        return true;
    };
    if (rest.isEmpty()) {
        if (!get)
            return notFound();
        QJsonObject object = repoJson(repo);
        if (authenticated) {
            // GitHub lists the token's permissions on the repository for authenticated requests; a
            // collection token reads: pull only.
            object.insert(QStringLiteral("permissions"),
                QJsonObject { { QStringLiteral("admin"), false }, { QStringLiteral("maintain"), false },
                    { QStringLiteral("push"), false }, { QStringLiteral("triage"), false },
                    { QStringLiteral("pull"), true } });
        }
        return json(200, object);
    }
    if (is({ "issues" })) {
        if (request.method == "POST")
            return createIssue(request, repo, authenticated);
        return get ? listIssues(request, repo) : notFound();
    }
    if (!get)
        return notFound();
    if (is({ "actions", "runs" }))
        return listRuns(request, repo, {});
    if (is({ "actions", "workflows", "*", "runs" }))
        return listRuns(request, repo, rest[2]);
    if (is({ "actions", "jobs", "*" }) || is({ "actions", "jobs", "*", "logs" })) {
        qint64 jobId = 0;
        if (!toId(rest[2], &jobId))
            return notFound();
        if (rest.size() == 4)
            return jobLogs(repo, jobId, authenticated);
        const auto it = m_jobs.constFind(jobId);
        if (it == m_jobs.cend() || m_runs[it->first].repoId != repo.id)
            return notFound();
        return json(200, jobJson(m_runs[it->first], m_runs[it->first].jobs[it->second]));
    }
    if (rest.size() < 3 || rest[0] != QLatin1String("actions") || rest[1] != QLatin1String("runs"))
        return notFound();
    qint64 runId = 0;
    if (!toId(rest[2], &runId))
        return notFound();
    int attempt = 0;
    QStringList tail = rest.mid(3);
    if (tail.size() >= 2 && tail[0] == QLatin1String("attempts")) {
        bool ok = false;
        attempt = tail[1].toInt(&ok);
        if (!ok || attempt < 1)
            return notFound();
        tail = tail.mid(2);
    }
    if (tail.isEmpty()) {
        const FakeRun* run = findAttempt(repo, runId, attempt);
        return run ? json(200, runJson(*run)) : notFound();
    }
    if (tail == QStringList { QStringLiteral("jobs") })
        return listJobs(request, repo, runId, attempt);
    if (tail == QStringList { QStringLiteral("logs") })
        return runLogs(repo, runId, attempt, authenticated);
    return notFound();
}

// ---- runs and jobs ---------------------------------------------------------------------------

const FakeRun* FakeGitHubApi::findAttempt(const FakeRepo& repo, qint64 runId, int attempt) const
{
    const auto it = m_attempts.constFind(runId);
    if (it == m_attempts.cend())
        return nullptr;
    const FakeRun& latest = m_runs[it->last()];
    if (latest.repoId != repo.id)
        return nullptr;
    if (attempt == 0)
        return &latest;
    for (int index : *it) {
        if (m_runs[index].attempt == attempt)
            return &m_runs[index];
    }
    return nullptr;
}

QString FakeGitHubApi::repoApiPath(const FakeRepo& repo) const
{
    return m_apiBase + QStringLiteral("/repos/") + repo.fullName();
}

QJsonObject FakeGitHubApi::repoJson(const FakeRepo& repo) const
{
    const QJsonObject owner { { QStringLiteral("login"), repo.owner },
        { QStringLiteral("type"), QStringLiteral("Organization") } };
    return QJsonObject {
        { QStringLiteral("id"), repo.id },
        { QStringLiteral("node_id"), QStringLiteral("R_fake%1").arg(repo.id) },
        { QStringLiteral("name"), repo.name },
        { QStringLiteral("full_name"), repo.fullName() },
        { QStringLiteral("owner"), owner },
        { QStringLiteral("private"), false },
        { QStringLiteral("visibility"), QStringLiteral("public") },
        { QStringLiteral("html_url"), QString(m_apiBase + QLatin1Char('/') + repo.fullName()) },
        { QStringLiteral("url"), repoApiPath(repo) },
        { QStringLiteral("default_branch"), QStringLiteral("main") },
        { QStringLiteral("has_issues"), repo.issuesEnabled },
    };
}

QJsonObject FakeGitHubApi::runJson(const FakeRun& run) const
{
    const qsizetype index = &run - m_runs.constData();
    if (index >= 0 && index < m_runJson.size())
        return m_runJson[index];
    return buildRunJson(run);
}

QJsonObject FakeGitHubApi::buildRunJson(const FakeRun& run) const
{
    QJsonObject object = run.json;
    const FakeRepo* repo = nullptr;
    for (const FakeRepo& candidate : m_repos) {
        if (candidate.id == run.repoId)
            repo = &candidate;
    }
    const QString url
        = (repo ? repoApiPath(*repo) : m_apiBase) + QStringLiteral("/actions/runs/") + QString::number(run.id);
    // The struct fields are what filters look at, so the JSON must agree with them.
    object[QStringLiteral("id")] = run.id;
    object[QStringLiteral("run_attempt")] = run.attempt;
    object[QStringLiteral("status")] = run.status;
    object[QStringLiteral("conclusion")] = run.conclusion.isEmpty() ? QJsonValue() : QJsonValue(run.conclusion);
    object[QStringLiteral("head_branch")] = run.branch;
    object[QStringLiteral("event")] = run.event;
    object[QStringLiteral("workflow_id")] = run.workflowId;
    object[QStringLiteral("created_at")] = isoSeconds(run.createdAt);
    object[QStringLiteral("url")] = url;
    object[QStringLiteral("jobs_url")] = QString(url + QStringLiteral("/jobs"));
    object[QStringLiteral("logs_url")] = QString(url + QStringLiteral("/logs"));
    object[QStringLiteral("previous_attempt_url")] = run.attempt > 1
        ? QJsonValue(QString(url + QStringLiteral("/attempts/") + QString::number(run.attempt - 1)))
        : QJsonValue();
    if (repo && !object.contains(QStringLiteral("repository")))
        object[QStringLiteral("repository")] = QJsonObject { { QStringLiteral("id"), repo->id },
            { QStringLiteral("name"), repo->name }, { QStringLiteral("full_name"), repo->fullName() } };
    return object;
}

QJsonObject FakeGitHubApi::jobJson(const FakeRun& run, const FakeJob& job) const
{
    QJsonObject object = job.json;
    object[QStringLiteral("run_id")] = run.id;
    object[QStringLiteral("run_attempt")] = run.attempt;
    for (const FakeRepo& repo : m_repos) {
        if (repo.id == run.repoId) {
            object[QStringLiteral("url")]
                = QString(repoApiPath(repo) + QStringLiteral("/actions/jobs/") + QString::number(job.id()));
            object[QStringLiteral("run_url")]
                = QString(repoApiPath(repo) + QStringLiteral("/actions/runs/") + QString::number(run.id));
        }
    }
    return object;
}

FakeGitHubApi::Page FakeGitHubApi::pageOf(const QUrlQuery& query)
{
    Page page;
    bool ok = false;
    const int perPage = decoded(query, QStringLiteral("per_page")).toInt(&ok);
    if (ok && perPage > 0)
        page.perPage = qMin(perPage, 100);
    const int number = decoded(query, QStringLiteral("page")).toInt(&ok);
    if (ok && number > 0)
        page.page = number;
    return page;
}

void FakeGitHubApi::addLinks(FakeHttpResponse& response, const FakeHttpRequest& request, const QString& numericPath,
    const Page& page, qsizetype retrievable) const
{
    const int lastPage = int(qMax<qsizetype>(1, (retrievable + page.perPage - 1) / page.perPage));
    if (lastPage <= 1 && page.page <= 1)
        return;
    // The client's own query, verbatim, minus its page=.
    QStringList kept;
    const QStringList items = request.query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        if (!item.startsWith(QLatin1String("page=")))
            kept << item;
    }
    const QString base = m_apiBase + numericPath + QLatin1Char('?') + kept.join(QLatin1Char('&'))
        + (kept.isEmpty() ? QString() : QStringLiteral("&")) + QStringLiteral("page=");
    QStringList links;
    const auto link = [&](int number, const char* rel) {
        links << QLatin1Char('<') + base + QString::number(number) + QStringLiteral(">; rel=\"") + QLatin1String(rel)
                + QLatin1Char('"');
    };
    if (page.page > 1)
        link(qMin(page.page - 1, lastPage), "prev");
    if (page.page < lastPage) {
        link(page.page + 1, "next");
        link(lastPage, "last");
    }
    if (page.page > 1)
        link(1, "first");
    response.setHeader("Link", links.join(QStringLiteral(", ")).toUtf8());
}

FakeHttpResponse FakeGitHubApi::listRuns(
    const FakeHttpRequest& request, const FakeRepo& repo, const QString& workflow) const
{
    const QUrlQuery query = request.queryItems();
    const QString status = decoded(query, QStringLiteral("status"));
    const QString branch = decoded(query, QStringLiteral("branch"));
    const QString event = decoded(query, QStringLiteral("event"));
    const QString actor = decoded(query, QStringLiteral("actor"));
    const QString headSha = decoded(query, QStringLiteral("head_sha"));
    const QString created = decoded(query, QStringLiteral("created"));
    const QString checkSuite = decoded(query, QStringLiteral("check_suite_id"));
    std::optional<std::pair<QDateTime, QDateTime>> range;
    if (!created.isEmpty()) {
        range = parseCreated(created);
        if (!range)
            return message(
                422, QStringLiteral("Validation Failed: created '%1' is not a date, date-time or range").arg(created));
    }
    qint64 workflowId = 0;
    const bool workflowById = !workflow.isEmpty() && toId(workflow, &workflowId);

    QList<int> matches;
    for (int index : m_latestByRepo.value(repo.id)) {
        const FakeRun& run = m_runs[index];
        if (!status.isEmpty() && run.status != status && run.conclusion != status)
            continue;
        if (!branch.isEmpty() && run.branch != branch)
            continue;
        if (!event.isEmpty() && run.event != event)
            continue;
        if (!actor.isEmpty()
            && run.json.value(QStringLiteral("actor")).toObject().value(QStringLiteral("login")).toString() != actor)
            continue;
        if (!headSha.isEmpty() && run.json.value(QStringLiteral("head_sha")).toString() != headSha)
            continue;
        if (!checkSuite.isEmpty()
            && QString::number(run.json.value(QStringLiteral("check_suite_id")).toInteger()) != checkSuite)
            continue;
        if (range && (run.createdAt < range->first || run.createdAt > range->second))
            continue;
        if (!workflow.isEmpty()) {
            if (workflowById ? run.workflowId != workflowId
                             : !run.json.value(QStringLiteral("path")).toString().endsWith(QLatin1Char('/') + workflow))
                continue;
        }
        matches.append(index);
    }
    // GitHub: with any of these filters a search yields at most 1,000 runs; total_count still tells the truth.
    const bool searched = !status.isEmpty() || !branch.isEmpty() || !event.isEmpty() || !actor.isEmpty()
        || !headSha.isEmpty() || !created.isEmpty() || !checkSuite.isEmpty();
    const qsizetype retrievable = searched ? qMin<qsizetype>(matches.size(), 1000) : matches.size();

    const Page page = pageOf(query);
    QJsonArray runs;
    const qsizetype first = qsizetype(page.page - 1) * page.perPage;
    for (qsizetype i = first; i < qMin<qsizetype>(first + page.perPage, retrievable); ++i)
        runs.append(runJson(m_runs[matches[i]]));
    FakeHttpResponse response = json(200,
        QJsonObject {
            { QStringLiteral("total_count"), qint64(matches.size()) }, { QStringLiteral("workflow_runs"), runs } });
    const QString numericPath = QStringLiteral("/repositories/%1/actions/").arg(repo.id)
        + (workflow.isEmpty() ? QStringLiteral("runs")
                              : QStringLiteral("workflows/") + workflow + QStringLiteral("/runs"));
    addLinks(response, request, numericPath, page, retrievable);
    return response;
}

FakeHttpResponse FakeGitHubApi::listJobs(
    const FakeHttpRequest& request, const FakeRepo& repo, qint64 runId, int attempt) const
{
    const FakeRun* run = findAttempt(repo, runId, attempt);
    if (!run)
        return notFound();
    const QUrlQuery query = request.queryItems();
    const QString filter = decoded(query, QStringLiteral("filter"));
    if (!filter.isEmpty() && filter != QLatin1String("latest") && filter != QLatin1String("all"))
        return message(422, QStringLiteral("Validation Failed: filter '%1' is not latest or all").arg(filter));
    QList<QJsonObject> jobs;
    if (attempt == 0 && filter == QLatin1String("all")) {
        for (int index : m_attempts.value(runId)) {
            for (const FakeJob& job : m_runs[index].jobs)
                jobs.append(jobJson(m_runs[index], job));
        }
    } else {
        for (const FakeJob& job : run->jobs)
            jobs.append(jobJson(*run, job));
    }
    const Page page = pageOf(query);
    QJsonArray slice;
    const qsizetype first = qsizetype(page.page - 1) * page.perPage;
    for (qsizetype i = first; i < qMin<qsizetype>(first + page.perPage, jobs.size()); ++i)
        slice.append(jobs[i]);
    FakeHttpResponse response = json(
        200, QJsonObject { { QStringLiteral("total_count"), qint64(jobs.size()) }, { QStringLiteral("jobs"), slice } });
    QString numericPath = QStringLiteral("/repositories/%1/actions/runs/%2").arg(repo.id).arg(runId);
    if (attempt > 0)
        numericPath += QStringLiteral("/attempts/") + QString::number(attempt);
    addLinks(response, request, numericPath + QStringLiteral("/jobs"), page, jobs.size());
    return response;
}

// ---- logs and storage ------------------------------------------------------------------------

QByteArray FakeGitHubApi::sign(const QString& path, qint64 expiresMs) const
{
    return QMessageAuthenticationCode::hash(
        path.toUtf8() + '\n' + QByteArray::number(expiresMs), m_secret, QCryptographicHash::Sha256)
        .toHex();
}

QString FakeGitHubApi::signedUrl(const QString& path) const
{
    const qint64 expires = QDateTime::currentMSecsSinceEpoch() + m_config.signedUrlExpiryMs;
    return m_storageBase + path + QStringLiteral("?se=") + QString::number(expires) + QStringLiteral("&sig=")
        + QString::fromLatin1(sign(path, expires));
}

FakeHttpResponse FakeGitHubApi::runLogs(const FakeRepo& repo, qint64 runId, int attempt, bool authenticated) const
{
    const FakeRun* run = findAttempt(repo, runId, attempt);
    if (!run)
        return notFound();
    if (!authenticated)
        return message(403, QStringLiteral("Must have admin rights to Repository."));
    if (run->logsExpired)
        return message(410, QStringLiteral("Gone"));
    if (!run->logZip)
        return notFound();
    FakeHttpResponse response;
    response.status = 302;
    response.setHeader(
        "Location", signedUrl(QStringLiteral("/runlogs/%1/%2.zip").arg(run->id).arg(run->attempt)).toUtf8());
    return response;
}

FakeHttpResponse FakeGitHubApi::jobLogs(const FakeRepo& repo, qint64 jobId, bool authenticated) const
{
    const auto it = m_jobs.constFind(jobId);
    if (it == m_jobs.cend() || m_runs[it->first].repoId != repo.id)
        return notFound();
    if (!authenticated)
        return message(403, QStringLiteral("Must have admin rights to Repository."));
    if (m_runs[it->first].logsExpired)
        return message(410, QStringLiteral("Gone"));
    FakeHttpResponse response;
    response.status = 302;
    response.setHeader("Location", signedUrl(QStringLiteral("/joblogs/%1.txt").arg(jobId)).toUtf8());
    return response;
}

FakeHttpResponse FakeGitHubApi::handleStorage(const FakeHttpRequest& request) const
{
    const auto storageError = [](int status, const char* code, const QString& text) {
        FakeHttpResponse response;
        response.status = status;
        response.setHeader("Content-Type", "application/xml");
        response.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + QByteArray(code)
            + "</Code><Message>" + text.toUtf8() + "</Message></Error>";
        return response;
    };
    // A signed URL is its own credential; storage refuses a second one, so clients must drop theirs.
    if (request.hasHeader("authorization"))
        return storageError(400, "InvalidAuthenticationInfo",
            QStringLiteral("Authentication information is not given in the correct format: a signed "
                           "URL must not carry an Authorization header."));
    if (request.method != "GET" && request.method != "HEAD")
        return storageError(405, "UnsupportedHttpVerb", QStringLiteral("The resource doesn't support the verb."));
    const QUrlQuery query = request.queryItems();
    bool ok = false;
    const qint64 expires = query.queryItemValue(QStringLiteral("se")).toLongLong(&ok);
    const QByteArray signature = query.queryItemValue(QStringLiteral("sig")).toLatin1();
    if (!ok || signature.isEmpty() || signature != sign(request.path, expires))
        return storageError(403, "AuthenticationFailed", QStringLiteral("Signature did not match."));
    if (QDateTime::currentMSecsSinceEpoch() >= expires)
        return storageError(403, "AuthenticationFailed", QStringLiteral("Signed expiry time has passed."));

    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    FakeHttpResponse response;
    if (parts.size() == 3 && parts[0] == QLatin1String("runlogs")) {
        const qint64 runId = parts[1].toLongLong();
        const int attempt = parts[2].chopped(4).toInt();
        for (int index : m_attempts.value(runId)) {
            const FakeRun& run = m_runs[index];
            if (run.attempt != attempt || !run.logZip)
                continue;
            response.body = run.logZip();
            response.setHeader("Content-Type", "application/zip");
            response.setHeader(
                "Content-Disposition", "attachment; filename=logs_" + QByteArray::number(runId) + ".zip");
            return response;
        }
    } else if (parts.size() == 2 && parts[0] == QLatin1String("joblogs")) {
        const auto it = m_jobs.constFind(parts[1].chopped(4).toLongLong());
        if (it != m_jobs.cend()) {
            const FakeJob& job = m_runs[it->first].jobs[it->second];
            response.body = job.logText ? job.logText() : job.log;
            response.setHeader("Content-Type", "text/plain; charset=utf-8");
            return response;
        }
    }
    return storageError(404, "BlobNotFound", QStringLiteral("The specified blob does not exist."));
}

// ---- issues ----------------------------------------------------------------------------------

FakeHttpResponse FakeGitHubApi::listIssues(const FakeHttpRequest& request, const FakeRepo& repo) const
{
    if (!repo.issuesEnabled)
        return message(410, QStringLiteral("Issues are disabled for this repo"));
    const QUrlQuery query = request.queryItems();
    QString state = decoded(query, QStringLiteral("state"));
    if (state.isEmpty())
        state = QStringLiteral("open");
    const QStringList labels = decoded(query, QStringLiteral("labels")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    QList<QJsonObject> matches;
    const QList<QJsonObject> all = m_issues.value(repo.id);
    for (auto it = all.crbegin(); it != all.crend(); ++it) { // newest first
        if (state != QLatin1String("all") && it->value(QStringLiteral("state")).toString() != state)
            continue;
        QStringList names;
        for (const QJsonValue& label : it->value(QStringLiteral("labels")).toArray())
            names << label.toObject().value(QStringLiteral("name")).toString();
        if (std::all_of(labels.cbegin(), labels.cend(), [&names](const QString& l) { return names.contains(l); }))
            matches.append(*it);
    }
    const Page page = pageOf(query);
    QJsonArray slice;
    const qsizetype first = qsizetype(page.page - 1) * page.perPage;
    for (qsizetype i = first; i < qMin<qsizetype>(first + page.perPage, matches.size()); ++i)
        slice.append(matches[i]);
    FakeHttpResponse response;
    response.status = 200;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(slice).toJson(QJsonDocument::Compact);
    addLinks(response, request, QStringLiteral("/repositories/%1/issues").arg(repo.id), page, matches.size());
    return response;
}

FakeHttpResponse FakeGitHubApi::createIssue(const FakeHttpRequest& request, const FakeRepo& repo, bool authenticated)
{
    if (!authenticated)
        return message(401, QStringLiteral("Requires authentication"));
    if (!repo.issuesEnabled)
        return message(410, QStringLiteral("Issues are disabled for this repo"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return message(400, QStringLiteral("Problems parsing JSON"));
    const QJsonObject input = document.object();
    const QJsonValue title = input.value(QStringLiteral("title"));
    if (!title.isString() || title.toString().isEmpty()) {
        FakeHttpResponse response = message(422, QStringLiteral("Validation Failed"));
        QJsonObject object = QJsonDocument::fromJson(response.body).object();
        object[QStringLiteral("errors")]
            = QJsonArray { QJsonObject { { QStringLiteral("resource"), QStringLiteral("Issue") },
                { QStringLiteral("code"), QStringLiteral("missing_field") },
                { QStringLiteral("field"), QStringLiteral("title") } } };
        response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return response;
    }
    QList<QJsonObject>& issues = m_issues[repo.id];
    const int number = int(issues.size()) + 1;
    QJsonArray labels;
    for (const QJsonValue& label : input.value(QStringLiteral("labels")).toArray())
        labels.append(QJsonObject { { QStringLiteral("name"),
            label.isObject() ? label.toObject().value(QStringLiteral("name")).toString() : label.toString() } });
    const QString now = isoSeconds(QDateTime::currentDateTimeUtc());
    const QString url = repoApiPath(repo) + QStringLiteral("/issues/") + QString::number(number);
    const QJsonObject issue {
        { QStringLiteral("id"), repo.id * 100000 + number },
        { QStringLiteral("node_id"), QStringLiteral("I_fake%1_%2").arg(repo.id).arg(number) },
        { QStringLiteral("number"), number },
        { QStringLiteral("title"), title.toString() },
        { QStringLiteral("body"), input.value(QStringLiteral("body")).toString() },
        { QStringLiteral("labels"), labels },
        { QStringLiteral("state"), QStringLiteral("open") },
        { QStringLiteral("url"), url },
        { QStringLiteral("html_url"),
            QString(m_apiBase + QLatin1Char('/') + repo.fullName() + QStringLiteral("/issues/")
                + QString::number(number)) },
        { QStringLiteral("user"), QJsonObject { { QStringLiteral("login"), QStringLiteral("runlens-fake") } } },
        { QStringLiteral("created_at"), now },
        { QStringLiteral("updated_at"), now },
    };
    issues.append(issue);
    FakeHttpResponse response = json(201, issue);
    response.setHeader("Location", url.toUtf8());
    return response;
}

} // namespace runlens::sample
