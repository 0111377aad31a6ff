#include <catch2/catch.hpp>

#include "base/version.h"

TEST_CASE("The engine banner names kubeplay and the Kubernetes release it simulates", "[version]") {
    CHECK(kp::engineBanner() == "kubeplay 0.1.0 (Kubernetes v1.32.0)");
}
