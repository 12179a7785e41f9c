#pragma once

#include <QByteArray>
#include <QString>

namespace runlens::logs {

// The first line of a log file that the old pipeline's keyword filter matched (NaiveKeywordFilter).
struct KeywordHit
{
    QString entry;
    qint64 line = 0;
    QByteArray keyword; // the keyword found first on that line
    QString text;
};

} // namespace runlens::logs
