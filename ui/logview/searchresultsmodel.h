#pragma once

#include <QAbstractListModel>
#include <QPointer>

#include "viewer/logdocument.h"

namespace runlens::ui {

// The filtered view's model: one row per matching line, "line: text", reading text on demand.
class SearchResultsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles { LineRole = Qt::UserRole + 1 };

    explicit SearchResultsModel(QObject* parent = nullptr);
    ~SearchResultsModel() override;

    void setDocument(logs::LogDocument* document);
    void clear();
    void appendLines(const QList<qint64>& lines);
    const QList<qint64>& lines() const { return m_lines; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QPointer<logs::LogDocument> m_document;
    QList<qint64> m_lines;
};

} // namespace runlens::ui
