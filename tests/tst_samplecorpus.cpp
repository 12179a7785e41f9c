#include "logs/logsource.h"
#include "sample/ecosystemprofile.h"
#include "sample/logwriter.h"
#include "sample/samplecorpus.h"
#include "sample/samplejson.h"
#include "sample/seedlayoutwriter.h"
#include "taxonomy/runscanner.h"
#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <quazip.h>
#include <quazipfile.h>

#include <set>

using namespace runlens;
using namespace runlens::sample;

namespace {

SampleOptions smallOptions(quint64 seed = 7)
{
    SampleOptions options;
    options.seed = seed;
    options.repoCount = 8;
    options.runsPerRepo = 5;
    options.maxJobLines = 4000; // keep the tests fast; the long tail is measured in bench/
    return options;
}

// Lines of a log entry as the archive holds them (BOMs kept, newline dropped).
QList<QByteArray> splitLines(const QByteArray& data)
{
    QList<QByteArray> lines = data.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

const QByteArray kBom("\xef\xbb\xbf");
const QRegularExpression kStamp(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z "));

// The timestamp of a stamped line, in 100 ns ticks since the epoch; -1 for continuation lines.
qint64 stampOf(QByteArray line)
{
    if (line.startsWith(kBom))
        line = line.mid(3);
    const QString text = QString::fromLatin1(line.left(29));
    if (!kStamp.match(text).hasMatch())
        return -1;
    const QDateTime second = QDateTime::fromString(text.left(19), Qt::ISODate);
    QDateTime utc = second;
    utc.setTimeSpec(Qt::UTC);
    return utc.toSecsSinceEpoch() * 10000000 + text.mid(20, 7).toLongLong();
}

const RenderedEntry* findEntry(const RenderedAttempt& rendered, const QString& name)
{
    for (const RenderedEntry& entry : rendered.entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestSampleCorpus : public QObject
{
    Q_OBJECT
private:
    SampleCorpus m_corpus = SampleCorpus::generate(smallOptions());

    template <typename F> void forEachAttempt(F&& f)
    {
        for (const SampleRun& run : m_corpus.runs()) {
            if (run.expired)
                continue;
            for (const SampleAttempt& attempt : run.attempts) {
                Result<RenderedAttempt> rendered = m_corpus.render(run, attempt.number);
                QVERIFY2(rendered.ok(), qPrintable(rendered.ok() ? QString() : rendered.error()));
                f(run, attempt, *rendered);
            }
        }
    }

private slots:
    void sameSeedSameBytes()
    {
        QTemporaryDir a, b;
        QVERIFY(a.isValid() && b.isValid());
        const SampleCorpus other = SampleCorpus::generate(smallOptions());
        QVERIFY(SeedLayoutWriter(m_corpus).write(a.path(), false).ok());
        QVERIFY(SeedLayoutWriter(other).write(b.path(), false).ok());
        const QByteArray hashA = test::hashFolder(a.path());
        QVERIFY(!hashA.isEmpty());
        QCOMPARE(test::hashFolder(b.path()), hashA);
    }

    void differentSeedDifferentBytes()
    {
        const SampleCorpus other = SampleCorpus::generate(smallOptions(8));
        QVERIFY(!m_corpus.runs().empty() && !other.runs().empty());
        QVERIFY(m_corpus.runs().front().id != other.runs().front().id);
        const SampleRun& run = other.runs().front();
        Result<QByteArray> a = m_corpus.archive(m_corpus.runs().front(), 1);
        Result<QByteArray> b = other.archive(run, 1);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(*a != *b);
    }

    void archivesAreLazyAndRepeatable()
    {
        // Rendering one run alone, twice, gives the same bytes: no hidden state between runs.
        const SampleRun& run = m_corpus.runs()[m_corpus.runs().size() / 2];
        Result<QByteArray> first = m_corpus.archive(run, run.runAttempt);
        Result<QByteArray> second = m_corpus.archive(run, run.runAttempt);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(*first, *second);
        QVERIFY(!m_corpus.render(run, run.runAttempt + 1).ok());
        QCOMPARE(m_corpus.findRun(run.id), &run);
        QCOMPARE(m_corpus.findRun(run.id + 1), nullptr);
    }

    void everyCategoryPresent_data()
    {
        QTest::addColumn<QString>("category");
        for (SampleCategory category : allCategories())
            QTest::addRow("%s", qPrintable(categoryId(category))) << categoryId(category);
    }
    void everyCategoryPresent()
    {
        QFETCH(QString, category);
        int found = 0;
        for (const SampleRun& run : m_corpus.runs()) {
            for (const SampleAttempt& attempt : run.attempts)
                found += !run.expired && categoryId(attempt.category) == category;
        }
        QVERIFY2(found > 0, qPrintable(category));
        QCOMPARE(categoryFromId(category).has_value(), true);
    }

    void evidenceLinesAreWhereLabelsSay()
    {
        int memoryAttempts = 0;
        forEachAttempt([&](const SampleRun& run, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            if (attempt.category == SampleCategory::Success) {
                QVERIFY(rendered.evidence.empty());
                return;
            }
            QVERIFY2(!rendered.evidence.empty(),
                qPrintable(
                    QStringLiteral("run %1 (%2) has no evidence").arg(run.id).arg(categoryId(attempt.category))));
            memoryAttempts += attempt.isMemory();
            for (const SampleEvidence& evidence : rendered.evidence) {
                const RenderedEntry* entry = findEntry(rendered, evidence.entry);
                QVERIFY2(entry, qPrintable(evidence.entry));
                const QList<QByteArray> lines = splitLines(entry->data);
                QVERIFY(evidence.line >= 1 && evidence.line <= lines.size());
                const QByteArray line = lines[evidence.line - 1];
                QVERIFY2(stampOf(line) > 0, line.constData());
                QCOMPARE(QString::fromUtf8(line.mid(line.indexOf("Z ") + 2)), evidence.text);
            }
            // The first evidence line is in the job-level file, which both shapes have.
            QVERIFY(!rendered.evidence.front().entry.contains(QLatin1Char('/')));
        });
        QVERIFY(memoryAttempts >= 8);
    }

    void memoryEvidenceNamesTheFailure_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("pattern");
        QTest::addRow("oom-killed") << QStringLiteral("oom-killed") << QStringLiteral("Killed|exit code 137");
        QTest::addRow("runner-lost") << QStringLiteral("runner-lost")
                                     << QStringLiteral("shutdown signal|lost communication");
        QTest::addRow("jvm-heap") << QStringLiteral("jvm-heap")
                                  << QStringLiteral("OutOfMemoryError|daemon disappeared");
        QTest::addRow("node-heap") << QStringLiteral("node-heap") << QStringLiteral("JavaScript heap out of memory");
        QTest::addRow("compiler-oom")
            << QStringLiteral("compiler-oom")
            << QStringLiteral(
                   "cc1plus|virtual memory exhausted|LLVM ERROR: out of memory|memory allocation of \\d+ bytes failed");
        QTest::addRow("native-alloc")
            << QStringLiteral("native-alloc")
            << QStringLiteral(
                   "bad_alloc|Cannot allocate memory|runtime: out of memory|MemoryError|OutOfMemoryException");
        QTest::addRow("gpu-oom") << QStringLiteral("gpu-oom")
                                 << QStringLiteral("CUDA (out of memory|error: out of memory)");
        QTest::addRow("disk-full") << QStringLiteral("disk-full") << QStringLiteral("(?i)no space left on device");
    }
    void memoryEvidenceNamesTheFailure()
    {
        QFETCH(QString, category);
        QFETCH(QString, pattern);
        const QRegularExpression re(pattern);
        int checked = 0;
        forEachAttempt([&](const SampleRun&, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            if (categoryId(attempt.category) != category)
                return;
            QVERIFY(attempt.isTaxonomy());
            QCOMPARE(attempt.isMemory(), attempt.category != SampleCategory::DiskFull);
            QVERIFY2(re.match(rendered.evidence.front().text).hasMatch(), qPrintable(rendered.evidence.front().text));
            ++checked;
        });
        QVERIFY(checked > 0);
    }

    void hardNegativesMentionMemoryHarmlessly()
    {
        const QRegularExpression words(QStringLiteral("(?i)memory|oom|heap|\\b137\\b|room|zoom|bloom|enomem"));
        int hardNegatives = 0;
        forEachAttempt([&](const SampleRun& run, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            if (!attempt.hardNegative)
                return;
            ++hardNegatives;
            QVERIFY(!attempt.isTaxonomy());
            QVERIFY(!attempt.isMemory());
            bool mentions = false;
            for (const RenderedEntry& entry : rendered.entries)
                mentions = mentions || words.match(QString::fromUtf8(entry.data)).hasMatch();
            QVERIFY2(mentions, qPrintable(QString::number(run.id)));
        });
        QVERIFY(hardNegatives > 0);
    }

    void bothArchiveShapes()
    {
        int modern = 0, perStep = 0;
        const QRegularExpression stepFile(QStringLiteral("^[^/]+/(\\d+)_[^/]+\\.txt$"));
        const QRegularExpression topFile(QStringLiteral("^(\\d+)_[^/]+\\.txt$"));
        forEachAttempt([&](const SampleRun&, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            int stepFiles = 0;
            for (const RenderedEntry& entry : rendered.entries) {
                QVERIFY2(!entry.name.section(QLatin1Char('/'), -1).contains(QLatin1Char(':')), qPrintable(entry.name));
                const bool top = topFile.match(entry.name).hasMatch();
                const bool system = entry.name.endsWith(QLatin1String("/system.txt"));
                const bool step = !system && stepFile.match(entry.name).hasMatch();
                QVERIFY2(top || system || step, qPrintable(entry.name));
                if (top && attempt.modernArchive)
                    QVERIFY(entry.name.startsWith(QLatin1String("0_")));
                stepFiles += step;
            }
            if (attempt.modernArchive) {
                ++modern;
                QCOMPARE(stepFiles, 0);
                QCOMPARE(int(rendered.entries.size()), int(attempt.jobs.size()) * 2);
            } else {
                ++perStep;
                QVERIFY(stepFiles > 0);
            }
        });
        QVERIFY(modern > 0);
        QVERIFY(perStep > 0);
    }

    void stepFilesMatchJobsApi()
    {
        forEachAttempt([&](const SampleRun&, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            for (const SampleJob& job : attempt.jobs) {
                const QString folder = LogWriter::entryName(job.name) + QLatin1Char('/');
                std::set<QString> expected, actual;
                int previous = 0;
                for (const SampleStep& step : job.steps) {
                    QVERIFY(step.number > previous); // numbers grow; post steps skip some
                    previous = step.number;
                    QVERIFY(step.startedAt <= step.completedAt);
                    if (step.hasLog() && !attempt.modernArchive)
                        expected.insert(folder + QString::number(step.number) + QLatin1Char('_')
                            + LogWriter::entryName(step.name) + QStringLiteral(".txt"));
                }
                for (const RenderedEntry& entry : rendered.entries) {
                    if (entry.name.startsWith(folder) && !entry.name.endsWith(QLatin1String("/system.txt")))
                        actual.insert(entry.name);
                }
                QCOMPARE(actual, expected);
                QVERIFY(job.steps.back().number > int(job.steps.size())); // skipped numbers
            }
        });
    }

    void timestampsInsideStepTimes()
    {
        forEachAttempt([&](const SampleRun& run, const SampleAttempt& attempt, const RenderedAttempt& rendered) {
            for (size_t j = 0; j < attempt.jobs.size(); ++j) {
                const SampleJob& job = attempt.jobs[j];
                const QString top = QString::number(attempt.modernArchive ? 0 : int(j)) + QLatin1Char('_')
                    + LogWriter::entryName(job.name) + QStringLiteral(".txt");
                const RenderedEntry* entry = findEntry(rendered, top);
                QVERIFY2(entry, qPrintable(top));
                QVERIFY(entry->data.startsWith(kBom));
                // Lines in order; each step's lines inside [started_at, completed_at + 1 s).
                std::vector<const SampleStep*> logged;
                for (const SampleStep& step : job.steps) {
                    if (step.hasLog())
                        logged.push_back(&step);
                }
                qint64 last = 0;
                size_t stepIndex = 0;
                int groupRuns = 0;
                for (const QByteArray& line : splitLines(entry->data)) {
                    const qint64 t = stampOf(line);
                    if (t < 0)
                        continue;
                    QVERIFY2(
                        t >= last, qPrintable(QStringLiteral("run %1: %2").arg(run.id).arg(QString::fromUtf8(line))));
                    last = t;
                    while (stepIndex + 1 < logged.size()
                        && t >= logged[stepIndex + 1]->startedAt.toSecsSinceEpoch() * 10000000
                        && t >= (logged[stepIndex]->completedAt.toSecsSinceEpoch() + 1) * 10000000)
                        ++stepIndex;
                    const SampleStep& step = *logged[stepIndex];
                    QVERIFY2(t >= step.startedAt.toSecsSinceEpoch() * 10000000
                            && t < (step.completedAt.toSecsSinceEpoch() + 1) * 10000000,
                        qPrintable(
                            QStringLiteral("run %1 step %2: %3").arg(run.id).arg(step.name, QString::fromUtf8(line))));
                    groupRuns += line.contains("Z ##[group]Run ");
                }
                QVERIFY(job.startedAt <= job.completedAt);
                // The 2025 shape is split into steps by `##[group]Run` markers: one per main step.
                int runSteps = 0;
                for (const SampleStep* step : logged)
                    runSteps += step->kind >= StepKind::Checkout && step->kind <= StepKind::Diagnose;
                QVERIFY(groupRuns >= runSteps);
            }
        });
    }

    void zipMatchesRenderedEntries()
    {
        const SampleRun* run = nullptr;
        for (const SampleRun& candidate : m_corpus.runs()) {
            if (!candidate.expired && !candidate.latest().modernArchive) {
                run = &candidate;
                break;
            }
        }
        QVERIFY(run);
        Result<RenderedAttempt> rendered = m_corpus.render(*run, run->runAttempt);
        Result<QByteArray> bytes = m_corpus.archive(*run, run->runAttempt);
        QVERIFY(rendered.ok() && bytes.ok());
        QBuffer buffer(&*bytes);
        QuaZip zip(&buffer);
        QVERIFY(zip.open(QuaZip::mdUnzip));
        QCOMPARE(zip.getEntriesCount(), int(rendered->entries.size()));
        for (const RenderedEntry& entry : rendered->entries) {
            QVERIFY2(zip.setCurrentFile(entry.name), qPrintable(entry.name));
            QuaZipFile file(&zip);
            QuaZipFileInfo64 info;
            QVERIFY(zip.getCurrentFileInfo(&info));
            QCOMPARE(info.method, quint16(Z_DEFLATED));
            QCOMPARE(info.dateTime.date(), run->latest().completedAt.date());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), entry.data);
        }
    }

    void runsLookLikeGitHub()
    {
        std::set<qint64> ids;
        std::set<int> ecosystems;
        std::set<QString> events;
        int reruns = 0, expired = 0;
        qint64 previous = 0;
        for (const SampleRun& run : m_corpus.runs()) {
            QVERIFY(run.id > previous); // ids grow with creation time
            previous = run.id;
            QVERIFY(ids.insert(run.id).second);
            ecosystems.insert(int(m_corpus.repoOf(run).ecosystem));
            events.insert(run.event);
            reruns += run.runAttempt > 1;
            expired += run.expired;
            QCOMPARE(run.runAttempt, int(run.attempts.size()));
            QCOMPARE(run.conclusion, run.latest().conclusion);
            QVERIFY(run.createdAt <= run.runStartedAt && run.runStartedAt <= run.updatedAt);
            QCOMPARE(run.headSha.size(), 40);
            QVERIFY(run.htmlUrl.endsWith(QString::number(run.id)));
            for (const SampleAttempt& attempt : run.attempts) {
                for (const SampleJob& job : attempt.jobs) {
                    QVERIFY(ids.insert(job.id).second);
                    QCOMPARE(job.startedAt.time().msec(), 0);
                    QVERIFY(!job.labels.isEmpty() && !job.runnerName.isEmpty());
                }
            }
        }
        QCOMPARE(int(ecosystems.size()), kEcosystemCount);
        QVERIFY(events.count(QStringLiteral("push")) && events.count(QStringLiteral("pull_request"))
            && events.count(QStringLiteral("schedule")));
        QVERIFY(reruns > 0);
        QVERIFY(expired > 0);
        const qint64 span = m_corpus.runs().front().createdAt.daysTo(m_corpus.runs().back().createdAt);
        QVERIFY(span > 60); // months, not days
    }

    void apiJson()
    {
        const SampleRun* rerun = nullptr;
        for (const SampleRun& run : m_corpus.runs()) {
            if (run.runAttempt > 1) {
                rerun = &run;
                break;
            }
        }
        QVERIFY(rerun);
        const SampleRepo& repo = m_corpus.repoOf(*rerun);
        const QJsonObject latest = SampleJson::run(repo, *rerun, 0, QStringLiteral("http://127.0.0.1:1"));
        for (const char* field :
            { "id", "name", "head_branch", "head_sha", "event", "status", "conclusion", "workflow_id", "run_number",
                "run_attempt", "created_at", "updated_at", "run_started_at", "html_url", "actor", "path", "logs_url" })
            QVERIFY2(latest.contains(QLatin1String(field)), field);
        QCOMPARE(latest.value(QLatin1String("run_attempt")).toInt(), rerun->runAttempt);
        QCOMPARE(latest.value(QLatin1String("logs_url")).toString(),
            QStringLiteral("http://127.0.0.1:1/repos/%1/actions/runs/%2/logs").arg(repo.fullName()).arg(rerun->id));
        const QJsonObject first = SampleJson::run(repo, *rerun, 1);
        QCOMPARE(first.value(QLatin1String("run_attempt")).toInt(), 1);
        QCOMPARE(first.value(QLatin1String("conclusion")).toString(), rerun->attempts[0].conclusion);
        QVERIFY(first.value(QLatin1String("previous_attempt_url")).isNull());

        const SampleJob& job = rerun->attempts[0].jobs.front();
        const QJsonObject json = SampleJson::job(repo, *rerun, 1, job);
        QCOMPARE(json.value(QLatin1String("id")).toInteger(), job.id);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                    .match(json.value(QLatin1String("started_at")).toString())
                    .hasMatch());
        const QJsonArray steps = json.value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.size(), qsizetype(job.steps.size()));
        QVERIFY(
            steps.first().toObject().value(QLatin1String("started_at")).toString().endsWith(QLatin1String(".000Z")));

        Result<QByteArray> log = m_corpus.jobLog(*rerun, 1, job.id);
        QVERIFY(log.ok());
        QVERIFY(log->contains("Current runner version: '"));
        QVERIFY(!m_corpus.jobLog(*rerun, 1, job.id + 999999999).ok());
    }

