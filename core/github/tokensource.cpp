#include "tokensource.h"

#include "keychaintoken.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>

namespace runlens::github {

QString TokenSource::describe() const
{
    switch (origin) {
    case Origin::None:
        return QStringLiteral("no token");
    case Origin::TokenFile:
        return QStringLiteral("token file '%1'").arg(location);
    case Origin::GithubTokenVariable:
    case Origin::GhTokenVariable:
        return QStringLiteral("environment variable %1").arg(location);
    case Origin::DotEnv:
        return QStringLiteral("GITHUB_TOKEN in '%1'").arg(location);
    case Origin::TokenTxt:
        return QStringLiteral("file '%1'").arg(location);
    case Origin::Keychain:
        return QStringLiteral("system keychain (%1)").arg(location);
    }
    return QStringLiteral("no token");
}

namespace {
QByteArray unquote(QByteArray value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith('\'') && value.endsWith('\''))))
        value = value.mid(1, value.size() - 2);
    return value.trimmed();
}

// Reads a whole small file; nullopt when it does not exist.
std::optional<Result<QByteArray>> readSmallFile(const QString& path)
{
    QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>(
            makeError(QStringLiteral("token file '%1': cannot read: %2").arg(path, file.errorString())));
    if (file.size() > 64 * 1024)
        return Result<QByteArray>(makeError(QStringLiteral("token file '%1': too large to be a token").arg(path)));
    return Result<QByteArray>(file.readAll());
}
} // namespace

QByteArray TokenResolver::tokenFromDotEnv(const QByteArray& text)
{
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("export "))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf('=');
        if (eq < 0 || line.left(eq).trimmed() != "GITHUB_TOKEN")
            continue;
        return unquote(line.mid(eq + 1));
    }
    return {};
}

bool TokenResolver::keychainAvailable()
{
    return KeychainToken::available();
}

Result<ResolvedToken> TokenResolver::resolve(const TokenSearch& search)
{
    using Origin = TokenSource::Origin;
    if (!search.tokenFile.isEmpty()) {
        auto content = readSmallFile(search.tokenFile);
        if (!content)
            return makeError(QStringLiteral("token file '%1' does not exist").arg(search.tokenFile));
        if (!*content)
            return makeError(content->error());
        // Accept a bare token or a .env-style file.
        QByteArray token = tokenFromDotEnv(content->value());
        if (token.isEmpty())
            token = content->value().trimmed();
        if (token.isEmpty() || token.contains('\n') || token.contains(' '))
            return makeError(QStringLiteral("token file '%1' holds no token").arg(search.tokenFile));
        return ResolvedToken { token, { Origin::TokenFile, QFileInfo(search.tokenFile).absoluteFilePath() } };
    }
    for (const auto& [name, origin] : { std::pair { QStringLiteral("GITHUB_TOKEN"), Origin::GithubTokenVariable },
             std::pair { QStringLiteral("GH_TOKEN"), Origin::GhTokenVariable } }) {
        const QByteArray value = search.environment.value(name).toUtf8().trimmed();
        if (!value.isEmpty())
            return ResolvedToken { value, { origin, name } };
    }
    QStringList dotEnvDirs;
    if (!search.workingDir.isEmpty())
        dotEnvDirs << search.workingDir;
    if (!search.workspaceDir.isEmpty())
        dotEnvDirs << search.workspaceDir;
    for (const QString& dir : std::as_const(dotEnvDirs)) {
        const QString path = QDir(dir).absoluteFilePath(QStringLiteral(".env"));
        auto content = readSmallFile(path);
        if (!content || !*content)
            continue;
        const QByteArray token = tokenFromDotEnv(content->value());
        if (!token.isEmpty())
            return ResolvedToken { token, { Origin::DotEnv, path } };
    }
    if (!search.workingDir.isEmpty()) {
        const QString path = QDir(search.workingDir).absoluteFilePath(QStringLiteral("github_token.txt"));
        if (auto content = readSmallFile(path); content && *content) {
            const QByteArray token = content->value().trimmed();
            if (!token.isEmpty())
                return ResolvedToken { token, { Origin::TokenTxt, path } };
        }
    }
    if (search.useKeychain && search.environment.value(QStringLiteral("RUNLENS_NO_KEYCHAIN")) != QLatin1String("1")) {
        const QByteArray token = KeychainToken::read(search.keychainService, search.keychainKey);
        if (!token.isEmpty())
            return ResolvedToken { token,
                { Origin::Keychain, search.keychainService + QLatin1Char('/') + search.keychainKey } };
    }
    return ResolvedToken {};
}

} // namespace runlens::github
