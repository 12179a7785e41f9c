#include "ghalogs/ghalogsrecordparser.h"

#include "github/runparser.h"
#include "logs/logentry.h"
#include "workspace/ghalogsstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace runlens::ghalogs {

namespace {

Result<QJsonObject> parseObject(QByteArrayView line, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            what + QStringLiteral(": not valid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return makeError(what + QStringLiteral(": not a JSON object"));
    return doc.object();
}

int digits(QStringView s, qsizetype from, qsizetype count, bool* ok)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = s.at(i).unicode();
        if (c < u'0' || c > u'9') {
            *ok = false;
            return 0;
        }
        value = value * 10 + (c - u'0');
    }
    return value;
}

QString stepName(const QJsonObject& step)
{
    if (step.value(QLatin1String("type")).toString() == QLatin1String("action")) {
        const QString repo = step.value(QLatin1String("repository")).toString();
        const QString action = step.value(QLatin1String("action")).toString();
        const QString version = step.value(QLatin1String("version")).toString();
        QString name = repo.isEmpty() ? action : repo + QLatin1Char('/') + action;
        if (!version.isEmpty())
            name += QLatin1Char('@') + version;
        return name;
    }
    QString code = step.value(QLatin1String("code")).toString().trimmed();
    const qsizetype newline = code.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        code.truncate(newline);
    if (code.size() > 200)
        code.truncate(200);
    return QStringLiteral("Run ") + code;
}

} // namespace

QDateTime GhaLogsRecordParser::parseTime(QStringView text)
{
    // "yyyy-MM-dd HH:mm:ss[.ffffff]" by hand: a dataset holds millions of them.
    bool ok = text.size() >= 19 && (text.at(10) == QLatin1Char(' ') || text.at(10) == QLatin1Char('T'));
    if (ok) {
        const int year = digits(text, 0, 4, &ok);
        const int month = digits(text, 5, 2, &ok);
        const int day = digits(text, 8, 2, &ok);
        const int hour = digits(text, 11, 2, &ok);
        const int minute = digits(text, 14, 2, &ok);
        const int second = digits(text, 17, 2, &ok);
        int ms = 0;
        if (ok && text.size() >= 23 && text.at(19) == QLatin1Char('.'))
            ms = digits(text, 20, 3, &ok);
        if (ok) {
            const QDate date(year, month, day);
            const QTime time(hour, minute, second, ms);
            if (date.isValid() && time.isValid())
                return QDateTime(date, time, Qt::UTC);
        }
    }
    const QDateTime iso = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    return iso.isValid() ? iso.toUTC() : QDateTime {};
}

