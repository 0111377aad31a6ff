// `kubectl exec -it POD -- sh` and `docker exec -it CONTAINER bash`: the command lines that open
// a container's shell for the terminal to attach to (a shell named alone, no arguments).
#pragma once
#include <string>
#include <vector>

namespace kp::cli {

inline bool opensInteractiveShell(const std::vector<std::string>& command) {
    if (command.size() != 1)
        return false;
    const std::string& p = command[0];
    return p == "sh" || p == "bash" || p == "ash" || p == "/bin/sh" || p == "/bin/bash" || p == "/bin/ash";
}

}  // namespace kp::cli
