#pragma once

#include "common/runkey.h"

#include <QString>

#include <optional>

namespace runlens::workspace {

// Life of a run's log ZIP. Downloading marks an archive whose file may exist but whose download was
// not confirmed: a new collection re-verifies it (crash safety).
enum class ArchiveState { Pending, Downloading, Downloaded, Expired, Missing, Corrupt, Failed };

QString nameOf(ArchiveState state);
std::optional<ArchiveState> archiveStateFromString(const QString& text);

// True for states that need no further download attempt.
bool isFinal(ArchiveState state);

struct LogArchiveRecord
{
    qint64 runId = 0;
    int attempt = 1;
    QString path; // relative to the workspace folder: logs/<owner>/<repo>/<run_id>-<attempt>.zip
    qint64 bytes = 0;
    QString sha256; // hex
    ArchiveState state = ArchiveState::Pending;
    QString reason; // why expired/missing/corrupt/failed/pending (e.g. "needs a token")

    RunKey key() const { return { runId, attempt }; }
};

} // namespace runlens::workspace
