// libFuzzer target: decoder + line splitter + line parser on arbitrary bytes, with invariants.
#include "logs/linesplitter.h"
#include "logs/logline.h"
#include "logs/textdecoder.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace runlens::logs;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char*>(data), qsizetype(size));

    // Decoding in one piece and in odd-sized chunks gives the same clean UTF-8 without BOMs.
    const QByteArray whole = TextDecoder::decodeAll(raw);
    const qsizetype chunk = size ? qsizetype(data[0] % 7) + 1 : 1;
    TextDecoder decoder;
    QByteArray chunked;
    for (qsizetype pos = 0; pos < raw.size(); pos += chunk) {
        const QByteArrayView d = decoder.decode(raw.sliced(pos, qMin(chunk, raw.size() - pos)));
        chunked.append(d.data(), d.size());
    }
    const QByteArrayView rest = decoder.finish();
    chunked.append(rest.data(), rest.size());
    check(chunked == whole);
    check(!whole.contains("\xEF\xBB\xBF"));
    check(QString::fromUtf8(whole).toUtf8() == whole); // valid UTF-8 round-trips unchanged

    // The chunked splitter and the whole-buffer splitter agree; every line parses.
    QList<QByteArrayView> lines;
    forEachRawLine(whole, [&](QByteArrayView line, qint64 offset, qint64 number) {
        check(number == lines.size() + 1);
        check(QByteArrayView(whole).sliced(offset).startsWith(line));
        lines.append(line);
        return true;
    });
    qsizetype index = 0;
    QByteArray scratch;
    LineSplitter splitter([&](QByteArrayView line, qint64, qint64 number) {
        check(index < lines.size() && line == lines[index] && number == index + 1);
        ++index;
        const LogLine parsed = parseLine(line, scratch);
        check(parsed.match.size() <= parsed.display.size());
        check(!parsed.match.contains('\x1b'));
        check(parsed.hasAnsi == parsed.display.contains('\x1b'));
        if (parsed.hasTimestamp) {
            const QByteArray formatted = formatTimestamp(parsed.timestampTicks).toLatin1();
            check(line.contains(formatted));
        }
        return true;
    });
    for (qsizetype pos = 0; pos < whole.size(); pos += chunk)
        splitter.feed(QByteArrayView(whole).sliced(pos, qMin(chunk, whole.size() - pos)));
    splitter.finish();
    check(index == lines.size());
    return 0;
}
