#include "tooloutput.h"

#include "ecosystemprofile.h"
#include "samplerandom.h"
#include "steplines.h"

#include <array>

namespace runlens::sample {

namespace {
constexpr std::array kModules = { "cache", "index", "parser", "router", "session", "export", "upload", "config",
    "storage", "scheduler", "auth", "metrics", "ledger", "catalog", "compaction", "tiling" };
constexpr std::array kVerbs = { "handles", "rejects", "returns", "parses", "retries", "flushes", "merges", "streams",
    "validates", "sorts", "encodes", "resolves" };
constexpr std::array kObjects
    = { "empty_input", "large_batch", "unicode_keys", "expired_token", "partial_write", "nested_config",
          "concurrent_writers", "missing_file", "duplicate_ids", "slow_reader", "utf8_paths", "zero_length" };
constexpr std::array kPackages = { "lodash", "react", "typescript", "eslint", "vite", "zod", "axios", "jest", "numpy",
    "requests", "pydantic", "torch", "serde", "tokio", "clap", "anyhow", "guava", "jackson-core", "slf4j-api",
    "junit-jupiter", "cobra", "testify" };

// Hard negatives: memory words that mean nothing here.
constexpr std::array kHarmless = {
    "docker run --rm --memory=6g --cpus=2 -d ghcr.io/acme/test-db:15",
    "            \"OOMKilled\": false,",
    "Downloading assets (137/1368)",
    "JAVA_TOOL_OPTIONS: -Xmx3g -XX:+HeapDumpOnOutOfMemoryError",
    "test_out_of_memory_is_reported ... ok",
    "bloom filter: 1048576 bits, 7 hashes, false positive rate 0.0082",
    "Rendering preview tiles at zoom 14",
    "loaded 12 chat room fixtures",
    "Tests: 137 passed, 137 total",
};

template <size_t N> QByteArray pick(SampleRandom& random, const std::array<const char*, N>& items)
{
    return QByteArray(items[size_t(random.range(0, qint64(N) - 1))]);
}

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}
QByteArray secs(SampleRandom& random, int lo, int hi)
{
    return QByteArray::number(double(random.range(lo, hi)) / 1000.0, 'f', 3);
}
QByteArray camel(const QByteArray& snake)
{
    QByteArray out;
    bool up = true;
    for (char c : snake) {
        if (c == '_') {
            up = true;
            continue;
        }
        out.append(up ? char(c >= 'a' && c <= 'z' ? c - 32 : c) : c);
        up = false;
    }
    return out;
}
QByteArray percent(int index, int total)
{
    const int p = total > 0 ? (index + 1) * 100 / total : 100;
    return (p < 10 ? "[  " : (p < 100 ? "[ " : "[")) + num(p) + "%]";
}

void checkout(const ToolOutput::Context& c, SampleRandom& random, StepLines& lines)
{
    const QByteArray work = "/home/runner/work/" + c.repo + '/' + c.repo;
    lines.add("##[group]Run actions/checkout@v4");
    lines.add("with:", 0.01);
    lines.add("  repository: " + c.owner + '/' + c.repo, 0.01);
    lines.add("  token: ***", 0.01);
    for (const char* option : { "  ssh-strict: true", "  persist-credentials: true", "  clean: true",
             "  fetch-depth: 1", "  fetch-tags: false", "  lfs: false", "  submodules: false" })
        lines.add(option, 0.01);
    lines.endGroup();
    lines.add("Syncing repository: " + c.owner + '/' + c.repo, 2);
    lines.add("##[group]Getting Git version info");
    lines.add("Working directory is '" + work + "'", 0.1);
    lines.add("[command]/usr/bin/git version", 0.1);
    lines.add("git version 2.4" + num(random.range(3, 8)) + '.' + num(random.range(0, 2)), 0.1);
    lines.endGroup();
    lines.add("Deleting the contents of '" + work + "'");
    lines.add("##[group]Initializing the repository");
    lines.add("[command]/usr/bin/git init " + work);
    lines.add("Initialized empty Git repository in " + work + "/.git/");
    lines.add("[command]/usr/bin/git remote add origin https://github.com/" + c.owner + '/' + c.repo);
    lines.endGroup();
    lines.add("##[group]Fetching the repository");
    lines.add(
        "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +"
        + c.sha + ':' + c.ref);
    lines.add("From https://github.com/" + c.owner + '/' + c.repo, 8);
    lines.add(" * [new ref]         " + c.sha + " -> " + c.ref.mid(c.ref.lastIndexOf('/') + 1));
    lines.endGroup();
    lines.add("##[group]Checking out the ref");
    lines.add("[command]/usr/bin/git checkout --progress --force -B main " + c.ref);
    lines.add("Switched to a new branch 'main'", 2);
    lines.endGroup();
    lines.add("[command]/usr/bin/git log -1 --format=%H");
    lines.add(c.sha);
}

void setupTool(Ecosystem eco, const ToolOutput::Context& c, SampleRandom& random, StepLines& lines)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    const QByteArray v = c.version.isEmpty() ? QByteArray("20") : c.version;
    if (profile.setupAction.isEmpty()) {
        lines.runHeader("sudo apt-get update && sudo apt-get install -y ninja-build libboost-dev ccache");
        lines.endGroup();
        lines.add("Get:1 http://azure.archive.ubuntu.com/ubuntu jammy InRelease [270 kB]", 3);
        lines.add("Reading package lists...", 5);
        lines.add("Building dependency tree...");
        lines.add("The following NEW packages will be installed:");
        lines.add("  libboost1.74-dev ninja-build ccache");
        lines.add("0 upgraded, 3 newly installed, 0 to remove and " + num(random.range(10, 90)) + " not upgraded.");
        for (const char* pkg :
            { "ninja-build (1.10.1-1)", "ccache (4.5.1-1)", "libboost1.74-dev:amd64 (1.74.0-14ubuntu3)" })
            lines.add(QByteArray("Setting up ") + pkg + " ...", 2);
        return;
    }
    lines.add("##[group]Run " + profile.setupAction);
    lines.add("with:", 0.01);
    lines.add("  version: " + v, 0.01);
    lines.endGroup();
    switch (eco) {
    case Ecosystem::Node:
        lines.add("Found in cache @ /opt/hostedtoolcache/node/" + v + ".11.1/x64");
        lines.add("##[group]Environment details");
        lines.add("node: v" + v + ".11.1");
        lines.add("npm: 10.2.4");
        lines.add("yarn: 1.22.21");
        lines.endGroup();
        break;
    case Ecosystem::Gradle:
    case Ecosystem::Maven:
        lines.add("##[group]Installed distributions");
        lines.add("Resolved Java " + v + ".0.10+7 from tool-cache");
        lines.add("Setting Java " + v + ".0.10+7 as the default");
        lines.add("Creating toolchains.xml for JDK version " + v + " from temurin");
        lines.endGroup();
        lines.add("Java configuration:");
        lines.add("  Distribution: temurin");
        lines.add("  Version: " + v + ".0.10+7");
        lines.add("  Path: /opt/hostedtoolcache/Java_Temurin-Hotspot_jdk/" + v + ".0.10-7/x64");
        break;
    case Ecosystem::Python:
        lines.add("##[group]Installed versions");
        lines.add("Successfully set up CPython (" + v + '.' + num(random.range(1, 9)) + ')', 2);
        lines.endGroup();
        break;
    case Ecosystem::Rust:
        lines.add("info: syncing channel updates for '" + v + "-x86_64-unknown-linux-gnu'", 2);
        lines.add("info: latest update on 2025-01-09, rust version 1.84.0 (9fc6b4312 2025-01-07)");
        lines.add("info: downloading component 'clippy'", 3);
        lines.add("info: installing component 'clippy'", 2);
        lines.add("rustc 1.84.0 (9fc6b4312 2025-01-07)");
        break;
    case Ecosystem::Go:
        lines.add("Setup go version spec " + v);
        lines.add("Found in cache @ /opt/hostedtoolcache/go/" + v + ".5/x64");
        lines.add("Added go to the path");
        lines.add("go version go" + v + ".5 linux/amd64");
        break;
    case Ecosystem::DotNet:
        lines.add("dotnet-install: Downloading from \"primary\" link "
                  "https://dotnetcli.azureedge.net/dotnet/Sdk/8.0.204/dotnet-sdk-8.0.204-linux-x64.tar.gz",
            4);
        lines.add("dotnet-install: Installed version is 8.0.204");
        lines.add("dotnet-install: Installation finished successfully.");
        break;
    case Ecosystem::Cpp:
        break;
    }
    if (c.hardNegative)
        lines.add(pick(random, kHarmless), 0.5);
}

