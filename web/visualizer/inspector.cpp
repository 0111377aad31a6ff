#include "visualizer/inspector.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "imgui.h"
#include "visualizer/colors.h"
#include "visualizer/strings.h"
#include "visualizer/timeline.h"

namespace kp::web {
namespace {

// What each control-plane component does, in one line (shown when its card is selected; the
// Chinese is in strings.cpp).
const char* componentRole(const std::string& name) {
    if (name == "kube-apiserver")
        return "The front door: every kubectl command and every component reads and writes objects through it.";
    if (name == "etcd")
        return "The database behind the apiserver: each write gets the next resourceVersion.";
    if (name == "kube-scheduler")
        return "Picks a node for each pod without one: filter plugins rule nodes out, score plugins rank the rest.";
    if (name == "kube-controller-manager")
        return "Runs the controllers (Deployment, ReplicaSet, EndpointSlice, node lifecycle...) that make the cluster match what you asked for.";
    if (name == "coredns")
        return "The cluster's DNS: <service>.<namespace>.svc.cluster.local names resolve to Service IPs.";
    if (name == "kube-proxy")
        return "Programs each node so that a Service's IP reaches one of its ready endpoint pods.";
    return "";
}

ImVec4 statusColor(const std::string& status) {
    if (status == "True")
        return colors::toVec4(colors::kRunning);
    if (status == "False")
        return colors::toVec4(colors::kFailing);
    return colors::toVec4(colors::kProgressing);
}

// "-n ns" unless the namespace is default (the commands read as a learner would type them).
std::string namespaceFlag(const std::string& ns) { return ns.empty() || ns == "default" ? "" : " -n " + ns; }

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The names of a pod's (regular) containers, in spec order.
std::vector<std::string> containerNames(const Cluster& cluster, const std::string& ns, const std::string& name) {
    std::vector<std::string> names;
    ObjectPtr pod = cluster.store().get("pods", ns, name);
    if (!pod)
        return names;
    const Json* containers = &*pod;
    for (const char* key : {"spec", "containers"}) {
        if (!containers->is_object() || !containers->contains(key))
            return names;
        containers = &(*containers)[key];
    }
    if (!containers->is_array())
        return names;
    for (const Json& c : *containers) {
        if (c.is_object() && c.contains("name") && c["name"].is_string())
            names.push_back(c["name"].get<std::string>());
    }
    return names;
}

// "crash a container": `kill 1` in the container ends its main process (one that handles
// SIGTERM, as nginx does), so the kubelet restarts it and RESTARTS goes up. One button per
// container when the pod has several.
void addCrashActions(const Cluster& cluster, const Selection& selection, std::vector<InspectorAction>& actions) {
    const std::string ns = namespaceFlag(selection.namespace_);
    const std::vector<std::string> containers = containerNames(cluster, selection.namespace_, selection.name);
    if (containers.size() == 1) {
        actions.push_back({"crash container", "kubectl exec " + selection.name + ns + " -c " + containers[0] + " -- kill 1"});
        return;
    }
    for (const std::string& c : containers)
        actions.push_back({"crash " + c, "kubectl exec " + selection.name + ns + " -c " + c + " -- kill 1"});
}

// One value of an object as a tree: objects and arrays open into their fields, scalars read
// "key: value" as in YAML.
void drawJsonTree(const std::string& key, const Json& value) {
    if (value.is_object() || value.is_array()) {
        if (value.empty()) {
            ImGui::BulletText("%s: %s", key.c_str(), value.is_object() ? "{}" : "[]");
            return;
        }
        if (!ImGui::TreeNode(key.c_str()))
            return;
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it)
                drawJsonTree(it.key(), it.value());
        } else {
            for (size_t i = 0; i < value.size(); ++i) {
                // "- name" for a list of named things (containers, ports), else the index.
                const Json& item = value[i];
                std::string label = "- " + std::to_string(i);
                if (item.is_object() && item.contains("name") && item["name"].is_string())
                    label = "- " + item["name"].get<std::string>();
                ImGui::PushID(static_cast<int>(i));
                drawJsonTree(label, item);
                ImGui::PopID();
            }
        }
        ImGui::TreePop();
        return;
    }
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    ImGui::BulletText("%s: %s", key.c_str(), text.c_str());
}

}  // namespace

