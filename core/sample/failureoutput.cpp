#include "failureoutput.h"

#include "ecosystemprofile.h"
#include "samplerandom.h"
#include "steplines.h"
#include "tooloutput.h"

namespace runlens::sample {

namespace {
QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

// The process the kernel or the runtime kills in each ecosystem.
QByteArray processName(Ecosystem eco)
{
    switch (eco) {
    case Ecosystem::Node:
        return "node";
    case Ecosystem::Gradle:
    case Ecosystem::Maven:
        return "java";
    case Ecosystem::Python:
        return "python";
    case Ecosystem::Cpp:
        return "cc1plus";
    case Ecosystem::Rust:
        return "rustc";
    case Ecosystem::Go:
        return "compaction.test";
    case Ecosystem::DotNet:
        return "dotnet";
    }
    return "bash";
}

void exitCode(StepLines& lines, int code, bool asEvidence = false)
{
    const QByteArray text = "##[error]Process completed with exit code " + num(code) + '.';
    if (asEvidence)
        lines.evidence(text, 0.2);
    else
        lines.add(text, 0.2);
}

// Progress that slows down: each line takes longer than the one before.
void slowing(Ecosystem eco, StepKind kind, int count, SampleRandom& random, StepLines& lines, double start = 1)
{
    double weight = start;
    for (int i = 0; i < count; ++i) {
        lines.add(ToolOutput::progressLine(eco, kind, 200 + i, 400, random), weight);
        weight *= 1.35 + random.uniform() * 0.3;
    }
}

// Weight of a silence relative to the step's other lines, so it dominates the step's time.
double silence(const StepLines& lines, double share)
{
    double total = 0;
    for (const auto& line : lines.lines())
        total += line.weight;
    return total * share / (1 - share);
}

QByteArray shellScript(SampleRandom& random)
{
    return "/home/runner/work/_temp/" + random.hex(8) + '-' + random.hex(4) + '-' + random.hex(4) + '-' + random.hex(4)
        + '-' + random.hex(12) + ".sh";
}

void javaStack(StepLines& lines, SampleRandom& random, const QByteArray& first)
{
    lines.add("\tat " + first, 0.01);
    const char* frames[] = { "java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
        "java.base/java.util.ArrayList.grow(ArrayList.java:237)",
        "com.acme.ledger.snapshot.SnapshotWriter.append(SnapshotWriter.java:88)",
        "com.acme.ledger.snapshot.SnapshotWriter.writeAll(SnapshotWriter.java:61)" };
    for (int i = 0; i < int(random.range(2, 4)); ++i)
        lines.add(QByteArray("\tat ") + frames[i], 0.01);
}

void gradleFailure(StepLines& lines, SampleRandom& random, const QByteArray& task, const QByteArray& what)
{
    lines.add("");
    lines.add("FAILURE: Build failed with an exception.", 0.05);
    lines.add("");
    lines.add("* What went wrong:");
    lines.add("Execution failed for task '" + task + "'.");
    lines.add("> " + what);
    lines.add("");
    lines.add("* Try:");
    lines.add("> Run with --info or --debug option to get more log output.");
    lines.add("> Get more help at https://help.gradle.org.");
    lines.add("");
    lines.add("BUILD FAILED in " + num(random.range(2, 14)) + "m " + num(random.range(0, 59)) + 's');
}

void mavenFailure(StepLines& lines, SampleRandom& random)
{
    lines.add("[INFO] ------------------------------------------------------------------------");
    lines.add("[INFO] BUILD FAILURE");
    lines.add("[INFO] ------------------------------------------------------------------------");
    lines.add("[INFO] Total time:  " + num(random.range(60, 900)) + '.' + num(random.range(100, 999)) + " s");
    lines.add("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) "
              "on project billing-api: There are test failures.");
}

void gcPauses(StepLines& lines, SampleRandom& random, int count)
{
    double seconds = double(random.range(40, 200));
    qint64 used = 3700;
    for (int i = 0; i < count; ++i) {
        seconds += 2 + i * 1.5;
        used = std::min<qint64>(4090, used + random.range(20, 80));
        lines.add("[" + QByteArray::number(seconds, 'f', 3) + "s][info][gc] GC(" + num(300 + i)
                + ") Pause Full (G1 Compaction Pause) " + num(used) + "M->" + num(used - random.range(1, 12))
                + "M(4096M) " + QByteArray::number(400.0 + i * 350.0 + random.range(0, 300), 'f', 3) + "ms",
            2 + i);
    }
}

void nodeHeap(StepLines& lines, SampleRandom& random, const QByteArray& fatal)
{
    const QByteArray pid = "[" + num(random.range(1800, 4000)) + ":0x" + random.hex(7) + ']';
    lines.add("", silence(lines, 0.3));
    lines.add("<--- Last few GCs --->");
    lines.add("");
    qint64 ms = random.range(90000, 300000);
    for (int i = 0; i < 3; ++i) {
        ms += random.range(1500, 4000);
        lines.add(pid + "   " + num(ms) + " ms: Mark-Compact (reduce) " + num(4030 + i) + ".2 (" + num(4130 + i)
            + ".6) -> " + num(4029 + i) + ".9 (" + num(4131 + i) + ".1) MB, " + num(random.range(1800, 3000))
            + ".43 / 0.00 ms  (average mu = 0.1" + num(random.range(10, 99)) + ", current mu = 0.0"
            + num(random.range(10, 99)) + ") allocation failure; scavenge might not succeed");
    }
    lines.add("");
    lines.add("");
    lines.add("<--- JS stacktrace --->");
    lines.add("");
    lines.evidence("FATAL ERROR: " + fatal + " Allocation failed - JavaScript heap out of memory");
    lines.add("----- Native stack trace -----");
    lines.add("");
    const char* frames[] = { "node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]",
        "v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]",
        "v8::internal::Heap::FatalProcessOutOfMemory(char const*) [node]",
        "v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, "
        "v8::GCCallbackFlags) [node]" };
    for (int i = 0; i < 4; ++i)
        lines.add(" " + num(i + 1) + ": 0x" + random.hex(6) + ' ' + frames[i]);
    lines.add("Aborted (core dumped)");
    exitCode(lines, 134);
}
} // namespace

int FailureOutput::variantCount(SampleCategory category, Ecosystem ecosystem)
{
    switch (category) {
    case SampleCategory::OomKilled:
    case SampleCategory::RunnerLost:
    case SampleCategory::NodeHeap:
    case SampleCategory::GpuOom:
    case SampleCategory::DiskFull:
    case SampleCategory::Infra:
        return 2;
    case SampleCategory::JvmHeap:
        return ecosystem == Ecosystem::Gradle ? 4 : 3;
    case SampleCategory::CompilerOom:
        return ecosystem == Ecosystem::Cpp ? 3 : 2;
    case SampleCategory::NativeAlloc:
        return ecosystem == Ecosystem::Cpp || ecosystem == Ecosystem::Python ? 2 : 1;
    default:
        return 1;
    }
}

StepKind FailureOutput::failingStep(SampleCategory category, Ecosystem ecosystem, int variant)
{
    Q_UNUSED(ecosystem);
    switch (category) {
    case SampleCategory::Success:
        return StepKind::CompleteJob;
    case SampleCategory::LintFailure:
        return StepKind::Lint;
    case SampleCategory::CompileError:
    case SampleCategory::CompilerOom:
        return StepKind::Build;
    case SampleCategory::Infra:
        return variant == 0 ? StepKind::Checkout : StepKind::Install;
    case SampleCategory::DiskFull:
        return variant == 0 ? StepKind::Install : StepKind::Build;
    case SampleCategory::OomKilled:
        return variant == 0 ? StepKind::Test : StepKind::Build;
    case SampleCategory::JvmHeap:
        return variant == 0 ? StepKind::Test : StepKind::Build;
    case SampleCategory::NodeHeap:
        return variant == 0 ? StepKind::Build : StepKind::Test;
    case SampleCategory::Cancelled:
        return variant == 0 ? StepKind::Test : StepKind::Build;
    default:
        return StepKind::Test;
    }
}

bool FailureOutput::runnerVanishes(SampleCategory category, int variant)
{
    return category == SampleCategory::RunnerLost && variant == 1;
}

void FailureOutput::write(
    SampleCategory category, Ecosystem eco, int variant, const Context& context, SampleRandom& random, StepLines& lines)
{
    const StepKind kind = failingStep(category, eco, variant);
    switch (category) {
    case SampleCategory::Success:
        return;
    case SampleCategory::OomKilled: {
        slowing(eco, kind, int(random.range(6, 14)), random, lines);
        lines.add(ToolOutput::progressLine(eco, kind, 399, 400, random), silence(lines, 0.45));
        const EcosystemProfile& profile = EcosystemProfile::of(eco);
        const QByteArray command = kind == StepKind::Test ? profile.testCommand : profile.buildCommand;
        lines.evidence(shellScript(random) + ": line " + num(random.range(1, 3)) + ": " + num(random.range(2000, 9000))
            + " Killed                  " + command);
        exitCode(lines, 137, true);
        return;
    }
    case SampleCategory::RunnerLost:
        slowing(eco, kind, int(random.range(5, 12)), random, lines);
        if (variant == 0) {
            lines.evidence("##[error]The runner has received a shutdown signal. This can happen when the runner "
                           "service is stopped, or a manually started runner is canceled.",
                silence(lines, 0.3));
            exitCode(lines, 143, true);
        } else {
            lines.evidence("##[error]The hosted runner: " + context.runnerName
                    + " lost communication with the server. Anything in your workflow that terminates the runner "
                      "process, starves it for CPU/Memory, or blocks its network access can cause this error.",
                silence(lines, 0.6));
        }
        return;
    case SampleCategory::JvmHeap: {
        const bool gradle = eco == Ecosystem::Gradle;
        gcPauses(lines, random, int(random.range(4, 9)));
        if (gradle && variant != 3)
            lines.add("Expiring Daemon because JVM heap space is exhausted", 3);
        slowing(eco, kind, int(random.range(3, 6)), random, lines, 4);
        if (variant == 0) {
            lines.evidence(
                "Exception in thread \"Test worker\" java.lang.OutOfMemoryError: Java heap space", silence(lines, 0.2));
            javaStack(lines, random, "java.base/java.util.Arrays.copyOf(Arrays.java:3537)");
            if (gradle)
                gradleFailure(lines, random, ":core:test",
                    "Process 'Gradle Test Executor " + num(random.range(1, 6))
                        + "' finished with non-zero exit value 1");
            else
                mavenFailure(lines, random);
        } else if (variant == 1) {
            lines.evidence("java.lang.OutOfMemoryError: GC overhead limit exceeded", silence(lines, 0.2));
            javaStack(lines, random, "java.base/java.util.HashMap.resize(HashMap.java:702)");
            if (gradle)
                gradleFailure(lines, random, ":core:compileJava", "GC overhead limit exceeded");
            else
                mavenFailure(lines, random);
        } else if (variant == 2) {
            lines.evidence("java.lang.OutOfMemoryError: Metaspace", silence(lines, 0.2));
            javaStack(lines, random, "java.base/java.lang.ClassLoader.defineClass1(Native Method)");
            if (gradle)
                gradleFailure(lines, random, ":app:compileKotlin", "Metaspace");
            else
                mavenFailure(lines, random);
        } else {
            lines.add("", silence(lines, 0.4));
            lines.evidence(
                "Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)");
        }
        exitCode(lines, 1);
        return;
    }
    case SampleCategory::NodeHeap:
        slowing(eco, kind, int(random.range(6, 12)), random, lines);
        nodeHeap(lines, random, variant == 0 ? "Ineffective mark-compacts near heap limit" : "Reached heap limit");
        return;
    case SampleCategory::CompilerOom:
        slowing(eco, StepKind::Build, int(random.range(5, 10)), random, lines, 2);
        if (eco == Ecosystem::Rust) {
            lines.add("   Compiling tidepool-core v0.4.2 (/home/runner/work/tidepool/tidepool/crates/core)",
                silence(lines, 0.2));
            if (variant == 0)
                lines.evidence("memory allocation of " + num(qint64(random.range(1, 8)) << 30) + " bytes failed",
                    silence(lines, 0.4));
            else
                lines.evidence("LLVM ERROR: out of memory", silence(lines, 0.4));
            lines.add("\x1b[1m\x1b[31merror\x1b[0m\x1b[1m:\x1b[0m could not compile `tidepool-core` (lib)");
            lines.add("");
            lines.add("Caused by:");
            lines.add(
                "  process didn't exit successfully: "
                "`/home/runner/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc --crate-name tidepool_core "
                "--edition=2021 crates/core/src/lib.rs` (signal: 6, SIGABRT: process abort signal)");
            exitCode(lines, 101);
        } else {
            const QByteArray object = "src/mesh/CMakeFiles/mesh.dir/" + ToolOutput::testName(random) + ".cpp.o";
            lines.add("FAILED: " + object, silence(lines, 0.45));
            lines.add("/usr/bin/c++ -DNDEBUG -I/home/runner/work/geomesh/geomesh/include -O3 -std=gnu++20 -MD -MT "
                    + object + " -c src/mesh/boolean_ops.cpp",
                0.01);
            if (variant == 0) {
                lines.evidence("c++: fatal error: Killed signal terminated program cc1plus");
                lines.add("compilation terminated.");
            } else if (variant == 1) {
                lines.evidence("virtual memory exhausted: Cannot allocate memory");
            } else {
                lines.evidence("LLVM ERROR: out of memory");
                lines.add("Allocation failed");
                lines.add("PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the "
                          "crash backtrace, preprocessed source, and associated run script.");
                lines.add(
                    "clang++: error: clang frontend command failed with exit code 134 (use -v to see invocation)");
            }
            lines.add("ninja: build stopped: subcommand failed.");
            exitCode(lines, 1);
        }
        return;
    case SampleCategory::NativeAlloc:
        slowing(eco, StepKind::Test, int(random.range(4, 9)), random, lines, 2);
        switch (eco) {
        case Ecosystem::Go:
            lines.add("runtime: out of memory: cannot allocate " + num(qint64(random.range(1, 4)) << 28)
                    + "-byte block (" + num(random.range(3000, 3900)) + "000000 in use)",
                silence(lines, 0.3));
            lines.evidence("fatal error: runtime: out of memory");
            lines.add("");
            lines.add("runtime stack:");
            lines.add("runtime.throw({0x9c1f2e?, 0x" + random.hex(4) + "?})");
            lines.add("\t/opt/hostedtoolcache/go/1.22.5/x64/src/runtime/panic.go:1023 +0x5c fp=0x7ffc" + random.hex(8)
                + " sp=0x7ffc" + random.hex(8));
            lines.add("FAIL\tgithub.com/acme/kvstore/compaction\t" + num(random.range(20, 300)) + '.'
                + num(random.range(100, 999)) + 's');
            lines.add("FAIL");
            exitCode(lines, 1);
            break;
        case Ecosystem::Python:
            lines.add("tests/test_tiling.py::test_large_mosaic ", silence(lines, 0.3));
            lines.add("\x1b[31mFAILED\x1b[0m");
            lines.add("=================================== FAILURES ===================================");
            lines.add("______________________________ test_large_mosaic _______________________________");
            lines.add("    def test_large_mosaic():");
            lines.add(">       grid = np.zeros((n, n, 4), dtype=np.float64)");
            if (variant == 0)
                lines.evidence("\x1b[1m\x1b[31mE       MemoryError\x1b[0m");
            else
                lines.evidence("\x1b[1m\x1b[31mE       numpy.core._exceptions._ArrayMemoryError: Unable to allocate "
                    + num(random.range(8, 60))
                    + ".5 GiB for an array with shape (65536, 65536, 4) and data type float64\x1b[0m");
            lines.add("");
            lines.add("\x1b[1m\x1b[31mtests/test_tiling.py\x1b[0m:88: MemoryError");
            lines.add("\x1b[31m========== \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m" + num(random.range(40, 400))
                + " passed\x1b[0m\x1b[31m in " + num(random.range(20, 400)) + ".21s\x1b[0m\x1b[31m ==========\x1b[0m");
            exitCode(lines, 1);
            break;
        case Ecosystem::DotNet:
            lines.add("  Failed Inventory.Tests.SnapshotTests.LoadsLargeSnapshot [" + num(random.range(2, 40)) + " s]",
                silence(lines, 0.3));
            lines.add("  Error Message:");
            lines.evidence(
                "   System.OutOfMemoryException : Exception of type 'System.OutOfMemoryException' was thrown.");
            lines.add("  Stack Trace:");
            lines.add("     at System.Collections.Generic.List`1.set_Capacity(Int32 value)");
            lines.add(
                "     at Inventory.Core.Snapshots.SnapshotReader.ReadAll(Stream stream) in "
                "/home/runner/work/inventory-hub/inventory-hub/src/Inventory.Core/Snapshots/SnapshotReader.cs:line 57");
            lines.add("Failed!  - Failed:     1, Passed:   " + num(random.range(40, 400))
                + ", Skipped:     0, Total:   " + num(random.range(400, 500))
                + ", Duration: 41 s - Inventory.Tests.dll (net8.0)");
            exitCode(lines, 1);
            break;
        default: // C++
            lines.add("[ RUN      ] MeshStress.BooleanUnionOfLargeGrids", silence(lines, 0.3));
            if (variant == 0) {
                lines.evidence("terminate called after throwing an instance of 'std::bad_alloc'");
                lines.add("  what():  std::bad_alloc");
            } else {
                lines.evidence("geomesh: failed to map arena of " + num(qint64(random.range(2, 16)) << 30)
                    + " bytes: Cannot allocate memory");
            }
            lines.add(" 37/" + num(random.range(40, 120))
                + " Test #37: mesh_stress ......................Subprocess aborted***Exception:  "
                + num(random.range(2, 60)) + ".41 sec");
            lines.add("");
            lines.add("The following tests FAILED:");
            lines.add("\t 37 - mesh_stress (Subprocess aborted)");
            lines.add("Errors while running CTest");
            exitCode(lines, 8);
            break;
        }
        return;
    case SampleCategory::GpuOom:
        for (int i = 0; i < 5; ++i)
            lines.add("Epoch 1:  " + num(10 + i * 15) + "%|██        | " + num(8 + i * 12) + "/80 [00:"
                    + num(10 + i * 9) + "<01:" + num(40 - i * 5) + ",  " + num(3 + i) + ".1" + num(i) + "s/it]",
                2 + i * 3);
        lines.add("tests/test_training.py::test_full_resolution_batch ", silence(lines, 0.2));
        lines.add("\x1b[31mFAILED\x1b[0m");
        if (variant == 0) {
            lines.evidence("\x1b[1m\x1b[31mE       torch.OutOfMemoryError: CUDA out of memory. Tried to allocate "
                + num(random.range(1, 8)) + ".00 GiB. GPU 0 has a total capacity of 14.75 GiB of which "
                + num(random.range(100, 900))
                + ".06 MiB is free. Of the allocated memory 13.21 GiB is allocated by PyTorch, and 405.12 MiB is "
                  "reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting "
                  "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.\x1b[0m");
        } else {
            lines.evidence("\x1b[1m\x1b[31mE       RuntimeError: CUDA error: out of memory\x1b[0m");
            lines.add("\x1b[1m\x1b[31mE       CUDA kernel errors might be asynchronously reported at some other API "
                      "call, so the stacktrace below might be incorrect.\x1b[0m");
        }
        lines.add("\x1b[31m========== \x1b[31m\x1b[1m1 failed\x1b[0m, \x1b[32m" + num(random.range(10, 90))
            + " passed\x1b[0m\x1b[31m in " + num(random.range(60, 900)) + ".02s\x1b[0m\x1b[31m ==========\x1b[0m");
        exitCode(lines, 1);
        return;
    case SampleCategory::DiskFull: {
        lines.add("##[warning]You are running out of disk space. The runner will stop working when the machine runs "
                  "out of disk space. Free space left: "
                + num(random.range(20, 99)) + " MB",
            silence(lines, 0.2));
        slowing(eco, kind, 3, random, lines);
        QByteArray text;
        switch (eco) {
        case Ecosystem::Node:
            lines.add("npm ERR! code ENOSPC");
            lines.add("npm ERR! syscall write");
            lines.add("npm ERR! errno -28");
            text = "npm ERR! nospc ENOSPC: no space left on device, write";
            break;
        case Ecosystem::Python:
            text = "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device";
            break;
        case Ecosystem::Gradle:
        case Ecosystem::Maven:
            text = "java.io.IOException: No space left on device";
            break;
        case Ecosystem::Cpp:
            text = "/usr/bin/ld: final link failed: No space left on device";
            break;
        case Ecosystem::Rust:
            text = "error: failed to write /home/runner/work/tidepool/tidepool/target/release/deps/libtidepool_core-"
                + random.hex(16) + ".rlib: No space left on device (os error 28)";
            break;
        case Ecosystem::Go:
            text = "write /tmp/go-build" + num(random.range(100000, 999999))
                + "/b001/exe/a.out: no space left on device";
            break;
        case Ecosystem::DotNet:
            text = "error MSB3491: Could not write lines to file "
                   "\"obj/Release/net8.0/Inventory.Core.AssemblyInfo.cs\". No space left on device";
            break;
        }
        lines.evidence(text);
        exitCode(lines, 1);
        return;
    }
    case SampleCategory::TestFailure: {
        const QByteArray name = ToolOutput::testName(random);
        QByteArray text;
        switch (eco) {
        case Ecosystem::Node:
            text = "  \x1b[1m\x1b[31m● \x1b[22m\x1b[1mCart › " + name + "\x1b[39m\x1b[22m";
            break;
        case Ecosystem::Gradle:
            text = "CatalogTest > " + name + "() \x1b[31mFAILED\x1b[0m";
            break;
        case Ecosystem::Maven:
            text = "[ERROR] Tests run: 14, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 2.113 s <<< FAILURE! -- "
                   "in com.acme.billing.InvoiceTest";
            break;
        case Ecosystem::Python:
            text = "FAILED tests/test_router.py::test_" + name + " - AssertionError: assert 404 == 200";
            break;
        case Ecosystem::Cpp:
            text = "[  FAILED  ] Router." + name + " (3 ms)";
            break;
        case Ecosystem::Rust:
            text = "test router::tests::" + name + " ... \x1b[31mFAILED\x1b[0m";
            break;
        case Ecosystem::Go:
            text = "--- FAIL: TestRouter (0.02s)";
            break;
        case Ecosystem::DotNet:
            text = "  Failed Inventory.Tests.RouterTests.Resolves [12 ms]";
            break;
        }
        lines.evidence(text);
        lines.add("    expected: 200");
        lines.add("    received: 404");
        exitCode(lines, 1);
        return;
    }
    case SampleCategory::CompileError: {
        QByteArray text;
        switch (eco) {
        case Ecosystem::Node:
            text = "src/cart/Cart.tsx(42,7): error TS2322: Type 'string' is not assignable to type 'number'.";
            break;
        case Ecosystem::Gradle:
        case Ecosystem::Maven:
            text = "/home/runner/work/src/main/java/com/acme/Invoice.java:57: error: cannot find symbol";
            break;
        case Ecosystem::Python:
            text = "  File \"src/vision_models/tiling.py\", line 31";
            break;
        case Ecosystem::Cpp:
            text = "src/mesh/boolean_ops.cpp:214:17: error: 'clampEdges' was not declared in this scope";
            break;
        case Ecosystem::Rust:
            text = "\x1b[1m\x1b[31merror[E0308]\x1b[0m\x1b[1m: mismatched types\x1b[0m";
            break;
        case Ecosystem::Go:
            text = "compaction/merge.go:88:14: undefined: mergeLevels";
            break;
        case Ecosystem::DotNet:
            text = "/home/runner/work/inventory-hub/inventory-hub/src/Inventory.Core/Stock.cs(31,17): error CS0103: "
                   "The name 'reorderLevel' does not exist in the current context";
            break;
        }
        lines.evidence(text);
        if (eco == Ecosystem::Python)
            lines.add("SyntaxError: invalid syntax");
        exitCode(lines, eco == Ecosystem::Rust ? 101 : 1);
        return;
    }
    case SampleCategory::LintFailure:
        switch (eco) {
        case Ecosystem::Node:
            lines.add("/home/runner/work/storefront-web/storefront-web/src/cart/Cart.tsx");
            lines.evidence("  12:7  \x1b[31merror\x1b[39m  'total' is assigned a value but never used  "
                           "\x1b[2mno-unused-vars\x1b[22m");
            lines.add("\x1b[31m\x1b[1m✖ 1 problem (1 error, 0 warnings)\x1b[22m\x1b[39m");
            break;
        case Ecosystem::Python:
            lines.evidence("src/vision_models/io.py:3:8: F401 [*] `os` imported but unused");
            lines.add("Found 1 error.");
            break;
        case Ecosystem::Rust:
            lines.evidence("\x1b[1m\x1b[31merror\x1b[0m\x1b[1m: this expression creates a reference which is "
                           "immediately dereferenced by the compiler\x1b[0m");
            break;
        case Ecosystem::Go:
            lines.evidence("compaction/merge.go:41:2: ineffectual assignment to err (ineffassign)");
            break;
        case Ecosystem::Cpp:
            lines.evidence(
                "src/mesh/boolean_ops.cpp:88:3: error: code should be clang-formatted [-Wclang-format-violations]");
            break;
        default:
            lines.evidence("[ERROR] src/main/java/com/acme/Invoice.java:[12,8] (imports) UnusedImports: Unused import "
                           "- java.util.List.");
            break;
        }
        exitCode(lines, 1);
        return;
    case SampleCategory::Infra:
        if (kind == StepKind::Checkout) {
            for (int i = 0; i < 2; ++i) {
                lines.add("remote: Internal Server Error", 3);
                lines.add(
                    "fatal: unable to access 'https://github.com/acme/repo/': The requested URL returned error: 500");
                lines.add("The process '/usr/bin/git' failed with exit code 128");
                lines.add("Waiting " + num(random.range(10, 20)) + " seconds before trying again");
            }
            lines.evidence("##[error]The process '/usr/bin/git' failed with exit code 128", 15);
        } else {
            lines.add("Retrying in " + num(random.range(2, 9)) + " seconds...", 5);
            lines.evidence(eco == Ecosystem::Node
                    ? QByteArray(
                        "npm ERR! network request to https://registry.npmjs.org/vite failed, reason: read ECONNRESET")
                    : QByteArray("error: Could not resolve host: registry.example-mirror.net (Temporary failure in "
                                 "name resolution)"),
                20);
            exitCode(lines, 1);
        }
        return;
    case SampleCategory::Timeout:
        slowing(eco, kind, 4, random, lines);
        lines.evidence("##[error]The job running on runner " + context.runnerName
                + " has exceeded the maximum execution time of " + num(context.timeoutMinutes) + " minutes.",
            silence(lines, 0.7));
        lines.add("##[error]The operation was canceled.", 0.2);
        return;
    case SampleCategory::Cancelled:
        lines.evidence("##[error]The operation was canceled.", silence(lines, 0.1));
        return;
    }
}

void FailureOutput::writeDiagnostics(
    SampleCategory category, Ecosystem eco, int variant, SampleRandom& random, StepLines& lines)
{
    Q_UNUSED(variant);
    const bool oom = category == SampleCategory::OomKilled || category == SampleCategory::CompilerOom;
    const qint64 used = oom ? random.range(15500, 15900) : random.range(2000, 9000);
    lines.add("               total        used        free      shared  buff/cache   available");
    lines.add("Mem:           15995       " + num(used) + "        " + num(15995 - used - 300)
        + "          45         300       " + num(15995 - used));
    lines.add(oom ? "Swap:           4095        4095           0" : "Swap:           4095           0        4095");
    lines.add("Filesystem      Size  Used Avail Use% Mounted on");
    lines.add(category == SampleCategory::DiskFull ? QByteArray("/dev/root        73G   73G   20M 100% /")
                                                   : "/dev/root        73G   " + num(random.range(40, 60)) + "G   "
                + num(random.range(13, 30)) + "G  " + num(random.range(55, 80)) + "% /");
    double uptime = double(random.range(300, 3000)) + random.uniform();
    const auto kernel = [&](const QByteArray& text, bool evidence = false) {
        uptime += random.uniform();
        const QByteArray line = "[" + QByteArray::number(uptime, 'f', 6).rightJustified(12, ' ') + "] " + text;
        if (evidence)
            lines.evidence(line, 0.1);
        else
            lines.add(line, 0.1);
    };
    kernel("hv_balloon: Max. dynamic memory size: " + num(16384) + " MB");
    if (!oom)
        return;
    const QByteArray name = category == SampleCategory::CompilerOom ? QByteArray("cc1plus") : processName(eco);
    const qint64 pid = random.range(2000, 9000);
    kernel(name + " invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0");
    kernel("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/"
           "system.slice/runner-provisioner.service,task="
        + name + ",pid=" + num(pid) + ",uid=1001");
    kernel("Out of memory: Killed process " + num(pid) + " (" + name + ") total-vm:"
            + num(random.range(16000000, 24000000)) + "kB, anon-rss:" + num(random.range(14000000, 15500000))
            + "kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:" + num(random.range(28000, 34000))
            + "kB oom_score_adj:0",
        true);
    kernel("oom_reaper: reaped process " + num(pid) + " (" + name + "), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
}

} // namespace runlens::sample
