#pragma once

#include <QObject>

#include <atomic>
#include <memory>

class QSocketNotifier;

namespace runlens::cli {

// SIGINT and SIGTERM as a Qt signal, for commands that run an event loop until the user stops them, and
// as a flag, for commands that run a loop of their own (flag()). The handler only sets the flag and
// writes a byte to a socket pair; a QSocketNotifier turns it into interrupted() on the owner's thread.
// The previous handlers come back when the notifier is destroyed. One at a time.
class InterruptNotifier : public QObject
{
    Q_OBJECT
public:
    explicit InterruptNotifier(QObject* parent = nullptr);
    ~InterruptNotifier() override;

    // False when the socket pair could not be created (interrupted() never comes then).
    bool isValid() const { return m_notifier != nullptr; }
    // Set once a signal arrived (also without an event loop).
    static const std::atomic<bool>* flag();

Q_SIGNALS:
    void interrupted();

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace runlens::cli
