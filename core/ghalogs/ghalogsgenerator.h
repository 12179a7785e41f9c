#pragma once

#include "common/result.h"
#include "ghalogs/ghalogsgeneratoroptions.h"

#include <atomic>

namespace runlens::ghalogs {

// Writes a GHALogs-shaped dataset (runs.json.gz, repositories.json.gz, logs/ or github_run_logs.zip)
// for tests and benchmarks. Same options, same dataset.
class GhaLogsGenerator
{
public:
    explicit GhaLogsGenerator(GhaLogsGeneratorOptions options);
    Result<GhaLogsGeneratorSummary> run(const std::atomic<bool>* cancel = nullptr);

    // "<workflow name with unsafe characters as _>_<first 4 hex digits of sha256(name)>", the folder
    // GHALogs keeps a workflow's archives in.
    static QString workflowFolder(const QString& workflowName);

private:
    GhaLogsGeneratorOptions m_options;
};

} // namespace runlens::ghalogs
