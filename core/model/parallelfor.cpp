#include "parallelfor.h"

#include "cancelcheck.h"
#include "common/computepool.h"

#include <QStringList>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <exception>
#include <numeric>
#include <vector>

namespace runlens::model {

Status parallelFor(
    int count, const CancelCheck& cancel, const std::function<void(int)>& body, const std::function<QString(int)>& item)
{
    std::vector<int> indices(std::size_t(std::max(count, 0)));
    std::iota(indices.begin(), indices.end(), 0);
    std::vector<QString> errors(indices.size());
    QtConcurrent::blockingMap(computePool(), indices, [&](int i) {
        QString& error = errors[std::size_t(i)];
        try {
            if (!cancel.canceled())
                body(i);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
            if (error.isEmpty())
                error = QStringLiteral("exception");
        } catch (...) {
            error = QStringLiteral("unknown exception");
        }
    });
    QStringList failures;
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (!errors[i].isEmpty())
            failures.append(item(int(i)) + QStringLiteral(": ") + errors[i]);
    }
    if (!failures.isEmpty())
        return makeError(failures.join(QStringLiteral("; ")));
    if (cancel.wasCanceled())
        return makeError(QStringLiteral("canceled"));
    return {};
}

Status parallelForRows(int rows, int rowsPerChunk, const CancelCheck& cancel, const std::function<void(int, int)>& body)
{
    const auto end = [&](int chunk) { return int(std::min(qint64(chunk + 1) * rowsPerChunk, qint64(rows))); };
    return parallelFor((rows + rowsPerChunk - 1) / rowsPerChunk, cancel,
        [&](int chunk) { body(chunk * rowsPerChunk, end(chunk)); },
        [&](int chunk) { return QStringLiteral("rows %1-%2").arg(chunk * rowsPerChunk).arg(end(chunk) - 1); });
}

} // namespace runlens::model
