#include "features/templatebaseline.h"

#include <algorithm>
#include <vector>

namespace runlens::features {

void TemplateBaseline::addRun(std::span<const quint64> templates)
{
    ++m_runs;
    std::vector<quint64> distinct(templates.begin(), templates.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    m_runsWith.reserve(m_runsWith.size() + qsizetype(distinct.size()));
    for (quint64 hash : distinct)
        ++m_runsWith[hash];
}

} // namespace runlens::features
