#pragma once

#include "common/result.h"

#include <QString>

#include <functional>

namespace runlens::github {

class GithubClient;

// What GET /repos/{owner}/{name} says about a repository the token (or no token) can see, before a
// collection: its visibility and the token's permissions on it.
struct RepositoryAccess
{
    QString repository; // owner/name as asked
    QString fullName; // as GitHub spells it
    QString visibility; // public, private, internal
    bool hasPermissions = false; // the answer listed the token's permissions (authenticated requests)
    bool canPush = false;
    bool isAdmin = false;
    bool issuesEnabled = true;

    // e.g. "octo/app: public, read access, issues enabled"
    QString describe() const;
};

// Asks `client` for the repository and calls `done` on the client's thread (the client's rateLimit()
// is then the budget left). When the repository cannot be seen, the error says why and names it, never
// the token: "octo/app: not found, or the token cannot see it (404)".
void checkRepository(
    GithubClient& client, const QString& repository, std::function<void(const Result<RepositoryAccess>&)> done);

} // namespace runlens::github