std::vector<InspectorAction> inspectorActions(const Cluster& cluster, const Selection& selection) {
    const std::string ns = namespaceFlag(selection.namespace_);
    const std::string& name = selection.name;
    if (selection.kind == "pod") {
        std::vector<InspectorAction> actions = {{"describe", "kubectl describe pod " + name + ns},
                                                {"logs", "kubectl logs " + name + ns},
                                                {"delete (kill) pod", "kubectl delete pod " + name + ns}};
        addCrashActions(cluster, selection, actions);
        return actions;
    }
    if (selection.kind == "node")
        return {{"describe", "kubectl describe node " + name},
                {"cordon", "kubectl cordon " + name},
                {"uncordon", "kubectl uncordon " + name},
                {"drain", "kubectl drain " + name + " --ignore-daemonsets --delete-emptydir-data --force"},
                {"stop node", "minikube node stop " + name},
                {"start node", "minikube node start " + name}};
    if (selection.kind == "service")
        return {{"describe", "kubectl describe service " + name + ns},
                {"endpoint slices", "kubectl get endpointslices -l kubernetes.io/service-name=" + name + ns}};
    if (selection.kind == "deployment")
        return {{"rollout status", "kubectl rollout status deployment " + name + ns},
                {"scale to 1", "kubectl scale deployment " + name + " --replicas=1" + ns},
                {"scale to 3", "kubectl scale deployment " + name + " --replicas=3" + ns},
                {"restart", "kubectl rollout restart deployment " + name + ns}};
    if (selection.kind == "replicaset")
        return {{"describe", "kubectl describe replicaset " + name + ns}};
    // The kubelet runs these two from their static pod manifests: moving a manifest out of the
    // folder stops the component, moving it back starts it again (lesson "components").
    if (selection.kind == "component" && (name == "kube-scheduler" || name == "kube-controller-manager"))
        return {{"stop", "minikube ssh -- sudo mv /etc/kubernetes/manifests/" + name + ".yaml /etc/kubernetes/"},
                {"start", "minikube ssh -- sudo mv /etc/kubernetes/" + name + ".yaml /etc/kubernetes/manifests/"}};
    return {};
}

void Inspector::drawActions(const Cluster& cluster, const Selection& selection) {
    if (!run_ || readOnly_)
        return;
    const std::vector<InspectorAction> actions = inspectorActions(cluster, selection);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (size_t i = 0; i < actions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        // On the same row while the button fits (a pod with several containers has many).
        // The label in the page's language; the command stays what the learner would type.
        const float width = ImGui::CalcTextSize(tr(actions[i].label.c_str())).x + style.FramePadding.x * 2;
        if (i > 0 && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right)
            ImGui::SameLine();
        if (ImGui::SmallButton(trId(actions[i].label.c_str()).c_str()))
            run_(actions[i].command);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\n%s", tr("Runs in the terminal:"), actions[i].command.c_str());
        ImGui::PopID();
    }
}

