#include "viewer/logdocument.h"

#include "common/jobtracker.h"
#include "common/logging.h"
#include "logs/logline.h"
#include "logs/logsource.h"
#include "taxonomy/taxonomy.h"
#include "viewer/logbuffer.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QThread>
#include <QtConcurrent>

#include <algorithm>

namespace runlens::logs {

namespace {

// Taxonomy scans go in pieces of this size so a cancel is noticed quickly.
constexpr qint64 kScanPiece = 8 << 20;

} // namespace

LogDocument::LogDocument(QObject* parent)
    : QObject(parent)
    , m_jobs(new JobTracker(this))
{
}

LogDocument::~LogDocument()
{
    m_jobs->clear();
    m_jobs->waitForFinished();
}

void LogDocument::clear(const QString& name)
{
    m_jobs->clear();
    m_indexing = false;
    m_name = name;
    m_buffer.reset();
    m_index.clear();
    m_groups.clear();
    m_openGroup = LineNumber();
    m_startTicks = -1;
    m_memoryHits.clear();
    m_indexed = false;
    m_indexing = true;
    Q_EMIT reset();
}

void LogDocument::cancel()
{
    m_jobs->cancel();
    m_indexing = false;
}

void LogDocument::openBytes(QByteArray decoded, const QString& name)
{
    clear(name);
    start(LogBuffer::fromBytes(std::move(decoded), name));
}

void LogDocument::openFile(const QString& path)
{
    clear(QFileInfo(path).fileName());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_indexing = false;
        Q_EMIT failed(QStringLiteral("log '%1': %2").arg(path, file.errorString()));
        return;
    }
    const QByteArray head = file.read(4);
    file.close();
    if (!LogBuffer::needsDecoding(head)) {
        auto mapped = LogBuffer::mapFile(path);
        if (!mapped) {
            m_indexing = false;
            Q_EMIT failed(mapped.error());
            return;
        }
        start(std::move(mapped.value()));
        return;
    }
    auto source = LogSource::open(path);
    if (!source) {
        m_indexing = false;
        Q_EMIT failed(source.error());
        return;
    }
    openEntry(*source, 0);
}

void LogDocument::openEntry(const LogSource& source, int entryIndex)
{
    const QString name
        = entryIndex >= 0 && entryIndex < source.entries().size() ? source.entries()[entryIndex].name : QString();
    clear(name);
    const QFuture<Result<QByteArray>> load
        = QtConcurrent::run([source, entryIndex](QPromise<Result<QByteArray>>& promise) {
              QByteArray bytes;
              const Status status = source.forEachChunk(entryIndex, [&](QByteArrayView decoded) {
                  bytes.append(decoded);
                  return !promise.isCanceled();
              });
              promise.addResult(
                  status ? Result<QByteArray>(std::move(bytes)) : Result<QByteArray>(makeError(status.error())));
          });
    m_jobs->start<Result<QByteArray>>(load, [this](const QFuture<Result<QByteArray>>& future) {
        if (future.resultCount() == 0)
            return;
        Result<QByteArray> loaded = future.result();
        if (!loaded) {
            m_indexing = false;
            Q_EMIT failed(loaded.error());
            return;
        }
        start(LogBuffer::fromBytes(std::move(loaded).value(), m_name));
    });
}

