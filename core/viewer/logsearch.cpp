#include "viewer/logsearch.h"

#include "logs/linesplitter.h"
#include "logs/logline.h"

#include <QLatin1StringView>
#include <QRegularExpression>

namespace runlens::logs {

namespace {
constexpr qint64 kProgressEvery = 4 << 20;
constexpr QByteArrayView kBom("\xEF\xBB\xBF");
} // namespace

struct LineMatcher::Private
{
    SearchQuery query;
    QByteArray needle; // UTF-8 of the text (plain search)
    bool asciiNeedle = false;
    QRegularExpression regex;
};

LineMatcher::LineMatcher(std::unique_ptr<Private> d)
    : d(std::move(d))
{
}

LineMatcher::~LineMatcher() = default;

Result<std::shared_ptr<const LineMatcher>> LineMatcher::create(const SearchQuery& query)
{
    if (query.text.isEmpty())
        return Error { QStringLiteral("search '': nothing to search for") };
    auto d = std::make_unique<Private>();
    d->query = query;
    d->needle = query.text.toUtf8();
    d->asciiNeedle = std::all_of(d->needle.begin(), d->needle.end(), [](char c) { return uchar(c) < 0x80; });
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!query.caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    d->regex = QRegularExpression(query.regex ? query.text : QRegularExpression::escape(query.text), options);
    if (!d->regex.isValid())
        return Error { QStringLiteral("search '%1': %2 at offset %3")
                           .arg(query.text, d->regex.errorString())
                           .arg(d->regex.patternErrorOffset()) };
    d->regex.optimize();
    return std::shared_ptr<const LineMatcher>(new LineMatcher(std::move(d)));
}

bool LineMatcher::matches(QByteArrayView raw) const
{
    thread_local QByteArray scratch;
    if (raw.startsWith(kBom))
        raw = raw.sliced(kBom.size());
    const QByteArrayView text = stripAnsi(raw, scratch);
    if (!d->query.regex) {
        if (d->query.caseSensitive)
            return text.contains(QByteArrayView(d->needle));
        if (d->asciiNeedle) // ASCII letters fold to ASCII only, so bytewise Latin-1 folding is exact
            return QLatin1StringView(text.data(), text.size())
                .contains(QLatin1StringView(d->needle), Qt::CaseInsensitive);
        return QString::fromUtf8(text).contains(d->query.text, Qt::CaseInsensitive);
    }
    return d->regex.match(QString::fromUtf8(text)).hasMatch();
}

QList<std::pair<int, int>> LineMatcher::matchRanges(const QString& text) const
{
    QList<std::pair<int, int>> ranges;
    auto it = d->regex.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.capturedLength() == 0)
            continue;
        ranges.append({ int(match.capturedStart()), int(match.capturedLength()) });
    }
    return ranges;
}

QList<LineNumber> searchLines(QByteArrayView data, const LineMatcher& matcher,
    const std::function<bool(qint64 bytesDone)>& progress,
    const std::function<void(const QList<LineNumber>& batch)>& onHits)
{
    QList<LineNumber> hits;
    QList<LineNumber> batch;
    qint64 nextReport = kProgressEvery;
    forEachRawLine(data, [&](QByteArrayView line, qint64 offset, qint64 number) {
        if (matcher.matches(line)) {
            hits.append(LineNumber(number));
            batch.append(LineNumber(number));
        }
        if (offset >= nextReport) {
            nextReport = offset + kProgressEvery;
            if (onHits && !batch.isEmpty()) {
                onHits(batch);
                batch.clear();
            }
            if (progress && !progress(offset))
                return false;
        }
        return true;
    });
    if (onHits && !batch.isEmpty())
        onHits(batch);
    return hits;
}

} // namespace runlens::logs
