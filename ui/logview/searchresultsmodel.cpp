#include "logview/searchresultsmodel.h"

#include "logs/logline.h"
#include "viewer/logdocument.h"

namespace runlens::ui {

namespace {
constexpr qsizetype kMaxShownBytes = 2000;
}

SearchResultsModel::SearchResultsModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

SearchResultsModel::~SearchResultsModel() = default;

void SearchResultsModel::setDocument(logs::LogDocument* document)
{
    beginResetModel();
    m_document = document;
    m_lines.clear();
    endResetModel();
}

void SearchResultsModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void SearchResultsModel::appendLines(const QList<qint64>& lines)
{
    if (lines.isEmpty())
        return;
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size() + lines.size() - 1));
    m_lines.append(lines);
    endInsertRows();
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const qint64 line = m_lines[index.row()];
    if (role == LineRole)
        return line;
    if (role != Qt::DisplayRole)
        return {};
    QString text;
    if (m_document && line <= m_document->lineCount().get()) {
        QByteArray scratch;
        const QByteArrayView raw = m_document->line(logs::LineNumber(line));
        const logs::LogLine parsed = logs::parseLine(raw.first(std::min(raw.size(), kMaxShownBytes)), scratch);
        text = QString::fromUtf8(parsed.match);
    }
    return QStringLiteral("%1: %2").arg(line).arg(text);
}

} // namespace runlens::ui
