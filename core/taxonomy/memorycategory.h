#pragma once

#include <QString>

#include <optional>
#include <span>

namespace runlens::logs {

// The failure classes of the memory-failure taxonomy (docs/taxonomy.md). The order is the order
// reports list them in; the stable ids below are what files, JSON and the database store.
enum class MemoryCategory : quint8 {
    OomKilled,
    RunnerLost,
    JvmHeap,
    NodeHeap,
    CompilerOom,
    NativeAlloc,
    GpuOom,
    DiskFull,
};

struct CategoryInfo
{
    MemoryCategory category;
    QString id; // stable, e.g. "oom-killed"
    QString name; // human, e.g. "Killed by the OOM killer"
    QString colour; // "#RRGGBB" from the Okabe-Ito palette, safe for colour-blind readers
    bool memory = true; // false for the resource category disk-full
    bool possible = false; // a *possible* memory failure only (runner-lost)
    QString description;
};

// Every category, in enum order.
std::span<const CategoryInfo> allCategories();
const CategoryInfo& categoryInfo(MemoryCategory category);
QString categoryId(MemoryCategory category);
std::optional<MemoryCategory> categoryFromId(QStringView id);

} // namespace runlens::logs
