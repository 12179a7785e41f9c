#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace runlens::logs {

enum class TextEncoding : quint8 { Utf8, Utf16LE, Utf16BE };

// Turns the raw bytes of a log, fed in chunks, into clean UTF-8: UTF-16LE/BE (detected from a BOM, or
// from a "x\0x\0" start) is converted; invalid UTF-8 and unpaired surrogates become U+FFFD; every
// U+FEFF (BOM at the start or mid-file) is dropped. NUL bytes pass through unchanged. Byte offsets of
// log lines refer to this decoded stream.
class TextDecoder
{
public:
    // Returns the decoded bytes of `raw`: a view into `raw` itself when it is clean UTF-8 (the common
    // case, no copy), else into an internal buffer; valid until the next call or until `raw` changes.
    // Up to 3 bytes of an incomplete sequence at the end are held back for the next call.
    QByteArrayView decode(QByteArrayView raw);
    // Flushes held-back bytes (an incomplete sequence becomes U+FFFD).
    QByteArrayView finish();

    TextEncoding encoding() const { return m_encoding; }

    // Whole-buffer convenience.
    static QByteArray decodeAll(QByteArrayView raw);

private:
    void decodeUtf8(QByteArrayView in, bool final);
    void decodeUtf16(QByteArrayView in, bool final);

    QByteArray m_out;
    QByteArray m_pending; // undecided start bytes or an incomplete trailing sequence
    TextEncoding m_encoding = TextEncoding::Utf8;
    bool m_detected = false;
    char16_t m_highSurrogate = 0;
};

} // namespace runlens::logs
