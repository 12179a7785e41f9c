#pragma once

#include "common/result.h"
#include "failurelines/failurelinesentry.h"
#include "logs/logsource.h"
#include "taxonomy/failurelocation.h"
#include "viewer/searchquery.h"

#include <QList>
#include <QWidget>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QProgressBar;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace runlens {
class JobTracker;
}

namespace runlens::logs {
class LogDocument;
class LineMatcher;
} // namespace runlens::logs

namespace runlens::failurelines {
struct FailureLinesResult;
}

namespace runlens::ui {

class LogView;
class SearchResultsModel;

// The log viewer: a jobs-and-steps tree, a search bar (plain/regex, case, hit count, progress, a
// filtered list of matching lines), the memory-category legend, and the LogView. Usable standalone:
// openPath() takes a run ZIP, an extracted run folder, a `gh run view --log` file or any saved log.
class LogViewerWidget : public QWidget
{
    Q_OBJECT
public:
    explicit LogViewerWidget(QWidget* parent = nullptr);
    ~LogViewerWidget() override;

    // Opens a log or a run from disk, without a workspace. The error names the path.
    Status openPath(const QString& path);
    // Opens entry `entryIndex` of a run's logs (the tree lists the run's jobs and steps).
    void openSource(const logs::LogSource& source, int entryIndex = -1);
    void openEntry(int entryIndex);

    // Starts a background search of the open log; hits arrive with searchProgress() and end with
    // searchFinished(). The filtered view lists the matching lines.
    void search(const logs::SearchQuery& query);
    void cancelSearch();
    const QList<qint64>& searchHits() const;
    bool isSearching() const;

    void findNext();
    void findPrevious();
    void nextMemoryHit();
    void previousMemoryHit();
    void goToLine(qint64 line);

    LogView* view() const { return m_view; }
    logs::LogDocument* document() const { return m_document; }
    QTreeWidget* stepTree() const { return m_tree; }
    QListView* resultsView() const { return m_results; }
    SearchResultsModel* resultsModel() const { return m_resultsModel; }
    QString currentEntryName() const;
    // Where the open run failed (failureLocated() tells when it is known); the log opens there.
    const std::optional<logs::FailureLocation>& failureLocation() const { return m_failure; }
    // Every action with a shortcut (Find, F3, Shift+F3, F4, Shift+F4, Ctrl+G, Alt+Z).
    QList<QAction*> actions() const { return m_actions; }
    // Wrap lines (Alt+Z, checkable; also the Wrap lines button of the search bar).
    QAction* wrapAction() const { return m_wrapAction; }

    // "New lines only": hides the lines of the open entry whose template a baseline run also printed,
    // keeping line numbers. Available once setFailureLines() brought a ranking with a baseline.
    void setNewLinesOnly(bool on);
    bool newLinesOnly() const;
    bool canShowNewLinesOnly() const;

public Q_SLOTS:
    // A failure-line ranking of the open run: keeps its "known" lines for the filter and, when it is the
    // run shown, goes to its top failure line.
    void setFailureLines(const failurelines::FailureLinesResult& result);
    // Evidence navigation: opens `entry` (an entry name of the open run, or a log's path) at `lines`
    // (1-based), highlighted, the first one current.
    void showLines(const QString& entry, const QList<qint64>& lines);

Q_SIGNALS:
    void searchProgress(int permille, int hits);
    void searchFinished(int hits);
    void stepsReady();
    // The open run's failure location and run-wide memory hits are known (the view went there).
    void failureLocated();
    void failed(const QString& message);

private:
    void createWidgets();
    void createActions();
    void fillTree();
    void fillStepsFromMarkers();
    void stepActivated(QTreeWidgetItem* item);
    void startSearchFromBar();
    void resultActivated(const QModelIndex& index);
    void updateStatus();
    void updateLegend();
    void askGoToLine();
    void jumpToHit(const QList<qint64>& lines, bool forward);
    void applyLineFilter();
    void locateFailure();
    void markFailure();
    void jumpToRunHit(bool forward);

    logs::LogDocument* m_document = nullptr;
    LogView* m_view = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QCheckBox* m_regex = nullptr;
    QCheckBox* m_caseSensitive = nullptr;
    QCheckBox* m_copyTimestamps = nullptr;
    QCheckBox* m_newLinesOnly = nullptr;
    QComboBox* m_timestamps = nullptr;
    QLabel* m_hitCount = nullptr;
    QLabel* m_legend = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QListView* m_results = nullptr;
    SearchResultsModel* m_resultsModel = nullptr;
    QList<QAction*> m_actions;
    QAction* m_wrapAction = nullptr;
    QToolButton* m_wrapButton = nullptr;

    std::optional<logs::LogSource> m_source;
    int m_entryIndex = -1;
    QString m_path;
    QString m_knownPath; // the run m_known describes
    std::vector<failurelines::FailureLinesEntry> m_known;
    std::optional<logs::SearchQuery> m_pendingSearch;
    JobTracker* m_searchJob = nullptr;
    JobTracker* m_stepsJob = nullptr; // the step tree: durations of a run's steps, or a plain log's steps
    JobTracker* m_failureJob = nullptr; // the run's taxonomy hits and failure location
    std::optional<logs::FailureLocation> m_failure;
    std::vector<logs::FailureLocation> m_errors; // every `##[error]` line: the failed steps
    std::vector<logs::MemoryHit> m_runHits; // every entry's hits, for F4 across jobs
    bool m_moved = false; // a step, a line or a failure-line ranking was shown: the located failure leaves the view
    bool m_searching = false;
};

} // namespace runlens::ui
