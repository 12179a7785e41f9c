#include "reposelectordialog.h"

#include "collecttext.h"
#include "common/jobtracker.h"
#include "github/githubclient.h"
#include "github/keychaintoken.h"
#include "github/repositorycheck.h"
#include "github/tokensource.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStringListModel>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace runlens::ui {

namespace {
const QString kRecentRepositoriesKey = QStringLiteral("collect/recentRepositories");
constexpr int kMaxRecentRepositories = 30;

// GitHub: owners are 1-39 letters, digits or single hyphens, not starting with a hyphen;
// repository names are 1-100 letters, digits, '.', '-' or '_', but not "." or "..".
const QRegularExpression& ownerPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$"));
    return re;
}
const QRegularExpression& namePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,100}$"));
    return re;
}
} // namespace

Result<QString> RepoSelectorDialog::parseRepository(const QString& input)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return makeError(tr("Enter a repository as owner/name or a GitHub URL."));
    QString path = text;
    if (text.contains(QLatin1String("://")) || text.startsWith(QLatin1String("github.com/"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("www.github.com/"), Qt::CaseInsensitive)) {
        const QUrl url = QUrl::fromUserInput(text);
        const QString host = url.host().toLower();
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return makeError(tr("'%1' is not an http(s) URL.").arg(text));
        if (host != QLatin1String("github.com") && host != QLatin1String("www.github.com"))
            return makeError(tr("'%1' is not a github.com URL (host '%2').").arg(text, host));
        path = url.path();
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() < 2)
            return makeError(tr("'%1' does not name a repository (github.com/owner/name).").arg(text));
        QString name = parts.at(1);
        if (name.endsWith(QLatin1String(".git")))
            name.chop(4);
        path = parts.at(0) + QLatin1Char('/') + name;
    }
    const QStringList parts = path.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return makeError(tr("'%1' is not owner/name.").arg(text));
    const QString& owner = parts.at(0);
    const QString& name = parts.at(1);
    if (owner.isEmpty() || name.isEmpty())
        return makeError(tr("'%1' is not owner/name.").arg(text));
    if (!ownerPattern().match(owner).hasMatch() || owner.contains(QLatin1String("--")))
        return makeError(tr("'%1': owner '%2' may hold only letters, digits and single hyphens (at most 39, "
                            "not starting with a hyphen).")
                             .arg(text, owner));
    if (!namePattern().match(name).hasMatch() || name == QLatin1String(".") || name == QLatin1String(".."))
        return makeError(
            tr("'%1': repository name '%2' may hold only letters, digits, '.', '-' and '_'.").arg(text, name));
    return QString(owner + QLatin1Char('/') + name);
}

Result<QUrl> RepoSelectorDialog::parseApiUrl(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return makeError(tr("API base URL '%1' is not an http(s) URL with a host.").arg(text.trimmed()));
    return url;
}

