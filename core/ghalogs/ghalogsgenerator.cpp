#include "ghalogs/ghalogsgenerator.h"

#include "ghalogs/targzwriter.h"
#include "sample/logwriter.h"
#include "sample/samplecorpus.h"
#include "sample/samplejson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <algorithm>
#include <optional>
#include <random>
#include <unistd.h>

namespace runlens::ghalogs {

namespace {

constexpr qint64 kRunIdBase = 5'000'000'000;

enum class Fault { None, ArchiveError, Missing, Hostile };

QString insightTime(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000"));
}

QJsonArray logInsights(const sample::SampleAttempt& attempt)
{
    QJsonArray insights;
    for (size_t j = 0; j < attempt.jobs.size(); ++j) {
        const sample::SampleJob& job = attempt.jobs[j];
        QJsonArray steps;
        for (const sample::SampleStep& step : job.steps) {
            steps.append(QJsonObject {
                { QStringLiteral("type"), QStringLiteral("shell") },
                { QStringLiteral("code"), step.name },
                { QStringLiteral("env"), QJsonObject { { QStringLiteral("CI"), QStringLiteral("true") } } },
                { QStringLiteral("errors"), QJsonValue::Null },
                { QStringLiteral("start_date"), insightTime(step.startedAt) },
                { QStringLiteral("duration_sec"), double(step.startedAt.msecsTo(step.completedAt)) / 1000.0 },
            });
        }
        insights.append(QJsonObject {
            { QStringLiteral("file"),
                QStringLiteral("%1_%2.txt").arg(j + 1).arg(sample::LogWriter::entryName(job.name)) },
            { QStringLiteral("image"), job.labels.isEmpty() ? QString() : job.labels.constFirst() },
            { QStringLiteral("steps"), steps },
        });
    }
    return insights;
}

} // namespace

GhaLogsGenerator::GhaLogsGenerator(GhaLogsGeneratorOptions options)
    : m_options(std::move(options))
{
}

QString GhaLogsGenerator::workflowFolder(const QString& workflowName)
{
    QString safe = workflowName;
    for (QChar& c : safe) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    }
    const QByteArray hash = QCryptographicHash::hash(workflowName.toUtf8(), QCryptographicHash::Sha256).toHex();
    return safe + QLatin1Char('_') + QString::fromLatin1(hash.left(4));
}

