#include "ecosystemprofile.h"

#include <array>

namespace runlens::sample {

namespace {
std::array<EcosystemProfile, kEcosystemCount> makeProfiles()
{
    const QStringList ubuntu = { QStringLiteral("ubuntu-latest") };
    return { {
        { Ecosystem::Node, QStringLiteral("storefront-web"), QStringLiteral("test"),
            { QStringLiteral("ubuntu-latest, 18"), QStringLiteral("ubuntu-latest, 20"),
                QStringLiteral("ubuntu-latest, 22") },
            QStringLiteral("Set up Node.js"), "actions/setup-node@v4", QStringLiteral("Cache node modules"),
            "actions/cache@v4", "npm ci", "npm run lint", "npm run build", "npm test -- --ci --maxWorkers=2",
            QStringLiteral("e2e"), ubuntu, false },
        { Ecosystem::Gradle, QStringLiteral("ledger-service"), QStringLiteral("build"),
            { QStringLiteral("ubuntu-latest, 17"), QStringLiteral("ubuntu-latest, 21") }, QStringLiteral("Set up JDK"),
            "actions/setup-java@v4", QStringLiteral("Setup Gradle"), "gradle/actions/setup-gradle@v3",
            "./gradlew dependencies --no-daemon -q", "./gradlew spotlessCheck", "./gradlew assemble --stacktrace",
            "./gradlew test --stacktrace", QStringLiteral("integration"), ubuntu, true },
        { Ecosystem::Python, QStringLiteral("vision-models"), QStringLiteral("pytest"),
            { QStringLiteral("ubuntu-22.04, 3.10"), QStringLiteral("ubuntu-22.04, 3.11"),
                QStringLiteral("ubuntu-22.04, 3.12") },
            QStringLiteral("Set up Python"), "actions/setup-python@v5", QStringLiteral("Cache pip"), "actions/cache@v4",
            "pip install -r requirements.txt -e .[test]", "ruff check .", "python -m build --wheel",
            "pytest -q -n 2 --durations=10 tests/", QStringLiteral("gpu-tests"),
            { QStringLiteral("self-hosted"), QStringLiteral("linux"), QStringLiteral("gpu") }, true },
        { Ecosystem::Cpp, QStringLiteral("geomesh"), QStringLiteral("build"),
            { QStringLiteral("ubuntu-22.04, gcc/12"), QStringLiteral("ubuntu-22.04, clang/15") },
            QStringLiteral("Install toolchain"), "", QStringLiteral("ccache"), "hendrikmuhs/ccache-action@v1.2",
            "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DGEOMESH_TESTS=ON",
            "clang-format --dry-run --Werror src/*.cpp include/geomesh/*.h", "cmake --build build -j4",
            "ctest --test-dir build --output-on-failure -j2", QStringLiteral("sanitizers"), ubuntu, true },
        { Ecosystem::Rust, QStringLiteral("tidepool"), QStringLiteral("check"),
            { QStringLiteral("ubuntu-latest, stable"), QStringLiteral("ubuntu-latest, nightly") },
            QStringLiteral("Install Rust toolchain"), "dtolnay/rust-toolchain@stable", QStringLiteral("Rust cache"),
            "Swatinem/rust-cache@v2", "cargo fetch --locked", "cargo clippy --all-targets -- -D warnings",
            "cargo build --release --all-features", "cargo test --all-features --no-fail-fast", QStringLiteral("miri"),
            ubuntu, false },
        { Ecosystem::Go, QStringLiteral("kvstore"), QStringLiteral("test"),
            { QStringLiteral("ubuntu-latest, 1.21"), QStringLiteral("ubuntu-latest, 1.22") },
            QStringLiteral("Set up Go"), "actions/setup-go@v5", QStringLiteral("Cache Go modules"), "actions/cache@v4",
            "go mod download", "golangci-lint run --timeout 5m", "go build ./...", "go test -race -count=1 ./...",
            QStringLiteral("fuzz"), ubuntu, true },
        { Ecosystem::Maven, QStringLiteral("billing-api"), QStringLiteral("verify"),
            { QStringLiteral("ubuntu-latest, 17"), QStringLiteral("ubuntu-latest, 21") }, QStringLiteral("Set up JDK"),
            "actions/setup-java@v4", QStringLiteral("Cache Maven packages"), "actions/cache@v4",
            "mvn -B -ntp dependency:go-offline", "mvn -B -ntp checkstyle:check", "mvn -B -ntp -DskipTests package",
            "mvn -B -ntp verify", QStringLiteral("nightly-it"), ubuntu, true },
        { Ecosystem::DotNet, QStringLiteral("inventory-hub"), QStringLiteral("build"),
            { QStringLiteral("ubuntu-latest, 8.0.x") }, QStringLiteral("Setup .NET"), "actions/setup-dotnet@v4",
            QStringLiteral("Cache NuGet"), "actions/cache@v4", "dotnet restore", "dotnet format --verify-no-changes",
            "dotnet build --no-restore -c Release", "dotnet test --no-build -c Release --verbosity normal",
            QStringLiteral("load-tests"), ubuntu, true },
    } };
}
} // namespace

const EcosystemProfile& EcosystemProfile::of(Ecosystem ecosystem)
{
    static const std::array<EcosystemProfile, kEcosystemCount> profiles = makeProfiles();
    return profiles[size_t(ecosystem)];
}

bool EcosystemProfile::supports(SampleCategory category) const
{
    switch (category) {
    case SampleCategory::JvmHeap:
        return ecosystem == Ecosystem::Gradle || ecosystem == Ecosystem::Maven;
    case SampleCategory::NodeHeap:
        return ecosystem == Ecosystem::Node;
    case SampleCategory::CompilerOom:
        return ecosystem == Ecosystem::Cpp || ecosystem == Ecosystem::Rust;
    case SampleCategory::NativeAlloc:
        return ecosystem == Ecosystem::Cpp || ecosystem == Ecosystem::Go || ecosystem == Ecosystem::Python
            || ecosystem == Ecosystem::DotNet;
    case SampleCategory::GpuOom:
        return ecosystem == Ecosystem::Python;
    default:
        return true;
    }
}

QString ecosystemId(Ecosystem ecosystem)
{
    static constexpr std::array<const char*, kEcosystemCount> ids
        = { "node", "gradle", "python", "cpp", "rust", "go", "maven", "dotnet" };
    return QString::fromLatin1(ids[size_t(ecosystem)]);
}

} // namespace runlens::sample
