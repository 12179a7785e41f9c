// The feature extractor's fast path (a Hyperscan prefilter decides which per-line checks a line gets,
// steps found in the same pass) against the plain path that gives every line every check: features,
// evidence lines, templates and error lines must be identical, on the sample corpus and on hostile lines.
#include "features/featurecatalog.h"
#include "features/linetemplate.h"
#include "features/runextraction.h"
#include "logs/logsource.h"
#include "logs/runentries.h"
#include "logs/steprange.h"
#include "sample/samplecorpus.h"
#include "taxonomy/lineprefilter.h"
#include "taxonomy/taxonomy.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using namespace runlens::features;

namespace {
// Pieces that hostile lines are made of: escapes inside words, broken timestamps, markers, every cue
// and summary form, lookalikes, invalid UTF-8, NUL bytes, CR, lines longer than the cue scan.
const QList<QByteArray>& fragments()
{
    static const QList<QByteArray> pieces {
        "2024-01-28T19:27:24.9408212Z ",
        "2024-02-29T23:59:59.9999999Z ",
        "2023-02-29T10:00:00.0000000Z ",
        "2024-01-28T24:00:00.0000000Z ",
        "2024-01-28T19:27:24.940821Z ",
        "2024-01-28T19:27:24.9408212Zx",
        "\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90",
        "\xEF\xBB\xBF",
        "##[error]",
        "##[warning]",
        "##[group]",
        "##[endgroup]",
        "##[group]Run ",
        "[command]",
        "##[",
        "\x1b[1m",
        "\x1b[0m",
        "\x1b]0;title\x07",
        "\x1b",
        "err",
        "or",
        "fa",
        "il",
        "Run npm test",
        "Post job cleanup.",
        "Post job",
        " cleanup.",
        "Cleaning up orphan processes",
        "Process completed with exit code ",
        "137",
        "143",
        "-1",
        "0",
        "99999999999",
        "error",
        "ERROR",
        "err!",
        "Exception",
        "caused by:",
        "FATAL",
        "panic:",
        "segmentation fault",
        "core dumped",
        "fail",
        "FAILED",
        "failed",
        "Failures: 0",
        "0 failed",
        "traceback (most recent call last)",
        "src/a.c:12:5: error",
        "A.java:[42,46] ",
        "  at pkg.Cls.m(File.java:12)",
        "AssertionError",
        "expected 1 but was 2",
        "Full GC",
        "pause full",
        "GC (Allocation Failure)",
        "Mark-Compact",
        "scavenge",
        "swap space",
        "Low memory",
        "heap usage",
        "approaching heap limit",
        "--- FAIL: TestParse (0.00s)",
        "test result: FAILED. 10 passed; 2 failed; 0 ignored;",
        "Tests run: 120, Failures: 2, Errors: 1, Skipped: 3",
        ", Time elapsed",
        "42 tests completed, 3 failed, 1 skipped",
        "[  FAILED  ] 3 tests, listed below:",
        "[  PASSED  ] 97 tests.",
        "Tests:       2 failed, 1 skipped, 40 passed, 43 total",
        "===== 2 failed, 118 passed, 3 skipped in 12.3s =====",
        "= passed in 1s =",
        "\xC2\xA0",
        "\xFF",
        QByteArray("\0", 1),
        "\t",
        " ",
        "-----",
        "0x7fff1234",
        "deadbeef12",
        "/usr/lib/x",
        "3.14",
        "Killed",
        "OOMKilled",
        "out of memory",
        "received a shutdown signal",
        "exit code 143",
        "No space left on device",
        "java.lang.OutOfMemoryError",
        "\r",
        QByteArray(2100, 'E'),
        QByteArray(2100, 'x') + " error",
    };
    return pieces;
}

QByteArray hostileLog(quint32 seed)
{
    QRandomGenerator random(seed);
    const QList<QByteArray>& pieces = fragments();
    QByteArray log;
    const int lines = random.bounded(50, 400);
    for (int i = 0; i < lines; ++i) {
        const int count = random.bounded(1, 8);
        for (int k = 0; k < count; ++k)
            log += pieces.at(random.bounded(int(pieces.size())));
        log += seed % 3 == 0 ? "\r\n" : "\n";
    }
    if (seed % 2)
        log.chop(1);
    return log;
}

QString describeRefs(const QList<LineRef>& refs)
{
    QStringList parts;
    for (const LineRef& ref : refs)
        parts << ref.entry + QLatin1Char(':') + QString::number(ref.line);
    return parts.join(QLatin1Char(' '));
}
} // namespace

