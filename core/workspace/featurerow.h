#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace runlens::workspace {

// One row of a run's cached features: a feature's value with its evidence (JSON), or a named blob of
// material the feature extractor keeps (the value is then null). The encoding belongs to the caller.
struct FeatureRow
{
    QString name;
    QVariant value;
    QByteArray json;
};

} // namespace runlens::workspace
