// Throughput of FeatureExtractor on one core, in MB of decoded log text per second (issue #18: features
// from tar.gz at the speed of inflating, >= 250 MB/s per core). bytes_per_second counts the job logs the
// features read; archive_text_per_second (Extract of tar.gz) counts every entry of the archives, step logs included,
// as the dataset's "640 GB of log text" does: GitHub's archives hold each job's text twice, and gzip
// inflates both.
//   bench_features [Google Benchmark flags]
//   bench_features --dump FILE [PATHS...]   writes every input's features (values, evidence, templates,
//                                           error lines, final cause) as text, to compare two builds
// Inputs, written once into a temporary folder:
//   - a GHALogs-shaped dataset from the generator (sample corpus log text, one tar.gz per run), and the
//     same archives unpacked into run folders (features without inflating);
//   - the real logs of $RUNLENS_REALLOGS (default /work/shared/reallogs) when present: every *.txt and
//     *.zip there, read in place (never copied);
//   - the real GHALogs archives of $RUNLENS_GHALOGS (default /work/shared/ghalogs, the dataset's example
//     run) when present: every *.tar.gz there, read in place.
// "Read" benchmarks only open the sources and decode every entry: Extract minus Read is the feature
// work itself.
#include "features/featureextractor.h"
#include "features/linetemplate.h"
#include "ghalogs/ghalogsgenerator.h"
#include "logs/linesplitter.h"
#include "logs/logsource.h"
#include "logs/runentries.h"
#include "taxonomy/taxonomy.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace runlens;

