#pragma once

#include <QString>

namespace runlens::workspace {

// Why `fullName` is not a GitHub repository name usable as a path below logs/ ("owner/name": owner of
// letters, digits and single inner hyphens, at most 39; name of letters, digits, '-', '_' and '.', at
// most 100, not '.' or '..'), or an empty string when it is one.
QString repositoryNameProblem(const QString& fullName);

} // namespace runlens::workspace
