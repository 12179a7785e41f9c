#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <string_view>
#include <vector>

namespace runlens::features {

// Counts read from one summary line of a common test runner.
struct TestSummary
{
    QString runner; // "pytest", "jest", "gradle", "maven", "gtest", "cargo", "go"
    int failed = 0;
    int passed = 0;
    // True when a run's summaries of this kind add up (one per test binary, crate or failing
    // go test); false when the runner prints one overall total, of which the last one counts.
    bool additive = false;
};

// Reads a test-runner summary from one ANSI-stripped line, if the line is one:
//   pytest  "===== 2 failed, 118 passed, 3 skipped in 12.3s ====="
//   jest    "Tests:       2 failed, 1 skipped, 40 passed, 43 total"
//   gradle  "42 tests completed, 3 failed, 1 skipped"
//   maven   "Tests run: 120, Failures: 2, Errors: 1, Skipped: 3" (per-class lines with "Time elapsed" are skipped)
//   gtest   "[  FAILED  ] 3 tests, listed below:" / "[  PASSED  ] 97 tests."
//   cargo   "test result: FAILED. 10 passed; 2 failed; 0 ignored; ..."
//   go      "--- FAIL: TestParse (0.00s)"
std::optional<TestSummary> parseTestSummary(QByteArrayView line);

// Words (case-sensitive) of which every line parseTestSummary() reads holds at least one: a line without
// any of them needs no call.
const std::vector<std::string_view>& testSummaryPrefilterWords();

} // namespace runlens::features