    void outcomeMixIsHonoured_data()
    {
        QTest::addColumn<int>("only");
        QTest::addRow("success") << int(SampleCategory::Success);
        QTest::addRow("oom-killed") << int(SampleCategory::OomKilled);
        QTest::addRow("disk-full") << int(SampleCategory::DiskFull);
    }
    void outcomeMixIsHonoured()
    {
        QFETCH(int, only);
        SampleOptions options = smallOptions();
        options.runsPerRepo = 3;
        options.mix.weights.fill(0);
        options.mix.weights[size_t(only)] = 1;
        options.mix.rerunRate = 0;
        const SampleCorpus corpus = SampleCorpus::generate(options);
        for (const SampleRun& run : corpus.runs())
            QCOMPARE(int(run.attempts.front().category), only);
    }

    void seedLayout()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Result<SeedLayoutSummary> summary = SeedLayoutWriter(m_corpus).write(dir.path(), false);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->runs, int(m_corpus.runs().size()));

        QFile runs(dir.filePath(QStringLiteral("workflow_runs.csv")));
        QVERIFY(runs.open(QIODevice::ReadOnly));
        const QList<QByteArray> runLines = splitLines(runs.readAll());
        QCOMPARE(runLines.first(),
            QByteArray(
                "repo,run_id,run_number,workflow_name,event,branch,status,conclusion,created_at,html_url,log_url"));
        QCOMPARE(runLines.size(), int(m_corpus.runs().size()) + 1);

        QFile labels(dir.filePath(QStringLiteral("labels.csv")));
        QVERIFY(labels.open(QIODevice::ReadOnly));
        const QList<QByteArray> labelLines = splitLines(labels.readAll());
        QVERIFY(labelLines.first().startsWith("run_id,attempt,repo,category,is_memory,evidence_entry,evidence_line"));
        QCOMPARE(labelLines.size(), summary->attempts + 1);

        for (const SampleRun& run : m_corpus.runs()) {
            const SampleRepo& repo = m_corpus.repoOf(run);
            const QString folder = (run.conclusion == QLatin1String("success") ? QStringLiteral("logs_normal/")
                                                                               : QStringLiteral("logs_failure/"))
                + QString::number(run.id);
            QCOMPARE(QFileInfo::exists(dir.filePath(folder)), !run.expired);
            QCOMPARE(QFileInfo::exists(
                         dir.filePath(QStringLiteral("zips/%1/%2/%3-1.zip").arg(repo.owner, repo.name).arg(run.id))),
                !run.expired);
        }
    }

    // Integration with the core's log reader and taxonomy (branches logs and taxonomy): every
    // archive opens, its jobs and steps are found, and the scan names each failure's category.
    void logReaderOpensEveryArchive()
    {
        QTemporaryDir dir;
        QVERIFY(SeedLayoutWriter(m_corpus).write(dir.path(), false).ok());
        for (const SampleRun& run : m_corpus.runs()) {
            if (run.expired)
                continue;
            const SampleRepo& repo = m_corpus.repoOf(run);
            for (const SampleAttempt& attempt : run.attempts) {
                const QString zip = dir.filePath(
                    QStringLiteral("zips/%1/%2/%3-%4.zip").arg(repo.owner, repo.name).arg(run.id).arg(attempt.number));
                Result<logs::LogSource> source = logs::LogSource::open(zip);
                QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error()));
                QCOMPARE(source->jobNames().size(), qsizetype(attempt.jobs.size()));
                for (const SampleJob& job : attempt.jobs) {
                    const QString jobName = LogWriter::entryName(job.name);
                    QVERIFY2(source->jobNames().contains(jobName),
                        qPrintable(jobName + QStringLiteral(" in ") + source->jobNames().join(QLatin1Char('|'))));
                    Result<QList<logs::StepRange>> steps = source->steps(jobName);
                    QVERIFY2(steps.ok(), qPrintable(steps.ok() ? QString() : steps.error()));
                    QVERIFY2(!steps->isEmpty(), qPrintable(zip));
                }
            }
        }
    }

    void scanFindsEachCategory()
    {
        QTemporaryDir dir;
        QVERIFY(SeedLayoutWriter(m_corpus).write(dir.path(), false).ok());
        Result<logs::RunScanner> scanner = logs::RunScanner::create();
        QVERIFY(scanner.ok());
        QStringList wrong;
        int taxonomyAttempts = 0;
        for (const SampleRun& run : m_corpus.runs()) {
            if (run.expired)
                continue;
            const SampleRepo& repo = m_corpus.repoOf(run);
            for (const SampleAttempt& attempt : run.attempts) {
                logs::RunSource source;
                source.kind = logs::RunSource::Kind::Zip;
                source.path = dir.filePath(
                    QStringLiteral("zips/%1/%2/%3-%4.zip").arg(repo.owner, repo.name).arg(run.id).arg(attempt.number));
                source.name = source.path;
                const logs::RunScan scanned = scanner->scan(source);
                QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
                const logs::RunScanResult& result = *scanned;
                const QString found
                    = result.finalCategory ? logs::categoryId(*result.finalCategory) : QStringLiteral("none");
                const QString expected = attempt.isTaxonomy() ? categoryId(attempt.category) : QStringLiteral("none");
                taxonomyAttempts += attempt.isTaxonomy();
                if (found != expected)
                    wrong << QStringLiteral("%1-%2 %3%4: found %5")
                                 .arg(run.id)
                                 .arg(attempt.number)
                                 .arg(categoryId(attempt.category),
                                     attempt.hardNegative ? QStringLiteral(" (hard negative)") : QString(), found);
            }
        }
        QVERIFY(taxonomyAttempts >= 8);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

    void refusesForeignFolder()
    {
        QTemporaryDir dir;
        QFile foreign(dir.filePath(QStringLiteral("thesis.tex")));
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.close();
        SampleOptions options = smallOptions();
        options.repoCount = 1;
        options.runsPerRepo = 1;
        const SampleCorpus corpus = SampleCorpus::generate(options);
        Result<SeedLayoutSummary> refused = SeedLayoutWriter(corpus).write(dir.path(), false);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(dir.path()), qPrintable(refused.error()));
        QVERIFY(SeedLayoutWriter(corpus).write(dir.path(), true).ok());
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("thesis.tex"))));
        QVERIFY(SeedLayoutWriter(corpus).write(dir.path(), false).ok()); // now it holds our marker
    }
};

QTEST_GUILESS_MAIN(TestSampleCorpus)
#include "tst_samplecorpus.moc"
