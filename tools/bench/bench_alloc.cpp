#include "bench_alloc.h"

#include <cstdlib>
#include <new>

namespace {
int64_t gLive = 0;
int64_t gPeak = 0;
constexpr size_t kHeader = 16;  // keeps alignment for every fundamental type
}  // namespace

int64_t kp::bench::liveBytes() { return gLive; }
int64_t kp::bench::peakLiveBytes() { return gPeak; }

void* operator new(size_t n) {
    void* p = std::malloc(n + kHeader);
    if (!p)
        throw std::bad_alloc();
    *static_cast<size_t*>(p) = n;
    gLive += static_cast<int64_t>(n);
    if (gLive > gPeak)
        gPeak = gLive;
    return static_cast<char*>(p) + kHeader;
}

void operator delete(void* p) noexcept {
    if (!p)
        return;
    char* base = static_cast<char*>(p) - kHeader;
    gLive -= static_cast<int64_t>(*reinterpret_cast<size_t*>(base));
    std::free(base);
}

void operator delete(void* p, size_t) noexcept { operator delete(p); }
void* operator new[](size_t n) { return operator new(n); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }
