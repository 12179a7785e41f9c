#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <utility>

namespace runlens::sample {

using FakeHeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One parsed HTTP/1.1 request. Header names are lower case.
struct FakeHttpRequest
{
    QByteArray method;
    QString path; // percent-decoded, without the query
    QString query; // raw, without '?'
    FakeHeaderList headers;
    QByteArray body;
    bool keepAlive = true;

    bool hasHeader(const QByteArray& lowerName) const;
    QByteArray header(const QByteArray& lowerName) const;
    QUrlQuery queryItems() const { return QUrlQuery(query); }
};

// One answer; the listener adds Content-Length, Connection and Date.
struct FakeHttpResponse
{
    int status = 200;
    FakeHeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& lowerName) const;
};

enum class FakeParseState { NeedMore, Done, Bad };

// Parses one request from the front of `buffer` and removes it from there on success.
// On Bad, `error` says why ("request line 'x' is not METHOD TARGET HTTP/1.x").
FakeParseState parseHttpRequest(QByteArray& buffer, FakeHttpRequest* out, QString* error);

// "HTTP/1.1 200 OK\r\n" + headers + Content-Length (bodyLength) + Connection + "\r\n".
QByteArray serializeResponseHead(const FakeHttpResponse& response, qint64 bodyLength, bool keepAlive);

QByteArray httpReasonPhrase(int status);

} // namespace runlens::sample
