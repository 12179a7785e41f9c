// RepoSelectorDialog: repository and API URL validation (data-driven), validation as typed, the
// options it returns, and the token source shown without the token.
#include "collect/reposelectordialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QDialogButtonBox>
#include <QSignalSpy>
#include <QTest>

using runlens::ui::RepoSelectorDialog;

class TestRepoSelector : public QObject {
    Q_OBJECT
private slots:
    void parseRepository_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: rejected
        QTest::addColumn<QString>("errorPart"); // part of the error message when rejected

        QTest::addRow("owner/name") << QStringLiteral("octo-org/my.repo_1") << QStringLiteral("octo-org/my.repo_1") << QString();
        QTest::addRow("surrounding spaces") << QStringLiteral("  a/b ") << QStringLiteral("a/b") << QString();
        QTest::addRow("https URL") << QStringLiteral("https://github.com/acme/web") << QStringLiteral("acme/web") << QString();
        QTest::addRow("URL with .git") << QStringLiteral("https://github.com/acme/web.git") << QStringLiteral("acme/web")
                                        << QString();
        QTest::addRow("URL to a run page") << QStringLiteral("https://github.com/acme/web/actions/runs/1")
                                            << QStringLiteral("acme/web") << QString();
        QTest::addRow("URL without scheme") << QStringLiteral("github.com/acme/web/") << QStringLiteral("acme/web")
                                             << QString();
        QTest::addRow("www host") << QStringLiteral("https://www.github.com/acme/web") << QStringLiteral("acme/web")
                                   << QString();
        QTest::addRow("empty") << QString() << QString() << QStringLiteral("owner/name");
        QTest::addRow("no slash") << QStringLiteral("acme") << QString() << QStringLiteral("'acme' is not owner/name");
        QTest::addRow("three parts") << QStringLiteral("a/b/c") << QString() << QStringLiteral("is not owner/name");
        QTest::addRow("empty name") << QStringLiteral("acme/") << QString() << QStringLiteral("is not owner/name");
        QTest::addRow("owner starts with hyphen") << QStringLiteral("-acme/web") << QString() << QStringLiteral("owner '-acme'");
        QTest::addRow("owner double hyphen") << QStringLiteral("ac--me/web") << QString() << QStringLiteral("owner 'ac--me'");
        QTest::addRow("owner too long") << QString(40, QLatin1Char('a')) + QStringLiteral("/web") << QString()
                                         << QStringLiteral("at most 39");
        QTest::addRow("space in name") << QStringLiteral("acme/my web") << QString() << QStringLiteral("name 'my web'");
        QTest::addRow("dot dot name") << QStringLiteral("acme/..") << QString() << QStringLiteral("name '..'");
        QTest::addRow("other host") << QStringLiteral("https://gitlab.com/acme/web") << QString()
                                     << QStringLiteral("not a github.com URL");
        QTest::addRow("URL without repository") << QStringLiteral("https://github.com/acme") << QString()
                                                 << QStringLiteral("does not name a repository");
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
