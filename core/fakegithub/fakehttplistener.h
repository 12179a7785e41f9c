#pragma once

#include "common/result.h"
#include "fakefaults.h"
#include "fakehttpmessage.h"

#include <QObject>
#include <QTcpServer>

#include <functional>
#include <memory>

namespace runlens::sample {

class FakeFaultDice;
class FakeRequestLog;

// A minimal HTTP/1.1 listener on 127.0.0.1 (keep-alive, Content-Length bodies, one request at a
// time per connection) that can misbehave on purpose: latency, 5xx, connection resets mid-body,
// truncated bodies and trickling bodies, as its FakeFaultDice decides per request.
// QHttpServer 6.4 cannot cut a body short or trickle it, hence this small server of our own.
// Lives on, and must only be used from, the server thread.
class FakeHttpListener : public QObject
{
public:
    // `inFlight` counts the requests of this listener being answered, this one included.
    using Handler = std::function<FakeHttpResponse(const FakeHttpRequest& request, int inFlight)>;

    FakeHttpListener(
        FakeListenerKind kind, Handler handler, FakeFaultDice* dice, FakeRequestLog* log, QObject* parent = nullptr);
    ~FakeHttpListener() override;

    Status listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    void close();

private:
    struct Connection;
    void accept();
    void processNext(const std::shared_ptr<Connection>& connection);
    void respond(const std::shared_ptr<Connection>& connection, const FakeHttpRequest& request);
    void finishRequest(const std::shared_ptr<Connection>& connection);
    void trickle(const std::shared_ptr<Connection>& connection, QByteArray rest);
    void endRequest(Connection& connection);

    FakeListenerKind m_kind;
    Handler m_handler;
    FakeFaultDice* m_dice;
    FakeRequestLog* m_log;
    QTcpServer m_server;
    int m_inFlight = 0;
};

} // namespace runlens::sample
