#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

#include <memory>

class QIODevice;

namespace runlens::logs {

// The central directory of a large ZIP (GHALogs' github_run_logs.zip: ZIP64, half a million members)
// read once: member name -> position, so that one member can be streamed without scanning the
// directory again. Built once per file (path, size, modification time) and shared by every reader of
// the process; the index describes immutable file content, so sharing it is a cache, not state.
class ZipMemberIndex
{
public:
    struct Member
    {
        quint64 directoryOffset = 0; // minizip's unz64_file_pos
        quint64 number = 0;
        qint64 size = 0; // uncompressed
        qint64 compressedSize = 0;
    };

    // The index of `zipPath`, from the cache when the file has not changed.
    static Result<std::shared_ptr<const ZipMemberIndex>> of(const QString& zipPath);

    QString path() const { return m_path; }
    qsizetype size() const { return m_members.size(); }
    const Member* find(const QString& name) const;

    // A sequential device streaming the member's uncompressed bytes (stored or deflated); the device
    // owns its handle on the ZIP. Errors name the ZIP and the member.
    Result<std::unique_ptr<QIODevice>> openMember(const QString& name) const;

    // "archive 'zip': member 'name'".
    QString describe(const QString& name) const;

private:
    QString m_path;
    QHash<QString, Member> m_members;
};

} // namespace runlens::logs
