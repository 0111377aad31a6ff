// The text utilities tutorials pipe kubectl output through (`| grep SERVICE`, `| head -3`,
// `| base64 --decode`, `| awk '{print $1}'`), with GNU coreutils' behaviour and messages for
// the flags they use. Each reads its files or, without files, standard input.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "cli/command_result.h"
#include "base/time.h"
#include "cli/file_system.h"

namespace kp::cli::sh {

struct Invocation {
    std::string name;
    std::vector<std::string> args;
    std::string stdinText;
    FileSystem& fs;
    Time now{};  // the laptop's clock (diff -u's file times)
};

using Utility = CommandResult (*)(const Invocation&);

// nullptr when `name` is not one of ours.
Utility findUtility(const std::string& name);
// The names findUtility knows, sorted (the shell's Tab completes them).
std::vector<std::string> utilityNames();

}  // namespace kp::cli::sh
