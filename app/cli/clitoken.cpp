#include "clitoken.h"

#include <QDir>

namespace runlens::cli {

std::optional<github::ResolvedToken> resolveToken(
    CliContext& ctx, const QString& command, const QString& tokenFile, const QString& workspaceDir)
{
    github::TokenSearch search;
    search.tokenFile = tokenFile;
    search.workingDir = QDir::currentPath();
    search.workspaceDir = workspaceDir;
    Result<github::ResolvedToken> token = github::TokenResolver::resolve(search);
    if (!token) {
        ctx.err << "runlens-cli " << command << ": " << token.error() << "\n";
        return std::nullopt;
    }
    ctx.err << "token: " << token->source.describe() << "\n";
    return std::move(token).value();
}

} // namespace runlens::cli
