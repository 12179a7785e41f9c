#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace runlens::model {

class IsolationForest;

// model.json: an Isolation Forest as JSON (format described in docs/model.md). Doubles are written
// with the shortest text that reads back to the same value, so a loaded forest scores identically.
class ModelJson
{
public:
    static constexpr int kVersion = 1;

    static QByteArray toJson(const IsolationForest& forest);
    // `what` names the input in errors (a file path, "model.json").
    static Result<IsolationForest> fromJson(const QByteArray& json, const QString& what);

    static Status save(const IsolationForest& forest, const QString& path);
    static Result<IsolationForest> load(const QString& path);
};

} // namespace runlens::model
