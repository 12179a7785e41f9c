#pragma once

#include "workspace/labelrecord.h"

#include <QList>

namespace runlens::workspace {

// Which label of a run counts when it has several: a researcher's own label (User) wins over the
// sample corpus's ground truth (Sample), which wins over an old memory_logs.txt (MemoryLogs); among
// labels of the same source the newest (highest id, else the later in the list) wins. One rule for the
// evaluation, the charts, the report and the figure sidecars.
class LabelPrecedence
{
public:
    static int rank(LabelSource source);
    // One label per run (runId, attempt), in the order the runs first appear in `labels`.
    static QList<LabelRecord> effective(const QList<LabelRecord>& labels);
};

} // namespace runlens::workspace
