#include "runsource.h"

namespace runlens::logs {

QString runSourceKindName(RunSource::Kind kind)
{
    switch (kind) {
    case RunSource::Kind::Zip:
        return QStringLiteral("zip");
    case RunSource::Kind::Folder:
        return QStringLiteral("folder");
    case RunSource::Kind::File:
        break;
    }
    return QStringLiteral("file");
}

} // namespace runlens::logs