void cacheStep(Ecosystem eco, SampleRandom& random, StepLines& lines)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    const QByteArray key = "Linux-" + ecosystemId(eco).toLatin1() + '-' + random.hex(64);
    lines.add("##[group]Run " + profile.cacheAction);
    lines.add("with:", 0.01);
    lines.add("  path: ~/.cache", 0.01);
    lines.continuation("~/.local/share");
    lines.continuation("");
    lines.add("  key: " + key, 0.01);
    lines.endGroup();
    if (random.chance(0.7)) {
        const qint64 bytes = random.range(20, 900) * 1024 * 1024;
        lines.add(
            "Received " + num(bytes / 3) + " of " + num(bytes) + " (33.3%), " + num(bytes / 3 / 1048576) + ".0 MBs/sec",
            3);
        lines.add(
            "Received " + num(bytes) + " of " + num(bytes) + " (100.0%), " + num(bytes / 2 / 1048576) + ".0 MBs/sec",
            3);
        lines.add("Cache Size: ~" + num(bytes / 1048576) + " MB (" + num(bytes) + " B)");
        lines.add("[command]/usr/bin/tar -xf /home/runner/work/_temp/" + random.hex(8)
            + "/cache.tzst -P -C /home/runner/work --use-compress-program unzstd");
        lines.add("Cache restored successfully", 2);
        lines.add("Cache restored from key: " + key);
    } else {
        lines.add("Cache not found for input keys: " + key, 2);
    }
}

