#include "lesson/goal.h"

#include <regex>

#include "api/jsonpath.h"
#include "api/labels.h"
#include "api/pod_util.h"
#include "api/resources.h"
#include "cli/file_system.h"
#include "cluster/cluster.h"

namespace kp::lesson {
namespace {

const std::vector<std::string> kPredicates = {"exists",  "absent",  "field",     "count", "output", "file", "event",
                                              "request", "machine", "component", "all",   "any",    "not"};

// The parameters each predicate accepts; anything else is a typo worth reporting.
const std::map<std::string, std::vector<std::string>>& knownParams() {
    static const std::map<std::string, std::vector<std::string>> params = {
        {"exists", {"resource", "namespace", "name"}},
        {"absent", {"resource", "namespace", "name"}},
        {"field", {"resource", "namespace", "name", "jsonpath", "equals", "matches"}},
        {"count", {"resource", "namespace", "selector", "phase", "ready", "equals", "atLeast"}},
        {"output", {"contains", "matches", "command"}},
        {"file", {"path", "contains"}},
        {"event", {"reason", "namespace", "kind", "name", "messageContains"}},
        {"request", {"namespace", "selector"}},
        {"component", {"name", "running"}},
    };
    return params;
}

std::string text(const Json& params, const char* key, const std::string& fallback = "") {
    auto it = params.find(key);
    if (it == params.end() || it->is_null())
        return fallback;
    return it->is_string() ? it->get<std::string>() : it->dump();
}

// The store's key for what the lesson names: "deployments" -> "deployments.apps"; short names
// and kinds work as on kubectl's command line.
const ResourceInfo* resourceOf(const Json& params) {
    return ResourceRegistry::builtin().lookup(text(params, "resource"));
}

std::string objectNamespace(const ResourceInfo& info, const Json& params) {
    return info.namespaced ? text(params, "namespace", "default") : "";
}

std::string objectLabel(const ResourceInfo& info, const Json& params) {
    const std::string ns = objectNamespace(info, params);
    return info.resource + "/" + text(params, "name") + (ns.empty() || ns == "default" ? "" : " in " + ns);
}

std::string objectLabelZh(const ResourceInfo& info, const Json& params) {
    const std::string ns = objectNamespace(info, params);
    return info.resource + "/" + text(params, "name") + (ns.empty() || ns == "default" ? "" : "（命名空间 " + ns + "）");
}

ObjectPtr findObject(const GoalContext& context, const Json& params) {
    const ResourceInfo* info = resourceOf(params);
    if (!info)
        return nullptr;
    return context.cluster.store().get(info->groupResource(), objectNamespace(*info, params), text(params, "name"));
}

GoalResult existsGoal(const GoalContext& context, const Json& params, bool wantPresent) {
    const ResourceInfo* info = resourceOf(params);
    GoalResult r;
    r.description = objectLabel(*info, params) + (wantPresent ? " exists" : " is gone");
    r.descriptionZh = objectLabelZh(*info, params) + (wantPresent ? " 存在" : " 已删除");
    ObjectPtr object = findObject(context, params);
    r.holds = wantPresent ? object != nullptr : object == nullptr;
    return r;
}

GoalResult fieldGoal(const GoalContext& context, const Json& params) {
    const ResourceInfo* info = resourceOf(params);
    const std::string path = text(params, "jsonpath");
    GoalResult r;
    const bool regex = params.contains("matches");
    const std::string want = text(params, regex ? "matches" : "equals");
    r.description = objectLabel(*info, params) + " " + path + (regex ? " matches " : " = ") + want;
    r.descriptionZh = objectLabelZh(*info, params) + " 的 " + path + (regex ? " 匹配 " : " 等于 ") + want;
    ObjectPtr object = findObject(context, params);
    if (!object)
        return r;
    api::JsonPathResult value = api::evalJsonPathTemplate(path, *object);
    if (!value.ok())
        return r;
    r.holds = regex ? std::regex_search(value.text, std::regex(want)) : value.text == want;
    return r;
}

GoalResult countGoal(const GoalContext& context, const Json& params) {
    const ResourceInfo* info = resourceOf(params);
    const std::string ns = objectNamespace(*info, params);
    const std::string selectorText = text(params, "selector");
    const std::string phase = text(params, "phase");
    std::optional<labels::Selector> selector = labels::Selector::parse(selectorText, nullptr);
    int count = 0;
    for (const ObjectPtr& object : context.cluster.store().list(info->groupResource(), ns)) {
        if (selector && !selector->matchesLabelsOf(*object))
            continue;
        if (!phase.empty() && stringAt(*object, "status.phase") != phase)
            continue;
        if (params.contains("ready") && pod::isReady(*object) != params.value("ready", false))
            continue;
        if (params.contains("ready") && pod::isTerminating(*object))
            continue;
        ++count;
    }
    GoalResult r;
    std::string what = info->resource;
    std::string whatZh = info->resource;
    if (!selectorText.empty()) {
        what += " with " + selectorText;
        whatZh += "（" + selectorText + "）";
    }
    if (!phase.empty()) {
        what += " " + phase;
        whatZh += " " + phase;
    }
    if (params.contains("ready")) {
        what += params.value("ready", false) ? " and ready" : " and not ready";
        whatZh += params.value("ready", false) ? " 且就绪" : " 且未就绪";
    }
    const std::string now = std::to_string(count);
    if (params.contains("equals")) {
        const int want = params.value("equals", 0);
        r.holds = count == want;
        r.description = "exactly " + std::to_string(want) + " " + what + " (now " + now + ")";
        r.descriptionZh = "恰好 " + std::to_string(want) + " 个 " + whatZh + "（现在 " + now + " 个）";
    } else {
        const int want = params.value("atLeast", 1);
        r.holds = count >= want;
        r.description = "at least " + std::to_string(want) + " " + what + " (now " + now + ")";
        r.descriptionZh = "至少 " + std::to_string(want) + " 个 " + whatZh + "（现在 " + now + " 个）";
    }
    return r;
}

GoalResult outputGoal(const GoalContext& context, const Json& params) {
    const std::string contains = text(params, "contains");
    const std::string matches = text(params, "matches");
    const std::string command = text(params, "command");
    GoalResult r;
    r.description = contains.empty() ? "the terminal shows text matching /" + matches + "/"
                                     : "the terminal shows \"" + contains + "\"";
    r.descriptionZh = contains.empty() ? "终端显示匹配 /" + matches + "/ 的文字" : "终端显示“" + contains + "”";
    for (const CommandRecord& record : context.transcript) {
        if (!command.empty() && !std::regex_search(record.command, std::regex(command)))
            continue;
        if (contains.empty() ? std::regex_search(record.output, std::regex(matches))
                             : record.output.find(contains) != std::string::npos)
            r.holds = true;
    }
    return r;
}

GoalResult fileGoal(const GoalContext& context, const Json& params) {
    const std::string path = text(params, "path");
    const std::string contains = text(params, "contains");
    GoalResult r;
    r.description = "the file " + path + (contains.empty() ? " exists" : " contains \"" + contains + "\"");
    r.descriptionZh = "文件 " + path + (contains.empty() ? " 存在" : " 包含“" + contains + "”");
    std::optional<std::string> content = context.files ? context.files->readFile(path) : std::nullopt;
    r.holds = content && content->find(contains) != std::string::npos;
    return r;
}

GoalResult eventGoal(const GoalContext& context, const Json& params) {
    const std::string reason = text(params, "reason");
    const std::string ns = text(params, "namespace");
    const std::string kind = text(params, "kind");
    const std::string name = text(params, "name");
    const std::string message = text(params, "messageContains");
    GoalResult r;
    r.description = "an event " + reason + (name.empty() ? "" : " for " + name + "...");
    r.descriptionZh = "出现事件 " + reason + (name.empty() ? "" : "（对象 " + name + "…）");
    for (const ObjectPtr& event : context.cluster.store().list("events", ns)) {
        if (!reason.empty() && stringAt(*event, "reason") != reason)
            continue;
        if (!kind.empty() && stringAt(*event, "involvedObject.kind") != kind)
            continue;
        if (!name.empty() && stringAt(*event, "involvedObject.name").rfind(name, 0) != 0)
            continue;
        if (!message.empty() && stringAt(*event, "message").find(message) == std::string::npos)
            continue;
        r.holds = true;
        break;
    }
    return r;
}

// Traffic flows in the event log (network/traffic.h) name the pod that answered in their
// detail: "... pod=<ns>/<name> ... result=response".
GoalResult requestGoal(const GoalContext& context, const Json& params) {
    const std::string ns = text(params, "namespace", "default");
    const std::string selectorText = text(params, "selector");
    std::optional<labels::Selector> selector = labels::Selector::parse(selectorText, nullptr);
    GoalResult r;
    r.description = "a request reached a pod" + (selectorText.empty() ? "" : " with " + selectorText);
    r.descriptionZh = "有请求到达 Pod" + (selectorText.empty() ? "" : "（" + selectorText + "）");
    const EventLog::Records& records = context.cluster.eventLog().records();
    for (auto it = records.rbegin(); it != records.rend() && it->seq > context.sinceSeq; ++it) {
        if (it->type != "flow" || (it->verb != "http" && it->verb != "tcp") ||
            it->detail.find(" result=response") == std::string::npos)
            continue;
        const size_t at = it->detail.find(" pod=" + ns + "/");
        if (at == std::string::npos)
            continue;
        const size_t start = at + 6 + ns.size();
        const std::string pod = it->detail.str().substr(start, it->detail.find(" ", start) - start);
        ObjectPtr object = context.cluster.store().get("pods", ns, pod);
        if (!selector || (object && selector->matchesLabelsOf(*object))) {
            r.holds = true;
            break;
        }
    }
    return r;
}

GoalResult machineGoal(const GoalContext& context, const Json& params) {
    const std::string want = params.is_string() ? params.get<std::string>() : "";
    GoalResult r;
    r.description = "the minikube machine is " + want;
    r.descriptionZh = "minikube 虚拟机的状态是 " + want;
    const MachineState state = context.cluster.machineState();
    r.holds = (want == "Running" && state == MachineState::Running) ||
              (want == "Stopped" && state == MachineState::Stopped) ||
              (want == "Paused" && state == MachineState::Paused) || (want == "Absent" && state == MachineState::Absent);
    return r;
}

GoalResult componentGoal(const GoalContext& context, const Json& params) {
    const std::string name = text(params, "name");
    const bool running = params.value("running", true);
    GoalResult r;
    r.description = name + (running ? " is running" : " is stopped");
    r.descriptionZh = name + (running ? " 正在运行" : " 已停止");
    Component* component = context.cluster.component(name);
    r.holds = component && component->enabled() == running &&
              context.cluster.machineState() == MachineState::Running;
    if (!running)  // a stopped machine stops every component too
        r.holds = component && (!component->enabled() || context.cluster.machineState() != MachineState::Running);
    return r;
}

}  // namespace

Goal parseGoal(const Json& value, std::string& error) {
    Goal goal;
    if (value.is_null())
        return goal;
    if (!value.is_object() || value.size() != 1) {
        error = "goal: expected a mapping with one predicate (" + value.dump() + ")";
        return goal;
    }
    goal.kind = value.begin().key();
    goal.params = value.begin().value();
    if (std::find(kPredicates.begin(), kPredicates.end(), goal.kind) == kPredicates.end()) {
        error = "goal: unknown predicate \"" + goal.kind + "\"";
        return goal;
    }
    if (goal.kind == "all" || goal.kind == "any") {
        if (!goal.params.is_array() || goal.params.empty()) {
            error = "goal: " + goal.kind + " needs a list of goals";
            return goal;
        }
        for (const Json& child : goal.params) {
            goal.children.push_back(parseGoal(child, error));
            if (!error.empty())
                return goal;
        }
        return goal;
    }
    if (goal.kind == "not") {
        goal.children.push_back(parseGoal(goal.params, error));
        return goal;
    }
    if (goal.kind == "machine") {
        const std::string state = goal.params.is_string() ? goal.params.get<std::string>() : "";
        if (state != "Running" && state != "Stopped" && state != "Paused" && state != "Absent")
            error = "goal: machine must be Running, Stopped, Paused or Absent";
        return goal;
    }
    if (!goal.params.is_object()) {
        error = "goal: " + goal.kind + " needs a mapping";
        return goal;
    }
    const std::vector<std::string>& allowed = knownParams().at(goal.kind);
    for (auto it = goal.params.begin(); it != goal.params.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
            error = "goal: " + goal.kind + " has no parameter \"" + it.key() + "\"";
            return goal;
        }
    }
    const bool needsResource = goal.kind == "exists" || goal.kind == "absent" || goal.kind == "field" || goal.kind == "count";
    if (needsResource && !resourceOf(goal.params))
        error = "goal: " + goal.kind + ": unknown resource \"" + text(goal.params, "resource") + "\"";
    else if ((goal.kind == "exists" || goal.kind == "absent" || goal.kind == "field") && text(goal.params, "name").empty())
        error = "goal: " + goal.kind + " needs a name";
    else if (goal.kind == "field" && (text(goal.params, "jsonpath").empty() ||
                                      goal.params.contains("equals") == goal.params.contains("matches")))
        error = "goal: field needs a jsonpath and one of equals or matches";
    else if (goal.kind == "output" && goal.params.contains("contains") == goal.params.contains("matches"))
        error = "goal: output needs one of contains or matches";
    else if (goal.kind == "file" && text(goal.params, "path").empty())
        error = "goal: file needs a path";
    else if (goal.kind == "component" && text(goal.params, "name").empty())
        error = "goal: component needs a name";
    else if ((goal.kind == "count" || goal.kind == "request") &&
             !labels::Selector::parse(text(goal.params, "selector"), &error))
        error = "goal: " + goal.kind + ": selector: " + error;
    else {
        for (const char* key : {"matches", "command"}) {
            try {
                std::regex check(text(goal.params, key));
            } catch (const std::regex_error&) {
                error = "goal: " + goal.kind + ": " + key + " is not a valid regular expression";
            }
        }
    }
    return goal;
}

