// Cobra's "Did you mean this?" for a mistyped command (kubectl and minikube are cobra programs):
// the commands within two edits of what was typed (Levenshtein, case-insensitive) or starting
// with it, in the order the program lists its commands.
#pragma once
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace kp::cli {

inline size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// "\tNAME\n" for each suggestion ("" when none).
inline std::string commandSuggestions(const std::string& typed, const std::vector<std::string>& names) {
    std::string lowerTyped = typed;
    for (char& c : lowerTyped)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string out;
    for (const std::string& n : names) {
        std::string lowerName = n;
        for (char& c : lowerName)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (editDistance(typed, n) <= 2 || lowerName.rfind(lowerTyped, 0) == 0)
            out += "\t" + n + "\n";
    }
    return out;
}

}  // namespace kp::cli
