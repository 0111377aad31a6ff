// Tab completion for the terminal, as bash does it with the completion scripts of kubectl and
// minikube (`kubectl completion bash`, cobra's __complete): the words that may follow what is
// typed. Everything comes from the engine itself, never from a list kept here by hand:
//  - kubectl's commands, subcommands and flags from its own --help (the command table's text);
//  - resource types from the apiserver's resource registry (what `kubectl api-resources` lists);
//  - object names from the cluster's store (pods, nodes, namespaces... as `kubectl get` would see
//    them; none while the cluster is not running, as the real completion gets no answer then);
//  - minikube's commands from its --help; file names from the learner's home folder.
// Completing reads; it never runs a command, so it changes nothing and is not in the journal.
#pragma once

#include <string>
#include <vector>

#include "cli/laptop.h"

namespace kp::web {

struct Completion {
    std::string word;                     // the word being completed ("" after a space)
    std::vector<std::string> candidates;  // whole words that start with it, sorted, no duplicates
};

// `line` is what the learner typed up to the cursor, in terminal `tab`.
Completion complete(cli::Laptop& laptop, const std::string& line);

}  // namespace kp::web
