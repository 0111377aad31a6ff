// Allocation accounting for kp_bench: global operator new/delete record live bytes so the
// benchmark can report how much memory the store keeps per object.
#pragma once
#include <cstdint>

namespace kp::bench {
int64_t liveBytes();
int64_t peakLiveBytes();  // the most liveBytes() has been since the process started
}