RepoSelectorDialog::RepoSelectorDialog(QWidget* parent)
    : QDialog(parent)
    , m_checkJob(new JobTracker(this))
    , m_tokenJob(new JobTracker(this))
{
    setWindowTitle(tr("Repositories to Collect"));
    m_repoEdit = new QLineEdit(this);
    m_repoEdit->setObjectName(QStringLiteral("RepositoryEdit"));
    m_repoEdit->setPlaceholderText(tr("owner/name or https://github.com/owner/name"));
    auto* completer = new QCompleter(new QStringListModel(recentRepositories(), this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_repoEdit->setCompleter(completer);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("RepositoryValidation"));
    m_validation->setWordWrap(true);
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setEnabled(false);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_repos = new QListWidget(this);
    m_repos->setObjectName(QStringLiteral("RepositoryList"));
    m_repos->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_status = new QComboBox(this);
    for (const char* status : { "all", "failure", "success", "cancelled", "timed_out", "completed" })
        m_status->addItem(QString::fromLatin1(status));
    m_branch = new QLineEdit(this);
    m_event = new QLineEdit(this);
    m_event->setPlaceholderText(tr("push, pull_request, schedule, ..."));
    m_workflow = new QLineEdit(this);
    m_workflow->setPlaceholderText(tr("ci.yml, a workflow id or name"));
    // Dates of creation (UTC days), as the CLI's --since/--until; unchecked: no bound.
    for (QDateEdit** edit : { &m_since, &m_until }) {
        *edit = new QDateEdit(QDate::currentDate(), this);
        (*edit)->setCalendarPopup(true);
        (*edit)->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        (*edit)->setEnabled(false);
    }
    m_sinceBox = new QCheckBox(tr("Since"), this);
    m_untilBox = new QCheckBox(tr("until"), this);
    connect(m_sinceBox, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilBox, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_sinceBox, &QCheckBox::toggled, this, &RepoSelectorDialog::updateOk);
    connect(m_untilBox, &QCheckBox::toggled, this, &RepoSelectorDialog::updateOk);
    connect(m_since, &QDateEdit::dateChanged, this, &RepoSelectorDialog::updateOk);
    connect(m_until, &QDateEdit::dateChanged, this, &RepoSelectorDialog::updateOk);
    m_maxRuns = new QSpinBox(this);
    m_maxRuns->setRange(0, 1000000);
    m_maxRuns->setSpecialValueText(tr("no limit"));
    m_apiUrl = new QLineEdit(this);
    m_apiUrl->setObjectName(QStringLiteral("ApiUrlEdit"));
    m_apiValidation = new QLabel(this);
    m_token = new QLabel(tr("Token: not looked up yet"), this);
    m_token->setObjectName(QStringLiteral("TokenSource"));
    m_token->setWordWrap(true);
    m_check = new QPushButton(tr("C&heck"), this);
    m_check->setObjectName(QStringLiteral("CheckButton"));
    m_check->setToolTip(tr("Ask the API whether each repository can be read, and show the rate-limit budget"));
    m_checkResult = new QLabel(this);
    m_checkResult->setObjectName(QStringLiteral("CheckResult"));
    m_checkResult->setWordWrap(true);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkResult->hide();
    m_setToken = new QPushButton(tr("Set &Token..."), this);
    m_setToken->setObjectName(QStringLiteral("SetTokenButton"));
    m_noKeychain = new QLabel(this);
    m_noKeychain->setWordWrap(true);
    if (github::KeychainToken::available()) {
        m_setToken->setToolTip(tr("Store a GitHub token in the system keychain; it is never shown or written to disk"));
        m_noKeychain->hide();
    } else { // the reason is shown, not only in the tooltip of a disabled button
        m_setToken->setEnabled(false);
        m_noKeychain->setText(tr("Set Token is unavailable: this RunLens was built without a system keychain "
                                 "(QtKeychain). Put the token in GITHUB_TOKEN or a .env file in the workspace."));
        m_setToken->setToolTip(m_noKeychain->text());
    }
    m_tokenStore = [](const QByteArray& token) -> Status {
        const github::TokenSearch defaults; // the service and key the resolver reads back
        if (github::KeychainToken::write(defaults.keychainService, defaults.keychainKey, token))
            return {};
        return makeError(tr("The system keychain did not store the token (is a keyring service running?)."));
    };
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_repoEdit, &QLineEdit::textChanged, this, &RepoSelectorDialog::validate);
    connect(m_repoEdit, &QLineEdit::returnPressed, this, &RepoSelectorDialog::addRepository);
    connect(m_add, &QPushButton::clicked, this, &RepoSelectorDialog::addRepository);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_repos->selectedItems());
        updateOk();
    });
    connect(m_apiUrl, &QLineEdit::textChanged, this, &RepoSelectorDialog::updateOk);
    connect(m_check, &QPushButton::clicked, this, &RepoSelectorDialog::checkRepositories);
    connect(m_setToken, &QPushButton::clicked, this, &RepoSelectorDialog::askForToken);

    auto* entry = new QHBoxLayout;
    entry->addWidget(m_repoEdit, 1);
    entry->addWidget(m_add);
    entry->addWidget(m_remove);
    entry->addWidget(m_check);
    auto* form = new QFormLayout;
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&Branch:"), m_branch);
    form->addRow(tr("&Event:"), m_event);
    form->addRow(tr("&Workflow:"), m_workflow);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_sinceBox);
    dates->addWidget(m_since);
    dates->addWidget(m_untilBox);
    dates->addWidget(m_until);
    dates->addStretch(1);
    form->addRow(tr("Created:"), dates);
    form->addRow(tr("&Max runs per repository:"), m_maxRuns);
    form->addRow(tr("API &base URL:"), m_apiUrl);
    form->addRow(QString(), m_apiValidation);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(entry);
    layout->addWidget(m_validation);
    layout->addWidget(m_repos, 1);
    layout->addWidget(m_checkResult);
    layout->addLayout(form);
    auto* token = new QHBoxLayout;
    token->addWidget(m_token, 1);
    token->addWidget(m_setToken);
    layout->addLayout(token);
    layout->addWidget(m_noKeychain);
    layout->addWidget(m_buttons);
    setOptions(github::CollectOptions {});
    validate();
    resize(560, 520);
}

RepoSelectorDialog::~RepoSelectorDialog() = default;

