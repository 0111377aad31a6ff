// kubectl describe node: roles, taints, lease, conditions, capacity, system info and the
// requests/limits of the pods running there.
// Upstream: kubectl pkg/describe/describe.go (describeNode, describeNodeLease, describeNodeResource).
#include <algorithm>
#include <map>

#include "api/quantity.h"
#include "cli/describe/describe_writer.h"
#include "cli/describe/node.h"

namespace kp::cli::describe {
namespace {

using resource::Quantity;

std::string rfc1123At(const Json& obj, std::string_view path) {
    auto t = parseRFC3339(stringAt(obj, path));
    return t ? formatRFC1123Z(*t) : "Mon, 01 Jan 0001 00:00:00 +0000";
}

Quantity quantityOf(const Json& list, const std::string& name) {
    const Json* v = findPath(list, name);
    if (!v || !v->is_string())
        return Quantity::fromInt64(0, resource::Format::DecimalSI);
    auto q = Quantity::parse(v->get<std::string>(), nullptr);
    return q ? *q : Quantity::fromInt64(0, resource::Format::DecimalSI);
}

// resourcehelper.PodRequestsAndLimits: containers summed, init containers as a maximum.
void podRequestsAndLimits(const Json& pod, std::map<std::string, Quantity>& reqs, std::map<std::string, Quantity>& limits) {
    auto addList = [](std::map<std::string, Quantity>& into, const Json* list) {
        if (!list || !list->is_object())
            return;
        for (const auto& [name, v] : list->items()) {
            auto q = v.is_string() ? Quantity::parse(v.get<std::string>(), nullptr) : std::nullopt;
            if (!q)
                continue;
            auto it = into.find(name);
            if (it == into.end())
                into.emplace(name, *q);
            else
                it->second.add(*q);
        }
    };
    auto maxList = [](std::map<std::string, Quantity>& into, const Json* list) {
        if (!list || !list->is_object())
            return;
        for (const auto& [name, v] : list->items()) {
            auto q = v.is_string() ? Quantity::parse(v.get<std::string>(), nullptr) : std::nullopt;
            if (!q)
                continue;
            auto it = into.find(name);
            if (it == into.end())
                into.emplace(name, *q);
            else if (q->cmp(it->second) > 0)
                it->second = *q;
        }
    };
    for (const Json& c : pod.value("spec", Json::object()).value("containers", Json::array())) {
        addList(reqs, findPath(c, "resources.requests"));
        addList(limits, findPath(c, "resources.limits"));
    }
    for (const Json& c : pod.value("spec", Json::object()).value("initContainers", Json::array())) {
        maxList(reqs, findPath(c, "resources.requests"));
        maxList(limits, findPath(c, "resources.limits"));
    }
}

std::string withPercent(const Quantity& q, int64_t part, int64_t whole) {
    int64_t pct = whole == 0 ? 0 : static_cast<int64_t>(static_cast<double>(part) / static_cast<double>(whole) * 100);
    return q.toString() + " (" + std::to_string(pct) + "%)";
}

Quantity get(const std::map<std::string, Quantity>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? Quantity::fromInt64(0, resource::Format::DecimalSI) : it->second;
}

}  // namespace

std::string describeNode(Cluster& cluster, const Json& node, std::vector<Json> events) {
    const Time now = cluster.now();
    const std::string name = stringAt(node, "metadata.name");
    Writer w;
    w.write(0, "Name:\t" + name + "\n");
    std::vector<std::string> roles;
    if (const Json* labels = findPath(node, "metadata.labels"); labels && labels->is_object())
        for (const auto& [k, v] : labels->items()) {
            const std::string prefix = "node-role.kubernetes.io/";
            if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size())
                roles.push_back(k.substr(prefix.size()));
            else if (k == "kubernetes.io/role" && v.is_string() && !v.get<std::string>().empty())
                roles.push_back(v.get<std::string>());
        }
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    std::string roleText;
    for (const auto& r : roles)
        roleText += (roleText.empty() ? "" : ",") + r;
    w.write(0, "Roles:\t" + (roleText.empty() ? "<none>" : roleText) + "\n");
    printLabels(w, "Labels", findPath(node, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(node, "metadata.annotations"));
    w.write(0, "CreationTimestamp:\t" + rfc1123At(node, "metadata.creationTimestamp") + "\n");
    const Json* taints = findPath(node, "spec.taints");
    w.write(0, "Taints:\t");
    if (!taints || !taints->is_array() || taints->empty()) {
        w.write(0, "<none>\n");
    } else {
        std::vector<Json> sorted(taints->begin(), taints->end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
            return a.value("effect", std::string("")) + "," + a.value("key", std::string("")) <
                   b.value("effect", std::string("")) + "," + b.value("key", std::string(""));
        });
        bool first = true;
        for (const Json& t : sorted) {
            if (!first)
                w.write(0, "\t");
            first = false;
            // Taint.ToString: key[=value]:effect
            std::string text = t.value("key", std::string(""));
            if (std::string v = t.value("value", std::string("")); !v.empty())
                text += "=" + v;
            w.write(0, text + ":" + t.value("effect", std::string("")) + "\n");
        }
    }
    w.write(0, std::string("Unschedulable:\t") + (node.value("spec", Json::object()).value("unschedulable", false) ? "true" : "false") + "\n");
    if (ObjectPtr lease = cluster.store().get("leases.coordination.k8s.io", "kube-node-lease", name)) {
        w.write(0, "Lease:\n");
        std::string holder = stringAt(*lease, "spec.holderIdentity");
        w.write(1, "HolderIdentity:\t" + (holder.empty() ? "<unset>" : holder) + "\n");
        auto at = [&](const char* path) {
            auto t = parseRFC3339(stringAt(*lease, path));
            return t ? formatRFC1123Z(*t) : std::string("<unset>");
        };
        w.write(1, "AcquireTime:\t" + at("spec.acquireTime") + "\n");
        w.write(1, "RenewTime:\t" + at("spec.renewTime") + "\n");
    } else {
        w.write(0, "Lease:\tFailed to get lease: leases.coordination.k8s.io \"" + name + "\" not found\n");
    }
    if (const Json* conds = findPath(node, "status.conditions"); conds && conds->is_array() && !conds->empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for (const Json& c : *conds)
            w.write(1, c.value("type", std::string("")) + " \t" + c.value("status", std::string("")) + " \t" +
                           rfc1123At(c, "lastHeartbeatTime") + " \t" + rfc1123At(c, "lastTransitionTime") + " \t" +
                           c.value("reason", std::string("")) + " \t" + c.value("message", std::string("")) + "\n");
    }
    w.write(0, "Addresses:\n");
    for (const Json& a : node.value("status", Json::object()).value("addresses", Json::array()))
        w.write(1, a.value("type", std::string("")) + ":\t" + a.value("address", std::string("")) + "\n");
    const Json capacity = node.value("status", Json::object()).value("capacity", Json::object());
    Json allocatable = node.value("status", Json::object()).value("allocatable", Json::object());
    for (const auto& [title, list] : {std::pair<const char*, const Json*>{"Capacity", &capacity}, {"Allocatable", &allocatable}}) {
        if (list->empty())
            continue;
        w.write(0, std::string(title) + ":\n");
        for (const auto& [res, v] : list->items()) {
            auto q = v.is_string() ? Quantity::parse(v.get<std::string>(), nullptr) : std::nullopt;
            w.write(0, "  " + res + ":\t" + (q ? q->toString() : v.dump()) + "\n");
        }
    }
    const Json info = node.value("status", Json::object()).value("nodeInfo", Json::object());
    w.write(0, "System Info:\n");
    for (const auto& [label, field] : std::vector<std::pair<const char*, const char*>>{
             {"Machine ID", "machineID"}, {"System UUID", "systemUUID"}, {"Boot ID", "bootID"},
             {"Kernel Version", "kernelVersion"}, {"OS Image", "osImage"}, {"Operating System", "operatingSystem"},
             {"Architecture", "architecture"}, {"Container Runtime Version", "containerRuntimeVersion"},
             {"Kubelet Version", "kubeletVersion"}, {"Kube-Proxy Version", "kubeProxyVersion"}})
        w.write(0, std::string("  ") + label + ":\t" + info.value(field, std::string("")) + "\n");
    if (std::string cidr = stringAt(node, "spec.podCIDR"); !cidr.empty())
        w.write(0, "PodCIDR:\t" + cidr + "\n");
    if (const Json* cidrs = findPath(node, "spec.podCIDRs"); cidrs && cidrs->is_array() && !cidrs->empty()) {
        std::string all;
        for (const Json& c : *cidrs)
            all += (all.empty() ? "" : ",") + c.get<std::string>();
        w.write(0, "PodCIDRs:\t" + all + "\n");
    }
    if (std::string pid = stringAt(node, "spec.providerID"); !pid.empty())
        w.write(0, "ProviderID:\t" + pid + "\n");

