#pragma once

#include "report/reportevaluation.h"
#include "report/reportinput.h"

#include <QHash>
#include <QStringList>

namespace runlens::report {

// The text of a report: summary.md (workspace, model, evaluation table, the most anomalous runs with the
// reasons, the figures), and the labels its figures used.
class ReportSummary
{
public:
    // The labels the evaluation used (run key -> label), else the workspace's (RunGroups::labelsOf()).
    static QHash<RunKey, QString> labelsOf(const ReportInput& input);
    static QString markdown(const ReportInput& input, const ReportEvaluation& evaluation, const QStringList& figures);
};

} // namespace runlens::report
