#include <catch2/catch.hpp>

#include <string>

#include "base/clock.h"

TEST_CASE("timers fire in time order, ties in scheduling order", "[base][clock]") {
    kp::VirtualClock clock(kp::Time{1000});
    std::string order;
    clock.schedule(kp::Time{3000}, [&] { order += "c"; });
    clock.schedule(kp::Time{2000}, [&] { order += "a"; });
    clock.schedule(kp::Time{2000}, [&] { order += "b"; });
    auto cancelled = clock.schedule(kp::Time{2500}, [&] { order += "x"; });
    clock.cancel(cancelled);
    CHECK(clock.advanceTo(kp::Time{2500}) == 2);
    CHECK(order == "ab");
    CHECK(clock.now() == kp::Time{2500});
    CHECK(clock.advanceTo(kp::Time{10000}) == 1);
    CHECK(order == "abc");
    CHECK(clock.pendingTimers() == 0);
}

TEST_CASE("a timer scheduled while firing runs in the same advance when due", "[base][clock]") {
    kp::VirtualClock clock(kp::Time{0});
    int fired = 0;
    clock.schedule(kp::Time{10}, [&] {
        ++fired;
        clock.schedule(clock.now() + kp::Duration::millis(5), [&] { ++fired; });
    });
    clock.advanceTo(kp::Time{20});
    CHECK(fired == 2);
}
