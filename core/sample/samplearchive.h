#pragma once

#include "common/result.h"
#include "renderedattempt.h"

#include <QByteArray>
#include <QDateTime>

namespace runlens::sample {

// Zips rendered log entries the way GitHub serves them: deflated, UTF-8 names, and every entry
// dated `stamp` so that the bytes depend on the corpus alone.
class SampleArchive
{
public:
    static Result<QByteArray> zip(const RenderedAttempt& attempt, const QDateTime& stamp);
};

} // namespace runlens::sample
