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
    // 2: tree t is grown from IsolationForest::treeSeed(seed, t); in version 1 it was grown from
    // seed + t. Trees are stored whole, so both versions load and score the same; only refitting
    // from parameters.seed reproduces a version 2 forest and not a version 1 one.
    static constexpr int kVersion = 2;
    static constexpr int kOldestReadableVersion = 1;

    static QByteArray toJson(const IsolationForest& forest);
    // `what` names the input in errors (a file path, "model.json").
    static Result<IsolationForest> fromJson(const QByteArray& json, const QString& what);

    static Status save(const IsolationForest& forest, const QString& path);
    static Result<IsolationForest> load(const QString& path);
};

} // namespace runlens::model
