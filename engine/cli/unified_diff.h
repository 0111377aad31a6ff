// `diff -u`: the line differences of two texts as unified hunks, for `kubectl diff` and the
// shell's `diff`. A minimal edit script (Myers' O(ND) algorithm) printed the way GNU diff prints
// it: deletions before insertions in each change, 3 lines of context, changes closer than twice
// the context merged into one hunk, "@@ -l,s +l,s @@" with ",1" left out and an empty side
// numbered by the line before it.
// SIMPLIFICATION: where several minimal scripts exist (repeated lines), GNU diff's heuristics
// may pick another one than ours; both are correct diffs of the same size.
#pragma once
#include <string>

namespace kp::cli {

// The hunks alone ("" when the texts are equal). A last line without a newline gets GNU diff's
// "\ No newline at end of file" marker.
std::string unifiedHunks(const std::string& from, const std::string& to, int context = 3);

// A whole `diff -u` file section: the "---"/"+++" header lines (label, a tab, the time) and the
// hunks; "" when the texts are equal.
std::string unifiedDiff(const std::string& fromLabel, const std::string& fromTime, const std::string& from,
                        const std::string& toLabel, const std::string& toTime, const std::string& to);

}  // namespace kp::cli
