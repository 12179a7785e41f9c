#include "seedlayoutwriter.h"

#include "common/csvtable.h"

#include "samplearchive.h"
#include "samplecorpus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace runlens::sample {

namespace {
QByteArray csvRow(const QStringList& fields)
{
    return CsvTable::line(fields).toUtf8();
}

QString iso(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

Status writeFile(const QString& path, const QByteArray& data, qint64& bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(QStringLiteral("sample: cannot create folder for '%1'").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return makeError(QStringLiteral("sample: cannot write '%1': %2").arg(path, file.errorString()));
    bytes += data.size();
    return {};
}
} // namespace

SeedLayoutWriter::SeedLayoutWriter(const SampleCorpus& corpus)
    : m_corpus(corpus)
{
}

Result<SeedLayoutSummary> SeedLayoutWriter::write(const QString& dirPath, bool force) const
{
    QDir dir(dirPath);
    if (QFileInfo(dirPath).exists() && !QFileInfo(dirPath).isDir())
        return makeError(QStringLiteral("sample: '%1' exists and is not a folder").arg(dirPath));
    if (dir.exists()) {
        const bool empty = dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        const bool ours = dir.exists(markerFileName());
        if (!empty && !ours && !force)
            return makeError(QStringLiteral(
                "sample: '%1' is not empty and holds no earlier sample corpus; use --force to write into it")
                                 .arg(dirPath));
        for (const QString& sub :
            { QStringLiteral("logs_failure"), QStringLiteral("logs_normal"), QStringLiteral("zips") }) {
            QDir old(dir.filePath(sub));
            if (old.exists() && !old.removeRecursively())
                return makeError(QStringLiteral("sample: cannot clear '%1'").arg(old.path()));
        }
    } else if (!QDir().mkpath(dirPath)) {
        return makeError(QStringLiteral("sample: cannot create folder '%1'").arg(dirPath));
    }

    SeedLayoutSummary summary;
    QByteArray runsCsv = csvRow({ QStringLiteral("repo"), QStringLiteral("run_id"), QStringLiteral("run_number"),
        QStringLiteral("workflow_name"), QStringLiteral("event"), QStringLiteral("branch"), QStringLiteral("status"),
        QStringLiteral("conclusion"), QStringLiteral("created_at"), QStringLiteral("html_url"),
        QStringLiteral("log_url") });
    QByteArray labelsCsv = csvRow({ QStringLiteral("run_id"), QStringLiteral("attempt"), QStringLiteral("repo"),
        QStringLiteral("category"), QStringLiteral("is_memory"), QStringLiteral("evidence_entry"),
        QStringLiteral("evidence_line"), QStringLiteral("hard_negative"), QStringLiteral("evidence_text") });
    for (const SampleRun& run : m_corpus.runs()) {
        const SampleRepo& repo = m_corpus.repoOf(run);
        ++summary.runs;
        runsCsv += csvRow({ repo.fullName(), QString::number(run.id), QString::number(run.runNumber), run.name,
            run.event, run.headBranch, run.status, run.conclusion, iso(run.createdAt), run.htmlUrl,
            QStringLiteral("https://api.github.com/repos/%1/actions/runs/%2/logs").arg(repo.fullName()).arg(run.id) });
        if (run.expired) {
            ++summary.expiredRuns;
            continue;
        }
        for (const SampleAttempt& attempt : run.attempts) {
            Result<RenderedAttempt> rendered = m_corpus.render(run, attempt.number);
            if (!rendered)
                return makeError(rendered.error());
            Result<QByteArray> zip = SampleArchive::zip(*rendered, attempt.completedAt);
            if (!zip)
                return makeError(zip.error());
            const QString zipPath = dir.filePath(
                QStringLiteral("zips/%1/%2/%3-%4.zip").arg(repo.owner, repo.name).arg(run.id).arg(attempt.number));
            if (Status s = writeFile(zipPath, *zip, summary.bytes); !s)
                return makeError(s.error());
            ++summary.attempts;
            if (attempt.isMemory())
                ++summary.memoryAttempts;
            const SampleEvidence* evidence = rendered->evidence.empty() ? nullptr : &rendered->evidence.front();
            labelsCsv += csvRow({ QString::number(run.id), QString::number(attempt.number), repo.fullName(),
                categoryId(attempt.category), attempt.isMemory() ? QStringLiteral("true") : QStringLiteral("false"),
                evidence ? evidence->entry : QString(), evidence ? QString::number(evidence->line) : QString(),
                attempt.hardNegative ? QStringLiteral("true") : QStringLiteral("false"),
                evidence ? evidence->text : QString() });
            // The old pipeline downloaded /runs/{id}/logs: the latest attempt, extracted.
            if (attempt.number != run.runAttempt)
                continue;
            const QString folder = (run.conclusion == QLatin1String("success") ? QStringLiteral("logs_normal/")
                                                                               : QStringLiteral("logs_failure/"))
                + QString::number(run.id);
            for (const RenderedEntry& entry : rendered->entries) {
                if (Status s
                    = writeFile(dir.filePath(folder + QLatin1Char('/') + entry.name), entry.data, summary.bytes);
                    !s)
                    return makeError(s.error());
            }
        }
    }
    for (const auto& [name, data] : { std::pair { QStringLiteral("workflow_runs.csv"), runsCsv },
             std::pair { QStringLiteral("labels.csv"), labelsCsv },
             std::pair { markerFileName(),
                 QByteArray("runlens sample corpus; seed " + QByteArray::number(m_corpus.options().seed) + '\n') } }) {
        if (Status s = writeFile(dir.filePath(name), data, summary.bytes); !s)
            return makeError(s.error());
    }
    return summary;
}

} // namespace runlens::sample
