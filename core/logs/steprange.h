#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace runlens::logs {

struct LogLine;

enum class StepSource : quint8 {
    StepFile, // a <job>/<number>_<step>.txt entry (lines 1..N of that entry)
    GroupMarker, // derived from `##[group]Run ...` markers in a whole-job log
    GhRunView, // a job/step group of a `gh run view --log` file
};

// A step and the lines of `entryIndex` (in its LogSource) that belong to it.
struct StepRange
{
    QString jobName;
    int number = 0; // jobs-API step number for StepFile; 1-based order otherwise
    QString name;
    qint64 firstLine = 0; // 1-based, inclusive
    qint64 lastLine = 0; // inclusive; lastLine < firstLine for an empty step
    StepSource source = StepSource::StepFile;
    int entryIndex = -1;
};

// Derives steps from a decoded whole-job log (the 2025 shape with only 0_<job>.txt + system.txt):
// lines before the first step start form "Set up job"; each `##[group]Run X` starts step "Run X";
// `Post job cleanup.` starts "Post job cleanup"; `Cleaning up orphan processes` starts "Complete job".
// Composite actions print nested `##[group]Run` lines too, so those show up as steps of their own.
QList<StepRange> stepsFromGroupMarkers(QByteArrayView decodedJobLog, const QString& jobName, int entryIndex);

// The name of the step that `line` of a whole-job log starts by the rule above ("Run X", "Post job
// cleanup", "Complete job"), or an empty string when it starts none.
QString stepStartedBy(const LogLine& line);

} // namespace runlens::logs
