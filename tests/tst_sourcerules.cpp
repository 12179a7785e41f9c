// Rules of the source tree that the compiler cannot check (issue 13): SQL only in core/workspace/, and
// one definition per concept.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

// Production sources (core/, ui/, app/, bench/) relative to the checkout, with their text.
QList<QPair<QString, QString>> productionSources()
{
    const QString root = QStringLiteral(RUNLENS_SOURCE_DIR);
    QList<QPair<QString, QString>> out;
    for (const QString& area :
        { QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("app"), QStringLiteral("bench") }) {
        QDirIterator it(root + QLatin1Char('/') + area, { QStringLiteral("*.h"), QStringLiteral("*.cpp") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            out.append({ file.fileName().mid(root.size() + 1), QString::fromUtf8(file.readAll()) });
        }
    }
    return out;
}

} // namespace

class TestSourceRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sqlOnlyInWorkspace()
    {
        const QRegularExpression sql(QStringLiteral(R"(\bQSql(Query|Database)\b)"));
        QStringList inWorkspace;
        QStringList offenders;
        for (const auto& [path, text] : productionSources()) {
            if (!sql.match(text).hasMatch())
                continue;
            (path.startsWith(QLatin1String("core/workspace/")) ? inWorkspace : offenders) << path;
        }
        QVERIFY2(!inWorkspace.isEmpty(), "the scan found no SQL in core/workspace/: is it reading the tree?");
        QVERIFY2(offenders.isEmpty(),
            qPrintable(QStringLiteral("QSqlQuery/QSqlDatabase outside core/workspace/ (use a workspace store): ")
                + offenders.join(QStringLiteral(", "))));
    }

    void oneDefinitionPerType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addRow("MemoryHit") << QStringLiteral("MemoryHit");
        QTest::addRow("RunKey") << QStringLiteral("RunKey");
    }

    void oneDefinitionPerType()
    {
        QFETCH(QString, type);
        const QRegularExpression definition(QStringLiteral(R"((^|\n)\s*(struct|class)\s+%1\s*(\n|\{))").arg(type));
        QStringList where;
        for (const auto& [path, text] : productionSources()) {
            if (definition.match(text).hasMatch())
                where << path;
        }
        QVERIFY2(
            where.size() == 1, qPrintable(type + QStringLiteral(" defined in: ") + where.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestSourceRules)
#include "tst_sourcerules.moc"