void RepoSelectorDialog::validate()
{
    if (m_repoEdit->text().trimmed().isEmpty()) {
        m_validation->clear();
        m_add->setEnabled(false);
        return;
    }
    const Result<QString> parsed = parseRepository(m_repoEdit->text());
    m_add->setEnabled(parsed.ok());
    m_validation->setText(parsed ? tr("Repository %1").arg(*parsed) : parsed.error());
    m_validation->setStyleSheet(parsed ? QString() : QStringLiteral("color: #D55E00;"));
}

void RepoSelectorDialog::addRepository()
{
    const Result<QString> parsed = parseRepository(m_repoEdit->text());
    if (!parsed)
        return;
    if (m_repos->findItems(*parsed, Qt::MatchFixedString).isEmpty())
        m_repos->addItem(*parsed);
    m_repoEdit->clear();
    updateOk();
}

void RepoSelectorDialog::updateOk()
{
    const Result<QUrl> api = parseApiUrl(m_apiUrl->text());
    const bool datesOk = !m_sinceBox->isChecked() || !m_untilBox->isChecked() || m_since->date() <= m_until->date();
    m_apiValidation->setText(!api ? api.error() : datesOk ? QString() : tr("The since date is after the until date."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(api.ok() && datesOk && m_repos->count() > 0);
}

QStringList RepoSelectorDialog::recentRepositories()
{
    return QSettings().value(kRecentRepositoriesKey).toStringList();
}

void RepoSelectorDialog::rememberRepositories(const QStringList& repositories)
{
    QStringList recent = recentRepositories();
    for (auto it = repositories.crbegin(); it != repositories.crend(); ++it) {
        recent.removeAll(*it);
        recent.prepend(*it);
    }
    while (recent.size() > kMaxRecentRepositories)
        recent.removeLast();
    QSettings().setValue(kRecentRepositoriesKey, recent);
}

void RepoSelectorDialog::setOptions(const github::CollectOptions& options)
{
    m_base = options;
    m_repos->clear();
    m_repos->addItems(options.repositories);
    // Failed runs unless a status was chosen before ("all" is kept as such).
    const int status = m_status->findText(options.status.isEmpty() ? QStringLiteral("failure") : options.status);
    m_status->setCurrentIndex(std::max(0, status));
    m_sinceBox->setChecked(options.since.isValid());
    m_since->setDate(options.since.isValid() ? options.since : QDate::currentDate().addMonths(-3));
    m_untilBox->setChecked(options.until.isValid());
    m_until->setDate(options.until.isValid() ? options.until : QDate::currentDate());
    m_branch->setText(options.branch);
    m_event->setText(options.event);
    m_workflow->setText(options.workflow);
    m_maxRuns->setValue(options.maxRuns);
    m_apiUrl->setText(options.apiUrl.toString());
    updateOk();
}

github::CollectOptions RepoSelectorDialog::options() const
{
    github::CollectOptions options = m_base;
    options.repositories.clear();
    for (int i = 0; i < m_repos->count(); ++i)
        options.repositories.append(m_repos->item(i)->text());
    options.status = m_status->currentText(); // "all" stays: an empty status means "not chosen yet"
    options.since = m_sinceBox->isChecked() ? m_since->date() : QDate();
    options.until = m_untilBox->isChecked() ? m_until->date() : QDate();
    options.branch = m_branch->text().trimmed();
    options.event = m_event->text().trimmed();
    options.workflow = m_workflow->text().trimmed();
    options.maxRuns = m_maxRuns->value();
    if (const Result<QUrl> api = parseApiUrl(m_apiUrl->text()); api)
        options.apiUrl = *api;
    return options;
}

void RepoSelectorDialog::showTokenSource(const QString& workspaceDir)
{
    m_workspaceDir = workspaceDir;
    m_token->setText(tr("Token: looking..."));
    github::TokenSearch search;
    search.workingDir = QDir::currentPath();
    search.workspaceDir = workspaceDir;
    // Only the description crosses back to the GUI thread, never the token.
    const QFuture<QString> described = QtConcurrent::run([search] {
        const Result<github::ResolvedToken> resolved = github::TokenResolver::resolve(search);
        if (!resolved)
            return tr("Token: %1").arg(resolved.error());
        return resolved->found() ? tr("Token from %1.").arg(resolved->source.describe())
                                 : tr("No token found: public repositories only, and logs cannot be downloaded.");
    });
    m_tokenJob->start<QString>(described, [this](const QFuture<QString>& future) {
        if (future.resultCount() == 0)
            return;
        m_token->setText(future.result());
        emit tokenSourceShown(future.result());
    });
}

QString RepoSelectorDialog::tokenSourceText() const
{
    return m_token->text();
}

QString RepoSelectorDialog::checkText() const
{
    return m_checkResult->text();
}

void RepoSelectorDialog::checkRepositories()
{
    QStringList repositories;
    for (const QListWidgetItem* item : m_repos->selectedItems())
        repositories.append(item->text());
    if (repositories.isEmpty()) {
        for (int i = 0; i < m_repos->count(); ++i)
            repositories.append(m_repos->item(i)->text());
    }
    if (const Result<QString> typed = parseRepository(m_repoEdit->text()); typed && !repositories.contains(*typed))
        repositories.append(*typed);
    const Result<QUrl> api = parseApiUrl(m_apiUrl->text());
    m_checkResult->show();
    if (repositories.isEmpty() || !api) {
        m_checkResult->setText(api ? tr("Add a repository to check.") : api.error());
        emit checkFinished({ m_checkResult->text() });
        return;
    }
    m_check->setEnabled(false);
    m_checkResult->setText(tr("Checking %n repositor(y/ies)...", nullptr, int(repositories.size())));
    github::TokenSearch search;
    search.workingDir = QDir::currentPath();
    search.workspaceDir = m_workspaceDir;
    // The token is found off the GUI thread (the keychain may block) and goes straight to the client.
    const QFuture<QByteArray> found = QtConcurrent::run([search] {
        const Result<github::ResolvedToken> resolved = github::TokenResolver::resolve(search);
        return resolved ? resolved->token : QByteArray();
    });
    m_checkJob->start<QByteArray>(found, [this, repositories, url = *api](const QFuture<QByteArray>& future) {
        const quint64 job = m_checkJob->currentId();
        const QByteArray token = future.resultCount() > 0 ? future.result() : QByteArray();
        github::ClientOptions options;
        options.apiUrl = url;
        options.token = token;
        options.backoff.maxRetries = 1;
        auto* client = new github::GithubClient(options, this);
        auto lines = std::make_shared<QStringList>();
        auto left = std::make_shared<int>(int(repositories.size()));
        for (const QString& repository : repositories) {
            github::checkRepository(
                *client, repository, [this, job, client, lines, left](const Result<github::RepositoryAccess>& access) {
                    lines->append(access ? access->describe() : access.error());
                    if (--*left > 0)
                        return;
                    client->deleteLater();
                    if (!m_checkJob->isCurrent(job))
                        return; // a newer check superseded this one
                    const github::RateLimit rate = client->rateLimit();
                    const QString budget = collecttext::rateLimit(rate.remaining, rate.limit,
                        rate.reset.isValid() ? QDateTime::currentDateTimeUtc().secsTo(rate.reset) : -1);
                    QStringList shown = *lines;
                    shown.sort();
                    if (!budget.isEmpty())
                        shown.append(budget);
                    if (client->options().token.isEmpty())
                        shown.append(tr("No token: anonymous requests (60 an hour), and logs cannot be downloaded."));
                    m_checkResult->setText(shown.join(QLatin1Char('\n')));
                    m_check->setEnabled(true);
                    emit checkFinished(shown);
                });
        }
    });
}

void RepoSelectorDialog::askForToken()
{
    bool ok = false;
    const QString token = QInputDialog::getText(this, tr("Set Token"),
        tr("GitHub token (a fine-grained token with read access to Actions is enough).\n"
           "It is stored in the system keychain and never shown again."),
        QLineEdit::Password, QString(), &ok);
    if (ok && !token.trimmed().isEmpty())
        storeToken(token.trimmed().toUtf8());
}

void RepoSelectorDialog::setTokenStore(TokenStore store)
{
    m_tokenStore = std::move(store);
    m_setToken->setEnabled(true);
    m_setToken->setToolTip(tr("Store a GitHub token; it is never shown or written to disk by RunLens"));
}

void RepoSelectorDialog::storeToken(const QByteArray& token)
{
    m_setToken->setEnabled(false);
    m_token->setText(tr("Storing the token..."));
    const QFuture<Status> stored = QtConcurrent::run([store = m_tokenStore, token] { return store(token.trimmed()); });
    m_tokenJob->start<Status>(stored, [this](const QFuture<Status>& future) {
        const QString error = future.resultCount() > 0 ? future.result().error() : tr("storing was interrupted");
        m_setToken->setEnabled(true); // only reachable when a store exists
        if (!error.isEmpty())
            m_token->setText(tr("Token not stored: %1").arg(error));
        else
            showTokenSource(m_workspaceDir);
        emit tokenStored(error);
    });
}

} // namespace runlens::ui
