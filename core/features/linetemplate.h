#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace runlens::features {

// Hash of a log line's template: the line with numbers, hexadecimal ids, paths and timestamps
// masked and rulers ("-----") of any length alike, so that "Compiled 12 files in 3.4s" and "Compiled 9 files in 0.8s"
// share a template (the idea behind logreduce's comparison against a baseline of successful runs). Computed in one pass
// without allocating; the text should be ANSI-stripped match text.
quint64 lineTemplateHash(QByteArrayView text);

// lineTemplateHash() of many lines at once, with the same values: the hash (FNV-1a) is a chain of
// dependent multiplies, one per byte of the template, so a batch writes the lines' templates first and
// then hashes four lines at a time. Keep batches small (a few hundred lines) so their bytes stay in cache.
class LineTemplateBatch
{
public:
    // Adds a line; returns its index in the batch.
    size_t add(QByteArrayView text);
    size_t size() const { return m_ends.size(); }
    // The hash of every line added since clear(), in order; valid until the next add() or clear().
    const std::vector<quint64>& hashes();
    void clear();

private:
    QByteArray m_bytes; // the lines' templates, one after the other
    std::vector<size_t> m_ends; // of each line's template in m_bytes
    std::vector<quint64> m_hashes;
};

} // namespace runlens::features