Result<GhaLogsGeneratorSummary> GhaLogsGenerator::run(const std::atomic<bool>* cancel)
{
    GhaLogsGeneratorSummary summary;
    const GhaLogsGeneratorOptions& o = m_options;
    const QDir out(o.outDir);
    if (!out.mkpath(QStringLiteral(".")))
        return makeError(QStringLiteral("'%1': cannot create the folder").arg(o.outDir));
    const qint64 total = qMax<qint64>(0, o.runs);
    const qint64 distinct = o.distinctArchives > 0 ? qMin(o.distinctArchives, total) : total;

    // Which runs get which fault: a seeded shuffle, so faults are spread over the dataset.
    std::vector<Fault> faults(size_t(total), Fault::None);
    {
        std::vector<qint64> order(static_cast<size_t>(total));
        for (qint64 i = 0; i < total; ++i)
            order[size_t(i)] = i;
        std::mt19937_64 random(o.seed ^ 0x9E3779B97F4A7C15ULL);
        std::shuffle(order.begin(), order.end(), random);
        size_t next = 0;
        for (const auto& [fault, count] : { std::pair { Fault::ArchiveError, o.archiveErrors },
                 std::pair { Fault::Missing, o.missingArchives }, std::pair { Fault::Hostile, o.hostileArchives } }) {
            for (qint64 k = 0; k < count && next < order.size(); ++k)
                faults[size_t(order[next++])] = fault;
        }
    }

    TarGzWriter runsFile;
    if (Status s = runsFile.open(out.filePath(QStringLiteral("runs.json.gz")), TarGzWriter::Mode::Gzip); !s)
        return Error { s.error() };
    if (Status s = runsFile.beginStream(); !s)
        return Error { s.error() };
    TarGzWriter reposFile;
    if (Status s = reposFile.open(out.filePath(QStringLiteral("repositories.json.gz")), TarGzWriter::Mode::Gzip); !s)
        return Error { s.error() };
    if (Status s = reposFile.beginStream(); !s)
        return Error { s.error() };

    std::optional<QuaZip> zip;
    if (o.zip) {
        zip.emplace(out.filePath(QStringLiteral("github_run_logs.zip")));
        zip->setZip64Enabled(true);
        zip->setUtf8Enabled(true);
        if (!zip->open(QuaZip::mdCreate))
            return makeError(QStringLiteral("'%1': cannot create github_run_logs.zip").arg(o.outDir));
    }

    QList<QByteArray> duplicateLines;
    QList<QString> distinctPaths; // logs/ form: the files later runs link to
    QSet<QString> repositories;
    const int perRepo = qMax(1, o.runsPerRepository);
    qint64 index = 0;
    for (qint64 chunk = 0; index < total; ++chunk) {
        sample::SampleOptions options;
        options.seed = o.seed * 1000003ULL + quint64(chunk);
        options.repoCount = 8;
        options.runsPerRepo = perRepo;
        options.maxJobLines = o.maxJobLines;
        const sample::SampleCorpus corpus = sample::SampleCorpus::generate(options);
        for (const sample::SampleRun& sampleRun : corpus.runs()) {
            if (index >= total)
                break;
            if (cancel && cancel->load())
                return makeError(QStringLiteral("'%1': generation cancelled").arg(o.outDir));
            const sample::SampleRepo& repo = corpus.repoOf(sampleRun);
            const QString owner = repo.owner + QString::number(chunk);
            const QString fullName = owner + QLatin1Char('/') + repo.name;
            const qint64 runId = kRunIdBase + index;
            const int attempt = sampleRun.runAttempt;
            QJsonObject metadata = sample::SampleJson::run(repo, sampleRun);
            metadata.insert(QStringLiteral("id"), runId);
            QJsonObject repoObject = metadata.value(QStringLiteral("repository")).toObject();
            repoObject.insert(QStringLiteral("full_name"), fullName);
            metadata.insert(QStringLiteral("repository"), repoObject);
            if (!repositories.contains(fullName)) {
                repositories.insert(fullName);
                const QJsonObject record { { QStringLiteral("_id"), fullName.toLower() },
                    { QStringLiteral("repo"),
                        QJsonObject { { QStringLiteral("name"), fullName.toLower() },
                            { QStringLiteral("mainLanguage"), sample::ecosystemId(repo.ecosystem) } } } };
                if (Status s = reposFile.write(QByteArray(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n'));
                    !s)
                    return Error { s.error() };
            }
            const QString relative = QStringLiteral("logs/%1/%2/%3-%4.tar.gz")
                                         .arg(fullName, workflowFolder(sampleRun.name))
                                         .arg(sampleRun.runNumber)
                                         .arg(attempt);
            const Fault fault = faults[size_t(index)];
            QJsonObject archive;
            if (fault == Fault::ArchiveError)
                archive.insert(QStringLiteral("error"), QStringLiteral("410 Gone: logs expired"));
            else
                archive.insert(QStringLiteral("path"), QString(QStringLiteral("/data/") + relative));
            const QJsonObject record {
                { QStringLiteral("_id"),
                    QStringLiteral("%1_%2_%3_%4")
                        .arg(fullName, sampleRun.path)
                        .arg(sampleRun.runNumber)
                        .arg(attempt)
                        .toLower() },
                { QStringLiteral("repository_name"), fullName.toLower() },
                { QStringLiteral("workflow_path"), sampleRun.path },
                { QStringLiteral("run_number"), sampleRun.runNumber },
                { QStringLiteral("run_attempt"), attempt },
                { QStringLiteral("metadata"), metadata },
                { QStringLiteral("logs_archive"), archive },
                { QStringLiteral("log_insights"), logInsights(sampleRun.latest()) },
            };
            const QByteArray line = QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
            if (Status s = runsFile.write(line); !s)
                return Error { s.error() };
            ++summary.records;
            if (qint64(duplicateLines.size()) < o.duplicates)
                duplicateLines.append(line);

            if (fault == Fault::None || fault == Fault::Hostile) {
                QByteArray bytes;
                const bool reuse = index >= distinct && !distinctPaths.isEmpty() && !o.zip && fault == Fault::None;
                if (!reuse) {
                    auto rendered = corpus.render(sampleRun, attempt);
                    if (!rendered)
                        return Error { rendered.error() };
                    TarGzWriter tar;
                    if (Status s = tar.open({}, TarGzWriter::Mode::Tar); !s)
                        return Error { s.error() };
                    QSet<QString> folders;
                    for (const sample::RenderedEntry& entry : rendered->entries) {
                        const qsizetype slash = entry.name.indexOf(QLatin1Char('/'));
                        if (slash > 0 && !folders.contains(entry.name.first(slash))) {
                            folders.insert(entry.name.first(slash));
                            if (Status s = tar.addDirectory(entry.name.first(slash + 1)); !s)
                                return Error { s.error() };
                        }
                        if (Status s = tar.addFile(entry.name, entry.data); !s)
                            return Error { s.error() };
                        summary.logBytes += entry.data.size();
                    }
                    if (fault == Fault::Hostile) {
                        if (Status s = tar.addFile(QStringLiteral("../../escape.txt"), "owned\n"); !s)
                            return Error { s.error() };
                    }
                    if (Status s = tar.close(); !s)
                        return Error { s.error() };
                    bytes = tar.bytes();
                    summary.archiveBytes += bytes.size();
                }
                if (o.zip) {
                    QuaZipNewInfo info(relative);
                    info.externalAttr = 0644u << 16;
                    QuaZipFile member(&*zip);
                    if (!member.open(QIODevice::WriteOnly, info, nullptr, 0, 0, 0)
                        || member.write(bytes) != bytes.size())
                        return makeError(
                            QStringLiteral("'%1': cannot add %2 to github_run_logs.zip").arg(o.outDir, relative));
                    member.close();
                } else {
                    const QString path = out.filePath(relative);
                    QDir().mkpath(QFileInfo(path).absolutePath());
                    QFile::remove(path);
                    if (reuse) {
                        const QString& target = distinctPaths.at(qsizetype(index % distinctPaths.size()));
                        if (::link(QFile::encodeName(target).constData(), QFile::encodeName(path).constData()) != 0)
                            return makeError(QStringLiteral("'%1': cannot link %2").arg(o.outDir, relative));
                    } else {
                        QFile file(path);
                        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
                            return makeError(QStringLiteral("'%1': cannot write %2").arg(o.outDir, relative));
                        if (fault == Fault::None && distinctPaths.size() < distinct)
                            distinctPaths.append(path);
                    }
                }
                ++summary.archives;
            }
            ++index;
        }
    }
    for (const QByteArray& line : std::as_const(duplicateLines)) {
        if (Status s = runsFile.write(line); !s)
            return Error { s.error() };
        ++summary.records;
    }
    for (qint64 k = 0; k < o.malformed; ++k) {
        if (Status s = runsFile.write(QByteArrayLiteral("{\"_id\": \"broken\", \"metadata\": {\n")); !s)
            return Error { s.error() };
        ++summary.records;
    }
    if (Status s = runsFile.close(); !s)
        return Error { s.error() };
    if (Status s = reposFile.close(); !s)
        return Error { s.error() };
    if (zip) {
        zip->close();
        if (zip->getZipError() != 0)
            return makeError(QStringLiteral("'%1': cannot finish github_run_logs.zip").arg(o.outDir));
    }
    summary.repositories = repositories.size();
    return summary;
}

} // namespace runlens::ghalogs
