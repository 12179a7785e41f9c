#include "ratelimitindicator.h"

#include "collecttext.h"

namespace runlens::ui {

RateLimitIndicator::RateLimitIndicator(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("RateLimitIndicator"));
    setToolTip(tr("GitHub API requests left in this hour's budget and when it refills"));
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &RateLimitIndicator::refresh);
    hide();
}

RateLimitIndicator::~RateLimitIndicator() = default;

void RateLimitIndicator::setRateLimit(int remaining, int limit, const QDateTime& reset)
{
    m_remaining = remaining;
    m_limit = limit;
    m_reset = reset;
    const bool low = remaining >= 0 && limit > 0 && remaining * 10 < limit;
    setStyleSheet(low ? QStringLiteral("QLabel { color: #B35900; font-weight: bold; }") : QString());
    if (remaining >= 0 && reset.isValid())
        m_ticker.start();
    else
        m_ticker.stop();
    refresh();
}

void RateLimitIndicator::refresh()
{
    const qint64 toReset = m_reset.isValid() ? QDateTime::currentDateTimeUtc().secsTo(m_reset) : -1;
    if (m_reset.isValid() && toReset < 0)
        m_ticker.stop(); // refilled: the next response will say by how much
    setText(collecttext::rateLimit(m_remaining, m_limit, toReset));
    setVisible(!text().isEmpty());
}

} // namespace runlens::ui
