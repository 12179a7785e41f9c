#pragma once

#include "common/result.h"
#include "taxonomy/memorycategory.h"
#include "taxonomy/memoryhit.h"
#include "viewer/lineindex.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace runlens {
class JobTracker;
}

namespace runlens::logs {

class LogBuffer;
class LogSource;

// A ##[group] ... ##[endgroup] section (lines inclusive).
struct GroupSection
{
    LineNumber first;
    LineNumber last;
};

// One open log: its bytes (LogBuffer) and a line index built in the background, in chunks, with
// progress, cancellable. The index is owned by the thread the document lives in (the GUI thread); the
// indexing thread hands it LineIndexChunk values. After indexing, the memory taxonomy scans the log in
// the background too (memoryHitsReady()).
class LogDocument : public QObject
{
    Q_OBJECT
public:
    explicit LogDocument(QObject* parent = nullptr);
    ~LogDocument() override;

    // A plain log on disk: mapped when it is UTF-8, decoded in memory when it is UTF-16.
    void openFile(const QString& path);
    // One entry of a run (ZIP, folder, gh run view): decoded in memory with LogSource::forEachChunk.
    void openEntry(const LogSource& source, int entryIndex);
    // Already decoded bytes (tests, generated logs).
    void openBytes(QByteArray decoded, const QString& name);
    // Stops loading, indexing and scanning; what was indexed stays.
    void cancel();

    // Bytes per indexing chunk (default 16 MiB); smaller values give more progress signals (tests).
    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }

    QString name() const { return m_name; }
    bool isIndexing() const { return m_indexing; }
    bool isIndexed() const { return m_indexed; }
    const LineIndex& index() const { return m_index; }
    LinesCount lineCount() const { return m_index.lineCount(); }
    // The line without its EOL (a view into the buffer; valid while the document keeps this log).
    QByteArrayView line(LineNumber line) const;
    QByteArrayView bytes() const;
    std::shared_ptr<const LogBuffer> buffer() const { return m_buffer; }
    const QList<GroupSection>& groups() const { return m_groups; }
    const std::vector<MemoryHit>& memoryHits() const { return m_memoryHits; }
    // Category of a memory hit on `line`, or -1.
    int memoryCategoryAt(LineNumber line) const;
    // The first timestamped line's ticks (the job start), or -1 when the log has no timestamps yet.
    qint64 startTicks() const { return m_startTicks; }

Q_SIGNALS:
    void reset(); // a new log replaces the old one (no lines yet)
    void linesAdded(runlens::logs::LinesCount lineCount);
    void progress(runlens::logs::OffsetInFile bytesDone, runlens::logs::OffsetInFile bytesTotal);
    void indexingFinished();
    void memoryHitsReady();
    void failed(const QString& message);

private:
    void start(std::shared_ptr<const LogBuffer> buffer);
    void appendChunk(const LineIndexChunk& chunk);
    void startMemoryScan();
    void clear(const QString& name);

    QString m_name;
    std::shared_ptr<const LogBuffer> m_buffer;
    LineIndex m_index;
    QList<GroupSection> m_groups;
    LineNumber m_openGroup; // none while no group is open
    qint64 m_startTicks = -1;
    std::vector<MemoryHit> m_memoryHits;
    qint64 m_chunkSize = 16 << 20;
    bool m_indexing = false;
    bool m_indexed = false;
    // Loading, then indexing, then the memory scan of the log shown: a new log drops them all.
    JobTracker* m_jobs = nullptr;
};

} // namespace runlens::logs