    // Non-terminated pods on this node, in list order (namespace, name).
    std::vector<ObjectPtr> pods;
    for (const ObjectPtr& p : cluster.store().list("pods"))
        if (stringAt(*p, "spec.nodeName") == name && stringAt(*p, "status.phase") != "Succeeded" &&
            stringAt(*p, "status.phase") != "Failed")
            pods.push_back(p);
    if (allocatable.empty())
        allocatable = capacity;
    const Quantity allocCpu = quantityOf(allocatable, "cpu"), allocMem = quantityOf(allocatable, "memory");
    const Quantity allocEph = quantityOf(allocatable, "ephemeral-storage");
    w.write(0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    std::map<std::string, Quantity> totalReqs, totalLimits;
    for (const ObjectPtr& p : pods) {
        std::map<std::string, Quantity> reqs, limits;
        podRequestsAndLimits(*p, reqs, limits);
        for (auto& [k, q] : reqs)
            totalReqs.count(k) ? totalReqs.at(k).add(q) : (void)totalReqs.emplace(k, q);
        for (auto& [k, q] : limits)
            totalLimits.count(k) ? totalLimits.at(k).add(q) : (void)totalLimits.emplace(k, q);
        Quantity cr = get(reqs, "cpu"), cl = get(limits, "cpu"), mr = get(reqs, "memory"), ml = get(limits, "memory");
        auto created = parseRFC3339(stringAt(*p, "metadata.creationTimestamp"));
        w.write(1, stringAt(*p, "metadata.namespace") + "\t" + stringAt(*p, "metadata.name") + "\t\t" +
                       withPercent(cr, cr.milliValue(), allocCpu.milliValue()) + "\t" +
                       withPercent(cl, cl.milliValue(), allocCpu.milliValue()) + "\t" +
                       withPercent(mr, mr.value(), allocMem.value()) + "\t" + withPercent(ml, ml.value(), allocMem.value()) +
                       "\t" + (created ? translateTimestampSince(*created, now) : "<unknown>") + "\n");
    }
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    Quantity cr = get(totalReqs, "cpu"), cl = get(totalLimits, "cpu"), mr = get(totalReqs, "memory"), ml = get(totalLimits, "memory");
    Quantity er = get(totalReqs, "ephemeral-storage"), el = get(totalLimits, "ephemeral-storage");
    w.write(1, "cpu\t" + withPercent(cr, cr.milliValue(), allocCpu.milliValue()) + "\t" +
                   withPercent(cl, cl.milliValue(), allocCpu.milliValue()) + "\n");
    w.write(1, "memory\t" + withPercent(mr, mr.value(), allocMem.value()) + "\t" + withPercent(ml, ml.value(), allocMem.value()) + "\n");
    w.write(1, "ephemeral-storage\t" + withPercent(er, er.value(), allocEph.value()) + "\t" +
                   withPercent(el, el.value(), allocEph.value()) + "\n");
    for (const auto& [res, v] : allocatable.items()) {
        if (res.rfind("hugepages-", 0) != 0)
            continue;
        Quantity hr = get(totalReqs, res), hl = get(totalLimits, res), alloc = quantityOf(allocatable, res);
        w.write(1, res + "\t" + withPercent(hr, hr.value(), alloc.value()) + "\t" + withPercent(hl, hl.value(), alloc.value()) + "\n");
    }
    describeEvents(w, std::move(events), now);
    return w.str();
}

}  // namespace kp::cli::describe
