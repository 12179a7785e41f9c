#include "samplecategory.h"

namespace runlens::sample {

namespace {
constexpr std::array<const char*, kSampleCategoryCount> kIds = {
    "success",
    "test-failure",
    "compile-error",
    "lint-failure",
    "infra",
    "timeout",
    "cancelled",
    "oom-killed",
    "runner-lost",
    "jvm-heap",
    "node-heap",
    "compiler-oom",
    "native-alloc",
    "gpu-oom",
    "disk-full",
};
} // namespace

QString categoryId(SampleCategory category)
{
    return QString::fromLatin1(kIds[size_t(category)]);
}

std::optional<SampleCategory> categoryFromId(const QString& id)
{
    for (int i = 0; i < kSampleCategoryCount; ++i) {
        if (id == QLatin1String(kIds[size_t(i)]))
            return SampleCategory(i);
    }
    return std::nullopt;
}

bool isTaxonomyCategory(SampleCategory category)
{
    return int(category) >= int(SampleCategory::OomKilled);
}

bool isMemoryCategory(SampleCategory category)
{
    // disk-full is in the taxonomy as a resource failure, not a memory one (docs/taxonomy.md).
    return isTaxonomyCategory(category) && category != SampleCategory::DiskFull;
}

std::array<SampleCategory, kSampleCategoryCount> allCategories()
{
    std::array<SampleCategory, kSampleCategoryCount> all {};
    for (int i = 0; i < kSampleCategoryCount; ++i)
        all[size_t(i)] = SampleCategory(i);
    return all;
}

} // namespace runlens::sample
