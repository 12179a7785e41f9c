#pragma once

#include "common/jobtracker.h"

#include <QProgressDialog>

namespace runlens::ui {

// Follows the current job of `job` with a progress dialog: range, value and text come from the
// tracker, Cancel cancels the job, and the dialog goes when the job's done() has run. It shows after
// 300 ms, so quick jobs do not flash one. Returns the dialog (owned by `parent`) for tests.
//
//   followJob(this, tr("Import"), tr("Importing..."), session->transferJob());
inline QProgressDialog* followJob(QWidget* parent, const QString& title, const QString& label, JobTracker* job)
{
    auto* progress = new QProgressDialog(label, QProgressDialog::tr("Cancel"), 0, 0, parent);
    progress->setWindowTitle(title);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(progress, &QProgressDialog::canceled, job, &JobTracker::cancel);
    QObject::connect(job, &JobTracker::progressRangeChanged, progress, &QProgressDialog::setRange);
    QObject::connect(job, &JobTracker::progressValueChanged, progress, &QProgressDialog::setValue);
    QObject::connect(job, &JobTracker::progressTextChanged, progress, &QProgressDialog::setLabelText);
    QObject::connect(job, &JobTracker::finished, progress, &QObject::deleteLater);
    return progress;
}

} // namespace runlens::ui