void install(
    Ecosystem eco, const ToolOutput::Context& c, int filler, bool completes, SampleRandom& random, StepLines& lines)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    lines.runHeader(profile.installCommand);
    lines.endGroup();
    switch (eco) {
    case Ecosystem::Node:
        for (int i = 0; i < filler; ++i)
            lines.add("npm WARN deprecated " + pick(random, kPackages) + '@' + num(random.range(1, 9)) + '.'
                + num(random.range(0, 20)) + ".0: This version is no longer supported");
        if (completes) {
            lines.add("", 5);
            lines.add("added " + num(random.range(600, 2400)) + " packages, and audited " + num(random.range(600, 2400))
                + " packages in " + num(random.range(8, 60)) + 's');
            lines.add(num(random.range(50, 300)) + " packages are looking for funding");
            lines.add("found 0 vulnerabilities");
        }
        break;
    case Ecosystem::Gradle:
        lines.add("Downloading https://services.gradle.org/distributions/gradle-8.7-bin.zip", 2);
        lines.add("............10%.............20%.............30%............40%.............50%............60%......."
                  "......70%............80%.............90%............100%",
            5);
        lines.add("Welcome to Gradle 8.7!");
        for (int i = 0; i < filler; ++i)
            lines.add("Download https://repo.maven.apache.org/maven2/org/" + pick(random, kPackages) + '/'
                + pick(random, kPackages) + "/1." + num(random.range(0, 30)) + "/" + pick(random, kPackages) + ".pom");
        if (completes)
            lines.add("BUILD SUCCESSFUL in " + num(random.range(20, 90)) + 's', 3);
        break;
    case Ecosystem::Maven:
        for (int i = 0; i < filler; ++i)
            lines.add("[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/"
                + pick(random, kPackages) + "/1." + num(random.range(0, 30)) + ".pom (" + num(random.range(1, 40))
                + " kB at " + num(random.range(100, 900)) + " kB/s)");
        if (completes)
            lines.add("[INFO] BUILD SUCCESS", 2);
        break;
    case Ecosystem::Python:
        for (int i = 0; i < filler; ++i) {
            const QByteArray pkg = pick(random, kPackages);
            lines.add("Collecting " + pkg + ">=" + num(random.range(1, 3)) + '.' + num(random.range(0, 9))
                + " (from -r requirements.txt (line " + num(i % 40 + 1) + "))");
            lines.add("  Downloading " + pkg + '-' + num(random.range(1, 3)) + '.' + num(random.range(0, 30))
                + ".0-py3-none-any.whl (" + num(random.range(10, 900)) + " kB)");
        }
        if (completes)
            lines.add("Successfully installed " + pick(random, kPackages) + "-2.1.0 " + pick(random, kPackages)
                    + "-1.26.4 vision_models-0.9.1",
                3);
        break;
    case Ecosystem::Cpp:
        lines.add("-- The CXX compiler identification is GNU 12.3.0");
        lines.add("-- Detecting CXX compiler ABI info");
        lines.add("-- Detecting CXX compiler ABI info - done");
        lines.add("-- Check for working CXX compiler: /usr/bin/c++ - skipped");
        for (int i = 0; i < filler; ++i)
            lines.add("-- Looking for " + ToolOutput::moduleName(random) + "_support - found");
        if (completes) {
            lines.add("-- Configuring done (" + secs(random, 800, 4000) + "s)");
            lines.add("-- Generating done (0.1s)");
            lines.add("-- Build files have been written to: /home/runner/work/" + c.repo + '/' + c.repo + "/build");
        }
        break;
    case Ecosystem::Rust:
        lines.add("    Updating crates.io index", 3);
        for (int i = 0; i < filler; ++i)
            lines.add("  Downloaded " + pick(random, kPackages) + " v" + num(random.range(0, 2)) + '.'
                + num(random.range(0, 40)) + '.' + num(random.range(0, 9)));
        if (completes)
            lines.add("  Downloaded " + num(filler) + " crates (" + num(random.range(2, 40)) + ".1 MB) in "
                + secs(random, 500, 9000) + 's');
        break;
    case Ecosystem::Go:
        for (int i = 0; i < filler; ++i)
            lines.add("go: downloading github.com/" + pick(random, kPackages) + '/' + pick(random, kPackages) + " v"
                + num(random.range(0, 2)) + '.' + num(random.range(0, 30)) + ".0");
        break;
    case Ecosystem::DotNet:
        lines.add("  Determining projects to restore...");
        for (int i = 0; i < filler; ++i)
            lines.add("  Restored /home/runner/work/" + c.repo + '/' + c.repo + "/src/Inventory."
                + camel(ToolOutput::moduleName(random)) + "/Inventory." + camel(ToolOutput::moduleName(random))
                + ".csproj (in " + num(random.range(100, 3000)) + " ms).");
        break;
    }
}

