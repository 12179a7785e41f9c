#pragma once

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace runlens::cli {

// SIGINT and SIGTERM as a Qt signal, for commands that run an event loop until the user stops them.
// The handler only writes a byte to a socket pair; a QSocketNotifier turns it into interrupted() on
// the owner's thread. The previous handlers come back when the notifier is destroyed. One at a time.
class InterruptNotifier : public QObject
{
    Q_OBJECT
public:
    explicit InterruptNotifier(QObject* parent = nullptr);
    ~InterruptNotifier() override;

    // False when the socket pair could not be created (interrupted() never comes then).
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void interrupted();

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace runlens::cli
