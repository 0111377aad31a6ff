// Entry point of the browser module. The page drives the engine through the functions exported
// by engine_bridge.cpp; main() only announces the engine in the browser console.
// The visualizer's frame loop will start here.
#include <cstdio>

#include "base/version.h"

int main() {
    std::printf("%s\n", kp::engineBanner().c_str());
    return 0;  // the runtime stays alive after main(): exported functions remain callable
}