namespace {
constexpr int kRuns = 300;

struct Inputs
{
    QStringList tarGz;
    QStringList folders;
    QStringList real;
    QStringList ghalogs;
};

QStringList filesUnder(const QString& dir, const QStringList& nameFilters)
{
    QStringList files;
    QDirIterator it(dir, nameFilters, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// Unpacks the run's decoded entries into `folder`, the extracted-run-folder form LogSource also reads.
bool unpack(const QString& archive, const QString& folder)
{
    const Result<logs::LogSource> source = logs::LogSource::open(archive);
    if (!source)
        return false;
    for (int i = 0; i < source->entries().size(); ++i) {
        const Result<QByteArray> data = source->readEntry(i);
        const QString path = folder + QLatin1Char('/') + source->entries().at(i).name;
        if (!data || !QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*data) != data->size())
            return false;
    }
    return true;
}

const Inputs& inputs()
{
    static QTemporaryDir dir;
    static const Inputs made = [] {
        Inputs in;
        ghalogs::GhaLogsGeneratorOptions options;
        options.outDir = dir.filePath(QStringLiteral("dataset"));
        options.runs = kRuns;
        if (const auto summary = ghalogs::GhaLogsGenerator(options).run(); !summary) {
            std::fprintf(stderr, "generate: %s\n", qPrintable(summary.error()));
            std::exit(1);
        }
        in.tarGz = filesUnder(options.outDir, { QStringLiteral("*.tar.gz") });
        for (qsizetype i = 0; i < in.tarGz.size(); ++i) {
            const QString folder = dir.filePath(QStringLiteral("folders/%1").arg(i));
            if (unpack(in.tarGz.at(i), folder))
                in.folders << folder;
        }
        const QString real = qEnvironmentVariable("RUNLENS_REALLOGS", QStringLiteral("/work/shared/reallogs"));
        if (QFileInfo(real).isDir())
            in.real = filesUnder(real, { QStringLiteral("*.txt"), QStringLiteral("*.zip") });
        in.real.removeIf([](const QString& path) { return path.endsWith(QLatin1String("ZIP-SOURCES.txt")); });
        const QString ghalogs = qEnvironmentVariable("RUNLENS_GHALOGS", QStringLiteral("/work/shared/ghalogs"));
        if (QFileInfo(ghalogs).isDir())
            in.ghalogs = filesUnder(ghalogs, { QStringLiteral("*.tar.gz") });
        return in;
    }();
    return made;
}

const QStringList& pathsOf(int kind)
{
    const Inputs& in = inputs();
    return kind == 0 ? in.tarGz : kind == 1 ? in.folders : kind == 2 ? in.real : in.ghalogs;
}

void BM_Read(benchmark::State& state)
{
    const QStringList& paths = pathsOf(int(state.range(0)));
    qint64 bytes = 0;
    for (auto _ : state) {
        bytes = 0;
        for (const QString& path : paths) {
            const Result<logs::LogSource> source = logs::LogSource::open(path);
            if (!source)
                continue;
            for (int index : logs::entriesHoldingRunLines(*source)) {
                if (const Result<QByteArray> data = source->readEntry(index))
                    bytes += data->size();
            }
        }
    }
    state.SetBytesProcessed(state.iterations() * bytes);
}

// Every entry's bytes as stored, step logs included: the archives' whole text, what inflating produces and
// what the dataset's "640 GB of log text" counts.
qint64 archiveTextBytes(const QStringList& paths)
{
    qint64 bytes = 0;
    for (const QString& path : paths) {
        if (const Result<logs::LogSource> source = logs::LogSource::open(path)) {
            for (const logs::LogEntry& entry : source->entries())
                bytes += std::max<qint64>(entry.size, 0);
        }
    }
    return bytes;
}

void BM_Extract(benchmark::State& state)
{
    const QStringList& paths = pathsOf(int(state.range(0)));
    const auto extractor = features::FeatureExtractor(logs::Taxonomy::create().value());
    const bool archives = state.range(0) == 0 || state.range(0) == 3; // tar.gz: every entry is inflated
    const qint64 archiveText = archives ? archiveTextBytes(paths) : 0;
    qint64 bytes = 0;
    for (auto _ : state) {
        bytes = 0;
        for (const QString& path : paths) {
            const Result<features::RunFeatures> run = extractor.extract({ path, {}, {}, false, path });
            if (!run) {
                state.SkipWithError(qPrintable(run.error()));
                return;
            }
            bytes += qint64(run->value(features::Feature::LogBytes));
            benchmark::DoNotOptimize(run->values.data());
        }
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters["runs"] = double(paths.size());
    if (archives)
        state.counters["archive_text_per_second"]
            = benchmark::Counter(double(state.iterations()) * double(archiveText), benchmark::Counter::kIsRate);
}

// lineTemplateHash alone on the match text of every line the extractor reads (the feature work's largest
// single part), without the noise of the rest.
void BM_TemplateHash(benchmark::State& state)
{
    static const std::vector<QByteArray> lines = [] {
        std::vector<QByteArray> out;
        QByteArray scratch;
        for (const QString& path : pathsOf(1)) {
            const Result<logs::LogSource> source = logs::LogSource::open(path);
            for (int index : source ? logs::entriesHoldingRunLines(*source) : QList<int>()) {
                if (const Result<QByteArray> data = source->readEntry(index))
                    logs::forEachRawLine(*data, [&](QByteArrayView raw, qint64, qint64) {
                        out.emplace_back(logs::parseLine(raw, scratch).match.toByteArray());
                        return true;
                    });
            }
        }
        return out;
    }();
    qint64 bytes = 0;
    for (auto _ : state) {
        bytes = 0;
        quint64 sum = 0;
        for (const QByteArray& line : lines) {
            sum += features::lineTemplateHash(line);
            bytes += line.size() + 1;
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
}

// 0: generated tar.gz (inflate + features), 1: the same unpacked into folders, 2: real logs, 3: real GHALogs
// archives.
void inputArgs(benchmark::internal::Benchmark* b)
{
    b->ArgName("input")->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
}
BENCHMARK(BM_Read)->Apply(inputArgs);
BENCHMARK(BM_Extract)->Apply(inputArgs);
BENCHMARK(BM_TemplateHash)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
} // namespace

// One run's features as text: two builds of the extractor must write the same bytes.
QByteArray describe(const QString& key, const Result<features::RunFeatures>& extracted)
{
    if (!extracted)
        return "run " + key.toUtf8() + " error=" + extracted.error().toUtf8() + '\n';
    const features::RunFeatures& run = *extracted;
    QByteArray out = "run " + run.key.toUtf8()
        + " error=" + " cause=" + QByteArray::number(run.finalCause ? int(*run.finalCause) : -1) + '\n';
    for (size_t f = 0; f < run.values.size(); ++f) {
        out += "  " + QByteArray::number(int(f)) + '=' + QByteArray::number(run.values[f], 'g', 17);
        for (const features::LineRef& ref : run.evidence[f])
            out += ' ' + ref.entry.toUtf8() + ':' + QByteArray::number(ref.line);
        out += '\n';
    }
    out += "  templates"; // sorted: a set, in whatever order the extractor keeps it
    std::vector<quint64> templates = run.templates;
    std::sort(templates.begin(), templates.end());
    for (quint64 hash : templates)
        out += ' ' + QByteArray::number(hash, 16);
    out += "\n  errors";
    for (const features::TemplatedLine& line : run.errorLines)
        out += ' ' + QByteArray::number(line.hash, 16) + '@' + line.ref.entry.toUtf8() + ':'
            + QByteArray::number(line.ref.line);
    return out + '\n';
}

int dump(const QString& file, QStringList paths)
{
    if (paths.isEmpty()) {
        const Inputs& in = inputs();
        paths = in.tarGz + in.folders + in.real + in.ghalogs;
    }
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    const auto extractor = features::FeatureExtractor(logs::Taxonomy::create().value());
    for (const QString& path : std::as_const(paths)) {
        const QString key = QFileInfo(path).fileName();
        out.write(describe(key, extractor.extract({ key, {}, {}, false, path })));
    }
    return 0;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && std::strcmp(argv[1], "--dump") == 0) {
        QStringList paths = app.arguments().mid(3);
        return dump(QString::fromLocal8Bit(argv[2]), paths);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
