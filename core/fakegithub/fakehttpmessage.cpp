#include "fakehttpmessage.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace runlens::sample {

namespace {
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 8 * 1024 * 1024;
} // namespace

bool FakeHttpRequest::hasHeader(const QByteArray& lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerName)
            return true;
    }
    return false;
}

QByteArray FakeHttpRequest::header(const QByteArray& lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

void FakeHttpResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    const QByteArray lower = name.toLower();
    for (auto& header : headers) {
        if (header.first.toLower() == lower) {
            header.second = value;
            return;
        }
    }
    headers.append({ name, value });
}

QByteArray FakeHttpResponse::header(const QByteArray& lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name.toLower() == lowerName)
            return value;
    }
    return {};
}

FakeParseState parseHttpRequest(QByteArray& buffer, FakeHttpRequest* out, QString* error)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buffer.size() > kMaxHeadBytes) {
            *error = QStringLiteral("request head larger than %1 bytes").arg(kMaxHeadBytes);
            return FakeParseState::Bad;
        }
        return FakeParseState::NeedMore;
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        *error = QStringLiteral("request line '%1' is not METHOD TARGET HTTP/1.x")
                     .arg(QString::fromLatin1(lines.first().trimmed().left(200)));
        return FakeParseState::Bad;
    }
    FakeHttpRequest request;
    request.method = requestLine[0];
    const QByteArray target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(q >= 0 ? target.left(q) : target);
    request.query = q >= 0 ? QString::fromLatin1(target.mid(q + 1)) : QString();
    request.keepAlive = requestLine[2] != "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("header line '%1' has no name").arg(QString::fromLatin1(line.left(200)));
            return FakeParseState::Bad;
        }
        request.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    const QByteArray connection = request.header("connection").toLower();
    if (connection == "close")
        request.keepAlive = false;
    else if (connection == "keep-alive")
        request.keepAlive = true;
    if (request.hasHeader("transfer-encoding")) {
        *error = QStringLiteral("chunked request bodies are not supported");
        return FakeParseState::Bad;
    }
    qint64 contentLength = 0;
    if (request.hasHeader("content-length")) {
        bool ok = false;
        contentLength = request.header("content-length").toLongLong(&ok);
        if (!ok || contentLength < 0 || contentLength > kMaxBodyBytes) {
            *error
                = QStringLiteral("bad Content-Length '%1'").arg(QString::fromLatin1(request.header("content-length")));
            return FakeParseState::Bad;
        }
    }
    const qsizetype bodyStart = headEnd + 4;
    if (buffer.size() - bodyStart < contentLength)
        return FakeParseState::NeedMore;
    request.body = buffer.mid(bodyStart, contentLength);
    buffer.remove(0, bodyStart + contentLength);
    *out = std::move(request);
    return FakeParseState::Done;
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 410:
        return "Gone";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray serializeResponseHead(const FakeHttpResponse& response, qint64 bodyLength, bool keepAlive)
{
    QByteArray head
        = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + httpReasonPhrase(response.status) + "\r\n";
    head += "Date: "
        + QLocale::c()
              .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
              .toLatin1()
        + "\r\n";
    for (const auto& [name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(bodyLength) + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "\r\n";
    return head;
}

} // namespace runlens::sample
