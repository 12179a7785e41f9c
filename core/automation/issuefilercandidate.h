#pragma once

#include "common/runkey.h"

#include <QList>
#include <QString>

namespace runlens::github {

// One feature's share of a run's anomaly score (TreeSHAP, path-length units: negative = more anomalous).
struct IssueContribution
{
    QString featureId;
    QString featureName;
    QString unit;
    double featureValue = 0;
    double contribution = 0;
};

// A quoted log line: archive entry, 1-based line number, text without the timestamp.
struct IssueEvidence
{
    QString entry;
    qint64 line = 0;
    QString text;
};

// A flagged run that may get an issue, with everything its title and body say.
struct IssueCandidate
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository;
    QString workflow;
    int runNumber = 0;
    QString branch;
    QString conclusion;
    QString createdAt;
    QString htmlUrl;
    double score = 0;
    QString category; // taxonomy id of the memory failure, or "other"
    QString categoryName; // human, e.g. "Killed by the OOM killer"
    QList<IssueContribution> contributions; // most anomalous first
    QList<IssueEvidence> evidence;
    QString evidenceError; // why no evidence could be read (archive missing, unreadable)

    RunKey key() const { return { runId, attempt }; }
};

// An issue filed (or found already filed) for a run.
struct FiledIssue
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository;
    int number = 0;
    QString url; // html_url
    QString title;

    RunKey key() const { return { runId, attempt }; }
};

// What one `file-issues` invocation did.
struct IssueFilerSummary
{
    QList<FiledIssue> filed; // created now
    QList<IssueCandidate> wouldFile; // --dry-run: what would have been created
    QList<FiledIssue> alreadyFiled; // found by marker in existing issues (and now recorded)
    int existingIssues = 0; // issues listed before filing
    QStringList errors; // each names the run or the repository
    bool issuesDisabled = false; // 410: the repository has issues turned off

    bool ok() const { return errors.isEmpty(); }
};

} // namespace runlens::github
