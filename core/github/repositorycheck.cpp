#include "repositorycheck.h"

#include "githubclient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace runlens::github {

QString RepositoryAccess::describe() const
{
    if (!reachable)
        return QStringLiteral("%1: %2").arg(repository, error);
    QStringList parts { visibility.isEmpty() ? QStringLiteral("visible") : visibility };
    if (hasPermissions)
        parts << (isAdmin ? QStringLiteral("admin access")
                : canPush ? QStringLiteral("write access")
                          : QStringLiteral("read access"));
    parts << (issuesEnabled ? QStringLiteral("issues enabled") : QStringLiteral("issues disabled"));
    return QStringLiteral("%1: %2").arg(fullName.isEmpty() ? repository : fullName, parts.join(QStringLiteral(", ")));
}

void checkRepository(GithubClient& client, const QString& repository, std::function<void(const RepositoryAccess&)> done)
{
    client.get(client.apiUrl(QStringLiteral("/repos/") + repository),
        [&client, repository, done = std::move(done)](const ApiResponse& response) {
            RepositoryAccess access;
            access.repository = repository;
            access.status = response.status;
            access.rateLimit = client.rateLimit();
            const QJsonObject object = QJsonDocument::fromJson(response.body).object();
            if (response.ok() && !object.isEmpty()) {
                access.reachable = true;
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
            } else if (response.status == 404) {
                access.error = QStringLiteral("not found, or the token cannot see it (404)");
            } else if (response.status == 401) {
                access.error = QStringLiteral("the token was refused (401: bad or expired credentials)");
            } else if (response.status == 403 || response.status == 429) {
                access.error = access.rateLimit.remaining == 0
                    ? QStringLiteral("rate limit exhausted (%1)").arg(response.status)
                    : QStringLiteral("access refused (%1)").arg(response.status);
            } else {
                access.error = response.error.isEmpty()
                    ? QStringLiteral("unexpected answer (HTTP %1)").arg(response.status)
                    : response.error;
            }
            done(access);
        });
}

} // namespace runlens::github
