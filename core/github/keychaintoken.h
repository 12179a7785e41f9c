#pragma once

#include <QByteArray>
#include <QString>

namespace runlens::github {

// The system keychain through QtKeychain when RunLens was built with it; otherwise never finds anything.
class KeychainToken
{
public:
    static bool available();
    // Blocks on a local event loop until the keychain answers: call off the GUI thread.
    static QByteArray read(const QString& service, const QString& key);
    static bool write(const QString& service, const QString& key, const QByteArray& token);
};

} // namespace runlens::github
