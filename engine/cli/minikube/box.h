// The rounded box minikube draws around important notices (github.com/Delta456/box-cli-maker
// v2 with minikube's settings: type "Round", 4 columns of side margin, 1 empty line above and
// below, lines left-aligned, tabs expanded to 8 columns).
// SIMPLIFICATION: the box border is not coloured red (minikube colours it in a colour terminal).
#pragma once
#include <string>

namespace kp::cli::minikube {

// `text` is trimmed of surrounding whitespace first, as out.Boxed does.
std::string roundBox(const std::string& text);

}  // namespace kp::cli::minikube