void lint(Ecosystem eco, SampleRandom& random, StepLines& lines, bool completes)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    lines.runHeader(profile.lintCommand);
    lines.endGroup();
    switch (eco) {
    case Ecosystem::Node:
        lines.add("");
        lines.add("> storefront-web@2.3.0 lint");
        lines.add("> eslint . --max-warnings=0", 5);
        break;
    case Ecosystem::Gradle:
        lines.add("> Task :spotlessJava", 4);
        lines.add("> Task :spotlessCheck", 2);
        if (completes)
            lines.add("BUILD SUCCESSFUL in " + num(random.range(10, 50)) + 's');
        break;
    case Ecosystem::Maven:
        lines.add("[INFO] --- checkstyle:3.3.1:check (default-cli) @ billing-api ---", 4);
        if (completes)
            lines.add("[INFO] You have 0 Checkstyle violations.");
        break;
    case Ecosystem::Python:
        if (completes)
            lines.add("All checks passed!", 3);
        break;
    case Ecosystem::Rust:
        for (int i = 0; i < 6; ++i)
            lines.add("    Checking " + pick(random, kPackages) + " v1." + num(random.range(0, 40)) + ".0", 2);
        if (completes)
            lines.add(
                "    Finished `dev` profile [unoptimized + debuginfo] target(s) in " + secs(random, 9000, 90000) + 's');
        break;
    case Ecosystem::Go:
        if (completes)
            lines.add("0 issues.", 20);
        break;
    case Ecosystem::Cpp:
    case Ecosystem::DotNet:
        break;
    }
}

