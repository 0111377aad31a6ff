// curl as the tutorials use it (`curl http://192.168.49.2:31234`, `curl -s URL`, `curl -I`,
// `curl -o /dev/null -w '%{http_code}'`, `curl --max-time 5`), with curl 7.81's messages
// (Ubuntu 22.04, the laptop minikube prints): `curl: (7) Failed to connect to X port N after
// 0 ms: Connection refused`, `curl: (6) Could not resolve host: X`.
#pragma once
#include <string>
#include <vector>

#include "network/traffic.h"

namespace kp::network {

struct CurlResult {
    int exitCode = 0;
    std::string out, err;
    Duration elapsed;  // virtual time the command took (connect timeouts block)
};

CurlResult curl(const std::vector<std::string>& args, const Origin& origin, Traffic& traffic, Time now);

// The status line's usual reason phrase ("Not Found"), "" for codes the apps never send.
const char* httpReasonPhrase(int status);

}  // namespace kp::network
