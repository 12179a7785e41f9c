// docs/examples/runlens-watch.yml: valid YAML (python3-yaml), the structure GitHub needs (triggers,
// least permissions, steps), and every `runlens-cli` invocation uses a command and flags that exist.
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace runlens;

namespace {
QString workflowPath()
{
    return QStringLiteral(RUNLENS_SOURCE_DIR "/docs/examples/runlens-watch.yml");
}

QString readWorkflow()
{
    QFile file(workflowPath());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The YAML as JSON through python3-yaml; empty object (and `error` set) when that is not possible.
QJsonObject parseYaml(QString* error)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        *error = QStringLiteral("no python3");
        return {};
    }
    QProcess process;
    process.start(python,
        { QStringLiteral("-c"),
            QStringLiteral("import json, sys, yaml\n"
                           "doc = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
                           "if True in doc: doc['on'] = doc.pop(True)  # YAML 1.1 reads `on` as true\n"
                           "print(json.dumps(doc))\n"),
            workflowPath() });
    if (!process.waitForFinished(30000)) {
        *error = QStringLiteral("python3 did not finish");
        return {};
    }
    const QString err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitCode() != 0) {
        *error = err.contains(QStringLiteral("No module named 'yaml'")) ? QStringLiteral("no python3-yaml") : err;
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// Each `runlens-cli ...` invocation in the run: scripts, continuation lines joined.
QStringList invocations(const QString& text)
{
    QString joined = text;
    joined.replace(QRegularExpression(QStringLiteral("\\\\\\s*\\n\\s*")), QStringLiteral(" "));
    QStringList result;
    const QRegularExpression pattern(QStringLiteral(R"((?:^|[\s;&|(])runlens-cli[ \t]+([a-z][^\n]*))"));
    for (auto it = pattern.globalMatch(joined); it.hasNext();)
        result << it.next().captured(1).trimmed();
    return result;
}
} // namespace

class TestWorkflowFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isValidYamlWithTheNeededStructure()
    {
        QString error;
        const QJsonObject doc = parseYaml(&error);
        if (error == QLatin1String("no python3") || error == QLatin1String("no python3-yaml"))
            QSKIP(qPrintable(error + QStringLiteral(" (scripts/deps.sh installs python3-yaml)")));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const QJsonObject on = doc.value(QStringLiteral("on")).toObject();
        QVERIFY(on.contains(QStringLiteral("workflow_dispatch")));
        const QJsonArray schedule = on.value(QStringLiteral("schedule")).toArray();
        QVERIFY(!schedule.isEmpty());
        const QString cron = schedule.first().toObject().value(QStringLiteral("cron")).toString();
        QCOMPARE(cron.split(QLatin1Char(' '), Qt::SkipEmptyParts).size(), 5);

        const QJsonObject permissions = doc.value(QStringLiteral("permissions")).toObject();
        QCOMPARE(permissions.value(QStringLiteral("actions")).toString(), QStringLiteral("read"));
        QCOMPARE(permissions.value(QStringLiteral("issues")).toString(), QStringLiteral("write"));
        QCOMPARE(permissions.value(QStringLiteral("contents")).toString(), QStringLiteral("read"));
        QCOMPARE(permissions.size(), 3); // nothing more than needed

        const QJsonObject jobs = doc.value(QStringLiteral("jobs")).toObject();
        QVERIFY(!jobs.isEmpty());
        QStringList uses;
        QString scripts;
        for (const QJsonValue& job : jobs) {
            QVERIFY(job.toObject().contains(QStringLiteral("runs-on")));
            const QJsonArray steps = job.toObject().value(QStringLiteral("steps")).toArray();
            QVERIFY(!steps.isEmpty());
            for (const QJsonValue& value : steps) {
                const QJsonObject step = value.toObject();
                // A step either runs a script or uses an action, never both or neither.
                QVERIFY2(step.contains(QStringLiteral("run")) != step.contains(QStringLiteral("uses")),
                    qPrintable(step.value(QStringLiteral("name")).toString()));
                if (step.contains(QStringLiteral("uses")))
                    uses << step.value(QStringLiteral("uses")).toString().section(QLatin1Char('@'), 0, 0);
                scripts += step.value(QStringLiteral("run")).toString() + QLatin1Char('\n');
                for (const QString& key : { QStringLiteral("GITHUB_TOKEN") })
                    if (step.value(QStringLiteral("env")).toObject().contains(key))
                        QCOMPARE(step.value(QStringLiteral("env")).toObject().value(key).toString(),
                            QStringLiteral("${{ secrets.GITHUB_TOKEN }}"));
            }
        }
        for (const char* action :
            { "actions/checkout", "actions/cache", "actions/cache/restore", "actions/cache/save" })
            QVERIFY2(uses.contains(QString::fromLatin1(action)), action);
        QVERIFY(scripts.contains(QStringLiteral("scripts/deps.sh")));
        QVERIFY(scripts.contains(QStringLiteral("cmake --preset")));
        const QStringList calls = invocations(scripts);
        QStringList commands;
        for (const QString& call : calls)
            commands << call.section(QLatin1Char(' '), 0, 0);
        QCOMPARE(commands,
            (QStringList { QStringLiteral("collect"), QStringLiteral("analyze"), QStringLiteral("file-issues") }));
    }

    void invocationsUseExistingFlags_data()
    {
        QTest::addColumn<QString>("invocation");
        const QStringList calls = invocations(readWorkflow());
        QVERIFY(calls.size() >= 3);
        for (const QString& call : calls)
            QTest::addRow("%s", qPrintable(call.section(QLatin1Char(' '), 0, 0))) << call;
    }

    void invocationsUseExistingFlags()
    {
        QFETCH(QString, invocation);
        const QString command = invocation.section(QLatin1Char(' '), 0, 0);
        const test::CliRun help = test::runCli({ command, QStringLiteral("--help") }, 30000);
        QVERIFY2(help.exitCode == 0, qPrintable(command + QStringLiteral(": ") + help.err));
        const QRegularExpression flag(QStringLiteral(R"((?<![\w-])--[a-z][a-z0-9-]*)"));
        int flags = 0;
        for (auto it = flag.globalMatch(invocation); it.hasNext();) {
            const QString name = it.next().captured(0);
            ++flags;
            QVERIFY2(help.out.contains(name) || help.err.contains(name),
                qPrintable(QStringLiteral("runlens-cli %1 has no %2").arg(command, name)));
        }
        QVERIFY(flags >= 1);
    }

    void unknownFlagIsCaught()
    {
        // The check above would notice a misspelt flag.
        const test::CliRun help = test::runCli({ QStringLiteral("file-issues"), QStringLiteral("--help") }, 30000);
        QVERIFY(!help.out.contains(QStringLiteral("--dryrun")));
        QVERIFY(help.out.contains(QStringLiteral("--dry-run")));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowFile)
#include "tst_workflowfile.moc"
