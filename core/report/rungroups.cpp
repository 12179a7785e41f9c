#include "rungroups.h"

#include "taxonomy/memorycategory.h"
#include "workspace/labelio.h"
#include "workspace/labelprecedence.h"

namespace runlens::report {

QString RunGroups::categoryOf(const pipeline::RunAnalysis& run)
{
    return run.features.finalCause ? logs::categoryId(*run.features.finalCause) : QStringLiteral("none");
}

QHash<RunKey, QString> RunGroups::labelsOf(const QList<workspace::LabelRecord>& labels)
{
    QHash<RunKey, QString> out;
    for (const workspace::LabelRecord& label : workspace::LabelPrecedence::effective(labels))
        out.insert(label.key(), label.label);
    return out;
}

QString RunGroups::groupOf(const pipeline::RunAnalysis& run) const
{
    if (by == By::Category)
        return categoryOf(run);
    const QString label = labels.value(run.key(), QStringLiteral("unlabelled"));
    if (!foldNonMemoryLabels || label == QLatin1String("unlabelled") || label == QLatin1String("memory"))
        return label;
    if (label == QLatin1String("normal") || label == QLatin1String("success"))
        return QStringLiteral("normal");
    for (const logs::CategoryInfo& info : logs::allCategories())
        if (info.id == label)
            return label;
    return QStringLiteral("other failure");
}

QStringList RunGroups::labelsUsed() const
{
    QStringList used;
    for (const QString& label : labels) {
        if (!used.contains(label))
            used.append(label);
    }
    used.sort();
    return used;
}

QStringList RunGroups::groupsOf(const std::vector<pipeline::RunAnalysis>& runs) const
{
    QStringList present;
    for (const pipeline::RunAnalysis& run : runs) {
        const QString g = groupOf(run);
        if (!present.contains(g))
            present << g;
    }
    QStringList order = workspace::LabelIo::knownLabels();
    order.removeAll(QStringLiteral("normal"));
    order << QStringLiteral("memory") << QStringLiteral("other failure") << QStringLiteral("normal");
    QStringList sorted;
    for (const QString& g : std::as_const(order))
        if (present.contains(g))
            sorted << g;
    QStringList rest;
    for (const QString& g : std::as_const(present))
        if (!sorted.contains(g) && g != QLatin1String("none") && g != QLatin1String("unlabelled"))
            rest << g;
    rest.sort();
    sorted << rest;
    for (const QString& g : { QStringLiteral("none"), QStringLiteral("unlabelled") })
        if (present.contains(g))
            sorted << g;
    return sorted;
}

} // namespace runlens::report
