#include "taxonomy/memorycategory.h"
#include "taxonomy/naivekeywordfilter.h"
#include "taxonomy/runscanner.h"
#include "taxonomy/taxonomy.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace runlens::logs;

namespace {
const char* const kTs = "2024-03-05T10:11:12.1371370Z ";

QByteArray stamped(const char* text)
{
    return QByteArray(kTs) + text;
}
} // namespace

// The taxonomy on line text: every category with lines it must catch and look-alikes it must not, the
// prefilter/confirm path of scanLines(), and the final-versus-earlier rule on whole runs.
class TestTaxonomy : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const Taxonomy> m_taxonomy;
    std::map<QString, int> m_positives;
    std::map<QString, int> m_negatives;

    static void addCase(const char* name, const QByteArray& line, const QString& expected, const QString& about)
    {
        QTest::addRow("%s", name) << line << expected << about;
    }

    static void writeFile(const QString& path, const QByteArray& content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
        QCOMPARE(file.write(content), content.size());
    }

    static RunScan scanFolder(const QString& dir, const ScanOptions& options = {})
    {
        auto scanner = RunScanner::create(options);
        if (!scanner)
            qFatal("%s", qPrintable(scanner.error()));
        return scanner->scan(RunSource { dir, dir, RunSource::Kind::Folder });
    }

