#pragma once

#include "ratelimit.h"

#include <QString>

#include <functional>

namespace runlens::github {

class GithubClient;

// What GET /repos/{owner}/{name} says about a repository before a collection: whether the token (or
// no token) can see it, its visibility, the token's permissions on it, and the rate-limit budget.
struct RepositoryAccess
{
    QString repository; // owner/name as asked
    bool reachable = false; // 200 with a repository object
    int status = 0; // HTTP status; 0 when no answer came
    QString error; // why not reachable, naming the repository; never the token
    QString fullName; // as GitHub spells it
    QString visibility; // public, private, internal
    bool hasPermissions = false; // the answer listed the token's permissions (authenticated requests)
    bool canPush = false;
    bool isAdmin = false;
    bool issuesEnabled = true;
    RateLimit rateLimit;

    // e.g. "octo/app: public, read access, issues enabled" or "octo/app: not found, or the token cannot see it (404)"
    QString describe() const;
};

// Asks `client` for the repository and calls `done` on the client's thread.
void checkRepository(
    GithubClient& client, const QString& repository, std::function<void(const RepositoryAccess&)> done);

} // namespace runlens::github
