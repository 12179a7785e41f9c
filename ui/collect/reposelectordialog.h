#pragma once

#include "common/result.h"
#include "github/collectoptions.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace runlens::ui {

// Chooses what to collect: repositories (owner/name or a GitHub URL, validated as typed), filters
// (status, branch, event, workflow, maximum runs), the API base URL, and shows where the token will
// come from (core/github/tokensource.h) without ever showing the token.
class RepoSelectorDialog : public QDialog {
    Q_OBJECT
public:
    explicit RepoSelectorDialog(QWidget* parent = nullptr);
    ~RepoSelectorDialog() override;

    // "owner/name" from "owner/name", "https://github.com/owner/name[.git][/...]" or
    // "github.com/owner/name"; the error says what is wrong with `text`.
    static Result<QString> parseRepository(const QString& text);
    // An http(s) URL with a host, for the API base (e.g. a GitHub Enterprise server or 127.0.0.1).
    static Result<QUrl> parseApiUrl(const QString& text);

    void setOptions(const github::CollectOptions& options);
    github::CollectOptions options() const;
    // Resolves the token source off the GUI thread for `workspaceDir` and shows its description.
    void showTokenSource(const QString& workspaceDir);
    QString tokenSourceText() const;

    QLineEdit* repositoryEdit() const { return m_repoEdit; }
    QLabel* validationLabel() const { return m_validation; }
    QPushButton* addButton() const { return m_add; }
    QListWidget* repositoryList() const { return m_repos; }
    QLineEdit* apiUrlEdit() const { return m_apiUrl; }

signals:
    void tokenSourceShown(const QString& description);

private:
    void validate();
    void addRepository();
    void updateOk();

    QLineEdit* m_repoEdit = nullptr;
    QLabel* m_validation = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QListWidget* m_repos = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_branch = nullptr;
    QLineEdit* m_event = nullptr;
    QLineEdit* m_workflow = nullptr;
    QSpinBox* m_maxRuns = nullptr;
    QLineEdit* m_apiUrl = nullptr;
    QLabel* m_apiValidation = nullptr;
    QLabel* m_token = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    github::CollectOptions m_base; // keeps the options the dialog does not edit
};

} // namespace runlens::ui