void build(
    Ecosystem eco, const ToolOutput::Context& c, int filler, bool completes, SampleRandom& random, StepLines& lines)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    lines.runHeader(profile.buildCommand);
    if (eco == Ecosystem::Gradle || eco == Ecosystem::Maven) {
        lines.add("env:", 0.01);
        lines.add(c.hardNegative ? "  JAVA_OPTS: -Xmx3g -XX:+HeapDumpOnOutOfMemoryError" : "  JAVA_OPTS: -Xmx3g", 0.01);
    }
    lines.endGroup();
    if (eco == Ecosystem::Node) {
        lines.add("");
        lines.add("> storefront-web@2.3.0 build");
        lines.add("> vite build");
        lines.add("\x1b[36mvite v5.2.8 \x1b[32mbuilding for production...\x1b[36m\x1b[39m", 2);
        lines.add("transforming...");
    }
    for (int i = 0; i < filler; ++i)
        lines.add(ToolOutput::progressLine(eco, StepKind::Build, i, filler, random));
    if (!completes)
        return;
    switch (eco) {
    case Ecosystem::Node:
        lines.add("\x1b[32m✓\x1b[39m " + num(filler * 7 + 40) + " modules transformed.");
        lines.add("\x1b[32m✓ built in " + secs(random, 4000, 60000) + "s\x1b[39m");
        break;
    case Ecosystem::Gradle:
        lines.add("");
        lines.add("BUILD SUCCESSFUL in " + num(random.range(1, 6)) + "m " + num(random.range(0, 59)) + 's');
        lines.add(num(filler + 3) + " actionable tasks: " + num(filler + 3) + " executed");
        break;
    case Ecosystem::Maven:
        lines.add("[INFO] ------------------------------------------------------------------------");
        lines.add("[INFO] BUILD SUCCESS");
        lines.add("[INFO] ------------------------------------------------------------------------");
        lines.add("[INFO] Total time:  " + num(random.range(20, 200)) + '.' + num(random.range(100, 999)) + " s");
        break;
    case Ecosystem::Python:
        lines.add("Successfully built vision_models-0.9.1-py3-none-any.whl");
        break;
    case Ecosystem::Cpp:
        lines.add('[' + num(filler + 1) + '/' + num(filler + 1) + "] Linking CXX executable bin/geomesh");
        break;
    case Ecosystem::Rust:
        lines.add("    Finished `release` profile [optimized] target(s) in " + num(random.range(1, 6)) + "m "
            + num(random.range(0, 59)) + 's');
        break;
    case Ecosystem::Go:
        break;
    case Ecosystem::DotNet:
        lines.add("");
        lines.add("Build succeeded.");
        lines.add("    0 Warning(s)");
        lines.add("    0 Error(s)");
        lines.add("");
        lines.add("Time Elapsed 00:00:" + num(random.range(10, 59)) + '.' + num(random.range(10, 99)));
        break;
    }
}

