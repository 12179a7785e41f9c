#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace runlens::workspace {

// A statement prepared on a workspace connection's own SQLite handle, bound, stepped and read through
// SQLite's C API. For bulk reads and writes only: Qt binds each value through a QVariant and a generated
// placeholder name and reads each cell into a QVariant, which costs more than SQLite's own work (a GHALogs
// import spent a quarter of its time binding; reading a stored analysis of 100k runs, 10 of its 13 s).
// It runs inside whatever transaction the connection has open. The handle is the one Qt's SQLite driver
// opened: Debian's driver links the system libsqlite3, as this class does.
class SqliteStatement
{
public:
    // Prepares `sql` on `db`, or an error naming `what` (which should name the workspace).
    static Result<SqliteStatement> prepare(const QSqlDatabase& db, const QString& sql, const QString& what);

    // Parameters are numbered from 1, as in SQLite. A text must stay alive until step().
    void bindNull(int index);
    void bind(int index, qint64 value);
    void bind(int index, const QString& value); // a null QString binds '' (use bindNull for NULL)
    // Binds `values` to the parameters from `first` on; returns the index after the last.
    int bind(int first, const QStringList& values);
    // Runs the statement once, then resets it for new bindings.
    Status step();

    // A query: calls `row` for each row, in which the getters read that row's columns (numbered from 0),
    // until the last or until `row` returns false; then the statement is reset.
    Status forEachRow(const std::function<bool()>& row);
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QByteArray bytes(int column) const; // a text or blob column's bytes (a copy)
    QString text(int column) const; // a text column (UTF-8 in the database); empty for NULL

private:
    struct Finalizer
    {
        void operator()(sqlite3_stmt* statement) const;
    };
    SqliteStatement(sqlite3* db, sqlite3_stmt* statement, QString what);

    sqlite3* m_db = nullptr;
    std::unique_ptr<sqlite3_stmt, Finalizer> m_statement;
    QString m_what;
};

} // namespace runlens::workspace
