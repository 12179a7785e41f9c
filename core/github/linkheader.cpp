#include "linkheader.h"

#include <QList>

namespace runlens::github {

QUrl nextLink(const QByteArray& linkHeader)
{
    // <url>; rel="next", <url>; rel="last"  (URLs may contain commas, so scan for <...> first)
    qsizetype pos = 0;
    while (pos < linkHeader.size()) {
        const qsizetype open = linkHeader.indexOf('<', pos);
        if (open < 0)
            break;
        const qsizetype close = linkHeader.indexOf('>', open + 1);
        if (close < 0)
            break;
        const QByteArray target = linkHeader.mid(open + 1, close - open - 1).trimmed();
        qsizetype end = linkHeader.indexOf('<', close + 1);
        if (end < 0)
            end = linkHeader.size();
        const QList<QByteArray> params = linkHeader.mid(close + 1, end - close - 1).split(';');
        for (const QByteArray& raw : params) {
            const QByteArray param = raw.trimmed();
            if (!param.toLower().startsWith("rel"))
                continue;
            const qsizetype eq = param.indexOf('=');
            if (eq < 0)
                continue;
            QByteArray value = param.mid(eq + 1).trimmed();
            if (value.endsWith(','))
                value.chop(1);
            value = value.trimmed();
            if (value.startsWith('"') && value.endsWith('"') && value.size() >= 2)
                value = value.mid(1, value.size() - 2);
            const QList<QByteArray> rels = value.split(' ');
            for (const QByteArray& rel : rels) {
                if (rel.trimmed().toLower() == "next")
                    return QUrl::fromEncoded(target, QUrl::StrictMode);
            }
        }
        pos = end;
    }
    return {};
}

} // namespace runlens::github
