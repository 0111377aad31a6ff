// What the `kubectl config` subcommands share (config.cpp, config_set.cpp): reading the merged
// kubeconfig, writing a changed one back file by file, and the name of the file messages use.
// Only those two files include this header. Upstream: kubectl pkg/cmd/config/config.go,
// client-go tools/clientcmd/config.go (ConfigAccess, ModifyConfig).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/command_result.h"

namespace kp::cli {

struct KubectlContext;
class CommandFlags;

// The merged kubeconfig (empty where there is no kubeconfig, inside a container).
Json readConfig(const KubectlContext& ctx);
// The file named in messages (client-go's GetDefaultFilename).
std::string configFile(const KubectlContext& ctx);
// Writes what changed since readConfig (ModifyConfig) and prints `message`. File paths of the
// cluster and user entries that changed are written relative to the file they go to when they
// lie in its folder, as client-go's RelativizeClusterLocalPaths does.
CommandResult writeConfig(KubectlContext& ctx, const Json& config, const std::string& message);
// helpErrorf: the command's --help page on stdout, then `error: <message>`, exit 1.
CommandResult helpError(const CommandFlags& flags, const std::string& message);
// Go's %v of a string slice: "[a b]".
std::string bracketList(const std::vector<std::string>& items);
// An absolute, cleaned path (filepath.Abs): relative paths start at the shell's $PWD.
std::string absolutePath(const KubectlContext& ctx, const std::string& path);

// The subcommands of config_set.cpp.
CommandResult configSetCluster(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult configSetCredentials(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult configSet(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult configUnset(KubectlContext& ctx, const std::vector<std::string>& args);

}  // namespace kp::cli
