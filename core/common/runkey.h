#pragma once

#include <QList>
#include <QtGlobal>

namespace runlens {

// One attempt of a workflow run, as tables and charts select it.
struct RunKey
{
    qint64 runId = 0;
    int attempt = 1;

    friend bool operator==(const RunKey&, const RunKey&) = default;
};

} // namespace runlens
