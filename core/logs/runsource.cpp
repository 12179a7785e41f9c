#include "runsource.h"

namespace runlens::logs {

QString runSourceKindName(const RunSource& source)
{
    switch (source.kind) {
    case RunSource::Kind::Zip:
        if (source.path.endsWith(QLatin1String(".tar.gz"), Qt::CaseInsensitive)
            || source.path.endsWith(QLatin1String(".tgz"), Qt::CaseInsensitive))
            return QStringLiteral("tar.gz");
        return QStringLiteral("zip");
    case RunSource::Kind::Folder:
        return QStringLiteral("folder");
    case RunSource::Kind::File:
        break;
    }
    return QStringLiteral("file");
}

} // namespace runlens::logs
