// How many terminal columns a UTF-8 string takes, the way minikube's table and box libraries
// count (github.com/mattn/go-runewidth, East Asian Width "wide" = 2, ambiguous = 1): emoji and
// CJK take two columns, variation selectors and joiners none.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp::cli::minikube {

int displayWidth(std::string_view utf8);
// The code points of a UTF-8 string, each as its own UTF-8 substring.
std::vector<std::string> splitRunes(std::string_view utf8);

}  // namespace kp::cli::minikube
