#include "logs/steprange.h"

#include "logs/linesplitter.h"
#include "logs/logline.h"

namespace runlens::logs {

namespace {
bool startsWith(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && text.first(prefix.size()) == prefix;
}
} // namespace

QList<StepRange> stepsFromGroupMarkers(QByteArrayView decodedJobLog, const QString& jobName, int entryIndex)
{
    QList<StepRange> steps;
    StepRange current;
    current.jobName = jobName;
    current.name = QStringLiteral("Set up job");
    current.firstLine = 1;
    current.source = StepSource::GroupMarker;
    current.entryIndex = entryIndex;
    QByteArray scratch;
    qint64 lastLine = 0;
    auto startStep = [&](qint64 lineNumber, QString name) {
        current.lastLine = lineNumber - 1;
        if (current.lastLine >= current.firstLine) {
            current.number = int(steps.size()) + 1;
            steps.append(current);
        }
        current.name = std::move(name);
        current.firstLine = lineNumber;
    };
    forEachRawLine(decodedJobLog, [&](QByteArrayView raw, qint64, qint64 lineNumber) {
        lastLine = lineNumber;
        if (QString name = stepStartedBy(parseLine(raw, scratch)); !name.isEmpty())
            startStep(lineNumber, std::move(name));
        return true;
    });
    if (lastLine == 0)
        return steps;
    startStep(lastLine + 1, QString());
    return steps;
}

QString stepStartedBy(const LogLine& line)
{
    if (line.marker == Marker::Group && startsWith(line.match, "Run "))
        return QString::fromUtf8(line.match.first(qMin<qsizetype>(line.match.size(), 200)));
    if (line.marker == Marker::Plain) {
        if (line.match == QByteArrayView("Post job cleanup."))
            return QStringLiteral("Post job cleanup");
        if (startsWith(line.match, "Cleaning up orphan processes"))
            return QStringLiteral("Complete job");
    }
    return {};
}

} // namespace runlens::logs
