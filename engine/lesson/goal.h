// Goals: the small vocabulary of predicates a lesson step can wait for. They are level-
// triggered: a goal holds when the cluster (or the terminal) is in the described state now, not
// because the learner typed a particular command.
//
//   exists:  {resource: deployments, namespace: default, name: hello-minikube}
//   absent:  {resource: services, name: hello-minikube}
//   field:   {resource: deployments, name: web, jsonpath: "{.spec.replicas}", equals: "3"}
//            (or matches: <ECMAScript regex>)
//   count:   {resource: pods, namespace: default, selector: app=web, phase: Running, ready: true,
//             equals: 3 | atLeast: 1}
//   output:  {contains: "Hostname: hello-minikube-", command: "^curl "}   terminal output since
//            the step began (optionally only of commands matching `command`); or matches: <regex>
//   file:    {path: web.yaml, contains: "replicas: 3"}   a file in the learner's home folder
//   event:   {reason: Killing, namespace: default, kind: Pod, name: web-, messageContains: ...}
//            a Kubernetes Event exists (name is a prefix of the involved object's name)
//   request: {namespace: default, selector: app=web}  an HTTP request reached such a pod
//   machine: Running | Stopped | Paused | Absent      the minikube machine's state
//   component: {name: kube-scheduler, running: false}
//   all: [goal, ...]   any: [goal, ...]   not: goal
#pragma once
#include <string>
#include <vector>

#include "base/json.h"

namespace kp {
class Cluster;
}
namespace kp::cli {
class FileSystem;
}

namespace kp::lesson {

struct Goal {
    std::string kind;           // one of the predicate names above; "" = no goal (always holds)
    Json params;                // the predicate's mapping (or scalar for `machine`)
    std::vector<Goal> children; // all / any / not
};

// One command the learner ran and what it printed (stdout then stderr).
struct CommandRecord {
    std::string command;
    std::string output;
};

struct GoalContext {
    Cluster& cluster;
    const std::vector<CommandRecord>& transcript;  // commands since the step began
    uint64_t sinceSeq = 0;                          // event-log records after this one count
    const cli::FileSystem* files = nullptr;         // the learner's home folder
};

struct GoalResult {
    bool holds = false;
    std::string description;    // what the goal waits for, e.g. "deployments/hello-minikube exists"
    std::string descriptionZh;  // the same in Chinese, for the page in Chinese: "deployments/hello-minikube 存在"
};

// Reads a goal from its YAML/JSON form; an error names what is wrong ("goal: unknown predicate
// \"exist\"").
Goal parseGoal(const Json& value, std::string& error);

GoalResult evaluate(const Goal& goal, const GoalContext& context);

}  // namespace kp::lesson
