#include "repositorycheck.h"

#include "githubclient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace runlens::github {

QString RepositoryAccess::describe() const
{
    QStringList parts { visibility.isEmpty() ? QStringLiteral("visible") : visibility };
    if (hasPermissions)
        parts << (isAdmin ? QStringLiteral("admin access")
                : canPush ? QStringLiteral("write access")
                          : QStringLiteral("read access"));
    parts << (issuesEnabled ? QStringLiteral("issues enabled") : QStringLiteral("issues disabled"));
    return QStringLiteral("%1: %2").arg(fullName.isEmpty() ? repository : fullName, parts.join(QStringLiteral(", ")));
}

namespace {
// Why `repository` cannot be seen, from the failed request.
QString whyNot(const ApiError& error, const RateLimit& rateLimit)
{
    switch (error.status) {
    case 404:
        return QStringLiteral("not found, or the token cannot see it (404)");
    case 401:
        return QStringLiteral("the token was refused (401: bad or expired credentials)");
    case 403:
    case 429:
        return rateLimit.remaining == 0 ? QStringLiteral("rate limit exhausted (%1)").arg(error.status)
                                        : QStringLiteral("access refused (%1)").arg(error.status);
    default:
        return error.message.isEmpty() ? QStringLiteral("unexpected answer (HTTP %1)").arg(error.status)
                                       : error.message;
    }
}
} // namespace

void checkRepository(
    GithubClient& client, const QString& repository, std::function<void(const Result<RepositoryAccess>&)> done)
{
    client.get(client.apiUrl(QStringLiteral("/repos/") + repository),
        [&client, repository, done = std::move(done)](const ApiResult& response) {
            if (!response) {
                done(makeError(
                    QStringLiteral("%1: %2").arg(repository, whyNot(response.failure(), client.rateLimit()))));
                return;
            }
            const QJsonObject object = QJsonDocument::fromJson(response->body).object();
            if (object.isEmpty()) {
                done(
                    makeError(QStringLiteral("%1: unexpected answer (HTTP %2)").arg(repository).arg(response->status)));
                return;
            }
            RepositoryAccess access;
            access.repository = repository;
            access.fullName = object.value(QStringLiteral("full_name")).toString();
            access.visibility = object.value(QStringLiteral("visibility")).toString();
            if (access.visibility.isEmpty())
                access.visibility = object.value(QStringLiteral("private")).toBool() ? QStringLiteral("private")
                                                                                     : QStringLiteral("public");
            access.issuesEnabled = object.value(QStringLiteral("has_issues")).toBool(true);
            const QJsonObject permissions = object.value(QStringLiteral("permissions")).toObject();
            access.hasPermissions = !permissions.isEmpty();
            access.canPush = permissions.value(QStringLiteral("push")).toBool();
            access.isAdmin = permissions.value(QStringLiteral("admin")).toBool();
            done(access);
        });
}

} // namespace runlens::github
