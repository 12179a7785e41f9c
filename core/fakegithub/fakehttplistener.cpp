#include "fakehttplistener.h"

#include "common/logging.h"
#include "fakefaultdice.h"
#include "fakerequestlog.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace runlens::sample {

struct FakeHttpListener::Connection
{
    QTcpSocket* socket = nullptr;
    QByteArray buffer;
    bool busy = false; // a request is being answered; later ones wait in `buffer`
    bool counted = false; // the request being answered counts in m_inFlight
    bool keepAlive = true;
    bool continueSent = false; // "100 Continue" already sent for the request being received
    FakeFaultPlan plan;
};

FakeHttpListener::FakeHttpListener(
    FakeListenerKind kind, Handler handler, FakeFaultDice* dice, FakeRequestLog* log, QObject* parent)
    : QObject(parent)
    , m_kind(kind)
    , m_handler(std::move(handler))
    , m_dice(dice)
    , m_log(log)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpListener::accept);
}

FakeHttpListener::~FakeHttpListener()
{
    close();
}

Status FakeHttpListener::listen(quint16 port)
{
    // Loopback only, never another address.
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return makeError(
            QStringLiteral("fake GitHub: cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server.errorString()));
    return {};
}

void FakeHttpListener::close()
{
    m_server.close();
    const auto sockets = m_server.findChildren<QTcpSocket*>();
    for (QTcpSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
    m_inFlight = 0;
}

void FakeHttpListener::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto connection = std::make_shared<Connection>();
        connection->socket = socket;
        connect(socket, &QTcpSocket::readyRead, this, [this, connection] {
            connection->buffer += connection->socket->readAll();
            processNext(connection);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, connection] {
            endRequest(*connection);
            connection->socket->deleteLater();
        });
    }
}

void FakeHttpListener::endRequest(Connection& connection)
{
    if (connection.counted) {
        connection.counted = false;
        --m_inFlight;
    }
    connection.busy = false;
}

void FakeHttpListener::processNext(const std::shared_ptr<Connection>& connection)
{
    if (connection->busy || connection->socket->state() != QAbstractSocket::ConnectedState)
        return;
    FakeHttpRequest request;
    QString error;
    switch (parseHttpRequest(connection->buffer, &request, &error)) {
    case FakeParseState::NeedMore:
        // curl and others wait for "100 Continue" before sending a larger body.
        if (!connection->continueSent && connection->buffer.contains("\r\n\r\n")
            && connection->buffer.left(connection->buffer.indexOf("\r\n\r\n"))
                   .toLower()
                   .contains("\nexpect: 100-continue")) {
            connection->continueSent = true;
            connection->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
    case FakeParseState::Bad: {
        qCDebug(lcSample) << "fake GitHub: bad request:" << error;
        FakeHttpResponse bad;
        bad.status = 400;
        bad.body = error.toUtf8() + '\n';
        connection->socket->write(serializeResponseHead(bad, bad.body.size(), false) + bad.body);
        connection->socket->disconnectFromHost();
        FakeRequestLogEntry entry;
        entry.listener = m_kind;
        entry.status = bad.status;
        m_log->append(std::move(entry));
        return;
    }
    case FakeParseState::Done:
        break;
    }
    connection->busy = true;
    connection->continueSent = false;
    connection->counted = true;
    connection->keepAlive = request.keepAlive;
    ++m_inFlight;
    connection->plan = m_dice->draw(m_kind);
    if (connection->plan.latencyMs > 0) {
        QTimer::singleShot(connection->plan.latencyMs, connection->socket,
            [this, connection, request] { respond(connection, request); });
    } else {
        respond(connection, request);
    }
}

void FakeHttpListener::respond(const std::shared_ptr<Connection>& connection, const FakeHttpRequest& request)
{
    if (connection->socket->state() != QAbstractSocket::ConnectedState) {
        endRequest(*connection); // the client left during the latency
        return;
    }
    const FakeFaultPlan& plan = connection->plan;
    FakeHttpResponse response;
    if (plan.serverErrorStatus) {
        response.status = plan.serverErrorStatus;
        response.setHeader("Content-Type", "application/json; charset=utf-8");
        response.body = R"({"message":"Server Error"})";
    } else {
        response = m_handler(request, m_inFlight);
    }

    FakeRequestLogEntry entry;
    entry.listener = m_kind;
    entry.method = QString::fromLatin1(request.method);
    entry.path = request.path;
    entry.query = request.query;
    for (const auto& header : request.headers)
        entry.headerNames << QString::fromLatin1(header.first);
    entry.hasAuthorization = request.hasHeader("authorization");
    entry.status = response.status;
    entry.fault = plan.describe();
    m_log->append(std::move(entry));

    QTcpSocket* socket = connection->socket;
    const bool sendBody = request.method != "HEAD";
    const QByteArray body = sendBody ? response.body : QByteArray();
    const QByteArray head = serializeResponseHead(response, response.body.size(), connection->keepAlive);
    // Body faults need a body to cut; a one-byte body still loses its only byte.
    if ((plan.reset || plan.truncate) && !body.isEmpty()) {
        socket->write(head + body.left(body.size() / 2));
        socket->flush();
        if (plan.reset) {
            // SO_LINGER 0 turns the close into an RST, as a dropped connection looks to a client.
            const linger hard { 1, 0 };
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            endRequest(*connection);
            socket->abort();
        } else {
            endRequest(*connection);
            socket->disconnectFromHost();
        }
        return;
    }
    if (plan.slow && !body.isEmpty()) {
        socket->write(head);
        trickle(connection, body);
        return;
    }
    socket->write(head + body);
    finishRequest(connection);
}

void FakeHttpListener::trickle(const std::shared_ptr<Connection>& connection, QByteArray rest)
{
    const int chunk = m_dice->faults().slowChunkBytes;
    connection->socket->write(rest.left(chunk));
    connection->socket->flush();
    rest.remove(0, qMin<qsizetype>(chunk, rest.size()));
    if (rest.isEmpty()) {
        finishRequest(connection);
        return;
    }
    QTimer::singleShot(
        m_dice->faults().slowDelayMs, connection->socket, [this, connection, rest] { trickle(connection, rest); });
}

void FakeHttpListener::finishRequest(const std::shared_ptr<Connection>& connection)
{
    endRequest(*connection);
    if (!connection->keepAlive) {
        connection->socket->disconnectFromHost();
        return;
    }
    // The next request may already wait in the buffer.
    processNext(connection);
}

} // namespace runlens::sample