void LogDocument::start(std::shared_ptr<const LogBuffer> buffer)
{
    m_buffer = std::move(buffer);
    m_indexing = true;
    const qint64 chunkSize = std::max<qint64>(1, m_chunkSize);
    const QFuture<LineIndexChunk> indexer
        = QtConcurrent::run([buffer = m_buffer, chunkSize](QPromise<LineIndexChunk>& promise) {
              const QByteArrayView data = buffer->bytes();
              LineIndexScanner scanner;
              qint64 upTo = 0;
              do {
                  upTo = std::min<qint64>(data.size(), upTo + chunkSize);
                  if (promise.isCanceled())
                      return;
                  promise.addResult(scanner.scan(data, upTo, upTo == data.size()));
              } while (upTo < data.size());
          });
    m_jobs->start<LineIndexChunk>(
        indexer,
        [this](const QFuture<LineIndexChunk>& future) {
            if (future.isCanceled())
                return;
            m_index.squeeze();
            m_indexing = false;
            m_indexed = true;
            Q_EMIT progress(OffsetInFile(m_buffer->bytes().size()), OffsetInFile(m_buffer->bytes().size()));
            Q_EMIT indexingFinished();
            startMemoryScan();
        },
        [this](const QFuture<LineIndexChunk>& future, int begin, int end) {
            for (int i = begin; i < end; ++i)
                appendChunk(future.resultAt(i));
            Q_EMIT linesAdded(m_index.lineCount());
            Q_EMIT progress(m_index.indexedBytes(), OffsetInFile(m_buffer->bytes().size()));
        });
}

void LogDocument::appendChunk(const LineIndexChunk& chunk)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the index belongs to the document's thread
    LineNumber line = LineNumber::last(m_index.lineCount());
    m_index.append(chunk);
    for (const quint8 flags : chunk.flags) {
        ++line;
        if (m_startTicks < 0 && (flags & LineHasTimestamp)) {
            if (const auto ticks
                = parseTimestamp(this->line(line).first(std::min<qsizetype>(this->line(line).size(), 29)).trimmed()))
                m_startTicks = *ticks;
        }
        if (flags & LineGroupStart) {
            if (m_openGroup.isValid())
                m_groups.append({ m_openGroup, line - LinesCount(1) });
            m_openGroup = line;
        } else if ((flags & LineGroupEnd) && m_openGroup.isValid()) {
            m_groups.append({ m_openGroup, line });
            m_openGroup = LineNumber();
        }
    }
}

void LogDocument::startMemoryScan()
{
    const QFuture<std::vector<MemoryHit>> scan
        = QtConcurrent::run([buffer = m_buffer, name = m_name](QPromise<std::vector<MemoryHit>>& promise) {
              std::vector<MemoryHit> hits;
              auto taxonomy = Taxonomy::create();
              if (!taxonomy) {
                  qCWarning(lcLogs) << "memory highlighting is off:" << taxonomy.error();
                  promise.addResult(std::move(hits));
                  return;
              }
              auto scratch = (*taxonomy)->makeScratch();
              const QByteArrayView data = buffer->bytes();
              qint64 pos = 0;
              qint64 firstLine = 1;
              while (pos < data.size() && !promise.isCanceled()) {
                  qint64 end = std::min<qint64>(data.size(), pos + kScanPiece);
                  if (end < data.size()) {
                      const qsizetype nl = data.indexOf('\n', end - 1);
                      end = nl < 0 ? data.size() : nl + 1;
                  }
                  firstLine += (*taxonomy)->scanLines(
                      data.sliced(pos, end - pos), firstLine, *scratch, [&](const TaxonomyLineEvent& event) {
                          if (event.match)
                              hits.push_back({ name, LineNumber(event.line), Taxonomy::evidenceText(event.raw),
                                  event.match->category, event.match->rule });
                      });
                  pos = end;
              }
              promise.addResult(std::move(hits));
          });
    m_jobs->start<std::vector<MemoryHit>>(scan, [this](const QFuture<std::vector<MemoryHit>>& future) {
        if (future.resultCount() == 0)
            return;
        m_memoryHits = future.result();
        Q_EMIT memoryHitsReady();
    });
}

QByteArrayView LogDocument::line(LineNumber line) const
{
    return m_buffer ? m_index.line(m_buffer->bytes(), line) : QByteArrayView();
}

QByteArrayView LogDocument::bytes() const
{
    return m_buffer ? m_buffer->bytes() : QByteArrayView();
}

int LogDocument::memoryCategoryAt(LineNumber line) const
{
    const auto it = std::lower_bound(m_memoryHits.begin(), m_memoryHits.end(), line,
        [](const MemoryHit& hit, LineNumber l) { return hit.line < l; });
    return it != m_memoryHits.end() && it->line == line ? int(it->category) : -1;
}

} // namespace runlens::logs