Result<workspace::GhaLogsRunRecord> GhaLogsRecordParser::parseRun(
    QByteArrayView line, const QString& file, qint64 lineNumber)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    const QString what = parseError.error == QJsonParseError::NoError && doc.isObject()
        ? QString()
        : QStringLiteral("'%1' line %2").arg(file).arg(lineNumber);
    Result<QJsonObject> parsed = what.isEmpty() ? Result<QJsonObject>(doc.object()) : parseObject(line, what);
    if (!parsed)
        return Error { parsed.error() };
    auto fail = [&](const QString& message) {
        return makeError(QStringLiteral("'%1' line %2: ").arg(file).arg(lineNumber) + message);
    };
    const QJsonObject& o = *parsed;
    workspace::GhaLogsRunRecord record;
    record.recordId = o.value(QLatin1String("_id")).toString();
    const QJsonObject metadata = o.value(QLatin1String("metadata")).toObject();
    if (metadata.isEmpty())
        return fail(QStringLiteral("record '%1' has no metadata").arg(record.recordId));
    record.run = github::RunParser::runFromObject(metadata, o.value(QLatin1String("repository_name")).toString());
    workspace::RunRecord& run = record.run;
    if (run.runId <= 0)
        return fail(QStringLiteral("record '%1' has no run id").arg(record.recordId));
    if (run.repository.count(QLatin1Char('/')) != 1)
        return fail(QStringLiteral("record '%1' has no owner/name repository").arg(record.recordId));
    if (const int attempt = o.value(QLatin1String("run_attempt")).toInt(0); attempt > 0)
        run.attempt = attempt;
    run.collectionState = workspace::CollectionState::Complete;
    run.source = QStringLiteral("ghalogs");
    const QJsonObject archive = o.value(QLatin1String("logs_archive")).toObject();
    record.archive = archive.value(QLatin1String("path")).toString();
    const QJsonValue error = archive.value(QLatin1String("error"));
    if (!error.isUndefined() && !error.isNull())
        record.archiveError = error.isString()
            ? error.toString()
            : QString::fromUtf8(QJsonDocument(QJsonArray { error }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (record.archive.isEmpty() && record.archiveError.isEmpty())
        record.archiveError = QStringLiteral("the record has no logs_archive path");
    const QJsonValue size = o.value(QLatin1String("total_logs_size"));
    record.totalLogsSize = size.isDouble() ? qint64(size.toDouble()) : -1;

    const QJsonArray insights = o.value(QLatin1String("log_insights")).toArray();
    for (qsizetype j = 0; j < insights.size(); ++j) {
        const QJsonObject insight = insights.at(j).toObject();
        const logs::LogEntry entry = logs::classifyEntryName(insight.value(QLatin1String("file")).toString());
        workspace::JobRecord job;
        job.jobId = workspace::GhaLogsStore::syntheticJobId(run.runId, run.attempt, int(j));
        job.runId = run.runId;
        job.attempt = run.attempt;
        job.name = entry.jobName.isEmpty() ? entry.name : entry.jobName;
        job.status = QStringLiteral("completed");
        const QString image = insight.value(QLatin1String("image")).toString();
        if (!image.isEmpty())
            job.runnerLabels.append(image);
        const QJsonArray steps = insight.value(QLatin1String("steps")).toArray();
        for (qsizetype s = 0; s < steps.size(); ++s) {
            const QJsonObject step = steps.at(s).toObject();
            workspace::StepRecord out;
            out.number = int(s) + 1;
            out.name = stepName(step);
            out.status = QStringLiteral("completed");
            out.startedAt = parseTime(step.value(QLatin1String("start_date")).toString());
            const double seconds = step.value(QLatin1String("duration_sec")).toDouble(-1);
            if (out.startedAt.isValid() && seconds >= 0 && std::isfinite(seconds))
                out.completedAt = out.startedAt.addMSecs(qint64(seconds * 1000.0));
            if (out.startedAt.isValid() && (!job.startedAt.isValid() || out.startedAt < job.startedAt))
                job.startedAt = out.startedAt;
            if (out.completedAt.isValid() && (!job.completedAt.isValid() || out.completedAt > job.completedAt))
                job.completedAt = out.completedAt;
            job.steps.append(std::move(out));
        }
        record.jobs.append(std::move(job));
    }
    return record;
}

Result<workspace::GhaLogsRepositoryRecord> GhaLogsRecordParser::parseRepository(
    QByteArrayView line, const QString& what)
{
    Result<QJsonObject> parsed = parseObject(line, what);
    if (!parsed)
        return Error { parsed.error() };
    const QJsonObject repo = parsed->value(QLatin1String("repo")).toObject();
    workspace::GhaLogsRepositoryRecord record;
    // GHALogs keeps GitHub's GraphQL names (name = "owner/repo", mainLanguage); REST names also work.
    for (const char* key : { "full_name", "name" }) {
        if (record.fullName.count(QLatin1Char('/')) != 1)
            record.fullName = repo.value(QLatin1String(key)).toString();
    }
    if (record.fullName.count(QLatin1Char('/')) != 1)
        record.fullName = parsed->value(QLatin1String("_id")).toString();
    if (record.fullName.count(QLatin1Char('/')) != 1)
        return makeError(what + QStringLiteral(": repository record without an owner/name"));
    const QJsonValue main = repo.value(QLatin1String("mainLanguage"));
    record.language = main.isObject() ? main.toObject().value(QLatin1String("name")).toString() : main.toString();
    if (record.language.isEmpty())
        record.language = repo.value(QLatin1String("language")).toString();
    record.json = line.toByteArray();
    return record;
}

} // namespace runlens::ghalogs
