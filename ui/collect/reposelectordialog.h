#pragma once

#include "common/result.h"
#include "github/collectoptions.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace runlens {
class JobTracker;
}

namespace runlens::ui {

// Chooses what to collect: repositories (owner/name or a GitHub URL, validated as typed), filters
// (status, branch, event, workflow, maximum runs), the API base URL, and shows where the token will
// come from (core/github/tokensource.h) without ever showing the token. Check asks the API about each
// repository (access, visibility, permissions) and shows the rate-limit budget; Set Token... stores a
// token in the system keychain.
class RepoSelectorDialog : public QDialog
{
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

    // Repositories collected before, newest first (QSettings), offered as completions while typing.
    static QStringList recentRepositories();
    // Puts `repositories` first among the recent ones (at most 30 kept); called when a collection starts.
    static void rememberRepositories(const QStringList& repositories);
    // Resolves the token source off the GUI thread for `workspaceDir` and shows its description.
    void showTokenSource(const QString& workspaceDir);
    QString tokenSourceText() const;

    // Check: GET /repos/{o}/{r} for every listed repository (or the one typed) with the token found
    // for the workspace; the answers appear below the list and with checkFinished().
    void checkRepositories();
    QString checkText() const;
    QPushButton* checkButton() const { return m_check; }
    QPushButton* setTokenButton() const { return m_setToken; }

    // Where Set Token... stores a token; the system keychain unless replaced (tests). Called off the
    // GUI thread; an error says why the token could not be stored.
    using TokenStore = std::function<Status(const QByteArray& token)>;
    void setTokenStore(TokenStore store);
    // Stores `token` (trimmed) with the token store off the GUI thread, then shows the token source
    // again; tokenStored() follows with the error, empty on success.
    void storeToken(const QByteArray& token);

    QLineEdit* repositoryEdit() const { return m_repoEdit; }
    QLabel* validationLabel() const { return m_validation; }
    QPushButton* addButton() const { return m_add; }
    QListWidget* repositoryList() const { return m_repos; }
    QLineEdit* apiUrlEdit() const { return m_apiUrl; }

signals:
    void tokenSourceShown(const QString& description);
    void checkFinished(const QStringList& lines);
    void tokenStored(const QString& error);

private:
    void validate();
    void addRepository();
    void updateOk();
    void askForToken();

    QLineEdit* m_repoEdit = nullptr;
    QLabel* m_validation = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QListWidget* m_repos = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_branch = nullptr;
    QLineEdit* m_event = nullptr;
    QLineEdit* m_workflow = nullptr;
    QCheckBox* m_sinceBox = nullptr;
    QDateEdit* m_since = nullptr;
    QCheckBox* m_untilBox = nullptr;
    QDateEdit* m_until = nullptr;
    QSpinBox* m_maxRuns = nullptr;
    QLineEdit* m_apiUrl = nullptr;
    QLabel* m_apiValidation = nullptr;
    QLabel* m_token = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_setToken = nullptr;
    QLabel* m_noKeychain = nullptr; // why Set Token is unavailable, when it is
    QLabel* m_checkResult = nullptr;
    QString m_workspaceDir;
    TokenStore m_tokenStore;
    JobTracker* m_checkJob = nullptr; // drops the answers of a superseded check
    JobTracker* m_tokenJob = nullptr; // finding or storing the token
    QDialogButtonBox* m_buttons = nullptr;
    github::CollectOptions m_base; // keeps the options the dialog does not edit
};

} // namespace runlens::ui
