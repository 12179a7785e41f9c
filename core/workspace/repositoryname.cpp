#include "repositoryname.h"

namespace runlens::workspace {

namespace {
bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}
} // namespace

QString repositoryNameProblem(const QString& fullName)
{
    const qsizetype slash = fullName.indexOf(QLatin1Char('/'));
    if (slash < 0 || fullName.indexOf(QLatin1Char('/'), slash + 1) >= 0)
        return QStringLiteral("repository '%1' is not owner/name").arg(fullName);
    const QStringView owner = QStringView(fullName).left(slash);
    const QStringView name = QStringView(fullName).mid(slash + 1);
    if (owner.isEmpty() || owner.size() > 39 || owner.startsWith(u'-') || owner.endsWith(u'-'))
        return QStringLiteral("repository '%1' has an invalid owner").arg(fullName);
    for (QChar c : owner) {
        if (!isAsciiAlnum(c) && c != QLatin1Char('-'))
            return QStringLiteral("repository '%1' has a character GitHub does not allow in an owner").arg(fullName);
    }
    if (name.isEmpty() || name.size() > 100 || name == u"." || name == u"..")
        return QStringLiteral("repository '%1' has an invalid name").arg(fullName);
    for (QChar c : name) {
        if (!isAsciiAlnum(c) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return QStringLiteral("repository '%1' has a character GitHub does not allow in a name").arg(fullName);
    }
    return {};
}

} // namespace runlens::workspace
