#pragma once

#include <QList>

namespace runlens::logs {

class LogSource;

// Which entries hold the run's lines once: the whole-job logs when the archive has them (step files
// repeat their lines and are often incomplete), else every other entry but system.txt.
QList<int> entriesHoldingRunLines(const LogSource& source);

} // namespace runlens::logs
