#include "commandline.h"
#include "commands.h"
#include "modulecommands.h"

#include "common/csvtable.h"

#include "taxonomy/memorycategory.h"
#include "taxonomy/runscanner.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <map>

namespace runlens::cli {

namespace {
using namespace runlens::logs;

const QString kName = QStringLiteral("scan");

// Log lines and entry names are hostile: an ESC or C1 control would reach the terminal (OSC 52 writes
// the clipboard, title sequences, cursor moves). Controls other than tab are shown as \xHH / \uHHHH.
QString visible(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = (u < 0x20 && u != u'\t') || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029;
        if (!control)
            out += c;
        else if (u < 0x100)
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
    }
    return out;
}

QString csvRow(const QStringList& fields)
{
    QStringList safe;
    safe.reserve(fields.size());
    for (const QString& field : fields)
        safe << visible(field);
    return CsvTable::line(safe);
}

// One run as the writers show it: where it came from and what scanning it gave (for a run that could not
// be read completely, the hits found before the error, shown with it).
struct ScannedRun
{
    RunSource source;
    RunScan result;

    const RunScanResult& found() const { return foundIn(result); }
};

QStringList categoryIds(const QList<MemoryCategory>& categories)
{
    QStringList ids;
    for (MemoryCategory category : categories)
        ids << categoryId(category);
    return ids;
}

void writeText(QTextStream& out, const std::vector<ScannedRun>& results, bool naive)
{
    int memory = 0;
    int failed = 0;
    for (const ScannedRun& scanned : results) {
        const RunScanResult& run = scanned.found();
        out << visible(scanned.source.name) << " [" << runSourceKindName(scanned.source) << "]: ";
        if (!scanned.result.ok())
            ++failed;
        if (naive) {
            if (run.keywordHits.empty()) {
                out << "no keyword match\n";
            } else {
                ++memory;
                out << "keyword match in " << run.keywordHits.size() << " file(s)\n";
                for (const KeywordHit& hit : run.keywordHits)
                    out << "  " << visible(hit.entry) << ':' << hit.line << "  \""
                        << visible(QString::fromUtf8(hit.keyword)) << "\"  " << visible(hit.text) << '\n';
            }
        } else if (run.hits.empty()) {
            out << "no memory failure\n";
        } else {
            memory += run.memoryFailure() ? 1 : 0;
            QStringList parts;
            for (MemoryCategory category : run.categories) {
                QString part = categoryId(category);
                if (run.finalCategory == category)
                    part += QStringLiteral(" (final)");
                if (categoryInfo(category).possible)
                    part += QStringLiteral(" (possible)");
                parts << part;
            }
            out << parts.join(QStringLiteral(", ")) << '\n';
            for (const MemoryHit& hit : run.hits)
                out << "  " << (hit.final ? "final   " : "earlier ") << categoryId(hit.category).leftJustified(13)
                    << visible(hit.entry) << ':' << hit.line.get() << "  " << visible(hit.text) << '\n';
            if (run.hitsOmitted > 0)
                out << "  (" << run.hitsOmitted << " more mentions omitted)\n";
        }
        if (!scanned.result.ok())
            out << "  error: " << visible(scanned.result.error()) << '\n';
    }
    out << results.size() << " run(s) scanned, " << memory
        << (naive ? " with a keyword match, " : " with a memory failure, ") << failed << " failed to read\n";
}

void writeJson(QTextStream& out, const std::vector<ScannedRun>& results, bool naive)
{
    QJsonArray runs;
    std::map<QString, int> byCategory;
    int memory = 0;
    int failed = 0;
    for (const ScannedRun& scanned : results) {
        const RunScanResult& run = scanned.found();
        QJsonObject object {
            { QStringLiteral("run"), scanned.source.name },
            { QStringLiteral("path"), scanned.source.path },
            { QStringLiteral("source"), runSourceKindName(scanned.source) },
            { QStringLiteral("ok"), scanned.result.ok() },
            { QStringLiteral("error"), scanned.result.ok() ? QJsonValue() : QJsonValue(scanned.result.error()) },
            { QStringLiteral("entries"), run.entries },
            { QStringLiteral("bytes"), run.bytes },
            { QStringLiteral("matched_files"), QJsonArray::fromStringList(run.matchedFiles) },
        };
        failed += scanned.result.ok() ? 0 : 1;
        if (naive) {
            QJsonArray hits;
            for (const KeywordHit& hit : run.keywordHits)
                hits.append(QJsonObject { { QStringLiteral("entry"), hit.entry }, { QStringLiteral("line"), hit.line },
                    { QStringLiteral("keyword"), QString::fromUtf8(hit.keyword) },
                    { QStringLiteral("text"), hit.text } });
            object.insert(QStringLiteral("keyword_match"), !run.keywordHits.empty());
            object.insert(QStringLiteral("keyword_hits"), hits);
            memory += run.keywordHits.empty() ? 0 : 1;
        } else {
            QJsonArray hits;
            for (const MemoryHit& hit : run.hits)
                hits.append(
                    QJsonObject { { QStringLiteral("entry"), hit.entry }, { QStringLiteral("line"), hit.line.get() },
                        { QStringLiteral("category"), categoryId(hit.category) }, { QStringLiteral("rule"), hit.rule },
                        { QStringLiteral("final"), hit.final }, { QStringLiteral("possible"), hit.possible },
                        { QStringLiteral("text"), hit.text } });
            for (MemoryCategory category : run.categories)
                ++byCategory[categoryId(category)];
            memory += run.memoryFailure() ? 1 : 0;
            object.insert(QStringLiteral("memory_failure"), run.memoryFailure());
            object.insert(QStringLiteral("categories"), QJsonArray::fromStringList(categoryIds(run.categories)));
            object.insert(QStringLiteral("final_category"),
                run.finalCategory ? QJsonValue(categoryId(*run.finalCategory)) : QJsonValue());
            object.insert(QStringLiteral("hits"), hits);
            object.insert(QStringLiteral("hits_omitted"), run.hitsOmitted);
        }
        runs.append(object);
    }
    QJsonObject categories;
    for (const auto& [id, count] : byCategory)
        categories.insert(id, count);
    QJsonObject summary { { QStringLiteral("runs"), qint64(results.size()) },
        { naive ? QStringLiteral("keyword_matches") : QStringLiteral("memory_failures"), memory },
        { QStringLiteral("failed"), failed } };
    if (!naive)
        summary.insert(QStringLiteral("by_category"), categories);
    const QJsonObject root { { QStringLiteral("format"), QStringLiteral("runlens-scan/1") },
        { QStringLiteral("mode"), naive ? QStringLiteral("naive") : QStringLiteral("taxonomy") },
        { QStringLiteral("runs"), runs }, { QStringLiteral("summary"), summary } };
    out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

void writeCsv(QTextStream& out, const std::vector<ScannedRun>& results, bool naive)
{
    out << "run,source,status,category,final,possible,entry,line,rule,text\n";
    for (const ScannedRun& scanned : results) {
        const RunScanResult& run = scanned.found();
        const QString source = runSourceKindName(scanned.source);
        if (!scanned.result.ok())
            out << csvRow({ scanned.source.name, source, QStringLiteral("error"), {}, {}, {}, {}, {}, {},
                scanned.result.error() });
        if (naive) {
            for (const KeywordHit& hit : run.keywordHits)
                out << csvRow({ scanned.source.name, source, QStringLiteral("hit"), QStringLiteral("keyword"), {}, {},
                    hit.entry, QString::number(hit.line), QString::fromUtf8(hit.keyword), hit.text });
            if (run.keywordHits.empty() && scanned.result.ok())
                out << csvRow({ scanned.source.name, source, QStringLiteral("clean"), {}, {}, {}, {}, {}, {}, {} });
            continue;
        }
        for (const MemoryHit& hit : run.hits)
            out << csvRow({ scanned.source.name, source, QStringLiteral("hit"), categoryId(hit.category),
                hit.final ? QStringLiteral("true") : QStringLiteral("false"),
                hit.possible ? QStringLiteral("true") : QStringLiteral("false"), hit.entry,
                QString::number(hit.line.get()), hit.rule, hit.text });
        if (run.hits.empty() && scanned.result.ok())
            out << csvRow({ scanned.source.name, source, QStringLiteral("clean"), {}, {}, {}, {}, {}, {}, {} });
    }
}

int runScan(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption format = cmd.addOption(QStringLiteral("format"),
        QStringLiteral("Output format: text, json or csv."), QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption memoryList = cmd.addOption(QStringLiteral("memory-list"),
        QStringLiteral("Also write the matched log files, one path per line, like "
                       "the old pipeline's memory_logs.txt."),
        QStringLiteral("FILE"));
    const QCommandLineOption naive = cmd.addOption(QStringLiteral("naive"),
        QStringLiteral("Use the old pipeline's substring keywords instead of the "
                       "taxonomy."));
    const QCommandLineOption threads = cmd.addOption(QStringLiteral("threads"),
        QStringLiteral("Runs scanned in parallel (default: one per core)."), QStringLiteral("N"));
    parser.addPositionalArgument(QStringLiteral("PATH"),
        QStringLiteral("Log ZIPs, extracted run folders, single logs or seed-layout "
                       "folders."),
        QStringLiteral("PATH..."));
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return cmd.usageError(QStringLiteral("no PATH given"));
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json")
        && formatName != QLatin1String("csv"))
        return cmd.usageError(QStringLiteral("unknown format '%1' (use text, json or csv)").arg(formatName));
    ScanOptions options;
    options.naive = parser.isSet(naive);
    if (parser.isSet(threads)) {
        bool ok = false;
        options.threads = parser.value(threads).toInt(&ok);
        if (!ok || options.threads < 1)
            return cmd.usageError(QStringLiteral("--threads '%1' is not a positive number").arg(parser.value(threads)));
        // More threads than this only cost memory and start-up time (each scans one run at a time).
        constexpr int kMaxThreads = 256;
        options.threads = std::min(options.threads, kMaxThreads);
    }
    if (parser.isSet(memoryList) && parser.value(memoryList).isEmpty())
        return cmd.usageError(QStringLiteral("--memory-list needs a FILE"));

    std::vector<RunSource> runs;
    for (const QString& path : paths) {
        auto found = RunScanner::discover(path);
        if (!found)
            return cmd.usageError(found.error());
        runs.insert(runs.end(), found->begin(), found->end());
    }
    auto scanner = RunScanner::create(options);
    if (!scanner) {
        ctx.err << "runlens-cli scan: " << scanner.error() << '\n';
        return ExitFailed;
    }
    std::vector<ScannedRun> results;
    std::vector<RunScan> scanned = scanner->scanAll(runs);
    for (size_t i = 0; i < runs.size(); ++i)
        results.push_back({ runs[i], std::move(scanned[i]) });

    if (formatName == QLatin1String("json"))
        writeJson(ctx.out, results, options.naive);
    else if (formatName == QLatin1String("csv"))
        writeCsv(ctx.out, results, options.naive);
    else
        writeText(ctx.out, results, options.naive);
    ctx.out.flush();

    int code = ExitOk;
    for (const ScannedRun& run : results) {
        if (!run.result.ok()) {
            ctx.err << "runlens-cli scan: " << run.result.error() << '\n';
            code = ExitFailed;
        }
    }
    if (parser.isSet(memoryList)) {
        QSaveFile file(parser.value(memoryList));
        QByteArray text;
        for (const ScannedRun& run : results) {
            for (const QString& path : run.found().matchedFiles)
                text += path.toUtf8() + '\n';
        }
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
            ctx.err << "runlens-cli scan: cannot write memory list '" << parser.value(memoryList)
                    << "': " << file.errorString() << '\n';
            code = ExitFailed;
        }
    }
    ctx.err.flush();
    return code;
}

const bool registered = registerModuleCommand(kName, runScan);
} // namespace

} // namespace runlens::cli
