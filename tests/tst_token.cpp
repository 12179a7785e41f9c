#include "github/tokensource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens::github;
using Origin = TokenSource::Origin;

Q_DECLARE_METATYPE(runlens::github::TokenSource::Origin)

namespace {
void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}
} // namespace

class TestToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each row lists the places that hold a (distinct) fake token; the first in precedence order wins.
    void precedence_data()
    {
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<Origin>("origin");
        QTest::addColumn<QByteArray>("token");
        const QStringList all { QStringLiteral("file"), QStringLiteral("GITHUB_TOKEN"), QStringLiteral("GH_TOKEN"),
            QStringLiteral("cwd.env"), QStringLiteral("ws.env"), QStringLiteral("txt") };
        QTest::addRow("everything: --token-file") << all << Origin::TokenFile << QByteArray("tok_file");
        QTest::addRow("GITHUB_TOKEN before GH_TOKEN")
            << all.mid(1) << Origin::GithubTokenVariable << QByteArray("tok_env1");
        QTest::addRow("GH_TOKEN") << all.mid(2) << Origin::GhTokenVariable << QByteArray("tok_env2");
        QTest::addRow(".env in the working folder") << all.mid(3) << Origin::DotEnv << QByteArray("tok_cwd");
        QTest::addRow(".env in the workspace") << all.mid(4) << Origin::DotEnv << QByteArray("tok_ws");
        QTest::addRow("github_token.txt") << all.mid(5) << Origin::TokenTxt << QByteArray("tok_txt");
        QTest::addRow("nothing") << QStringList() << Origin::None << QByteArray();
    }

    void precedence()
    {
        QFETCH(QStringList, present);
        QFETCH(Origin, origin);
        QFETCH(QByteArray, token);
        QTemporaryDir cwd;
        QTemporaryDir ws;
        TokenSearch search;
        search.workingDir = cwd.path();
        search.workspaceDir = ws.path();
        search.environment = QProcessEnvironment();
        search.useKeychain = false;
        if (present.contains(QStringLiteral("file"))) {
            search.tokenFile = cwd.filePath(QStringLiteral("secret"));
            writeFile(search.tokenFile, "tok_file\n");
        }
        if (present.contains(QStringLiteral("GITHUB_TOKEN")))
            search.environment.insert(QStringLiteral("GITHUB_TOKEN"), QStringLiteral("tok_env1"));
        if (present.contains(QStringLiteral("GH_TOKEN")))
            search.environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("tok_env2"));
        if (present.contains(QStringLiteral("cwd.env")))
            writeFile(cwd.filePath(QStringLiteral(".env")), "OTHER=1\nGITHUB_TOKEN=tok_cwd\n");
        if (present.contains(QStringLiteral("ws.env")))
            writeFile(ws.filePath(QStringLiteral(".env")), "GITHUB_TOKEN=\"tok_ws\"\n");
        if (present.contains(QStringLiteral("txt")))
            writeFile(cwd.filePath(QStringLiteral("github_token.txt")), "tok_txt\n");

        const auto resolved = TokenResolver::resolve(search);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->source.origin, origin);
        QCOMPARE(resolved->token, token);
        QCOMPARE(resolved->found(), !token.isEmpty());
        // Where it came from is described, the value never.
        const QString description = resolved->source.describe();
        QVERIFY(!description.isEmpty());
        if (!token.isEmpty())
            QVERIFY2(!description.contains(QString::fromLatin1(token)), qPrintable(description));
    }

    void dotEnv_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("token");
        QTest::addRow("plain") << QByteArray("GITHUB_TOKEN=abc\n") << QByteArray("abc");
        QTest::addRow("export, spaces") << QByteArray("export GITHUB_TOKEN = abc \n") << QByteArray("abc");
        QTest::addRow("double quotes") << QByteArray("GITHUB_TOKEN=\"abc\"") << QByteArray("abc");
        QTest::addRow("single quotes, CRLF") << QByteArray("A=1\r\nGITHUB_TOKEN='abc'\r\n") << QByteArray("abc");
        QTest::addRow("comment") << QByteArray("# GITHUB_TOKEN=no\n") << QByteArray();
        QTest::addRow("other variable") << QByteArray("GITHUB_TOKEN_X=no\nGH_TOKEN=no\n") << QByteArray();
    }

    void dotEnv()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, token);
        QCOMPARE(TokenResolver::tokenFromDotEnv(text), token);
    }

    void tokenFileErrorsNameTheFileNotTheToken_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no file
        QTest::addColumn<QString>("expected");
        QTest::addRow("missing") << QByteArray() << QStringLiteral("does not exist");
        QTest::addRow("blank") << QByteArray("  \n") << QStringLiteral("holds no token");
        QTest::addRow("two words") << QByteArray("ghp_secretvalue and more\n") << QStringLiteral("holds no token");
    }

    void tokenFileErrorsNameTheFileNotTheToken()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        TokenSearch search;
        search.tokenFile = dir.filePath(QStringLiteral("token"));
        search.environment = QProcessEnvironment();
        search.environment.insert(QStringLiteral("GITHUB_TOKEN"), QStringLiteral("must-not-fall-through"));
        search.useKeychain = false;
        if (!content.isEmpty())
            writeFile(search.tokenFile, content);
        const auto resolved = TokenResolver::resolve(search);
        QVERIFY(!resolved.ok());
        QVERIFY2(resolved.error().contains(search.tokenFile), qPrintable(resolved.error()));
        QVERIFY2(resolved.error().contains(expected), qPrintable(resolved.error()));
        QVERIFY(!resolved.error().contains(QStringLiteral("secretvalue")));
    }

    void keychainCanBeSwitchedOff()
    {
        TokenSearch search;
        search.environment = QProcessEnvironment();
        search.environment.insert(QStringLiteral("RUNLENS_NO_KEYCHAIN"), QStringLiteral("1"));
        const auto resolved = TokenResolver::resolve(search);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->source.origin, Origin::None);
    }
};

QTEST_GUILESS_MAIN(TestToken)
#include "tst_token.moc"
