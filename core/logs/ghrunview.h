#pragma once

#include "logs/logentry.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace runlens::logs {

// One job/step group of a `gh run view --log` file: its lines with the "job\tstep\t" prefix removed.
struct GhRunViewGroup
{
    LogEntry entry; // kind StepLog, name "job\tstep", stepNumber = order within the job (1-based)
    QByteArray text; // decoded UTF-8, '\n' separated
};

// True when the decoded text starts like `gh run view --log` output: "job<TAB>step<TAB><timestamp> ".
// A BOM mangled by PowerShell (U+FEFF saved as CP437 "∩╗┐") before the timestamp is accepted.
bool looksLikeGhRunView(QByteArrayView decoded);

// Splits decoded `gh run view --log` text into groups, in first-seen order; lines of a group that
// reappears later are appended to it. A line without two tabs stays in the current group as is.
QList<GhRunViewGroup> splitGhRunView(QByteArrayView decoded);

} // namespace runlens::logs
