#include "labelprecedence.h"

#include <QHash>
#include <QPair>

namespace runlens::workspace {

int LabelPrecedence::rank(LabelSource source)
{
    switch (source) {
    case LabelSource::User:
        return 3;
    case LabelSource::Sample:
        return 2;
    case LabelSource::MemoryLogs:
        return 1;
    }
    return 0;
}

QList<LabelRecord> LabelPrecedence::effective(const QList<LabelRecord>& labels)
{
    QList<LabelRecord> out;
    QHash<QPair<qint64, int>, qsizetype> at;
    for (const LabelRecord& label : labels) {
        const QPair<qint64, int> key { label.runId, label.attempt };
        const auto found = at.constFind(key);
        if (found == at.cend()) {
            at.insert(key, out.size());
            out.append(label);
            continue;
        }
        LabelRecord& kept = out[*found];
        const int newRank = rank(label.source);
        const int keptRank = rank(kept.source);
        if (newRank > keptRank || (newRank == keptRank && label.id >= kept.id))
            kept = label;
    }
    return out;
}

} // namespace runlens::workspace
