// Shell completion, one engine for both of its users:
//  - `kubectl __complete ARGS... WORD` and `kubectl __completeNoDesc` (cobra's completion protocol
//    V2, what the scripts of `kubectl completion bash|zsh|fish|powershell` call): the candidates
//    for the last word, one a line (with "\t" and a description in __complete), then
//    ":<directive>", and "Completion ended with directive: ..." on stderr;
//  - the page's Tab (completeLine): the same candidates for kubectl, plus the shell's own
//    commands, minikube's and docker's subcommands and flags, and the learner's files.
// What kubectl completes where follows kubectl 1.32 (pkg/util/completion and the commands'
// ValidArgsFunction / RegisterFlagCompletionFunc) on top of cobra's rules (completions.go):
// subcommands, flags (inherited ones first), flag values (-n namespaces, -o formats, --context
// contexts, -f files), resource types (`api-resources -o name --verbs=get`) and object names
// from the cluster (what `kubectl get TYPE` returns; none while no server answers).
// Everything comes from the engine's own tables and help texts, never from a list kept here.
// Completing reads; it never changes the cluster, so the page does not journal it.
#pragma once

#include <string>
#include <vector>

#include "cli/command_result.h"
#include "cli/file_system.h"

namespace kp {
class Cluster;
}

namespace kp::cli {

struct KubectlContext;

// cobra's ShellCompDirective bits.
enum CompletionDirective : int {
    kCompDefault = 0,
    kCompError = 1,
    kCompNoSpace = 2,
    kCompNoFileComp = 4,
    kCompFilterFileExt = 8,  // the candidates are file extensions ("yaml")
    kCompFilterDirs = 16,
    kCompKeepOrder = 32,
};

struct CompletionCandidate {
    std::string value;
    std::string description;  // "" when cobra gives none
};

struct CompletionAnswer {
    std::vector<CompletionCandidate> candidates;  // in cobra's order
    int directive = kCompDefault;
    std::string error;  // cobra's CompErrorln text, if any
};

// kubectl's completion of the last of `args` (the words after "kubectl"; the last one is the
// word being completed, "" after a space). `serverReachable`: whether kubectl's server answers
// (object names and resource types need it).
CompletionAnswer completeKubectl(KubectlContext& ctx, const std::vector<std::string>& args, bool serverReachable);

// `kubectl __complete ...` / `kubectl __completeNoDesc ...` (no descriptions). The server
// answers when the cluster runs and the kubeconfig's current context points at it.
CommandResult kubectlComplete(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlCompleteNoDesc(KubectlContext& ctx, const std::vector<std::string>& args);
// `kubectl completion SHELL`: the completion script for bash, zsh, fish or powershell.
CommandResult kubectlCompletion(KubectlContext& ctx, const std::vector<std::string>& args);
// cobra's text for a directive: "ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp".
std::string directiveText(int directive);

// The page's Tab: `line` is what is typed up to the cursor.
struct LineCompletion {
    std::string word;                     // the word being completed ("" after a space)
    std::vector<std::string> candidates;  // whole words that may replace it, sorted, no duplicates
};
LineCompletion completeLine(Cluster& cluster, FileSystem& files, const std::string& line);

// The commands the shell runs (shell.cpp's dispatch: programs, builtins, text utilities, and
// the reserved words that start loops and `if`), sorted. Defined next to the dispatch.
std::vector<std::string> shellCommandNames();

}  // namespace kp::cli
