// `diff -u`: the line differences of two texts as unified hunks, for `kubectl diff` and the
// shell's `diff`. A minimal edit script (Myers' O(ND) algorithm) printed the way GNU diff prints
// it: deletions before insertions in each change, 3 lines of context, changes closer than twice
// the context merged into one hunk, "@@ -l,s +l,s @@" with ",1" left out and an empty side
// numbered by the line before it.
// SIMPLIFICATION: where several minimal scripts exist (repeated lines), GNU diff's heuristics
// may pick another one than ours; both are correct diffs of the same size.
#pragma once
#include <string>

#include "base/time.h"

namespace kp::cli {

// The hunks alone ("" when the texts are equal). A last line without a newline gets GNU diff's
// "\ No newline at end of file" marker.
std::string unifiedHunks(const std::string& from, const std::string& to, int context = 3);

// A whole `diff -u` file section: the "---"/"+++" header lines (label, a tab, the time) and the
// hunks; "" when the texts are equal.
std::string unifiedDiff(const std::string& fromLabel, const std::string& fromTime, const std::string& from,
                        const std::string& toLabel, const std::string& toTime, const std::string& to);

// GNU diff's default ("normal") output: each change as "2,3c2" / "5a6" / "7d6" with the old lines
// ("< ") and the new ones ("> ") separated by "---"; "" when the texts are equal.
std::string normalDiff(const std::string& from, const std::string& to);

// GNU diff's time stamp of a file in its -u header: "2025-01-15 10:00:00.000000000 +0000".
std::string diffTime(Time t);

}  // namespace kp::cli
