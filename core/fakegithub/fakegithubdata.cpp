#include "fakegithubdata.h"

namespace runlens::sample {

qint64 FakeJob::id() const
{
    return json.value(QStringLiteral("id")).toInteger();
}

} // namespace runlens::sample
