#include "labelrecord.h"
#include "logarchiverecord.h"
#include "runrecord.h"

namespace runlens::workspace {

QString nameOf(CollectionState state)
{
    switch (state) {
    case CollectionState::Listed:
        return QStringLiteral("listed");
    case CollectionState::JobsFetched:
        return QStringLiteral("jobs_fetched");
    case CollectionState::Complete:
        return QStringLiteral("complete");
    }
    return QStringLiteral("listed");
}

CollectionState collectionStateFromString(const QString& text)
{
    if (text == QLatin1String("complete"))
        return CollectionState::Complete;
    if (text == QLatin1String("jobs_fetched"))
        return CollectionState::JobsFetched;
    return CollectionState::Listed;
}

QString nameOf(ArchiveState state)
{
    switch (state) {
    case ArchiveState::Pending:
        return QStringLiteral("pending");
    case ArchiveState::Downloading:
        return QStringLiteral("downloading");
    case ArchiveState::Downloaded:
        return QStringLiteral("downloaded");
    case ArchiveState::Expired:
        return QStringLiteral("expired");
    case ArchiveState::Missing:
        return QStringLiteral("missing");
    case ArchiveState::Corrupt:
        return QStringLiteral("corrupt");
    case ArchiveState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

std::optional<ArchiveState> archiveStateFromString(const QString& text)
{
    for (ArchiveState s : { ArchiveState::Pending, ArchiveState::Downloading, ArchiveState::Downloaded,
             ArchiveState::Expired, ArchiveState::Missing, ArchiveState::Corrupt, ArchiveState::Failed }) {
        if (nameOf(s) == text)
            return s;
    }
    return std::nullopt;
}

bool isFinal(ArchiveState state)
{
    return state == ArchiveState::Downloaded || state == ArchiveState::Expired || state == ArchiveState::Missing;
}

QString nameOf(LabelSource source)
{
    switch (source) {
    case LabelSource::User:
        return QStringLiteral("user");
    case LabelSource::MemoryLogs:
        return QStringLiteral("memory_logs");
    case LabelSource::Sample:
        return QStringLiteral("sample");
    }
    return QStringLiteral("user");
}

bool labelSourceFromString(const QString& text, LabelSource* source)
{
    for (LabelSource s : { LabelSource::User, LabelSource::MemoryLogs, LabelSource::Sample }) {
        if (nameOf(s) == text) {
            *source = s;
            return true;
        }
    }
    return false;
}

} // namespace runlens::workspace
