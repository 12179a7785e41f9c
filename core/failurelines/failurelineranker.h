#pragma once

#include "common/result.h"
#include "failurelines/failurelinesoptions.h"
#include "failurelines/failurelinesrequest.h"
#include "failurelines/failurelinesresult.h"

#include <QFuture>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace runlens::logs {
class Taxonomy;
}

namespace runlens::features {
class TemplateBaseline;
}

namespace runlens::failurelines {

// Ranks the lines of a failed run (a run ZIP, an extracted run folder, a single GitHub job log, a
// `gh run view --log` file or a plain console log) by how much they explain the failure: lines whose
// template no baseline (passing) run printed, error cues, `##[error]` annotations, taxonomy hits (the
// final cause first), the failing step and the lines before its end. Contiguous novel lines form a
// block that is listed by its head. docs/failure-lines.md describes the method.
// Immutable and thread-safe: one instance serves every thread.
class FailureLineRanker
{
public:
    using CancelCheck = std::function<bool()>;

    explicit FailureLineRanker(std::shared_ptr<const logs::Taxonomy> taxonomy);
    // With the built-in memory-failure taxonomy.
    static Result<FailureLineRanker> create();

    // The distinct line templates of a run, as a baseline. Fails naming the input.
    static Result<std::vector<quint64>> runTemplates(const QString& path, const CancelCheck& cancelled = {});

    // Ranks `failedPath` against the runs in `baselinePaths` (none: ranks by the other signals only).
    // Fails naming the first input that could not be read, or "cancelled".
    Result<FailureLinesResult> rank(const QString& failedPath, const QStringList& baselinePaths,
        const FailureLinesOptions& options = {}, const CancelCheck& cancelled = {}) const;

    // Same, against templates already collected.
    Result<FailureLinesResult> rank(const QString& failedPath, const features::TemplateBaseline& baseline,
        const FailureLinesOptions& options = {}, const CancelCheck& cancelled = {}) const;

    // Ranks on the global thread pool with the built-in taxonomy (compiled once, in a worker), after
    // choosing the stored run's baseline when the request names one; cancel the future to stop it.
    static QFuture<Result<FailureLinesResult>> start(FailureLinesRequest request);

private:
    std::shared_ptr<const logs::Taxonomy> m_taxonomy;
};

} // namespace runlens::failurelines