void Inspector::drawOwners(Selection& selection) {
    const view::Explanation& x = explanation_;
    if (x.owners.empty())
        return;
    ImGui::TextDisabled("%s", label("owned by"));
    for (size_t i = 0; i < x.owners.size(); ++i) {
        const view::OwnerRef& o = x.owners[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::SameLine();
        if (ImGui::SmallButton((o.kind + " " + o.name).c_str()))
            selection = {lower(o.kind), x.namespace_, o.name};
        ImGui::PopID();
    }
}

void Inspector::drawComponent(const view::ClusterView& view, const std::string& name) {
    for (const view::ComponentView& c : view.controlPlane) {
        if (c.name != name)
            continue;
        ImGui::Text("%s", c.name.c_str());
        ImGui::TextColored(colors::toVec4(c.running ? colors::kRunning : colors::kFailing), "%s", label(c.running ? "running" : "stopped"));
        ImGui::SameLine();
        const std::string detail = componentDetail(c.detail);
        drawnLabels_.push_back(detail);
        ImGui::TextDisabled("%s", detail.c_str());
        ImGui::Separator();
        ImGui::TextWrapped("%s", label(componentRole(c.name)));
    }
}

void Inspector::drawWhy() {
    const view::Explanation& x = explanation_;
    if (x.scheduling) {
        const view::SchedulingExplanation& s = *x.scheduling;
        ImGui::Text(label("Scheduling attempt %d: "), s.attempt);
        ImGui::SameLine(0, 0);
        ImGui::TextColored(colors::toVec4(s.result == "Scheduled" ? colors::kRunning : colors::kFailing), "%s", s.result.c_str());
        ImGui::TextWrapped("%s", s.message.c_str());
        if (!s.preFilterPlugin.empty())
            ImGui::TextWrapped(label("Rejected before any node by %s"), s.preFilterPlugin.c_str());
        if (!s.preemption.empty())
            ImGui::TextWrapped(label("Preemption: %s"), s.preemption.c_str());
        if (!s.nodes.empty() && ImGui::BeginTable("nodes", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(label("node"));
            ImGui::TableSetupColumn(label("filter"));
            ImGui::TableSetupColumn(label("verdict"));
            ImGui::TableHeadersRow();
            for (const view::NodeVerdict& n : s.nodes) {
                ImGui::PushID(n.node.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%s%s", n.node.c_str(), n.selected ? tr(" (chosen)") : "");
                ImGui::TableNextColumn();
                if (n.passed)
                    ImGui::TextColored(colors::toVec4(colors::kRunning), "%s", tr("passed"));
                else
                    ImGui::TextColored(colors::toVec4(colors::kFailing), "%s", n.plugin.c_str());
                ImGui::TableNextColumn();
                if (n.passed)
                    ImGui::Text(n.scored ? tr("score %lld") : tr("feasible"), static_cast<long long>(n.score));
                else
                    ImGui::TextWrapped("%s", n.reason.c_str());
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    for (const view::EndpointExplanation& e : x.endpoints) {
        ImGui::PushID((e.service + "/" + e.pod).c_str());
        ImGui::Bullet();
        ImGui::TextColored(colors::toVec4(e.ready ? colors::kRunning : colors::kProgressing), "%s",
                           (x.kind == "Service" ? e.pod : "Service " + e.service).c_str());
        ImGui::SameLine();
        ImGui::TextWrapped("%s", e.why.c_str());
        ImGui::PopID();
    }
    if (!x.scheduling && x.endpoints.empty())
        ImGui::TextDisabled(label("Nothing to explain for a %s yet: see its conditions and events."), x.kind.c_str());
}

bool Inspector::header(const char* english, ImGuiTreeNodeFlags flags) {
    drawnHeaders_.push_back(tr(english));
    return ImGui::CollapsingHeader(trId(english).c_str(), flags);
}

const char* Inspector::label(const char* english) {
    const char* text = tr(english);
    drawnLabels_.push_back(text);
    return text;
}

// What was asked for (spec) next to what is (status), side by side, each a tree that opens
// field by field: the YAML shows the same, one after the other and with everything else.
void Inspector::drawSpecStatus() {
    if (!object_ || !object_->is_object())
        return;
    const Json* spec = object_->contains("spec") ? &(*object_)["spec"] : nullptr;
    const Json* status = object_->contains("status") ? &(*object_)["status"] : nullptr;
    if (!spec && !status)
        return;
    if (!header("Spec / Status", ImGuiTreeNodeFlags_DefaultOpen))
        return;
    if (!ImGui::BeginTable("specstatus", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchSame))
        return;
    ImGui::TableSetupColumn(label("spec (wanted)"));
    ImGui::TableSetupColumn(label("status (observed)"));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    const Json* sides[2] = {spec, status};
    for (int side = 0; side < 2; ++side) {
        ImGui::TableNextColumn();
        ImGui::PushID(side);
        if (!sides[side] || !sides[side]->is_object() || sides[side]->empty())
            ImGui::TextDisabled("-");
        else
            for (auto it = sides[side]->begin(); it != sides[side]->end(); ++it)
                drawJsonTree(it.key(), it.value());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

std::vector<ObjectWrite> objectWrites(const Cluster& cluster, const std::string& resource, const std::string& ns,
                                      const std::string& name, size_t most) {
    std::vector<ObjectWrite> out;
    const EventLog::Records& records = cluster.eventLog().records();
    for (auto it = records.rbegin(); it != records.rend() && out.size() < most; ++it) {
        const LogRecord& r = *it;
        if (r.type == "api-write" && r.name == name && r.resource == resource && r.namespace_ == ns)
            out.push_back({r.time, r.actor.str(), r.verb.str(), r.detail.str()});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

void Inspector::drawContents(const Cluster& cluster, const view::ClusterView& view, Selection& selection, int64_t revision,
                             double now) {
    drawnHeaders_.clear();
    drawnLabels_.clear();
    if (selection.empty()) {
        ImGui::TextWrapped("%s", tr("Click a pod, a node, a Service or a component on the map to see what it is and why it is in that state."));
        return;
    }
    if (selection.kind == "component") {
        drawComponent(view, selection.name);
        drawActions(cluster, selection);
        return;
    }
    if (selection != explained_ || (revision != explainedRevision_ && now - explainedAt_ >= kRefreshSeconds)) {
        explanation_ = view::explain(cluster, selection.kind, selection.namespace_, selection.name);
        writes_ = objectWrites(cluster, explanation_.resource, explanation_.namespace_, explanation_.name);
        object_ = explanation_.found ? cluster.store().get(explanation_.resource, explanation_.namespace_, explanation_.name) : nullptr;
        explained_ = selection;
        explainedRevision_ = revision;
        explainedAt_ = now;
    }
    const view::Explanation& x = explanation_;
    if (!x.found) {
        ImGui::TextDisabled(label("%s %s no longer exists."), selection.kind.c_str(), selection.name.c_str());
        if (ImGui::SmallButton(trId("clear").c_str()))
            selection = {};
        return;
    }
    ImGui::Text("%s %s", x.kind.c_str(), x.name.c_str());
    if (!x.namespace_.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled(label("in %s"), x.namespace_.c_str());
    }
    drawOwners(selection);
    if (selection.kind == "node")
        ImGui::TextWrapped("%s", label("A machine of the cluster: its kubelet runs the pods bound to it and reports their status, "
                                       "kube-proxy routes Service traffic on it."));
    drawActions(cluster, selection);
    ImGui::Separator();
    if (header("Why", ImGuiTreeNodeFlags_DefaultOpen))
        drawWhy();
    if (!writes_.empty() && header("Changed by", ImGuiTreeNodeFlags_DefaultOpen)) {
        // The component behind each write: kubectl created the Deployment, the deployment
        // controller its ReplicaSet, the scheduler bound the pod, the kubelet wrote its status.
        for (size_t i = 0; i < writes_.size(); ++i) {
            const ObjectWrite& w = writes_[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextDisabled("%s", Timeline::clockTime(w.time).c_str());
            ImGui::SameLine();
            ImGui::TextUnformatted(w.actor.c_str());
            ImGui::SameLine();
            ImGui::TextColored(colors::toVec4(colors::kMuted), "%s%s%s", w.verb.c_str(), w.detail.empty() ? "" : " ",
                               w.detail.c_str());
            ImGui::PopID();
        }
    }
    if (!x.conditions.empty() && header("Conditions", ImGuiTreeNodeFlags_DefaultOpen)) {
        if (ImGui::BeginTable("conditions", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(label("type"));
            ImGui::TableSetupColumn(label("status"));
            ImGui::TableSetupColumn(label("reason / message"));
            ImGui::TableHeadersRow();
            for (const view::ConditionView& c : x.conditions) {
                ImGui::PushID(c.type.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.type.c_str());
                ImGui::TableNextColumn();
                ImGui::TextColored(statusColor(c.status), "%s", c.status.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s%s%s", c.reason.c_str(), c.message.empty() ? "" : ": ", c.message.c_str());
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    drawSpecStatus();
    if (header("Events")) {
        if (x.events.empty())
            ImGui::TextDisabled("%s", label("No events."));
        for (size_t i = 0; i < x.events.size(); ++i) {
            const view::EventView& e = x.events[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextColored(colors::toVec4(e.type == "Warning" ? colors::kFailing : colors::kMuted), "%s", e.reason.c_str());
            ImGui::SameLine();
            ImGui::TextWrapped("%s", e.message.c_str());
            ImGui::PopID();
        }
    }
    if (header("YAML")) {
        ImGui::BeginChild("yaml", {0, 260}, true, ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::TextUnformatted(x.yaml.c_str(), x.yaml.c_str() + x.yaml.size());
        ImGui::EndChild();
    }
}

}  // namespace kp::web
