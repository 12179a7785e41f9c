#pragma once

#include <QByteArray>

#include <vector>

namespace runlens::sample {

// The text of one step before timestamps are assigned. Each line carries a weight: the share of
// the step's wall time that passes before it appears, so slow progress and long silences (the
// precursors of a kill) show up in the timestamps.
class StepLines
{
public:
    struct Line
    {
        QByteArray text;
        double weight = 1;
        bool stamped = true; // continuation lines of a multi-line message carry no timestamp
        bool evidence = false;
    };

    void add(QByteArray text, double weight = 1) { m_lines.push_back({ std::move(text), weight, true, false }); }
    void continuation(QByteArray text) { m_lines.push_back({ std::move(text), 0, false, false }); }
    void evidence(QByteArray text, double weight = 1) { m_lines.push_back({ std::move(text), weight, true, true }); }
    // `##[group]Run <command>` with the command echoed in cyan, as the runner prints run steps.
    void runHeader(const QByteArray& command, const std::vector<QByteArray>& script = {})
    {
        add("##[group]Run " + command);
        for (const QByteArray& line : script.empty() ? std::vector<QByteArray> { command } : script)
            add("\x1b[36;1m" + line + "\x1b[0m", 0.01);
        add("shell: /usr/bin/bash -e {0}", 0.01);
    }
    void endGroup() { add("##[endgroup]", 0.01); }

    const std::vector<Line>& lines() const { return m_lines; }
    std::vector<Line>& lines() { return m_lines; }
    size_t size() const { return m_lines.size(); }

private:
    std::vector<Line> m_lines;
};

} // namespace runlens::sample
