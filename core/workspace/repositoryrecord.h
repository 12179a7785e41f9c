#pragma once

#include <QString>

namespace runlens::workspace {

struct RepositoryRecord
{
    qint64 id = 0; // workspace row id
    QString fullName; // owner/name
    QString apiUrl; // base URL it was collected from; empty for imported repositories
};

} // namespace runlens::workspace
