#include "visualizer/dashboard.h"

#include "visualizer/strings.h"

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "visualizer/colors.h"

namespace kp::web {
namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                        ImGuiTableFlags_Resizable;

// A row's first cell: selectable across the row, selecting `target`.
void rowStart(const Selection& target, Selection& selection, const std::string& label) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(label.c_str(), target == selection, ImGuiSelectableFlags_SpanAllColumns))
        selection = target;
}

void headers(std::initializer_list<const char*> names) {
    for (const char* n : names)
        ImGui::TableSetupColumn(tr(n));  // the page's language
    ImGui::TableHeadersRow();
}

std::vector<const view::PodView*> allPods(const view::ClusterView& v, bool showSystem) {
    std::vector<const view::PodView*> out;
    auto add = [&](const view::PodView& p) {
        if (showSystem || p.namespace_ != "kube-system")
            out.push_back(&p);
    };
    for (const view::PodView& p : v.unscheduledPods)
        add(p);
    for (const view::NodeView& n : v.nodes)
        for (const view::PodView& p : n.pods)
            add(p);
    return out;
}

}  // namespace

void Dashboard::drawWorkloads(const view::ClusterView& view, Selection& selection) {
    // Workloads as the pods see them: the top of each pod's owner chain (Deployment, StatefulSet,
    // DaemonSet, Job...), with its pods ready / total.
    struct Workload {
        std::string ns, kind, name;
        int pods = 0, ready = 0;
    };
    std::map<std::string, Workload> workloads;
    for (const view::PodView* p : allPods(view, showSystem_)) {
        if (p->owners.empty())
            continue;
        const view::OwnerRef& top = p->owners.back();
        Workload& w = workloads[p->namespace_ + "/" + top.kind + "/" + top.name];
        w = {p->namespace_, top.kind, top.name, w.pods + 1, w.ready + (p->category == view::StatusCategory::Running ? 1 : 0)};
    }
    if (!ImGui::BeginTable("workloads", 4, kTableFlags))
        return;
    headers({"name", "kind", "namespace", "pods ready"});
    for (const auto& [key, w] : workloads) {
        ImGui::PushID(key.c_str());
        std::string kind = w.kind;
        for (char& c : kind)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rowStart({kind, w.ns, w.name}, selection, w.name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(w.kind.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(w.ns.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(colors::toVec4(w.ready == w.pods ? colors::kRunning : colors::kProgressing), "%d/%d", w.ready, w.pods);
        noteRow("workloads", {w.name, w.kind, w.ns, std::to_string(w.ready) + "/" + std::to_string(w.pods)});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void Dashboard::drawPods(const view::ClusterView& view, Selection& selection) {
    if (!ImGui::BeginTable("pods", 6, kTableFlags))
        return;
    headers({"name", "namespace", "ready", "status", "restarts", "node"});
    for (const view::PodView* p : allPods(view, showSystem_)) {
        ImGui::PushID(p->uid.c_str());
        rowStart({"pod", p->namespace_, p->name}, selection, p->name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p->namespace_.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p->ready.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(colors::toVec4(colors::forCategory(p->category)), "%s", p->status.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(p->restarts));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p->node.empty() ? "<none>" : p->node.c_str());
        noteRow("pods", {p->name, p->namespace_, p->ready, p->status, std::to_string(p->restarts), p->node.empty() ? "<none>" : p->node});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void Dashboard::drawServices(const view::ClusterView& view, Selection& selection) {
    if (!ImGui::BeginTable("services", 5, kTableFlags))
        return;
    headers({"name", "namespace", "type", "cluster IP / ports", "endpoints ready"});
    for (const view::ServiceView& s : view.services) {
        if (!showSystem_ && s.namespace_ == "kube-system")
            continue;
        ImGui::PushID((s.namespace_ + "/" + s.name).c_str());
        rowStart({"service", s.namespace_, s.name}, selection, s.name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.namespace_.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.type.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s  %s", s.clusterIP.c_str(), s.ports.c_str());
        ImGui::TableNextColumn();
        size_t ready = 0;
        for (const view::EndpointView& e : s.endpoints)
            ready += e.ready ? 1 : 0;
        ImGui::Text("%zu/%zu", ready, s.endpoints.size());
        noteRow("services", {s.name, s.namespace_, s.type, s.clusterIP + "  " + s.ports,
                             std::to_string(ready) + "/" + std::to_string(s.endpoints.size())});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void Dashboard::drawNodes(const view::ClusterView& view, Selection& selection) {
    if (!ImGui::BeginTable("nodes", 5, kTableFlags))
        return;
    headers({"name", "status", "roles", "internal IP", "pods"});
    for (const view::NodeView& n : view.nodes) {
        ImGui::PushID(n.name.c_str());
        rowStart({"node", "", n.name}, selection, n.name);
        ImGui::TableNextColumn();
        ImGui::TextColored(colors::toVec4(n.ready ? colors::kRunning : colors::kFailing), "%s", n.status.c_str());
        ImGui::TableNextColumn();
        std::string roles;
        for (const std::string& r : n.roles)
            roles += (roles.empty() ? "" : ",") + r;
        ImGui::TextUnformatted(roles.empty() ? "<none>" : roles.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(n.internalIP.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu / %s", n.pods.size(), n.maxPods.c_str());
        noteRow("nodes", {n.name, n.status, roles.empty() ? "<none>" : roles, n.internalIP,
                          std::to_string(n.pods.size()) + " / " + n.maxPods});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void Dashboard::noteRow(const char* table, std::initializer_list<std::string> cells) {
    std::string row = table;
    for (const std::string& c : cells)
        row += " | " + c;
    drawnRows_.push_back(std::move(row));
}

void Dashboard::drawContents(const view::ClusterView& view, Selection& selection) {
    drawnRows_.clear();
    drawnFrame_ = ImGui::GetFrameCount();
    ImGui::Checkbox("kube-system", &showSystem_);
    ImGui::BeginChild("dashboard");
    if (ImGui::CollapsingHeader(trId("Workloads").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        drawWorkloads(view, selection);
    if (ImGui::CollapsingHeader(trId("Pods").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        drawPods(view, selection);
    if (ImGui::CollapsingHeader(trId("Services").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        drawServices(view, selection);
    if (ImGui::CollapsingHeader(trId("Nodes").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        drawNodes(view, selection);
    ImGui::EndChild();
}

}  // namespace kp::web
