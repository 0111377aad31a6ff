// Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
// CONTAINER-RUNTIME.
#include "apiserver/printers/node.h"

#include <set>

#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

constexpr std::string_view kNodeRolePrefix = "node-role.kubernetes.io/";
constexpr std::string_view kNodeRoleLabel = "kubernetes.io/role";

// The first address of a type, or "<none>".
std::string nodeAddress(const Json& node, std::string_view type) {
    if (const Json* addrs = arrayAt(node, "status.addresses"))
        for (const Json& a : *addrs)
            if (stringAt(a, "type") == type)
                return stringAt(a, "address");
    return "<none>";
}

std::string orUnknown(std::string s) {
    return s.empty() ? "<unknown>" : s;
}

void nodeRow(const Json& node, const PrintContext& ctx, Row& row) {
    std::string roles;
    for (const std::string& r : nodeRoles(node))
        roles += (roles.empty() ? "" : ",") + r;
    row.cells = {stringAt(node, "metadata.name"), nodeStatus(node), roles.empty() ? "<none>" : roles,
                 age(node, ctx.now), stringAt(node, "status.nodeInfo.kubeletVersion")};
    if (!ctx.wide)
        return;
    row.cells.push_back(nodeAddress(node, "InternalIP"));
    row.cells.push_back(nodeAddress(node, "ExternalIP"));
    row.cells.push_back(orUnknown(stringAt(node, "status.nodeInfo.osImage")));
    row.cells.push_back(orUnknown(stringAt(node, "status.nodeInfo.kernelVersion")));
    row.cells.push_back(orUnknown(stringAt(node, "status.nodeInfo.containerRuntimeVersion")));
}

}  // namespace

std::string nodeStatus(const Json& node) {
    // Upstream: printers.go#printNode (only the Ready condition is considered).
    std::string status = "Unknown";
    if (const Json* conds = arrayAt(node, "status.conditions"))
        for (const Json& c : *conds)
            if (stringAt(c, "type") == "Ready")
                status = stringAt(c, "status") == "True" ? "Ready" : "NotReady";
    if (boolAt(node, "spec.unschedulable"))
        status += ",SchedulingDisabled";
    return status;
}

std::vector<std::string> nodeRoles(const Json& node) {
    std::set<std::string> roles;
    const Json* labels = findPath(node, "metadata.labels");
    if (labels && labels->is_object()) {
        for (const auto& [key, value] : labels->items()) {
            if (key.size() > kNodeRolePrefix.size() && key.compare(0, kNodeRolePrefix.size(), kNodeRolePrefix) == 0)
                roles.insert(key.substr(kNodeRolePrefix.size()));
            else if (key == kNodeRoleLabel && value.is_string() && !value.get<std::string>().empty())
                roles.insert(value.get<std::string>());
        }
    }
    return {roles.begin(), roles.end()};
}

void addNodePrinters(PrinterMap& m) {
    const std::string addresses = fieldDoc("core/v1.NodeStatus", "addresses");
    m["nodes"] = Printer{
        {
            nameColumn(),
            column("Status", "string", "Whether the node is Ready, and whether new pods may be scheduled on it."),
            column("Roles", "string", "The node's roles, from its node-role.kubernetes.io/<role> labels."),
            ageColumn(),
            column("Version", "string", fieldDoc("core/v1.NodeSystemInfo", "kubeletVersion")),
            column("Internal-IP", "string", addresses, 1),
            column("External-IP", "string", addresses, 1),
            column("OS-Image", "string", fieldDoc("core/v1.NodeSystemInfo", "osImage"), 1),
            column("Kernel-Version", "string", fieldDoc("core/v1.NodeSystemInfo", "kernelVersion"), 1),
            column("Container-Runtime", "string", fieldDoc("core/v1.NodeSystemInfo", "containerRuntimeVersion"), 1),
        },
        nodeRow,
    };
}

}  // namespace kp::printers
