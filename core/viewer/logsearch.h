#pragma once

#include "common/result.h"
#include "logs/linetypes.h"
#include "viewer/searchquery.h"

#include <QByteArrayView>
#include <QList>

#include <functional>
#include <memory>

namespace runlens::logs {

// Matches one line against a query: plain text (ASCII case folding on bytes, full Unicode folding
// otherwise) or a QRegularExpression. Immutable; may be shared between threads.
class LineMatcher
{
public:
    // Fails with "search '<text>': <regex error>" for an invalid regular expression or an empty text.
    static Result<std::shared_ptr<const LineMatcher>> create(const SearchQuery& query);
    ~LineMatcher();
    // `raw` is a line without EOL (ANSI escapes are removed before matching).
    bool matches(QByteArrayView raw) const;
    // Matched ranges as (start, length) in UTF-16 units of `text` (for highlighting in the view).
    QList<std::pair<int, int>> matchRanges(const QString& text) const;

private:
    struct Private;
    explicit LineMatcher(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

// Every matching line of `data` (lines split as LineIndex does). `progress(bytesDone)`
// is called about every 4 MiB; returning false cancels the search (the hits so far are returned).
// `onHits` receives hits in batches as they are found (may be empty).
QList<LineNumber> searchLines(QByteArrayView data, const LineMatcher& matcher,
    const std::function<bool(qint64 bytesDone)>& progress = {},
    const std::function<void(const QList<LineNumber>& batch)>& onHits = {});

} // namespace runlens::logs
