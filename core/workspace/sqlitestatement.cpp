#include "sqlitestatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace runlens::workspace {

void SqliteStatement::Finalizer::operator()(sqlite3_stmt* statement) const
{
    sqlite3_finalize(statement);
}

SqliteStatement::SqliteStatement(sqlite3* db, sqlite3_stmt* statement, QString what)
    : m_db(db)
    , m_statement(statement)
    , m_what(std::move(what))
{
}

Result<SqliteStatement> SqliteStatement::prepare(const QSqlDatabase& db, const QString& sql, const QString& what)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return makeError(what + QStringLiteral(": the database is not an open SQLite connection"));
    sqlite3* raw = *static_cast<sqlite3* const*>(handle.constData());
    if (!raw)
        return makeError(what + QStringLiteral(": the database is not an open SQLite connection"));
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return makeError(what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(raw)));
    }
    return SqliteStatement(raw, statement, what);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement.get(), index);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement.get(), index, value);
}

void SqliteStatement::bind(int index, const QString& value)
{
    if (value.isEmpty())
        sqlite3_bind_text(m_statement.get(), index, "", 0, SQLITE_STATIC);
    else
        sqlite3_bind_text16(
            m_statement.get(), index, value.constData(), int(value.size() * sizeof(QChar)), SQLITE_STATIC);
}

int SqliteStatement::bind(int first, const QStringList& values)
{
    for (const QString& value : values)
        bind(first++, value);
    return first;
}

Status SqliteStatement::step()
{
    const int stepped = sqlite3_step(m_statement.get());
    Status status;
    if (stepped != SQLITE_DONE && stepped != SQLITE_ROW)
        status = makeError(m_what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
    return status;
}

Status SqliteStatement::forEachRow(const std::function<bool()>& row)
{
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(m_statement.get())) == SQLITE_ROW && row()) { }
    Status status;
    if (stepped != SQLITE_DONE && stepped != SQLITE_ROW)
        status = makeError(m_what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
    sqlite3_reset(m_statement.get());
    return status;
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement.get(), column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_statement.get(), column);
}

QByteArray SqliteStatement::bytes(int column) const
{
    const void* data = sqlite3_column_blob(m_statement.get(), column);
    const int size = sqlite3_column_bytes(m_statement.get(), column);
    return data ? QByteArray(static_cast<const char*>(data), size) : QByteArray();
}

QString SqliteStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement.get(), column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_statement.get(), column)) : QString();
}

} // namespace runlens::workspace
