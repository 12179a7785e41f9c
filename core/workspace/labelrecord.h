#pragma once

#include "common/runkey.h"

#include <QString>

namespace runlens::workspace {

// Where a label came from.
enum class LabelSource { User, MemoryLogs, Sample };

QString nameOf(LabelSource source);
bool labelSourceFromString(const QString& text, LabelSource* source);

struct LabelRecord
{
    qint64 id = 0; // assigned by the workspace
    qint64 runId = 0;
    int attempt = 1;
    QString label;
    LabelSource source = LabelSource::User;
    QString note;

    RunKey key() const { return { runId, attempt }; }
};

} // namespace runlens::workspace
