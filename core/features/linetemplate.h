#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace runlens::features {

// Hash of a log line's template: the line with numbers, hexadecimal ids, paths and timestamps
// masked and rulers ("-----") of any length alike, so that "Compiled 12 files in 3.4s" and "Compiled 9 files in 0.8s"
// share a template (the idea behind logreduce's comparison against a baseline of successful runs). Computed in one pass
// without allocating; the text should be ANSI-stripped match text.
quint64 lineTemplateHash(QByteArrayView text);

} // namespace runlens::features