private slots:
    void initTestCase()
    {
        auto created = Taxonomy::create();
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error()));
        m_taxonomy = created.value();
    }

    void categoriesHaveStableIdsAndColours()
    {
        const QStringList expected { QStringLiteral("oom-killed"), QStringLiteral("runner-lost"),
            QStringLiteral("jvm-heap"), QStringLiteral("node-heap"), QStringLiteral("compiler-oom"),
            QStringLiteral("native-alloc"), QStringLiteral("gpu-oom"), QStringLiteral("disk-full") };
        QStringList ids;
        QSet<QString> colours;
        const QRegularExpression hex(QStringLiteral("^#[0-9A-F]{6}$"));
        for (const CategoryInfo& info : allCategories()) {
            ids << info.id;
            colours.insert(info.colour);
            QVERIFY2(hex.match(info.colour).hasMatch(), qPrintable(info.colour));
            QVERIFY(!info.name.isEmpty());
            QVERIFY(!info.description.isEmpty());
            QCOMPARE(categoryFromId(info.id), std::optional<MemoryCategory>(info.category));
            QCOMPARE(&categoryInfo(info.category), &info);
        }
        QCOMPARE(ids, expected);
        QCOMPARE(colours.size(), int(expected.size()));
        QVERIFY(!categoryFromId(u"oom").has_value());
        QVERIFY(categoryInfo(MemoryCategory::RunnerLost).possible);
        QVERIFY(!categoryInfo(MemoryCategory::DiskFull).memory);
        QVERIFY(categoryInfo(MemoryCategory::OomKilled).memory);
    }

    void classifyLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("expected"); // category id, empty when the line is not a failure
        QTest::addColumn<QString>("about"); // the category the row tests: counts rows per category

        const QString none;
        // --- oom-killed
        const QString oom = QStringLiteral("oom-killed");
        addCase("oom: exit code 137", stamped("##[error]Process completed with exit code 137."), oom, oom);
        addCase("oom: docker exited with code 137", "app_1 exited with code 137", oom, oom);
        addCase("oom: python returned 137",
            "subprocess.CalledProcessError: Command '['pytest']' returned non-zero exit status 137.", oom, oom);
        addCase("oom: make Error 137", "make[2]: *** [CMakeFiles/big.dir/all] Error 137", oom, oom);
        addCase("oom: returned 137", "Command 'ninja' returned 137", oom, oom);
        addCase("oom: exit code colon", "Error: exit code: 137", oom, oom);
        addCase("oom: exited (137)", "build-1 exited (137)", oom, oom);
        addCase("oom: ExitCode=137", "container state: ExitCode=137 Reason=Error", oom, oom);
        addCase("oom: rc=137", "task failed rc=137", oom, oom);
        addCase("oom: shell Killed alone", stamped("Killed"), oom, oom);
        addCase("oom: bash job Killed",
            "/home/runner/work/_temp/abc.sh: line 3:  4242 Killed                  python train.py", oom, oom);
        addCase("oom: Killed with command", "Killed                  ./gradlew build", oom, oom);
        addCase("oom: bash line pid Killed", "bash: line 12: 4711 Killed   make -j8", oom, oom);
        addCase("oom: script line pid Killed", "/path/x.sh: line 3: 99 Killed ./run-tests", oom, oom);
        addCase("oom: job control Killed", "[1]+  Killed                  sleep 600", oom, oom);
        addCase("oom: job control Killed alone", "[2]-  Killed", oom, oom);
        addCase("oom: Killed tab command", "Killed\tnode build.js", oom, oom);
        addCase("oom: macOS Killed: 9", "Killed: 9", oom, oom);
        addCase("oom: zsh killed", "zsh: killed     cargo build --release", oom, oom);
        addCase("oom: make target Killed", "make: *** [Makefile:12: all] Killed", oom, oom);
        addCase("oom: sub-make target Killed", "make[2]: *** [src/CMakeFiles/core.dir/big.cpp.o] Killed", oom, oom);
        addCase("oom: xargs signal 9", "xargs: clang++: terminated by signal 9", oom, oom);
        addCase("oom: kernel Killed process", "[ 77.1] Killed process 4711 (java) total-vm:8000kB", oom, oom);
        addCase("oom: SIGKILL", "error: process didn't exit successfully: `target/debug/x` (signal: 9, SIGKILL: kill)",
            oom, oom);
        addCase("oom: signal 9", "The process was terminated by signal 9", oom, oom);
        addCase("oom: oom-kill kernel", "[ 123.4567] oom-kill:constraint=CONSTRAINT_MEMCG,task=java,pid=77", oom, oom);
        addCase("oom: invoked oom-killer", "[ 99.1] java invoked oom-killer: gfp_mask=0x100cca", oom, oom);
        addCase("oom: OOMKilled true", "    OOMKilled: true", oom, oom);
        addCase("oom: OOMKilled json true", "\"OOMKilled\": true,", oom, oom);
        addCase("oom: kernel out of memory", "[ 812.3] Out of memory: Killed process 4711 (node) total-vm:9000kB", oom,
            oom);
        addCase("oom: cgroup out of memory", "Memory cgroup out of memory: Killed process 12 (cc1plus)", oom, oom);
        addCase("oom: ANSI coloured exit", "\x1b[31m##[error]Process completed with exit code 137.\x1b[0m", oom, oom);
        addCase("oom: gh run view prefix", "build\tRun tests\t2024-03-05T10:11:12.0000000Z Killed", oom, oom);
        // look-alikes
        addCase("oom-neg: 137 in timestamp", stamped("Downloading artifact"), none, oom);
        addCase("oom-neg: counter (137/1368)", "Receiving objects:  10% (137/1368)", none, oom);
        addCase("oom-neg: 137 passed", "======= 137 passed, 2 skipped in 12.3s =======", none, oom);
        addCase("oom-neg: port 1370", "Listening on port 1370", none, oom);
        addCase("oom-neg: exit code 1370", "Process completed with exit code 1370.", none, oom);
        addCase("oom-neg: room", "Make room for the new cache entries", none, oom);
        addCase("oom-neg: zoom bloom", "zoom level 3, bloom filter rebuilt", none, oom);
        addCase("oom-neg: OOMKilled false", "\"OOMKilled\": false,", none, oom);
        addCase("oom-neg: OOMKilled false yaml", "    OOMKilled: false", none, oom);
        addCase("oom-neg: test name", "tests/test_mem.py::test_oom_killed_is_reported PASSED", none, oom);
        addCase("oom-neg: killed lower-case prose", "Removing containers killed earlier by the cleanup job", none, oom);
        // Sentences that start with "Killed" (invented): not a shell's report of a SIGKILL.
        addCase("oom-neg: Killed stale daemons", "Killed 3 stale Gradle daemons before the build", none, oom);
        addCase("oom-neg: Killed sccache server", "Killed stale sccache server, starting a new one", none, oom);
        addCase("oom-neg: Killed process tree", "Killed process tree of the previous test run", none, oom);
        addCase("oom-neg: Killed process without name", "Killed process 4711 because its port was needed", none, oom);
        addCase("oom-neg: Killed idle server", "Killed the language server after 30 s idle", none, oom);
        addCase("oom-neg: Killed emulators", "  Killed 2 orphaned emulator instances.", none, oom);
        addCase("oom-neg: Killed mutants", "Killed mutants: 42 of 50 (84%)", none, oom);
        addCase("oom-neg: Killed count", "Killed: 42, Survived: 8, Timeout: 0", none, oom);
        addCase("oom-neg: Killed by request", "Killed by user request; restarting the watcher", none, oom);
        addCase("oom-neg: job prose", "[1] Killed the old dev server on port 3000", none, oom);
        addCase("oom-neg: line prose", "deploy.sh: line 7: Killed the previous deployment", none, oom);
        addCase("oom-neg: make prose", "make: *** [all] Killed by the watchdog after 10 minutes", none, oom);
        addCase("oom-neg: zsh prose", "zsh: killed the prompt theme cache", none, oom);
        addCase("oom-neg: docker flag", "docker run --oom-kill-disable --memory=6g image", none, oom);
        addCase("oom-neg: signal 90", "received signal 90 from the supervisor", none, oom);
        addCase("oom-neg: exit code 0", stamped("##[error]Process completed with exit code 1."), none, oom);

        // --- runner-lost
        const QString lost = QStringLiteral("runner-lost");
        addCase("lost: shutdown signal",
            stamped("##[error]The runner has received a shutdown signal. This can happen when the runner service is "
                    "stopped."),
            lost, lost);
        addCase("lost: lost communication", "##[error]The self-hosted runner: r-12 lost communication with the server.",
            lost, lost);
        addCase("lost: lost communication plain",
            "The hosted runner: GitHub Actions 3 lost communication with the server. Anything in your workflow that "
            "terminates the runner process",
            lost, lost);
        addCase("lost: shutdown lower case", "runner received a shutdown signal", lost, lost);
        addCase("lost: exit code 143", "##[error]Process completed with exit code 143.", lost, lost);
        addCase("lost: exited with code 143", "worker exited with code 143", lost, lost);
        addCase("lost: status 143", "exit status 143", lost, lost);
        addCase("lost: gh view shutdown",
            "test\tSet up job\t2024-03-05T10:11:12.0000000Z ##[error]The runner has received a shutdown signal.", lost,
            lost);
        addCase("lost-neg: shutdown word", "Shutdown hook registered", none, lost);
        addCase("lost-neg: graceful shutdown", "Gradle daemon graceful shutdown requested", none, lost);
        addCase("lost-neg: 143 in hash", "sha: '6303fd1cdf5f143a398'", none, lost);
        addCase("lost-neg: 143 counter", "Compressing objects:  41% (143/348)", none, lost);
        addCase("lost-neg: 143 warning number", "143. WARNING in Foo.java (at line 29)", none, lost);
        addCase("lost-neg: communication prose", "lost communication ports were reopened", none, lost);
        addCase("lost-neg: signal handler", "installing shutdown handler for SIGTERM", none, lost);
        addCase("lost-neg: 1430 code", "exit code 1430", none, lost);

        // --- jvm-heap
        const QString jvm = QStringLiteral("jvm-heap");
        addCase(
            "jvm: heap space", "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", jvm, jvm);
        addCase("jvm: GC overhead", "java.lang.OutOfMemoryError: GC overhead limit exceeded", jvm, jvm);
        addCase("jvm: metaspace", "Caused by: java.lang.OutOfMemoryError: Metaspace", jvm, jvm);
        addCase("jvm: native thread", "java.lang.OutOfMemoryError: unable to create new native thread", jvm, jvm);
        addCase("jvm: bare OOME", "> OutOfMemoryError: Direct buffer memory", jvm, jvm);
        addCase("jvm: GC overhead alone", "GC overhead limit exceeded", jvm, jvm);
        addCase("jvm: gradle daemon",
            "Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)", jvm, jvm);
        addCase("jvm: heap exhausted", "The Gradle daemon's JVM heap space is exhausted", jvm, jvm);
        addCase("jvm: thrashing", "Daemon will be stopped because the JVM garbage collector is thrashing", jvm, jvm);
        addCase("jvm: reserve heap", "Error: Could not reserve enough space for object heap", jvm, jvm);
        addCase("jvm-neg: heap dump flag", "org.gradle.jvmargs=-Xmx2g -XX:+HeapDumpOnOutOfMemoryError", none, jvm);
        addCase(
            "jvm-neg: on OOME flag", "JAVA_OPTS=-XX:OnOutOfMemoryError=kill -XX:+ExitOnOutOfMemoryError", none, jvm);
        addCase("jvm-neg: test class", "Running com.example.OutOfMemoryErrorTest", none, jvm);
        addCase("jvm-neg: test method", "[INFO] testHandlesOutOfMemoryError(com.example.Suite) passed", none, jvm);
        addCase("jvm-neg: metaspace stats", " Metaspace       used 61234K, committed 61952K", none, jvm);
        addCase("jvm-neg: heap pollution", "Possible heap pollution from parameterized vararg type", none, jvm);
        addCase("jvm-neg: heap size option", "-Xmx4g sets the maximum heap size", none, jvm);
        addCase("jvm-neg: daemon started", "Starting a Gradle Daemon (subsequent builds will be faster)", none, jvm);

        // --- node-heap
        const QString node = QStringLiteral("node-heap");
        addCase("node: js heap", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            node, node);
        addCase("node: js heap alone", "JavaScript heap out of memory", node, node);
        addCase("node: mark-compacts",
            "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
            node, node);
        addCase("node: reached heap limit", "<--- Last few GCs ---> Reached heap limit", node, node);
        addCase("node: stamped",
            stamped("FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory"), node, node);
        addCase("node: lower case", "fatal error: javascript heap out of memory", node, node);
        addCase("node: ansi", "\x1b[1m\x1b[31mFATAL ERROR: Reached heap limit\x1b[0m", node, node);
        addCase("node: ineffective alone", "Ineffective mark-compacts near heap limit", node, node);
        addCase("node-neg: max-old-space", "NODE_OPTIONS=--max-old-space-size=4096", none, node);
        addCase("node-neg: heap snapshot", "Writing heap snapshot to Heap.20240305.heapsnapshot", none, node);
        addCase("node-neg: heap limit prose", "Set the heap limit with --max-old-space-size", none, node);
        addCase("node-neg: heap used", "heap used: 512 MB of 4096 MB", none, node);
        addCase("node-neg: javascript heap prose", "JavaScript heap statistics collected", none, node);
        addCase("node-neg: test name", "✓ handles javascript_heap_out_of_memory gracefully", none, node);
        addCase("node-neg: mark compact", "Mark-sweep 1200.1 (1300.0) -> 1100.2 MB", none, node);
        addCase("node-neg: npm warn", "npm WARN deprecated heapdump@0.3.15", none, node);

        // --- compiler-oom
        const QString cc = QStringLiteral("compiler-oom");
        addCase("cc: cc1plus killed", "c++: fatal error: Killed signal terminated program cc1plus", cc, cc);
        addCase("cc: cc1 killed", "gcc: fatal error: Killed signal terminated program cc1", cc, cc);
        addCase("cc: vm exhausted", "virtual memory exhausted: Cannot allocate memory", cc, cc);
        addCase("cc: cc1plus out of memory",
            "cc1plus: out of memory allocating 65536 bytes after a total of 1234 bytes", cc, cc);
        addCase("cc: llvm", "LLVM ERROR: out of memory", cc, cc);
        addCase("cc: rustc alloc", "memory allocation of 4294967296 bytes failed", cc, cc);
        addCase("cc: rustc alloc stamped", stamped("memory allocation of 1048576 bytes failed"), cc, cc);
        addCase("cc: lto1 killed", "lto-wrapper: fatal error: Killed signal terminated program lto1", cc, cc);
        addCase("cc-neg: compile error", "error: expected ';' before '}' token", none, cc);
        addCase("cc-neg: virtual memory prose", "virtual memory size: 12 GB", none, cc);
        addCase("cc-neg: allocation succeeded", "memory allocation of 64 bytes succeeded", none, cc);
        addCase("cc-neg: llvm error other", "LLVM ERROR: Cannot select: intrinsic", none, cc);
        addCase("cc-neg: killed signal prose", "the Killed signal handler was installed", none, cc);
        addCase(
            "cc-neg: cc1plus warning", "cc1plus: warning: command-line option '-Wno-x' is valid for C only", none, cc);
        addCase("cc-neg: alloc word", "memory allocation of buffers is lazy", none, cc);
        addCase("cc-neg: rustc flags", "RUSTFLAGS=-C codegen-units=1 --memory=6g", none, cc);

        // --- native-alloc
        const QString nat = QStringLiteral("native-alloc");
        addCase("nat: bad_alloc", "terminate called after throwing an instance of 'std::bad_alloc'", nat, nat);
        addCase("nat: what bad_alloc", "  what():  std::bad_alloc", nat, nat);
        addCase("nat: ENOMEM", "Error: spawn ENOMEM", nat, nat);
        addCase("nat: cannot allocate", "fork: Cannot allocate memory", nat, nat);
        addCase("nat: go runtime", "fatal error: runtime: out of memory", nat, nat);
        addCase("nat: python MemoryError", "MemoryError", nat, nat);
        addCase("nat: python MemoryError message", "MemoryError: Unable to allocate array", nat, nat);
        addCase("nat: numpy",
            "numpy.core._exceptions._ArrayMemoryError: Unable to allocate 7.45 GiB for an array with shape "
            "(1000000000,)",
            nat, nat);
        addCase("nat: dotnet", "Unhandled exception. System.OutOfMemoryException: Insufficient memory to continue", nat,
            nat);
        addCase("nat: git malloc", "fatal: Out of memory, malloc failed (tried to allocate 1048576 bytes)", nat, nat);
        addCase("nat-neg: memory limit", "--memory=6g --memory-swap=6g", none, nat);
        addCase("nat-neg: test name", "tests/test_alloc.py::test_out_of_memory_is_reported PASSED", none, nat);
        addCase("nat-neg: MemoryErrorTest", "Running MemoryErrorTests.test_alloc", none, nat);
        addCase("nat-neg: test_bad_alloc", "[ RUN      ] Alloc.test_bad_alloc_handling", none, nat);
        addCase("nat-neg: enomem lowercase word", "checking for enomemory support... no", none, nat);
        addCase("nat-neg: OutOfMemoryException test", "Passed ThrowsOutOfMemoryExceptionWhenFull", none, nat);
        addCase("nat-neg: allocate prose", "We cannot allocate more runners today", none, nat);
        addCase("nat-neg: out of memory hint", "Hint: reduce the batch size to avoid running out of memory", none, nat);

        // --- gpu-oom
        const QString gpu = QStringLiteral("gpu-oom");
        addCase("gpu: torch", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", gpu, gpu);
        addCase("gpu: torch.cuda", "torch.cuda.OutOfMemoryError: CUDA out of memory.", gpu, gpu);
        addCase("gpu: RuntimeError", "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB", gpu, gpu);
        addCase("gpu: cuda error", "RuntimeError: CUDA error: out of memory", gpu, gpu);
        addCase("gpu: cublas", "CUBLAS_STATUS_ALLOC_FAILED when calling cublasCreate(handle)", gpu, gpu);
        addCase("gpu: cudaErrorMemoryAllocation", "cudaErrorMemoryAllocation: out of memory", gpu, gpu);
        addCase("gpu: stamped", stamped("E   torch.OutOfMemoryError: CUDA out of memory."), gpu, gpu);
        addCase("gpu: tf style", "Error: CUDA out of memory on device 0", gpu, gpu);
        addCase("gpu-neg: cuda version", "CUDA Version: 12.4", none, gpu);
        addCase("gpu-neg: memory summary", "torch.cuda.memory_summary() printed below", none, gpu);
        addCase("gpu-neg: alloc conf", "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True", none, gpu);
        addCase("gpu-neg: test name", "test_cuda_out_of_memory_recovery PASSED", none, gpu);
        addCase("gpu-neg: nvidia-smi", "|  0  NVIDIA A10G  On | 00000000:00:1E.0 Off | 22.3GiB |", none, gpu);
        addCase("gpu-neg: cuda error other", "RuntimeError: CUDA error: device-side assert triggered", none, gpu);
        addCase("gpu-neg: skip message", "SKIPPED [1] requires CUDA", none, gpu);
        addCase("gpu-neg: empty cache", "torch.cuda.empty_cache() called", none, gpu);

        // --- disk-full
        const QString disk = QStringLiteral("disk-full");
        addCase("disk: no space", "OSError: [Errno 28] No space left on device", disk, disk);
        addCase("disk: write error", "write /var/lib/docker/tmp/x: no space left on device", disk, disk);
        addCase("disk: ENOSPC", "Error: ENOSPC: no space left on device, write", disk, disk);
        addCase("disk: ENOSPC alone", "npm ERR! code ENOSPC", disk, disk);
        addCase("disk: windows", "There is not enough space on the disk.", disk, disk);
        addCase("disk: stamped", stamped("##[error]No space left on device : '/home/runner/runners/2.3/_diag/x.log'"),
            disk, disk);
        addCase("disk: tar", "tar: ./big.bin: Cannot write: No space left on device", disk, disk);
        addCase("disk: gh view", "build\tBuild\t2024-03-05T10:11:12.0000000Z no space left on device", disk, disk);
        addCase("disk-neg: df", "Filesystem      Size  Used Avail Use% Mounted on", none, disk);
        addCase("disk-neg: freeing space", "Freeing up disk space on the runner", none, disk);
        addCase("disk-neg: space left", "12 GB of space left on the device", none, disk);
        addCase("disk-neg: namespace", "namespace left unchanged on device tree", none, disk);
        addCase("disk-neg: test name", "test_no_space_left_on_device_is_handled PASSED", none, disk);
        addCase("disk-neg: enospc word", "enospcheck=false", none, disk);
        addCase("disk-neg: plain", "Cleaning workspace", none, disk);
        addCase("disk-neg: docker prune", "Total reclaimed space: 2.1GB", none, disk);
    }

    void classifyLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, expected);
        QFETCH(QString, about);
        (expected.isEmpty() ? m_negatives : m_positives)[about]++;
        const std::optional<TaxonomyMatch> match = m_taxonomy->classifyLine(line);
        const QString got = match ? categoryId(match->category) : QString();
        QVERIFY2(got == expected,
            qPrintable(QStringLiteral("'%1' -> '%2' (rule %3), expected '%4'")
                           .arg(QString::fromUtf8(line), got, match ? match->rule : QString(), expected)));
    }

    void everyCategoryHasEightPositivesAndNegatives()
    {
        for (const CategoryInfo& info : allCategories()) {
            QVERIFY2(m_positives[info.id] >= 8, qPrintable(info.id));
            QVERIFY2(m_negatives[info.id] >= 8, qPrintable(info.id));
        }
    }

    void exit143NeedsACompanion()
    {
        const auto match = m_taxonomy->classifyLine("##[error]Process completed with exit code 143.");
        QVERIFY(match);
        QVERIFY(match->needsCompanion);
        QVERIFY(!m_taxonomy->classifyLine("##[error]The runner has received a shutdown signal.")->needsCompanion);
    }

    void scanLinesReportsLineNumbersAndMarkers()
    {
        QByteArray text;
        for (int i = 1; i <= 5000; ++i) {
            if (i == 1234)
                text += stamped("java.lang.OutOfMemoryError: Java heap space\n");
            else if (i == 1240)
                text += stamped("##[error]Process completed with exit code 1.\n");
            else if (i == 5000)
                text += "Killed"; // the last line has no newline
            else
                text += stamped("step output line with room and zoom (137/1368)\n");
        }
        auto scratch = m_taxonomy->makeScratch();
        std::vector<std::pair<qint64, QString>> events;
        const qint64 newlines = m_taxonomy->scanLines(text, 1, *scratch, [&](const TaxonomyLineEvent& event) {
            events.push_back({ event.line,
                event.match ? categoryId(event.match->category)
                            : (event.errorMarker ? QStringLiteral("marker") : QString()) });
        });
        QCOMPARE(newlines, qint64(4999));
        QCOMPARE(events.size(), size_t(3));
        QCOMPARE(events[0], std::make_pair(qint64(1234), QStringLiteral("jvm-heap")));
        QCOMPARE(events[1], std::make_pair(qint64(1240), QStringLiteral("marker")));
        QCOMPARE(events[2], std::make_pair(qint64(5000), QStringLiteral("oom-killed")));
    }

    void evidenceAndMessageText()
    {
        QCOMPARE(Taxonomy::evidenceText("\xEF\xBB\xBF"
                                        "2024-01-01T00:00:00.0000000Z \x1b[31mKilled\x1b[0m\r"),
            QStringLiteral("2024-01-01T00:00:00.0000000Z Killed"));
        QCOMPARE(Taxonomy::messageText("2024-01-01T00:00:00.0000000Z \x1b[31mKilled\x1b[0m"), QStringLiteral("Killed"));
        QCOMPARE(Taxonomy::messageText("job\tstep\t2024-01-01T00:00:00.0000000Z hello"), QStringLiteral("hello"));
        QCOMPARE(Taxonomy::messageText("no timestamp here"), QStringLiteral("no timestamp here"));
    }

    void finalVersusEarlier_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QStringList>("expected"); // "line:category:final|earlier" per hit

        QTest::addRow("exit 137 line is the final cause")
            << QByteArray("Killed\nstep\n##[error]Process completed with exit code 137.\n")
            << QStringList { QStringLiteral("1:oom-killed:earlier"), QStringLiteral("3:oom-killed:final") };
        QTest::addRow("closest hit before the last error")
            << QByteArray("java.lang.OutOfMemoryError: Java heap space\nMemoryError\nok\n##[error]Process completed "
                          "with exit code 1.\npost step\nKilled\n")
            << QStringList { QStringLiteral("1:jvm-heap:earlier"), QStringLiteral("2:native-alloc:final"),
                   QStringLiteral("6:oom-killed:earlier") };
        QTest::addRow("last error marker counts")
            << QByteArray("MemoryError\n##[error]first\nNo space left on device\n##[error]Process completed with exit "
                          "code 1.\n")
            << QStringList { QStringLiteral("1:native-alloc:earlier"), QStringLiteral("3:disk-full:final") };
        QTest::addRow("no marker: last hit is final")
            << QByteArray("MemoryError\nfine\nJavaScript heap out of memory\nbye\n")
            << QStringList { QStringLiteral("1:native-alloc:earlier"), QStringLiteral("3:node-heap:final") };
        QTest::addRow("hits only after the marker: last hit is final")
            << QByteArray("##[error]Process completed with exit code 2.\nKilled\nMemoryError\n")
            << QStringList { QStringLiteral("2:oom-killed:earlier"), QStringLiteral("3:native-alloc:final") };
        QTest::addRow("exit 143 alone is dropped")
            << QByteArray("##[error]Process completed with exit code 143.\n") << QStringList {};
        QTest::addRow("exit 143 with a shutdown is runner-lost")
            << QByteArray("##[error]The runner has received a shutdown signal.\n##[error]Process completed with exit "
                          "code 143.\n")
            << QStringList { QStringLiteral("1:runner-lost:earlier"), QStringLiteral("2:runner-lost:final") };
        QTest::addRow("no hits") << QByteArray("all good\n##[error]Process completed with exit code 1.\n")
                                 << QStringList {};
    }

    void finalVersusEarlier()
    {
        QFETCH(QByteArray, log);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath(QStringLiteral("build/3_Run tests.txt")), log);
        const RunScan scanned = scanFolder(dir.path());
        QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
        const RunScanResult& result = *scanned;
        QStringList got;
        for (const MemoryHit& hit : result.hits) {
            QCOMPARE(hit.entry, QStringLiteral("build/3_Run tests.txt"));
            got << QStringLiteral("%1:%2:%3")
                       .arg(hit.line.get())
                       .arg(categoryId(hit.category), hit.final ? QStringLiteral("final") : QStringLiteral("earlier"));
        }
        QCOMPARE(got, expected);
        const bool anyFinal
            = std::any_of(result.hits.begin(), result.hits.end(), [](const MemoryHit& h) { return h.final; });
        QCOMPARE(result.finalCategory.has_value(), anyFinal);
    }

    void finalPerEntryAndAcrossEntries()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The whole-job log and the step log hold the same failure: each marks its own final hit.
        writeFile(dir.filePath(QStringLiteral("0_build.txt")),
            "setup\nc++: fatal error: Killed signal terminated program cc1plus\n##[error]Process completed with "
            "exit code 1.\n");
        writeFile(dir.filePath(QStringLiteral("build/4_Compile.txt")),
            "c++: fatal error: Killed signal terminated program cc1plus\n##[error]Process completed with exit "
            "code 1.\n");
        writeFile(dir.filePath(QStringLiteral("build/system.txt")), "Requested labels: ubuntu-latest\n");
        const RunScan scanned = scanFolder(dir.path());
        QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
        const RunScanResult& result = *scanned;
        QCOMPARE(result.entries, qint64(3));
        QCOMPARE(result.hits.size(), size_t(2));
        QVERIFY(result.hits[0].final && result.hits[1].final);
        QCOMPARE(result.finalCategory, std::optional<MemoryCategory>(MemoryCategory::CompilerOom));
        QCOMPARE(result.categories, QList<MemoryCategory> { MemoryCategory::CompilerOom });
        QCOMPARE(result.matchedFiles.size(), 2);
        QVERIFY(result.memoryFailure());
    }

    // A run that cannot be read is an error Result naming it, in its place in the batch; the others go on.
    void unreadableRunIsAnErrorInItsPlace()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(
            dir.filePath(QStringLiteral("good/1_job.txt")), "Killed\n##[error]Process completed with exit code 137.\n");
        const QString bad = dir.filePath(QStringLiteral("bad.zip"));
        writeFile(bad, "not a zip archive");
        auto scanner = RunScanner::create();
        QVERIFY(scanner);
        const QString good = dir.filePath(QStringLiteral("good"));
        const std::vector<RunScan> results = scanner->scanAll(
            { RunSource { good, good, RunSource::Kind::Folder }, RunSource { bad, bad, RunSource::Kind::Zip } });
        QCOMPARE(results.size(), size_t(2));
        QVERIFY2(results[0].ok(), qPrintable(results[0].ok() ? QString() : results[0].error()));
        QVERIFY(results[0]->memoryFailure());
        QVERIFY(!results[1].ok());
        QVERIFY2(results[1].error().contains(bad), qPrintable(results[1].error()));
    }

    void evidenceIsCappedButFinalKept()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray log;
        for (int i = 0; i < 1000; ++i)
            log += "MemoryError\n";
        log += "c++: fatal error: Killed signal terminated program cc1plus\n##[error]Process completed with exit code "
               "1.\n";
        for (int i = 0; i < 1000; ++i)
            log += "Killed\n";
        writeFile(dir.filePath(QStringLiteral("1_job.txt")), log);
        ScanOptions options;
        options.maxHitsPerEntry = 20;
        const RunScan scanned = scanFolder(dir.path(), options);
        QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
        const RunScanResult& result = *scanned;
        QCOMPARE(result.hits.size(), size_t(21));
        QCOMPARE(result.hitsOmitted, qint64(2001 - 21));
        QCOMPARE(result.finalCategory, std::optional<MemoryCategory>(MemoryCategory::CompilerOom));
        const auto final
            = std::find_if(result.hits.begin(), result.hits.end(), [](const MemoryHit& h) { return h.final; });
        QVERIFY(final != result.hits.end());
        QCOMPARE(final->line.get(), qint64(1001));
        QVERIFY(std::is_sorted(result.hits.begin(), result.hits.end(),
            [](const MemoryHit& a, const MemoryHit& b) { return a.line < b.line; }));
    }

    void naiveFilter_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QByteArray>("keyword");
        QTest::addRow("137 in a timestamp")
            << QByteArray("a\n2024-01-01T00:00:00.1370000Z ok\n") << qint64(2) << QByteArray("137");
        QTest::addRow("Killed upper case") << QByteArray("KILLED\n") << qint64(1) << QByteArray("killed");
        QTest::addRow("room") << QByteArray("x\ny\nmake room\n") << qint64(3) << QByteArray("oom");
        QTest::addRow("out of memory") << QByteArray("Out Of Memory") << qint64(1) << QByteArray("out of memory");
        QTest::addRow("memory limit") << QByteArray("the memory limit is 7 GB\n") << qint64(1)
                                      << QByteArray("memory limit");
        QTest::addRow("memoryerror") << QByteArray("MemoryError\n") << qint64(1) << QByteArray("memoryerror");
        QTest::addRow("cannot allocate") << QByteArray("Cannot Allocate Memory\n") << qint64(1)
                                         << QByteArray("cannot allocate memory");
        QTest::addRow("earliest keyword wins") << QByteArray("abc oom then killed\n") << qint64(1) << QByteArray("oom");
        QTest::addRow("nothing") << QByteArray("all fine\nbuild passed\n") << qint64(0) << QByteArray();
        QTest::addRow("utf-16 digits do not match") << QByteArray("1\x00"
                                                                  "3\x00"
                                                                  "7\x00",
            6) << qint64(0) << QByteArray();
    }

    void naiveFilter()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, line);
        QFETCH(QByteArray, keyword);
        // Fed whole, and fed one line at a time, the verdict and line are the same.
        NaiveKeywordFilter whole;
        whole.feed(text);
        QCOMPARE(whole.line(), line);
        QCOMPARE(whole.keyword(), keyword);
        NaiveKeywordFilter pieces;
        qsizetype start = 0;
        while (start < text.size()) {
            qsizetype end = text.indexOf('\n', start);
            end = end < 0 ? text.size() : end + 1;
            pieces.feed(QByteArrayView(text).sliced(start, end - start));
            start = end;
        }
        QCOMPARE(pieces.line(), line);
        QCOMPARE(NaiveKeywordFilter::matches(text), line > 0);
    }
};

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
