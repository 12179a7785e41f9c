#pragma once

#include "clicommand.h"
#include "github/tokensource.h"

#include <optional>

namespace runlens::cli {

// The token of a command that talks to GitHub, looked up as docs/collect.md describes (--token-file,
// GITHUB_TOKEN, GH_TOKEN, .env in the working folder then the workspace, github_token.txt, the
// keychain). Prints where it came from (never the token) to stderr; on an error prints it, prefixed
// with the command, and returns nullopt.
std::optional<github::ResolvedToken> resolveToken(
    CliContext& ctx, const QString& command, const QString& tokenFile, const QString& workspaceDir);

} // namespace runlens::cli
