// RepoSelectorDialog: repository and API URL validation (data-driven), validation as typed, the
// options it returns, and the token source shown without the token.
#include "collect/reposelectordialog.h"
#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "github/keychaintoken.h"
#include "sample/sampleoptions.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using runlens::ui::RepoSelectorDialog;

class TestRepoSelector : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RunLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reposelector"));
    }

    void parseRepository_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: rejected
        QTest::addColumn<QString>("errorPart"); // part of the error message when rejected

        QTest::addRow("owner/name") << QStringLiteral("octo-org/my.repo_1") << QStringLiteral("octo-org/my.repo_1")
                                    << QString();
        QTest::addRow("surrounding spaces") << QStringLiteral("  a/b ") << QStringLiteral("a/b") << QString();
        QTest::addRow("https URL") << QStringLiteral("https://github.com/acme/web") << QStringLiteral("acme/web")
                                   << QString();
        QTest::addRow("URL with .git") << QStringLiteral("https://github.com/acme/web.git")
                                       << QStringLiteral("acme/web") << QString();
        QTest::addRow("URL to a run page")
            << QStringLiteral("https://github.com/acme/web/actions/runs/1") << QStringLiteral("acme/web") << QString();
        QTest::addRow("URL without scheme")
            << QStringLiteral("github.com/acme/web/") << QStringLiteral("acme/web") << QString();
        QTest::addRow("www host") << QStringLiteral("https://www.github.com/acme/web") << QStringLiteral("acme/web")
                                  << QString();
        QTest::addRow("empty") << QString() << QString() << QStringLiteral("owner/name");
        QTest::addRow("no slash") << QStringLiteral("acme") << QString() << QStringLiteral("'acme' is not owner/name");
        QTest::addRow("three parts") << QStringLiteral("a/b/c") << QString() << QStringLiteral("is not owner/name");
        QTest::addRow("empty name") << QStringLiteral("acme/") << QString() << QStringLiteral("is not owner/name");
        QTest::addRow("owner starts with hyphen")
            << QStringLiteral("-acme/web") << QString() << QStringLiteral("owner '-acme'");
        QTest::addRow("owner double hyphen")
            << QStringLiteral("ac--me/web") << QString() << QStringLiteral("owner 'ac--me'");
        QTest::addRow("owner too long") << QString(40, QLatin1Char('a')) + QStringLiteral("/web") << QString()
                                        << QStringLiteral("at most 39");
        QTest::addRow("space in name") << QStringLiteral("acme/my web") << QString() << QStringLiteral("name 'my web'");
        QTest::addRow("dot dot name") << QStringLiteral("acme/..") << QString() << QStringLiteral("name '..'");
        QTest::addRow("other host") << QStringLiteral("https://gitlab.com/acme/web") << QString()
                                    << QStringLiteral("not a github.com URL");
        QTest::addRow("URL without repository")
            << QStringLiteral("https://github.com/acme") << QString() << QStringLiteral("does not name a repository");
        QTest::addRow("ftp URL") << QStringLiteral("ftp://github.com/acme/web") << QString()
                                 << QStringLiteral("not an http(s) URL");
    }

    void parseRepository()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(QString, errorPart);
        const auto parsed = RepoSelectorDialog::parseRepository(input);
        if (expected.isEmpty()) {
            QVERIFY(!parsed.ok());
            QVERIFY2(parsed.error().contains(errorPart), qPrintable(parsed.error()));
        } else {
            QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error()));
            QCOMPARE(*parsed, expected);
        }
    }

    void parseApiUrl_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addRow("github") << QStringLiteral("https://api.github.com") << true;
        QTest::addRow("enterprise") << QStringLiteral("https://ghe.example.com/api/v3") << true;
        QTest::addRow("local fake") << QStringLiteral("http://127.0.0.1:8765") << true;
        QTest::addRow("no scheme") << QStringLiteral("api.github.com") << false;
        QTest::addRow("ftp") << QStringLiteral("ftp://api.github.com") << false;
        QTest::addRow("empty") << QString() << false;
    }

    void parseApiUrl()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        const auto parsed = RepoSelectorDialog::parseApiUrl(input);
        QCOMPARE(parsed.ok(), valid);
        if (!valid)
            QVERIFY2(parsed.error().contains(QStringLiteral("API base URL")), qPrintable(parsed.error()));
    }

    void validatesAsTyped()
    {
        RepoSelectorDialog dialog;
        QTest::keyClicks(dialog.repositoryEdit(), QStringLiteral("acme"));
        QVERIFY(!dialog.addButton()->isEnabled());
        QVERIFY(dialog.validationLabel()->text().contains(QStringLiteral("not owner/name")));
        QTest::keyClicks(dialog.repositoryEdit(), QStringLiteral("/web"));
        QVERIFY(dialog.addButton()->isEnabled());
        QCOMPARE(dialog.validationLabel()->text(), QStringLiteral("Repository acme/web"));
        QTest::keyClick(dialog.repositoryEdit(), Qt::Key_Return);
        QCOMPARE(dialog.repositoryList()->count(), 1);
        QVERIFY(dialog.repositoryEdit()->text().isEmpty());
        // The same repository as a URL is not added twice.
        dialog.repositoryEdit()->setText(QStringLiteral("https://github.com/acme/web"));
        dialog.addButton()->click();
        QCOMPARE(dialog.repositoryList()->count(), 1);
    }

    // A fresh dialog collects failed runs; dates bound the runs as the CLI's --since/--until do.
    void defaultsToFailuresAndTakesDates()
    {
        RepoSelectorDialog dialog;
        runlens::github::CollectOptions fresh;
        fresh.repositories = { QStringLiteral("a/b") };
        dialog.setOptions(fresh);
        QCOMPARE(dialog.options().status, QStringLiteral("failure"));
        QVERIFY(!dialog.options().since.isValid());
        QVERIFY(!dialog.options().until.isValid());

        runlens::github::CollectOptions in = fresh;
        in.status = QStringLiteral("all"); // chosen before: kept
        in.since = QDate(2024, 1, 1);
        in.until = QDate(2024, 3, 31);
        dialog.setOptions(in);
        const runlens::github::CollectOptions out = dialog.options();
        QCOMPARE(out.status, QStringLiteral("all"));
        QCOMPARE(out.since, in.since);
        QCOMPARE(out.until, in.until);
        QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());

        in.since = QDate(2024, 5, 1); // after until: refused with a reason
        dialog.setOptions(in);
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());

        // Set Token is usable whenever the keychain is; otherwise a visible label says why.
        QCOMPARE(dialog.setTokenButton()->isEnabled(), runlens::github::KeychainToken::available());
        bool reasonShown = false;
        for (const QLabel* label : dialog.findChildren<QLabel*>())
            reasonShown = reasonShown
                || (label->text().contains(QStringLiteral("Set Token is unavailable")) && !label->isHidden());
        QCOMPARE(reasonShown, !runlens::github::KeychainToken::available());
    }

    void optionsRoundTrip()
    {
        runlens::github::CollectOptions in;
        in.repositories = { QStringLiteral("a/b"), QStringLiteral("c/d") };
        in.status = QStringLiteral("failure");
        in.branch = QStringLiteral("main");
        in.maxRuns = 50;
        in.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:9999"));
        in.concurrency = 7; // not edited by the dialog, kept
        RepoSelectorDialog dialog;
        dialog.setOptions(in);
        const runlens::github::CollectOptions out = dialog.options();
        QCOMPARE(out.repositories, in.repositories);
        QCOMPARE(out.status, in.status);
        QCOMPARE(out.branch, in.branch);
        QCOMPARE(out.maxRuns, 50);
        QCOMPARE(out.apiUrl, in.apiUrl);
        QCOMPARE(out.concurrency, 7);
        dialog.apiUrlEdit()->setText(QStringLiteral("not a url"));
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    // Check asks the (fake) API about each listed repository with the token found for the workspace,
    // and shows access, visibility, the token's permissions and the rate-limit budget.
    void checkShowsAccessAndBudget()
    {
        runlens::sample::SampleOptions sample;
        sample.repoCount = 2;
        sample.runsPerRepo = 2;
        runlens::sample::FakeGitHubServer server(runlens::sample::FakeCorpusData::build(sample));
        QVERIFY(server.start().ok());
        qputenv("RUNLENS_NO_KEYCHAIN", "1");
        qputenv("GITHUB_TOKEN", server.token().toUtf8());
        const QString known = server.repos().constFirst().fullName();

        RepoSelectorDialog dialog;
        runlens::github::CollectOptions options;
        options.apiUrl = server.apiUrl();
        options.repositories = { known, QStringLiteral("nobody/nothing") };
        dialog.setOptions(options);
        QSignalSpy checked(&dialog, &RepoSelectorDialog::checkFinished);
        QTest::mouseClick(dialog.checkButton(), Qt::LeftButton);
        QVERIFY(!dialog.checkButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
        const QStringList lines = checked.first().first().toStringList();
        const QString text = lines.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(known + QStringLiteral(": public, read access")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("nobody/nothing: not found, or the token cannot see it (404)")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Rate limit: ")) && text.contains(QStringLiteral("/ 5,000")),
            qPrintable(text));
        QCOMPARE(dialog.checkText(), text);
        QVERIFY(dialog.checkButton()->isEnabled());
        QVERIFY(!text.contains(server.token()));

        // Without a token the same check says so (anonymous requests, no logs).
        qunsetenv("GITHUB_TOKEN");
        dialog.checkRepositories();
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, 20000);
        const QString anonymous = checked.last().first().toStringList().join(QLatin1Char('\n'));
        QVERIFY2(anonymous.contains(QStringLiteral("No token")), qPrintable(anonymous));
        QVERIFY2(anonymous.contains(QStringLiteral("/ 60")), qPrintable(anonymous));
    }

    // Set Token... hands the token to the store (the keychain in the application) off the GUI thread,
    // then shows where the token now comes from; the token itself appears in no label.
    void setTokenStoresWithoutShowing()
    {
        qputenv("RUNLENS_NO_KEYCHAIN", "1");
        qunsetenv("GITHUB_TOKEN");
        const QByteArray secret = "ghp_STOREDtoken0123456789abcdefABCDEF";
        RepoSelectorDialog dialog;
        QByteArray stored;
        dialog.setTokenStore([&stored](const QByteArray& token) {
            stored = token;
            return runlens::Status();
        });
        QSignalSpy done(&dialog, &RepoSelectorDialog::tokenStored);
        QSignalSpy shown(&dialog, &RepoSelectorDialog::tokenSourceShown);
        dialog.storeToken(QByteArray("  ") + secret + QByteArray("\n"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(done.first().first().toString(), QString());
        QCOMPARE(stored, secret);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        for (const QLabel* label : dialog.findChildren<QLabel*>())
            QVERIFY(!label->text().contains(QString::fromLatin1(secret)));

        // A store that fails says why, and the button is usable again.
        dialog.setTokenStore([](const QByteArray&) -> runlens::Status {
            return runlens::makeError(QStringLiteral("no keyring service"));
        });
        dialog.storeToken(secret);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
        QCOMPARE(done.last().first().toString(), QStringLiteral("no keyring service"));
        QVERIFY2(dialog.tokenSourceText().contains(QStringLiteral("no keyring service")),
            qPrintable(dialog.tokenSourceText()));
        QVERIFY(dialog.setTokenButton()->isEnabled());
    }

    // Repositories collected before come back as completions, newest first, each once.
    void remembersRecentRepositories()
    {
        QSettings().clear();
        RepoSelectorDialog::rememberRepositories({ QStringLiteral("a/one"), QStringLiteral("b/two") });
        RepoSelectorDialog::rememberRepositories({ QStringLiteral("c/three"), QStringLiteral("a/one") });
        QCOMPARE(RepoSelectorDialog::recentRepositories(),
            (QStringList { QStringLiteral("c/three"), QStringLiteral("a/one"), QStringLiteral("b/two") }));
        RepoSelectorDialog dialog;
        const QCompleter* completer = dialog.repositoryEdit()->completer();
        QVERIFY(completer);
        QCOMPARE(completer->model()->rowCount(), 3);
        QCOMPARE(completer->model()->index(0, 0).data().toString(), QStringLiteral("c/three"));
        QSettings().clear();
    }

    void showsTokenSourceNotToken()
    {
        qputenv("RUNLENS_NO_KEYCHAIN", "1");
        const QByteArray fake = "ghp_FAKEtestTOKEN0123456789abcdefABCDEF";
        qputenv("GITHUB_TOKEN", fake);
        RepoSelectorDialog dialog;
        QSignalSpy shown(&dialog, &RepoSelectorDialog::tokenSourceShown);
        dialog.showTokenSource(QString());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        const QString text = dialog.tokenSourceText();
        QVERIFY2(text.contains(QStringLiteral("GITHUB_TOKEN")), qPrintable(text));
        QVERIFY(!text.contains(QString::fromLatin1(fake)));
        qunsetenv("GITHUB_TOKEN");
    }
};

QTEST_MAIN(TestRepoSelector)
#include "tst_reposelector.moc"
