#pragma once

#include "common/result.h"
#include "failurelines/failurelinesrequest.h"
#include "failurelines/failurelinesresult.h"

#include <QFuture>
#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace runlens::ui {

// "Why it failed": the lines that explain a failed run, ranked against passing runs of its job
// (core/failurelines), with their job, step, line and reasons. The ranking runs off the GUI thread; a new
// run cancels the one before. A click on a line asks to open the log there (lineRequested).
class FailureLinesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FailureLinesPanel(QWidget* parent = nullptr);
    ~FailureLinesPanel() override;

    // Ranks `failedPath` against `baselinePaths` (named by `baselineNames` when given).
    void rank(const QString& failedPath, const QStringList& baselinePaths, const QStringList& baselineNames = {});
    // A stored run whose logs are at `failedPath`: the baseline is the last successful runs of its
    // workflow and job in the workspace at `workspaceDir` (failurelines::storedRunLogs, in the worker).
    void rankStoredRun(const QString& workspaceDir, qint64 runId, int attempt, const QString& failedPath);
    void clear();

    bool isRanking() const { return m_ranking; }
    const std::optional<failurelines::FailureLinesResult>& result() const { return m_result; }
    QTreeWidget* list() const { return m_list; }
    QString statusText() const;

Q_SIGNALS:
    void ranked(const failurelines::FailureLinesResult& result);
    void lineRequested(const QString& entry, qint64 line);

private:
    void start(failurelines::FailureLinesRequest request);
    void showResult(const failurelines::FailureLinesResult& result);
    void activate(QTreeWidgetItem* item);

    QLabel* m_status = nullptr;
    QTreeWidget* m_list = nullptr;
    QFuture<Result<failurelines::FailureLinesResult>> m_work;
    quint64 m_generation = 0;
    bool m_ranking = false;
    std::optional<failurelines::FailureLinesResult> m_result;
};

} // namespace runlens::ui