void test(
    Ecosystem eco, const ToolOutput::Context& c, int filler, bool completes, SampleRandom& random, StepLines& lines)
{
    const EcosystemProfile& profile = EcosystemProfile::of(eco);
    lines.runHeader(profile.testCommand);
    lines.endGroup();
    if (eco == Ecosystem::Python) {
        lines.add("\x1b[1m============================= test session starts ==============================\x1b[0m");
        lines.add("platform linux -- Python " + (c.version.isEmpty() ? QByteArray("3.11") : c.version)
            + ".8, pytest-8.1.1, pluggy-1.4.0");
        lines.add("rootdir: /home/runner/work/" + c.repo + '/' + c.repo);
        lines.add("collected " + num(filler) + " items", 3);
        lines.add("");
    }
    const int harmlessAt = c.hardNegative ? int(random.range(0, std::max(0, filler - 1))) : -1;
    for (int i = 0; i < filler; ++i) {
        lines.add(ToolOutput::progressLine(eco, StepKind::Test, i, filler, random));
        if (i == harmlessAt) {
            for (int k = 0; k < 3; ++k)
                lines.add(pick(random, kHarmless));
        }
    }
    if (!completes)
        return;
    const QByteArray passed = num(filler);
    switch (eco) {
    case Ecosystem::Node:
        lines.add("");
        lines.add("\x1b[1mTest Suites: \x1b[22m\x1b[1m\x1b[32m" + num(filler / 8 + 1) + " passed\x1b[39m\x1b[22m, "
            + num(filler / 8 + 1) + " total");
        lines.add(
            "\x1b[1mTests:       \x1b[22m\x1b[1m\x1b[32m" + passed + " passed\x1b[39m\x1b[22m, " + passed + " total");
        lines.add("\x1b[1mTime:\x1b[22m        " + secs(random, 5000, 90000) + " s");
        lines.add("Ran all test suites.");
        break;
    case Ecosystem::Gradle:
        lines.add("");
        lines.add("BUILD SUCCESSFUL in " + num(random.range(1, 9)) + "m " + num(random.range(0, 59)) + 's');
        break;
    case Ecosystem::Maven:
        lines.add("[INFO] Results:");
        lines.add("[INFO] ");
        lines.add("[INFO] Tests run: " + passed + ", Failures: 0, Errors: 0, Skipped: " + num(random.range(0, 4)));
        lines.add("[INFO] BUILD SUCCESS");
        break;
    case Ecosystem::Python:
        lines.add("\x1b[32m======================= \x1b[32m\x1b[1m" + passed + " passed\x1b[0m\x1b[32m in "
            + secs(random, 5000, 300000) + "s\x1b[0m\x1b[32m ========================\x1b[0m");
        break;
    case Ecosystem::Cpp:
        lines.add("");
        lines.add("100% tests passed, 0 tests failed out of " + passed);
        lines.add("");
        lines.add("Total Test time (real) = " + secs(random, 5000, 300000) + " sec");
        break;
    case Ecosystem::Rust:
        lines.add("");
        lines.add("test result: ok. " + passed
            + " passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in " + secs(random, 100, 90000)
            + 's');
        break;
    case Ecosystem::Go:
        lines.add("ok  \tgithub.com/" + c.owner + '/' + c.repo + '/' + ToolOutput::moduleName(random) + '\t'
            + secs(random, 100, 90000) + 's');
        break;
    case Ecosystem::DotNet:
        lines.add("");
        lines.add("Passed!  - Failed:     0, Passed:   " + passed + ", Skipped:     0, Total:   " + passed
            + ", Duration: " + num(random.range(2, 90)) + " s - Inventory.Tests.dll (net8.0)");
        break;
    }
}

void diagnose(StepLines& lines)
{
    lines.runHeader("free -m; df -h /; sudo dmesg | tail -n 20", { "free -m", "df -h /", "sudo dmesg | tail -n 20" });
    lines.endGroup();
}
} // namespace

QByteArray ToolOutput::testName(SampleRandom& random)
{
    return pick(random, kVerbs) + '_' + pick(random, kObjects);
}

QByteArray ToolOutput::moduleName(SampleRandom& random)
{
    return pick(random, kModules);
}

