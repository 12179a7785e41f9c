#include "testsummary.h"

#include "logs/textsearch.h"

#include <QRegularExpression>

#include <optional>
#include <string_view>

namespace runlens::features {

namespace {
int capturedInt(const QRegularExpressionMatch& match, const QString& name)
{
    return match.captured(name).toInt();
}

// "<N> <word>" anywhere in the line, e.g. "3 failed".
int countBefore(const QString& text, QLatin1String word)
{
    static const QRegularExpression number(QStringLiteral("(\\d+)\\s+([A-Za-z]+)"));
    int total = 0;
    auto it = number.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedView(2) == word)
            total += m.captured(1).toInt();
    }
    return total;
}
// Qt 6.4's QByteArrayView::contains is several times slower on short needles.
bool has(QByteArrayView line, std::string_view needle)
{
    return logs::containsText(std::string_view(line.data(), size_t(line.size())), needle);
}

// Where the text QString::trimmed() makes of `line` starts, when the bytes tell: after leading ASCII white
// space, at an ASCII byte. A non-ASCII byte there may be Unicode white space (trimmed too): no answer.
std::optional<std::string_view> trimmedStart(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == ' ' || (line[i] >= '\t' && line[i] <= '\r')))
        ++i;
    if (i < line.size() && static_cast<unsigned char>(line[i]) >= 0x80)
        return std::nullopt;
    return std::string_view(line.data() + i, size_t(line.size() - i));
}

// Which summary forms a line may be, from text each form's expression cannot match without: checked on
// bytes before building a QString and running the expressions, since "passed" and "ass" appear on many
// lines that are no summary. The expressions anchored at the start (all but maven's) need their first
// characters there, which is checked first when the start is known (trimmedStart()).
struct Forms
{
    explicit Forms(QByteArrayView line)
        : Forms(line, trimmedStart(line))
    {
    }
    Forms(QByteArrayView line, std::optional<std::string_view> start)
        : go(start ? start->starts_with("--- FAIL: ") : has(line, "--- FAIL: "))
        , cargo(start ? start->starts_with("test result: ") : has(line, "test result: "))
        , maven(has(line, "Tests run: "))
        , gradle((!start || startsWithDigit(*start)) && has(line, " completed, "))
        , gtest((!start || start->starts_with('[')) && (has(line, "FAILED") || has(line, "PASSED")) && has(line, "] "))
        , jest(start ? start->starts_with("Tests:") : has(line, "Tests:"))
        , pytest((start ? start->starts_with('=') : has(line, "="))
              && (has(line, "passed") || has(line, "failed") || has(line, "error")))
    {
    }
    static bool startsWithDigit(std::string_view text) { return !text.empty() && text[0] >= '0' && text[0] <= '9'; }
    bool any() const { return go || cargo || maven || gradle || gtest || jest || pytest; }
    bool onlyMaven() const { return maven && !(go || cargo || gradle || gtest || jest || pytest); }

    bool go, cargo, maven, gradle, gtest, jest, pytest;
};
} // namespace

// The words the features' line prefilter looks for before calling parseTestSummary(): every line that
// Forms::any() accepts holds one.
const std::vector<std::string_view>& testSummaryPrefilterWords()
{
    static const std::vector<std::string_view> words { "FAIL: ", "test result: ", "Tests run: ", " completed, ",
        "FAILED", "PASSED", "Tests:", "passed", "failed", "error" };
    return words;
}

std::optional<TestSummary> parseTestSummary(QByteArrayView line)
{
    // Cheap rejection first: every summary form names one of these words.
    if (!has(line, "ail") && !has(line, "ass") && !has(line, "AIL") && !has(line, "ASS") && !has(line, "Tests run:"))
        return std::nullopt;
    const Forms forms(line);
    if (!forms.any())
        return std::nullopt;
    // Maven's per-class lines ("Tests run: 3, ..., Time elapsed: 0.1 s - in x.Test") are no summary
    // whether or not the expression matches, when no other form is possible.
    if (forms.onlyMaven() && has(line, "Time elapsed"))
        return std::nullopt;

    const QString text = QString::fromUtf8(line).trimmed();

    static const QRegularExpression goFail(QStringLiteral("^--- FAIL: \\S+"));
    if (forms.go && goFail.match(text).hasMatch())
        return TestSummary { QStringLiteral("go"), 1, 0, true };

    static const QRegularExpression cargo(
        QStringLiteral("^test result: (?:ok|FAILED)\\. (?<passed>\\d+) passed; (?<failed>\\d+) failed;"));
    if (const auto m = forms.cargo ? cargo.match(text) : QRegularExpressionMatch(); m.hasMatch())
        return TestSummary { QStringLiteral("cargo"), capturedInt(m, QStringLiteral("failed")),
            capturedInt(m, QStringLiteral("passed")), true };

    static const QRegularExpression maven(QStringLiteral(
        "Tests run: (?<run>\\d+), Failures: (?<failures>\\d+), Errors: (?<errors>\\d+), Skipped: (?<skipped>\\d+)"));
    if (const auto m = forms.maven ? maven.match(text) : QRegularExpressionMatch(); m.hasMatch()) {
        if (text.contains(QLatin1String("Time elapsed")))
            return std::nullopt; // a per-class line; the module total follows
        const int failed = capturedInt(m, QStringLiteral("failures")) + capturedInt(m, QStringLiteral("errors"));
        const int run = capturedInt(m, QStringLiteral("run"));
        return TestSummary { QStringLiteral("maven"), failed,
            std::max(0, run - failed - capturedInt(m, QStringLiteral("skipped"))), false };
    }

    static const QRegularExpression gradle(QStringLiteral("^(?<total>\\d+) tests? completed, (?<failed>\\d+) failed"));
    if (const auto m = forms.gradle ? gradle.match(text) : QRegularExpressionMatch(); m.hasMatch()) {
        const int failed = capturedInt(m, QStringLiteral("failed"));
        return TestSummary { QStringLiteral("gradle"), failed,
            std::max(0, capturedInt(m, QStringLiteral("total")) - failed), false };
    }

    static const QRegularExpression gtest(QStringLiteral("^\\[\\s+(?<kind>FAILED|PASSED)\\s+\\] (?<n>\\d+) tests?"));
    if (const auto m = forms.gtest ? gtest.match(text) : QRegularExpressionMatch(); m.hasMatch()) {
        const int n = capturedInt(m, QStringLiteral("n"));
        const bool failed = m.capturedView(u"kind") == QLatin1String("FAILED");
        return TestSummary { QStringLiteral("gtest"), failed ? n : 0, failed ? 0 : n, true };
    }

    static const QRegularExpression jest(QStringLiteral("^Tests:\\s+.*\\d+ total$"));
    if (forms.jest && jest.match(text).hasMatch())
        return TestSummary { QStringLiteral("jest"), countBefore(text, QLatin1String("failed")),
            countBefore(text, QLatin1String("passed")), false };

    static const QRegularExpression pytest(
        QStringLiteral("^=+ .*\\b\\d+ (?:passed|failed|errors?)\\b.* in [\\d.]+s(?: \\([^)]*\\))? =+$"));
    if (forms.pytest && pytest.match(text).hasMatch())
        return TestSummary { QStringLiteral("pytest"),
            countBefore(text, QLatin1String("failed")) + countBefore(text, QLatin1String("error"))
                + countBefore(text, QLatin1String("errors")),
            countBefore(text, QLatin1String("passed")), false };

    return std::nullopt;
}

} // namespace runlens::features
