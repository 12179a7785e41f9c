#pragma once

#include "samplecategory.h"
#include "samplerepo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace runlens::sample {

// The fixed facts about one ecosystem's workflow: repository name, matrix, step names and the
// commands its steps run. The log writer fills in the output; the generator the timings.
struct EcosystemProfile
{
    Ecosystem ecosystem;
    QString repoName;
    QString jobName; // matrix jobs are "<jobName> (<entry>)"
    QStringList matrix;
    QString setupStep; // "Set up Node.js"
    QByteArray setupAction; // "actions/setup-node@v4"
    QString cacheStep;
    QByteArray cacheAction;
    QByteArray installCommand;
    QByteArray lintCommand;
    QByteArray buildCommand;
    QByteArray testCommand;
    QString nightlyJob;
    QStringList nightlyLabels;
    bool namedCheckout = true; // false: the step is called "Run actions/checkout@v4"

    static const EcosystemProfile& of(Ecosystem ecosystem);
    // Whether a repository of this ecosystem can plausibly fail with `category`.
    bool supports(SampleCategory category) const;
};

} // namespace runlens::sample