class TestFeaturePrefilter : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<const logs::Taxonomy> m_taxonomy;

    // Extracts `path` both ways and compares everything the extractor produces.
    void compareBothWays(const QString& path)
    {
        const RunInput input { path, {}, {}, false, path };
        const Result<RunFeatures> fastResult = extractRun(input, m_taxonomy, LinePrefiltering::On);
        const Result<RunFeatures> plainResult = extractRun(input, m_taxonomy, LinePrefiltering::Off);
        QVERIFY2(plainResult, plainResult ? "" : qPrintable(plainResult.error()));
        QVERIFY2(fastResult, fastResult ? "" : qPrintable(fastResult.error()));
        const RunFeatures& fast = *fastResult;
        const RunFeatures& plain = *plainResult;
        for (const FeatureDefinition& def : featureCatalog()) {
            const auto f = size_t(def.feature);
            QVERIFY2(fast.values[f] == plain.values[f] || (qIsNaN(fast.values[f]) && qIsNaN(plain.values[f])),
                qPrintable(QStringLiteral("%1 of %2: %3 instead of %4")
                               .arg(def.id, path)
                               .arg(fast.values[f])
                               .arg(plain.values[f])));
            QVERIFY2(fast.evidence[f] == plain.evidence[f],
                qPrintable(QStringLiteral("evidence of %1 in %2: %3 instead of %4")
                               .arg(def.id, path, describeRefs(fast.evidence[f]), describeRefs(plain.evidence[f]))));
        }
        QVERIFY(fast.templates == plain.templates);
        QCOMPARE(fast.errorLines.size(), plain.errorLines.size());
        for (size_t i = 0; i < plain.errorLines.size(); ++i) {
            QCOMPARE(fast.errorLines[i].hash, plain.errorLines[i].hash);
            QCOMPARE(fast.errorLines[i].ref, plain.errorLines[i].ref);
        }
        QCOMPARE(fast.finalCause, plain.finalCause);
    }

    // The steps the extractor counted (found in its own pass) are those of logs::stepsFromGroupMarkers().
    void compareSteps(const QString& path)
    {
        const Result<RunFeatures> extracted
            = extractRun({ path, {}, {}, false, path }, m_taxonomy, LinePrefiltering::On);
        QVERIFY2(extracted, extracted ? "" : qPrintable(extracted.error()));
        const RunFeatures& run = *extracted;
        const Result<logs::LogSource> source = logs::LogSource::open(path);
        QVERIFY2(source, source ? "" : qPrintable(source.error()));
        QList<LineRef> starts;
        for (int index : logs::entriesHoldingRunLines(*source)) {
            const Result<QByteArray> data = source->readEntry(index);
            QVERIFY(data);
            const QString& name = source->entries().at(index).name;
            for (const logs::StepRange& step : logs::stepsFromGroupMarkers(*data, name, index))
                starts.append({ name, step.firstLine });
        }
        QCOMPARE(run.value(Feature::Steps), double(starts.size()));
        QCOMPARE(run.evidenceOf(Feature::Steps), starts.first(qMin<qsizetype>(starts.size(), kMaxEvidenceLines)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto taxonomy = logs::Taxonomy::create();
        QVERIFY2(taxonomy, taxonomy ? "" : qPrintable(taxonomy.error()));
        m_taxonomy = *taxonomy;
    }

    void sameFeaturesOnTheSampleCorpus()
    {
        sample::SampleOptions options;
        options.seed = 18;
        options.repoCount = 8;
        options.runsPerRepo = 4;
        options.maxJobLines = 3000;
        const sample::SampleCorpus corpus = sample::SampleCorpus::generate(options);
        int compared = 0;
        for (const sample::SampleRun& run : corpus.runs()) {
            const Result<QByteArray> zip = corpus.archive(run, 1);
            if (!zip)
                continue; // expired logs
            const QString path = test::writeFile(m_dir.path(), QStringLiteral("run-%1.zip").arg(run.id), *zip);
            QVERIFY(!path.isEmpty());
            compareBothWays(path);
            compareSteps(path);
            ++compared;
        }
        QVERIFY(compared >= 16);
    }

    void sameFeaturesOnHostileLines_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 0; seed < 24; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void sameFeaturesOnHostileLines()
    {
        QFETCH(quint32, seed);
        const QString path
            = test::writeFile(m_dir.path(), QStringLiteral("hostile-%1.txt").arg(seed), hostileLog(seed));
        QVERIFY(!path.isEmpty());
        compareBothWays(path);
        compareSteps(path);
    }

    // More coloured text in one entry than the extractor keeps its stripped-text buffer for (16 MiB): the
    // buffer is released before the next entry, not while this entry's lines still point into it (under
    // AddressSanitizer a use after free; without it, lines read from freed memory).
    void hugeColouredEntry()
    {
        QByteArray log;
        const QByteArray words = " step 12 failed in /tmp/a" + QByteArray(200, 'x');
        const QByteArray line = "2024-01-28T19:27:24.0000000Z \x1b[31merror:\x1b[0m" + words + '\n';
        const int kLines = (17 << 20) / int(words.size()); // > 16 MiB of stripped text
        log.reserve(qsizetype(kLines) * line.size() + 100);
        for (int i = 0; i < kLines; ++i)
            log += line;
        log += "2024-01-28T19:27:25.0000000Z Process completed with exit \x1b[1mcode 137\n";
        const QString path = test::writeFile(m_dir.path(), QStringLiteral("huge-coloured.txt"), log);
        QVERIFY(!path.isEmpty());
        const Result<RunFeatures> extracted
            = extractRun({ path, {}, {}, false, path }, m_taxonomy, LinePrefiltering::On);
        QVERIFY2(extracted, extracted ? "" : qPrintable(extracted.error()));
        QCOMPARE(extracted->value(Feature::LastExitCode), 137.0);
        QCOMPARE(extracted->errorLines.size(), size_t(kLines));
        QCOMPARE(extracted->errorLines.front().hash, lineTemplateHash(QByteArray("error:" + words)));
        QCOMPARE(extracted->templates.size(), size_t(2));
    }

    // Words split by escapes are found only after stripping them: the prefilter must not skip those lines.
    void escapesInsideWordsStillCount()
    {
        const QByteArray log = "2024-01-28T19:27:24.0000000Z Process completed with exit \x1b[1mcode 137\n"
                               "2024-01-28T19:27:25.0000000Z Full\x1b[0m GC (Allocation Failure)\n"
                               "2024-01-28T19:27:26.0000000Z Post job\x1b[0m cleanup.\n"
                               "2024-01-28T19:27:27.0000000Z Tests:\x1b[0m 2 failed, 3 total\n"
                               "2024-01-28T19:27:28.0000000Z err\x1b[31mor: it broke\n";
        const QString path = test::writeFile(m_dir.path(), QStringLiteral("escapes.txt"), log);
        const Result<RunFeatures> extracted
            = extractRun({ path, {}, {}, false, path }, m_taxonomy, LinePrefiltering::On);
        QVERIFY2(extracted, extracted ? "" : qPrintable(extracted.error()));
        const RunFeatures& run = *extracted;
        QCOMPARE(run.value(Feature::LastExitCode), 137.0);
        QCOMPARE(run.value(Feature::MemoryPressureMarkers), 1.0);
        QCOMPARE(run.value(Feature::Steps), 2.0);
        QCOMPARE(run.value(Feature::TestFailures), 2.0);
        QList<qint64> errorLines; // "Allocation Failure", "2 failed", "error:"
        for (const TemplatedLine& line : run.errorLines)
            errorLines << line.ref.line;
        QCOMPARE(errorLines, QList<qint64>({ 2, 4, 5 }));
        compareBothWays(path);
    }

    // Cached templates (feature cache, failure-line ranking) depend on these exact values.
    void templateHashesAreStable()
    {
        QCOMPARE(lineTemplateHash("Compiled 12 files in 3.4s"), 0x22bbe70b989f4f57ULL);
        QCOMPARE(lineTemplateHash("[INFO] -----"), 0x6fa110674bbcc2aeULL);
        QCOMPARE(lineTemplateHash("cd /tmp/a1"), 0xa3ba0d610776cb54ULL);
        QCOMPARE(lineTemplateHash("commit 0123abcdef9 at 0x7fff"), 0x6f8f077908523fe9ULL);
        QCOMPARE(lineTemplateHash("a - b"), 0x6320c097dfcc47dULL);
        QCOMPARE(lineTemplateHash(""), 0x14650fb0739d0383ULL);
    }

    void linePrefilterMarksLines()
    {
        using logs::LinePrefilter;
        const std::vector<LinePrefilter::Pattern> patterns { { 0, LinePrefilter::literal("a.b(c)"), false },
            { 3, LinePrefilter::literal("ERR"), true }, { 63, LinePrefilter::literal("\x1b"), false } };
        auto prefilter = LinePrefilter::create(patterns, QStringLiteral("test"));
        QVERIFY2(prefilter, prefilter ? "" : qPrintable(prefilter.error()));
        auto scratch = (*prefilter)->makeScratch();
        const QByteArray text = "axb(c)\nerr a.b(c)\nnothing\n\x1b[1m A.B(C)";
        const std::vector<LinePrefilter::Line> lines = (*prefilter)->scan(text, *scratch);
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[0].start, size_t(7));
        QCOMPARE(lines[0].end, size_t(17));
        QCOMPARE(lines[0].mask, (quint64(1) << 0) | (quint64(1) << 3));
        QCOMPARE(lines[1].start, size_t(26));
        QCOMPARE(lines[1].end, size_t(text.size()));
        QCOMPARE(lines[1].mask, quint64(1) << 63);
        QVERIFY((*prefilter)->scan(QByteArrayView(), *scratch).empty());

        const std::vector<LinePrefilter::Pattern> tooHigh { { 64, "x", false } };
        QVERIFY(!LinePrefilter::create(tooHigh, QStringLiteral("test")));
        const std::vector<LinePrefilter::Pattern> broken { { 1, "(unclosed", false } };
        const auto error = LinePrefilter::create(broken, QStringLiteral("broken set"));
        QVERIFY(!error);
        QVERIFY2(
            error.error().contains(QLatin1String("broken set")) && error.error().contains(QLatin1String("(unclosed")),
            qPrintable(error.error()));
    }
};

QTEST_GUILESS_MAIN(TestFeaturePrefilter)
#include "tst_featureprefilter.moc"
