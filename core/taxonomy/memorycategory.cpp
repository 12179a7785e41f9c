#include "memorycategory.h"

#include <array>

namespace runlens::logs {

namespace {
// Okabe & Ito (2008) colour-blind-safe palette; black for the non-memory resource category.
const std::array<CategoryInfo, 8>& table()
{
    static const std::array<CategoryInfo, 8> categories { {
        { MemoryCategory::OomKilled, QStringLiteral("oom-killed"), QStringLiteral("Killed (OOM killer / SIGKILL)"),
            QStringLiteral("#D55E00"), true, false,
            QStringLiteral("A process was killed by SIGKILL, typically by the kernel OOM killer: exit code 137, "
                           "a shell's 'Killed' report, signal 9, oom-kill, OOMKilled: true.") },
        { MemoryCategory::RunnerLost, QStringLiteral("runner-lost"), QStringLiteral("Runner lost (possible OOM)"),
            QStringLiteral("#CC79A7"), true, true,
            QStringLiteral("The runner shut down or stopped answering, which a memory-starved machine often causes: "
                           "a possible memory failure only.") },
        { MemoryCategory::JvmHeap, QStringLiteral("jvm-heap"), QStringLiteral("JVM out of memory"),
            QStringLiteral("#E69F00"), true, false,
            QStringLiteral("java.lang.OutOfMemoryError of any kind, GC overhead limit exceeded, exhausted heap or "
                           "Metaspace, a Gradle daemon that disappeared.") },
        { MemoryCategory::NodeHeap, QStringLiteral("node-heap"), QStringLiteral("Node.js heap out of memory"),
            QStringLiteral("#009E73"), true, false,
            QStringLiteral("V8 ran out of heap: JavaScript heap out of memory, Reached heap limit, Ineffective "
                           "mark-compacts.") },
        { MemoryCategory::CompilerOom, QStringLiteral("compiler-oom"), QStringLiteral("Compiler out of memory"),
            QStringLiteral("#0072B2"), true, false,
            QStringLiteral("A compiler ran out of memory or was killed: cc1plus/cc1 killed, virtual memory "
                           "exhausted, LLVM ERROR: out of memory, rustc memory allocation failed.") },
        { MemoryCategory::NativeAlloc, QStringLiteral("native-alloc"), QStringLiteral("Allocation failed"),
            QStringLiteral("#56B4E9"), true, false,
            QStringLiteral("A program's allocation failed: std::bad_alloc, ENOMEM / Cannot allocate memory, Go "
                           "runtime out of memory, Python MemoryError, .NET OutOfMemoryException.") },
        { MemoryCategory::GpuOom, QStringLiteral("gpu-oom"), QStringLiteral("GPU out of memory"),
            QStringLiteral("#F0E442"), true, false,
            QStringLiteral("The GPU ran out of memory: CUDA out of memory, CUDA error: out of memory.") },
        { MemoryCategory::DiskFull, QStringLiteral("disk-full"), QStringLiteral("Disk full (not memory)"),
            QStringLiteral("#000000"), false, false,
            QStringLiteral("A resource failure that is not memory: No space left on device.") },
    } };
    return categories;
}
} // namespace

std::span<const CategoryInfo> allCategories()
{
    return table();
}

const CategoryInfo& categoryInfo(MemoryCategory category)
{
    return table()[static_cast<size_t>(category)];
}

QString categoryId(MemoryCategory category)
{
    return categoryInfo(category).id;
}

std::optional<MemoryCategory> categoryFromId(QStringView id)
{
    for (const CategoryInfo& info : table()) {
        if (info.id == id)
            return info.category;
    }
    return std::nullopt;
}

} // namespace runlens::logs
