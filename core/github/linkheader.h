#pragma once

#include <QByteArray>
#include <QUrl>

namespace runlens::github {

// The rel="next" target of an RFC 8288 Link header, verbatim (GitHub's next links use the numeric
// /repositories/{id}/... form: never rebuild them). Empty when there is no next page.
QUrl nextLink(const QByteArray& linkHeader);

} // namespace runlens::github
