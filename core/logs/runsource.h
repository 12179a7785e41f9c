#pragma once

#include <QString>

namespace runlens::logs {

// One run to scan: a log ZIP, an extracted run folder, or a single log file.
struct RunSource
{
    enum class Kind { Zip, Folder, File };
    QString name; // how reports name the run: the path as given, or "logs_failure/<run>" in a seed layout
    QString path; // the ZIP, folder or file on disk
    Kind kind = Kind::File;
};

// "zip", "tar.gz" (a GHALogs archive: Kind::Zip too), "folder" or "file": how reports name the source.
QString runSourceKindName(const RunSource& source);

} // namespace runlens::logs
