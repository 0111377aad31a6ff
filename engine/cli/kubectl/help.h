// kubectl's --help pages and the command list of a bare `kubectl`, in kubectl's layout:
//   <description>
//
//   Examples:
//     # what the example does
//     kubectl drain foo --force
//
//   Options:
//       --force=false:
//   	<usage>
//
//   Usage:
//     kubectl drain NODE [options]
//
//   Use "kubectl options" for a list of global command-line options (applies to all commands).
// The Options block is generated from the flags each command declares (CommandFlags), so it
// cannot drift from what the command accepts; names, shorthands and defaults are kubectl's.
// Descriptions, examples and flag usages are written in kubeplay's own words.
// Upstream (layout only): kubectl pkg/cmd/util/templates/templater.go, cmd.go (command groups).
#pragma once
#include <string>
#include <vector>

#include "cli/command_result.h"
#include "cli/kubectl/cmd_flags.h"

namespace kp::cli {

// The --help page of the command whose flags are `flags` (its commandPath names it).
std::string commandHelp(const CommandFlags& flags);

// `kubectl`, `kubectl --help`: the command groups.
std::string kubectlOverview();
// Whether kubectl has a command NAME (kubectl.cpp's table): a mistyped one is answered on the
// laptop, without a server.
bool isKubectlCommand(const std::string& name);

// `kubectl rollout --help`, `kubectl set -h`: a command made of subcommands. Returns false
// (leaving `out` alone) when `args` is not such a help request.
bool parentCommandHelp(const std::vector<std::string>& args, std::string& out);
// A parent command ("rollout", "create service") run without a subcommand: its help page and
// exit code 1, as cobra's DefaultSubCommandRun does.
CommandResult missingSubcommand(const std::string& path);

// The flags of commands that parse their arguments without CommandFlags (get, apply, ...),
// declared for their --help page. Returns false for other commands.
bool helpFlagsOf(const std::string& command, CommandFlags& flags);

}  // namespace kp::cli
