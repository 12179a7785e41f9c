#pragma once

#include <QString>

#include <array>
#include <optional>

namespace runlens::sample {

// What a generated run attempt is, as ground truth. The memory ids are the taxonomy's ids.
enum class SampleCategory {
    Success,
    TestFailure,
    CompileError,
    LintFailure,
    Infra,
    Timeout,
    Cancelled,
    OomKilled,
    RunnerLost,
    JvmHeap,
    NodeHeap,
    CompilerOom,
    NativeAlloc,
    GpuOom,
    DiskFull,
};

inline constexpr int kSampleCategoryCount = int(SampleCategory::DiskFull) + 1;

// "oom-killed", "test-failure", ...
QString categoryId(SampleCategory category);
std::optional<SampleCategory> categoryFromId(const QString& id);
// The memory-failure taxonomy's categories: the memory ones and disk-full.
bool isTaxonomyCategory(SampleCategory category);
// is_memory of the ground truth: taxonomy categories except disk-full (a resource failure).
bool isMemoryCategory(SampleCategory category);
std::array<SampleCategory, kSampleCategoryCount> allCategories();

} // namespace runlens::sample
