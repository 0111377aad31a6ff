#include "cli/unified_diff.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace kp::cli {
namespace {

// Lines with their newline; the last one may lack it.
std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        size_t end = nl == std::string::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

enum class Op { Equal, Delete, Insert };

// Myers' greedy forward search on what lies between the common first and last lines (equal
// runs need no search, a side with nothing left is all insertions or deletions), keeping of each
// round only the diagonals the walk back can read: memory grows with the square of the number
// of edits, not with the files' length.
std::vector<Op> editScript(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    const int n = static_cast<int>(a.size() - head - tail), m = static_cast<int>(b.size() - head - tail);
    if (n == 0 || m == 0) {  // only insertions or only deletions between the common ends
        std::vector<Op> ops(head, Op::Equal);
        ops.insert(ops.end(), static_cast<size_t>(n), Op::Delete);
        ops.insert(ops.end(), static_cast<size_t>(m), Op::Insert);
        ops.insert(ops.end(), tail, Op::Equal);
        return ops;
    }
    auto same = [&](int x, int y) { return a[head + static_cast<size_t>(x)] == b[head + static_cast<size_t>(y)]; };
    const int max = n + m, offset = max + 1;
    std::vector<int> v(2 * max + 3, 0);
    // trace[d]: the furthest x on diagonals -(d-1)..d-1 before round d.
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.emplace_back(v.begin() + offset - std::max(d - 1, 0), v.begin() + offset + std::max(d - 1, 0) + 1);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                  : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && same(x, y))
                ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    std::vector<Op> ops(tail, Op::Equal);
    int x = n, y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& pv = trace[d];
        auto at = [&](int k) { return pv[static_cast<size_t>(k + d - 1)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = at(prevK), prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            ops.push_back(Op::Equal);
            --x, --y;
        }
        ops.push_back(down ? Op::Insert : Op::Delete);
        x = prevX, y = prevY;
    }
    while (x > 0 && y > 0) {
        ops.push_back(Op::Equal);
        --x, --y;
    }
    ops.insert(ops.end(), head, Op::Equal);
    std::reverse(ops.begin(), ops.end());
    // Each run of changes as GNU diff prints it: its deletions, then its insertions.
    for (size_t i = 0; i < ops.size();) {
        if (ops[i] == Op::Equal) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < ops.size() && ops[j] != Op::Equal)
            ++j;
        std::stable_partition(ops.begin() + static_cast<long>(i), ops.begin() + static_cast<long>(j),
                              [](Op o) { return o == Op::Delete; });
        i = j;
    }
    return ops;
}

std::string range(int start, int count) {
    if (count == 1)
        return std::to_string(start);
    return std::to_string(count == 0 ? start - 1 : start) + "," + std::to_string(count);
}

std::string lineOut(char mark, const std::string& line) {
    std::string s(1, mark);
    s += line;
    if (line.empty() || line.back() != '\n')
        s += "\n\\ No newline at end of file\n";
    return s;
}

}  // namespace

std::string unifiedHunks(const std::string& from, const std::string& to, int context) {
    const std::vector<std::string> a = splitLines(from), b = splitLines(to);
    const std::vector<Op> ops = editScript(a, b);
    // Positions of every op in both files.
    struct Step {
        Op op;
        int ai, bi;
    };
    std::vector<Step> steps;
    int ai = 0, bi = 0;
    for (Op op : ops) {
        steps.push_back({op, ai, bi});
        if (op != Op::Insert)
            ++ai;
        if (op != Op::Delete)
            ++bi;
    }
    std::string out;
    size_t i = 0;
    while (i < steps.size()) {
        while (i < steps.size() && steps[i].op == Op::Equal)
            ++i;
        if (i == steps.size())
            break;
        // A hunk: context before the first change, then changes until a gap of more than
        // 2 x context equal lines (or the end), then context after.
        size_t first = i >= static_cast<size_t>(context) ? i - static_cast<size_t>(context) : 0;
        size_t last = i;  // last change
        size_t j = i;
        while (j < steps.size()) {
            if (steps[j].op != Op::Equal) {
                last = j++;
                continue;
            }
            size_t k = j;
            while (k < steps.size() && steps[k].op == Op::Equal)
                ++k;
            if (k == steps.size() || k - j > static_cast<size_t>(2 * context))
                break;
            j = k;
        }
        size_t end = std::min(steps.size(), last + 1 + static_cast<size_t>(context));
        int aCount = 0, bCount = 0;
        std::string body;
        for (size_t s = first; s < end; ++s) {
            const Step& st = steps[s];
            if (st.op == Op::Equal) {
                body += lineOut(' ', a[st.ai]);
                ++aCount, ++bCount;
            } else if (st.op == Op::Delete) {
                body += lineOut('-', a[st.ai]);
                ++aCount;
            } else {
                body += lineOut('+', b[st.bi]);
                ++bCount;
            }
        }
        out += "@@ -" + range(steps[first].ai + 1, aCount) + " +" + range(steps[first].bi + 1, bCount) + " @@\n" + body;
        i = end;
    }
    return out;
}

std::string unifiedDiff(const std::string& fromLabel, const std::string& fromTime, const std::string& from,
                        const std::string& toLabel, const std::string& toTime, const std::string& to) {
    std::string hunks = unifiedHunks(from, to);
    if (hunks.empty())
        return "";
    return "--- " + fromLabel + "\t" + fromTime + "\n+++ " + toLabel + "\t" + toTime + "\n" + hunks;
}

std::string normalDiff(const std::string& from, const std::string& to) {
    const std::vector<std::string> a = splitLines(from), b = splitLines(to);
    const std::vector<Op> ops = editScript(a, b);
    // "a,b" or "a" for a range of lines; an empty range names the line before it.
    auto lines = [](int first, int count) {
        if (count == 0)
            return std::to_string(first - 1);
        return count == 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(first + count - 1);
    };
    std::string out;
    int ai = 0, bi = 0;
    for (size_t i = 0; i < ops.size();) {
        if (ops[i] == Op::Equal) {
            ++ai, ++bi, ++i;
            continue;
        }
        int deleted = 0, inserted = 0;
        while (i < ops.size() && ops[i] != Op::Equal)
            (ops[i++] == Op::Delete ? deleted : inserted)++;
        const char kind = deleted == 0 ? 'a' : inserted == 0 ? 'd' : 'c';
        out += lines(ai + 1, deleted) + kind + lines(bi + 1, inserted) + "\n";
        for (int k = 0; k < deleted; ++k)
            out += lineOut('<', a[static_cast<size_t>(ai + k)]).insert(1, " ");
        if (deleted && inserted)
            out += "---\n";
        for (int k = 0; k < inserted; ++k)
            out += lineOut('>', b[static_cast<size_t>(bi + k)]).insert(1, " ");
        ai += deleted;
        bi += inserted;
    }
    return out;
}

std::string diffTime(Time t) {
    std::string rfc = formatRFC3339(t);  // 2025-01-15T10:00:00Z
    char ns[16];
    std::snprintf(ns, sizeof ns, "%09lld", static_cast<long long>(((t.ms % 1000) + 1000) % 1000) * 1000000LL);
    return rfc.substr(0, 10) + " " + rfc.substr(11, 8) + "." + ns + " +0000";
}

}  // namespace kp::cli