GoalResult evaluate(const Goal& goal, const GoalContext& context) {
    if (goal.kind.empty())
        return {true, "nothing to wait for", "无需等待"};
    if (goal.kind == "all" || goal.kind == "any") {
        const bool all = goal.kind == "all";
        GoalResult r{all, "", ""};
        for (const Goal& child : goal.children) {
            GoalResult c = evaluate(child, context);
            r.description += (r.description.empty() ? "" : all ? "; " : " or ") + c.description;
            r.descriptionZh += (r.descriptionZh.empty() ? "" : all ? "；" : " 或 ") + c.descriptionZh;
            r.holds = all ? r.holds && c.holds : r.holds || c.holds;
        }
        return r;
    }
    if (goal.kind == "not") {
        GoalResult c = evaluate(goal.children.front(), context);
        return {!c.holds, "not: " + c.description, "并非：" + c.descriptionZh};
    }
    const Json& p = goal.params;
    if (goal.kind == "exists" || goal.kind == "absent")
        return existsGoal(context, p, goal.kind == "exists");
    if (goal.kind == "field")
        return fieldGoal(context, p);
    if (goal.kind == "count")
        return countGoal(context, p);
    if (goal.kind == "output")
        return outputGoal(context, p);
    if (goal.kind == "file")
        return fileGoal(context, p);
    if (goal.kind == "event")
        return eventGoal(context, p);
    if (goal.kind == "request")
        return requestGoal(context, p);
    if (goal.kind == "machine")
        return machineGoal(context, p);
    return componentGoal(context, p);
}

}  // namespace kp::lesson
