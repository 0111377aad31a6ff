#include "cli/minikube/box.h"

#include <algorithm>
#include <vector>

#include "cli/minikube/text_width.h"

namespace kp::cli::minikube {
namespace {

constexpr int kSideMargin = 4;
constexpr int kVerticalPadding = 1;

std::string trimSpace(const std::string& s) {
    const char* ws = " \t\n\r";
    size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos)
        return "";
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Tabs become spaces up to the next multiple of 8 columns.
std::string expandTabs(const std::string& line) {
    std::string out;
    for (const std::string& r : splitRunes(line)) {
        if (r == "\t")
            out.append(8 - (displayWidth(out) & 7), ' ');
        else
            out += r;
    }
    return out;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

}  // namespace

std::string roundBox(const std::string& text) {
    std::vector<std::string> lines;
    std::string body = trimSpace(text);
    size_t start = 0;
    while (true) {
        size_t end = body.find('\n', start);
        lines.push_back(expandTabs(body.substr(start, end == std::string::npos ? std::string::npos : end - start)));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    int longest = 0;
    for (const std::string& l : lines)
        longest = std::max(longest, displayWidth(l));

    const int inner = longest + 2 * kSideMargin;
    const std::string margin(kSideMargin, ' ');
    const std::string empty = "│" + std::string(inner, ' ') + "│";
    std::string out = "╭" + repeat("─", inner) + "╮\n";
    for (int i = 0; i < kVerticalPadding; ++i)
        out += empty + "\n";
    // A shorter line gets half the difference after it twice (plus one for an odd difference),
    // which keeps it left-aligned.
    for (const std::string& l : lines) {
        int diff = longest - displayWidth(l);
        std::string half(diff / 2, ' ');
        std::string odd = diff % 2 ? " " : "";
        out += "│" + margin + l + odd + half + margin + half + "│\n";
    }
    for (int i = 0; i < kVerticalPadding; ++i)
        out += empty + "\n";
    out += "╰" + repeat("─", inner) + "╯\n";
    return out;
}

}  // namespace kp::cli::minikube
