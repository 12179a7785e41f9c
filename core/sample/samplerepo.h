#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace runlens::sample {

enum class Ecosystem { Node, Gradle, Python, Cpp, Rust, Go, Maven, DotNet };
inline constexpr int kEcosystemCount = int(Ecosystem::DotNet) + 1;

QString ecosystemId(Ecosystem ecosystem); // "node", "gradle", ...

struct SampleWorkflow
{
    qint64 id = 0;
    QString name; // "CI"
    QString path; // ".github/workflows/ci.yml"
    bool scheduled = false; // nightly workflow on `schedule`
    QStringList matrix; // one entry per matrix job, e.g. "ubuntu-latest, 20"
};

struct SampleRepo
{
    qint64 id = 0;
    QString owner;
    QString name;
    Ecosystem ecosystem = Ecosystem::Node;
    QString defaultBranch = QStringLiteral("main");
    std::vector<SampleWorkflow> workflows;

    QString fullName() const { return owner + QLatin1Char('/') + name; }
};

} // namespace runlens::sample
