#pragma once

#include <QDateTime>
#include <QLabel>
#include <QTimer>

namespace runlens::ui {

// The GitHub API budget in the status bar: "Rate limit: 4,321 / 5,000, resets in 12:34", counting
// down each second, amber when less than a tenth is left, hidden while the budget is unknown.
class RateLimitIndicator : public QLabel
{
    Q_OBJECT
public:
    explicit RateLimitIndicator(QWidget* parent = nullptr);
    ~RateLimitIndicator() override;

    // remaining < 0: unknown (hides the indicator).
    void setRateLimit(int remaining, int limit, const QDateTime& reset);
    int remaining() const { return m_remaining; }

private:
    void refresh();

    QTimer m_ticker;
    int m_remaining = -1;
    int m_limit = -1;
    QDateTime m_reset;
};

} // namespace runlens::ui
