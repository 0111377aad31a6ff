// SHA-1 (FIPS 180-4), only to name minikube's log files the way it does (the issue box shows
// /tmp/minikube_<command>_<sha1 of user and arguments>_0.log). Not for anything secret.
#pragma once
#include <string>
#include <string_view>

namespace kp::cli::minikube {

// 40 lower-case hex digits.
std::string sha1Hex(std::string_view data);

}  // namespace kp::cli::minikube
