#include "logs/ghrunview.h"

#include "logs/linesplitter.h"
#include "logs/logline.h"

#include <QHash>

namespace runlens::logs {

namespace {

constexpr QByteArrayView kMangledBom("\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90"); // "∩╗┐"

struct Split
{
    QByteArrayView job, step, text;
    bool ok = false;
};

Split splitLine(QByteArrayView line)
{
    Split s;
    const qsizetype tab1 = line.indexOf('\t');
    if (tab1 <= 0)
        return s;
    const qsizetype tab2 = line.sliced(tab1 + 1).indexOf('\t');
    if (tab2 < 0)
        return s;
    s.job = line.first(tab1);
    s.step = line.sliced(tab1 + 1, tab2);
    s.text = line.sliced(tab1 + 1 + tab2 + 1);
    if (s.text.startsWith(kMangledBom))
        s.text = s.text.sliced(kMangledBom.size());
    s.ok = true;
    return s;
}

} // namespace

bool looksLikeGhRunView(QByteArrayView decoded)
{
    const qsizetype nl = decoded.indexOf('\n');
    const QByteArrayView first = nl < 0 ? decoded : decoded.first(nl);
    const Split s = splitLine(first);
    return s.ok && parseTimestamp(s.text).has_value();
}

QList<GhRunViewGroup> splitGhRunView(QByteArrayView decoded)
{
    QList<GhRunViewGroup> groups;
    QHash<QByteArray, int> indexByKey;
    QHash<QString, int> stepsPerJob;
    int current = -1;
    QByteArray currentKey;
    forEachRawLine(decoded, [&](QByteArrayView line, qint64, qint64) {
        const Split s = splitLine(line);
        QByteArrayView text = line;
        if (s.ok) {
            text = s.text;
            const qsizetype keySize = s.job.size() + 1 + s.step.size();
            if (current < 0 || currentKey.size() != keySize || !line.startsWith(QByteArrayView(currentKey))) {
                currentKey = line.first(keySize).toByteArray();
                const auto it = indexByKey.constFind(currentKey);
                if (it != indexByKey.constEnd()) {
                    current = *it;
                } else {
                    GhRunViewGroup group;
                    group.entry.kind = EntryKind::StepLog;
                    group.entry.jobName = QString::fromUtf8(s.job);
                    group.entry.stepName = QString::fromUtf8(s.step);
                    group.entry.name = group.entry.jobName + QLatin1Char('\t') + group.entry.stepName;
                    group.entry.stepNumber = ++stepsPerJob[group.entry.jobName];
                    current = int(groups.size());
                    indexByKey.insert(currentKey, current);
                    groups.append(std::move(group));
                }
            }
        } else if (current < 0) {
            GhRunViewGroup group;
            group.entry.kind = EntryKind::Other;
            group.entry.name = QStringLiteral("\t");
            current = int(groups.size());
            currentKey = QByteArray("\t");
            indexByKey.insert(currentKey, current);
            groups.append(std::move(group));
        }
        QByteArray& out = groups[current].text;
        out.append(text.data(), text.size());
        out.append('\n');
        return true;
    });
    for (GhRunViewGroup& group : groups)
        group.entry.size = group.text.size();
    return groups;
}

} // namespace runlens::logs
