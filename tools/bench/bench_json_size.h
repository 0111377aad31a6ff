// How many heap bytes a Json document holds, counted the way bench_alloc counts them (requested
// sizes, no allocator overhead): what the store keeps per object, split by resource.
#pragma once
#include <cstdint>

#include "base/json.h"

namespace kp::bench {
int64_t jsonHeapBytes(const Json& j);
}
