#include "featurecatalog.h"

namespace runlens::features {

namespace {
FeatureDefinition def(Feature f, const char* id, const char* name, const char* unit, const char* description)
{
    return { f, QString::fromLatin1(id), QString::fromUtf8(name), QString::fromLatin1(unit),
        QString::fromUtf8(description) };
}

QList<FeatureDefinition> makeCatalog()
{
    using F = Feature;
    QList<FeatureDefinition> c {
        def(F::LogBytes, "log_bytes", "Log size", "bytes",
            "Decoded bytes of the run's job logs. Evidence: the last line of each job log."),
        def(F::LogLines, "log_lines", "Log lines", "lines",
            "Lines in the run's job logs. Evidence: the last line of each job log."),
        def(F::Jobs, "jobs", "Jobs", "count",
            "Jobs with a log in the archive. Evidence: the first line of each job log."),
        def(F::Steps, "steps", "Steps", "count",
            "Steps of all jobs, from `##[group]Run` markers and the runner's set-up, post and complete sections. "
            "Evidence: each step's first line."),
        def(F::FailedSteps, "failed_steps", "Failed steps", "count",
            "Steps that contain an `##[error]` annotation. Evidence: the first error line of each."),
        def(F::DurationSeconds, "duration_s", "Run duration", "s",
            "From the earliest to the latest timestamp of any job log. Evidence: those two lines."),
        def(F::LongestStepSeconds, "longest_step_s", "Longest step", "s",
            "Duration of the longest step (first to last timestamp inside it). Evidence: its first and last line."),
        def(F::DurationVsSuccessMedian, "duration_vs_success_median", "Duration / typical", "ratio",
            "Run duration divided by the median duration of successful runs of the same workflow (of the "
            "repository, then of all runs, when the workflow has none; 1 when nothing compares). Evidence: as "
            "duration_s."),
        def(F::LongestSilenceSeconds, "longest_silence_s", "Longest silence", "s",
            "Longest gap between two consecutive timestamped lines of one job log: a process that stopped "
            "printing, often while swapping before an OOM kill. Evidence: the two lines around the gap."),
        def(F::SilenceBeforeFailureSeconds, "silence_before_failure_s", "Silence before failure", "s",
            "Gap between the run's last `##[error]` line and the timestamped line before it. Evidence: both lines."),
        def(F::ErrorAnnotations, "error_annotations", "Error annotations", "count",
            "Lines with an `##[error]` marker. Evidence: those lines (the first 20)."),
        def(F::WarningAnnotations, "warning_annotations", "Warning annotations", "count",
            "Lines with an `##[warning]` marker. Evidence: those lines (the first 20)."),
        def(F::LastExitCode, "last_exit_code", "Last exit code", "code",
            "The last non-zero `Process completed with exit code N.` of the run (0 when none). Evidence: that line."),
        def(F::Exit137, "exit_137", "Exit 137", "0/1",
            "1 when a step ended with exit code 137 (SIGKILL, usually the OOM killer). Evidence: that line."),
        def(F::Exit143, "exit_143", "Exit 143", "0/1",
            "1 when a step ended with exit code 143 (SIGTERM, often a runner shutdown). Evidence: that line."),
        def(F::MemOomKilled, "mem_oom_killed", "OOM-killed hits", "count",
            "Lines of taxonomy category oom-killed (docs/taxonomy.md). Evidence: those lines."),
        def(F::MemRunnerLost, "mem_runner_lost", "Runner-lost hits", "count",
            "Lines of taxonomy category runner-lost. Evidence: those lines."),
        def(F::MemJvmHeap, "mem_jvm_heap", "JVM heap hits", "count",
            "Lines of taxonomy category jvm-heap. Evidence: those lines."),
        def(F::MemNodeHeap, "mem_node_heap", "Node heap hits", "count",
            "Lines of taxonomy category node-heap. Evidence: those lines."),
        def(F::MemCompilerOom, "mem_compiler_oom", "Compiler OOM hits", "count",
            "Lines of taxonomy category compiler-oom. Evidence: those lines."),
        def(F::MemNativeAlloc, "mem_native_alloc", "Native allocation hits", "count",
            "Lines of taxonomy category native-alloc. Evidence: those lines."),
        def(F::MemGpuOom, "mem_gpu_oom", "GPU OOM hits", "count",
            "Lines of taxonomy category gpu-oom. Evidence: those lines."),
        def(F::DiskFull, "disk_full", "Disk-full hits", "count",
            "Lines of taxonomy category disk-full (a resource failure, not memory). Evidence: those lines."),
        def(F::MemoryPressureMarkers, "memory_pressure_markers", "Memory pressure", "count",
            "Precursors of memory exhaustion: JVM GC pauses and Full GC, V8 mark-compact/scavenge traces, swap "
            "activity, heap-usage warnings. Evidence: those lines (the first 20)."),
        def(F::TestFailures, "test_failures", "Failed tests", "count",
            "Failed tests from the summaries of pytest, jest, Gradle, Maven Surefire, GoogleTest, cargo test and "
            "go test. Evidence: the summary lines."),
        def(F::NovelTemplateShare, "novel_template_share", "Novel line share", "ratio",
            "Share of the run's distinct line templates (numbers, hex ids, paths masked) never seen in successful "
            "runs of the same workflow (logreduce's baseline idea). Evidence: the first novel lines."),
        def(F::NovelErrorLines, "novel_error_lines", "Novel error lines", "count",
            "Error lines (`##[error]`, or an error statement by the cues of failure-lines.md: error, exception, "
            "fatal, failed, Traceback, compiler diagnostics, assertions) whose template no successful run of the "
            "workflow has (the same TemplateBaseline as the failure-line ranking). Evidence: those lines (the first "
            "20)."),
        def(F::FailingStepLinesPerSecond, "failing_step_lines_per_s", "Failing-step output rate", "lines/s",
            "Lines per second in the first step with an `##[error]` (0 when none): a slow trickle suggests a "
            "process starved of memory. Evidence: the step's first and last line."),
    };
    return c;
}
} // namespace

const QList<FeatureDefinition>& featureCatalog()
{
    static const QList<FeatureDefinition> catalog = makeCatalog();
    return catalog;
}

const FeatureDefinition& featureDefinition(Feature feature)
{
    return featureCatalog().at(static_cast<int>(feature));
}

int featureIndex(const QString& id)
{
    const QList<FeatureDefinition>& catalog = featureCatalog();
    for (int i = 0; i < catalog.size(); ++i) {
        if (catalog.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace runlens::features
