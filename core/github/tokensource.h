#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace runlens::github {

// Where a token came from, for the UI and messages. Never holds or prints the token itself.
struct TokenSource
{
    enum class Origin { None, TokenFile, GithubTokenVariable, GhTokenVariable, DotEnv, TokenTxt, Keychain };
    Origin origin = Origin::None;
    QString location; // file path or variable name; empty for None

    // e.g. "environment variable GITHUB_TOKEN", "file '/home/me/.env'", "no token"
    QString describe() const;
};

// A token and where it came from. The value is only handed to the HTTP client.
struct ResolvedToken
{
    QByteArray token; // empty: no token found
    TokenSource source;

    bool found() const { return !token.isEmpty(); }
};

// Where to look, first found wins: tokenFile, GITHUB_TOKEN, GH_TOKEN, .env (GITHUB_TOKEN=...) in the
// working folder then the workspace, github_token.txt in the working folder, the system keychain.
struct TokenSearch
{
    QString tokenFile; // --token-file; an unreadable or empty file is an error, not a fall-through
    QString workingDir;
    QString workspaceDir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    bool useKeychain = true; // also off when the environment sets RUNLENS_NO_KEYCHAIN=1
    QString keychainService = QStringLiteral("runlens");
    QString keychainKey = QStringLiteral("github-token");
};

class TokenResolver
{
public:
    // Errors name the file, never the token. The keychain lookup may block briefly: call it off the
    // GUI thread (the GUI resolves in QtConcurrent::run).
    static Result<ResolvedToken> resolve(const TokenSearch& search);

    // GITHUB_TOKEN's value in a .env file's text, or empty (KEY=VALUE lines, optional quotes, export prefix).
    static QByteArray tokenFromDotEnv(const QByteArray& text);

    static bool keychainAvailable();
};

} // namespace runlens::github
