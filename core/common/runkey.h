#pragma once

#include "common/result.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <compare>

namespace runlens {

// One attempt of a workflow run: the identity of a run everywhere in RunLens (workspace rows, tables,
// charts, labels, filed issues). Ordered by run id, then attempt.
struct RunKey
{
    qint64 runId = 0;
    int attempt = 1;

    friend bool operator==(const RunKey&, const RunKey&) = default;
    friend auto operator<=>(const RunKey&, const RunKey&) = default;

    // The canonical text form "ID:ATTEMPT" (issue markers, CSV cells, logs).
    QString toString() const;
    // Parses "ID:ATTEMPT" (both positive integers), naming the text on failure.
    static Result<RunKey> parse(QStringView text);
    // "ID-ATTEMPT": the form of file names (logs/<owner>/<repo>/<run_id>-<attempt>.zip), of run names in
    // extracted features and of the CLI's run listings, which scripts already read.
    QString fileStem() const;
};

inline size_t qHash(const RunKey& key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.runId, key.attempt);
}

} // namespace runlens

Q_DECLARE_METATYPE(runlens::RunKey)