QByteArray ToolOutput::progressLine(Ecosystem eco, StepKind kind, int index, int total, SampleRandom& random)
{
    const QByteArray module = moduleName(random);
    if (kind == StepKind::Build) {
        switch (eco) {
        case Ecosystem::Node:
            return "src/" + module + '/' + camel(testName(random)) + ".tsx (" + num(random.range(1, 400)) + " modules)";
        case Ecosystem::Gradle:
            return "> Task :" + module
                + (index % 3 == 0 ? ":compileJava" : (index % 3 == 1 ? ":processResources" : ":classes"));
        case Ecosystem::Maven:
            return "[INFO] --- compiler:3.13.0:compile (default-compile) @ billing-" + module + " ---";
        case Ecosystem::Python:
            return "adding 'vision_models/" + module + '/' + testName(random) + ".py'";
        case Ecosystem::Cpp:
            return '[' + num(index + 1) + '/' + num(total + 1) + "] Building CXX object src/" + module + "/CMakeFiles/"
                + module + ".dir/" + testName(random) + ".cpp.o";
        case Ecosystem::Rust:
            return "   Compiling " + pick(random, kPackages) + " v1." + num(random.range(0, 40)) + '.'
                + num(random.range(0, 9));
        case Ecosystem::Go:
            return "go: downloading golang.org/x/" + module + " v0." + num(random.range(1, 30)) + ".0";
        case Ecosystem::DotNet:
            return "  Inventory." + camel(module) + " -> /home/runner/work/inventory-hub/inventory-hub/src/Inventory."
                + camel(module) + "/bin/Release/net8.0/Inventory." + camel(module) + ".dll";
        }
    }
    QByteArray name = testName(random);
    switch (eco) {
    case Ecosystem::Node:
        if (index % 9 == 0)
            return "\x1b[0m\x1b[7m\x1b[1m\x1b[32m PASS \x1b[39m\x1b[22m\x1b[27m\x1b[0m src/" + module + '/'
                + camel(name) + ".test.ts (" + secs(random, 300, 9000) + " s)";
        return "      \x1b[32m✓\x1b[39m \x1b[2m" + name.replace('_', ' ') + " (" + num(random.range(1, 90))
            + " ms)\x1b[22m";
    case Ecosystem::Gradle:
        return camel(module) + "Test > " + name + "() \x1b[32mPASSED\x1b[0m";
    case Ecosystem::Maven:
        return "[INFO] Tests run: " + num(random.range(1, 30)) + ", Failures: 0, Errors: 0, Skipped: 0, Time elapsed: "
            + secs(random, 10, 4000) + " s -- in com.acme.billing." + camel(module) + "Test";
    case Ecosystem::Python:
        return "tests/test_" + module + ".py::test_" + name + " \x1b[32mPASSED\x1b[0m" + QByteArray(" ")
            + percent(index, total);
    case Ecosystem::Cpp:
        return QByteArray(index < 9 ? "  " : " ") + num(index + 1) + '/' + num(total) + " Test #" + num(index + 1)
            + ": " + module + '_' + name + " ....................   Passed    " + secs(random, 10, 3000) + " sec";
    case Ecosystem::Rust:
        return "test " + module + "::tests::" + name + " ... ok";
    case Ecosystem::Go:
        if (index % 2 == 0)
            return "=== RUN   Test" + camel(module) + camel(name);
        return "--- PASS: Test" + camel(module) + camel(name) + " (" + secs(random, 0, 900) + "s)";
    case Ecosystem::DotNet:
        return "  Passed Inventory.Tests." + camel(module) + "Tests." + camel(name) + " [" + num(random.range(1, 400))
            + " ms]";
    }
    return {};
}

void ToolOutput::write(Ecosystem ecosystem, StepKind kind, const Context& context, int filler, bool completes,
    SampleRandom& random, StepLines& lines)
{
    switch (kind) {
    case StepKind::Checkout:
        checkout(context, random, lines);
        break;
    case StepKind::SetupTool:
        setupTool(ecosystem, context, random, lines);
        break;
    case StepKind::Cache:
        cacheStep(ecosystem, random, lines);
        break;
    case StepKind::Install:
        install(ecosystem, context, filler, completes, random, lines);
        break;
    case StepKind::Lint:
        lint(ecosystem, random, lines, completes);
        break;
    case StepKind::Build:
        build(ecosystem, context, filler, completes, random, lines);
        break;
    case StepKind::Test:
        test(ecosystem, context, filler, completes, random, lines);
        break;
    case StepKind::Diagnose:
        diagnose(lines);
        break;
    case StepKind::SetUpJob:
    case StepKind::Post:
    case StepKind::CompleteJob:
        break; // written by the LogWriter: they are the runner's, not the tools'
    }
}

} // namespace runlens::sample
