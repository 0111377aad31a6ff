// Catch2 entry point. Adds `--update-golden` (rewrites golden files instead of comparing).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "test_support.h"

int main(int argc, char* argv[]) {
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--update-golden") == 0) {
            kp::test::setUpdateGolden(true);
            continue;
        }
        args.push_back(argv[i]);
    }
    return Catch::Session().run(static_cast<int>(args.size()), args.data());
}
