// One function per kind, in the layouts of kubectl's describers.
#include <algorithm>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "cli/describe/describe.h"
#include "cli/describe/describe_writer.h"
#include "cli/describe/generic.h"
#include "cli/describe/node.h"

namespace kp::cli::describe {
namespace {

std::string str(const Json& obj, std::string_view path, std::string_view fallback = "") {
    return stringAt(obj, path, fallback);
}

// The header most describers open with: Name, Namespace, Labels, Annotations.
void printNameNamespaceLabels(Writer& w, const Json& obj) {
    w.write(0, "Name:\t" + str(obj, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + str(obj, "metadata.namespace") + "\n");
    printLabels(w, "Labels", findPath(obj, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(obj, "metadata.annotations"));
}

std::string rfc1123(const Json& obj, std::string_view path) {
    auto t = parseRFC3339(stringAt(obj, path));
    return t ? formatRFC1123Z(*t) : "Mon, 01 Jan 0001 00:00:00 +0000";
}

// Events about this object: involvedObject name/namespace/uid (and kind unless a pod).
std::vector<Json> eventsFor(Cluster& cluster, const Json& obj, bool matchKind) {
    std::vector<Json> out;
    std::string ns = str(obj, "metadata.namespace");
    std::string name = str(obj, "metadata.name"), uid = str(obj, "metadata.uid"), kind = str(obj, "kind");
    for (const ObjectPtr& e : cluster.store().list("events", ns)) {
        const Json& io = e->value("involvedObject", Json::object());
        if (io.value("name", std::string("")) != name || io.value("uid", std::string("")) != uid)
            continue;
        if (!ns.empty() && io.value("namespace", std::string("")) != ns)
            continue;
        if (matchKind && io.value("kind", std::string("")) != kind)
            continue;
        out.push_back(*e);
    }
    return out;
}

std::string qosClass(const Json& pod) {
    std::string q = str(pod, "status.qosClass");
    return q.empty() ? "BestEffort" : q;
}

std::string describePod(Cluster& cluster, const Json& pod) {
    const Time now = cluster.now();
    Writer w;
    w.write(0, "Name:\t" + str(pod, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + str(pod, "metadata.namespace") + "\n");
    if (const Json* p = findPath(pod, "spec.priority"); p && p->is_number())
        w.write(0, "Priority:\t" + std::to_string(p->get<int64_t>()) + "\n");
    if (std::string pc = str(pod, "spec.priorityClassName"); !pc.empty())
        w.write(0, "Priority Class Name:\t" + pc + "\n");
    if (std::string sa = str(pod, "spec.serviceAccountName"); !sa.empty())
        w.write(0, "Service Account:\t" + sa + "\n");
    std::string node = str(pod, "spec.nodeName");
    w.write(0, "Node:\t" + (node.empty() ? "<none>" : node + "/" + str(pod, "status.hostIP")) + "\n");
    if (!str(pod, "status.startTime").empty())
        w.write(0, "Start Time:\t" + rfc1123(pod, "status.startTime") + "\n");
    printLabels(w, "Labels", findPath(pod, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(pod, "metadata.annotations"));
    std::string phase = str(pod, "status.phase");
    if (pod::isTerminating(pod) && phase != "Failed" && phase != "Succeeded") {
        auto del = parseRFC3339(str(pod, "metadata.deletionTimestamp"));
        w.write(0, "Status:\tTerminating (lasts " + (del ? translateTimestampSince(*del, now) : "<unknown>") + ")\n");
        w.write(0, "Termination Grace Period:\t" +
                       std::to_string(pod.value("metadata", Json::object()).value("deletionGracePeriodSeconds", 0)) + "s\n");
    } else {
        w.write(0, "Status:\t" + phase + "\n");
    }
    if (std::string reason = str(pod, "status.reason"); !reason.empty())
        w.write(0, "Reason:\t" + reason + "\n");
    if (std::string msg = str(pod, "status.message"); !msg.empty())
        w.write(0, "Message:\t" + msg + "\n");
    w.write(0, "IP:\t" + str(pod, "status.podIP") + "\n");
    const Json* ips = findPath(pod, "status.podIPs");
    if (!ips || !ips->is_array() || ips->empty()) {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for (const Json& ip : *ips)
            w.write(1, "IP:\t" + ip.value("ip", std::string("")) + "\n");
    }
    if (std::string by = controlledBy(pod); !by.empty())
        w.write(0, "Controlled By:\t" + by + "\n");
    if (std::string nn = str(pod, "status.nominatedNodeName"); !nn.empty())
        w.write(0, "NominatedNodeName:\t" + nn + "\n");
    if (const Json* init = findPath(pod, "spec.initContainers"); init && !init->empty())
        describeContainers(w, "Init Containers", init, findPath(pod, "status.initContainerStatuses"), "", now);
    describeContainers(w, "Containers", findPath(pod, "spec.containers"), findPath(pod, "status.containerStatuses"), "", now);
    if (const Json* gates = findPath(pod, "spec.readinessGates"); gates && !gates->empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for (const Json& g : *gates) {
            const Json* c = pod::condition(pod, g.value("conditionType", std::string("")));
            w.write(1, g.value("conditionType", std::string("")) + " \t" +
                           (c ? c->value("status", std::string("")) : std::string("<none>")) + " \n");
        }
    }
    if (const Json* conds = findPath(pod, "status.conditions"); conds && conds->is_array() && !conds->empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for (const Json& c : *conds)
            w.write(1, c.value("type", std::string("")) + " \t" + c.value("status", std::string("")) + " \n");
    }
    describeVolumes(w, findPath(pod, "spec.volumes"), "");
    w.write(0, "QoS Class:\t" + qosClass(pod) + "\n");
    printLabels(w, "Node-Selectors", findPath(pod, "spec.nodeSelector"));
    printTolerations(w, "Tolerations", findPath(pod, "spec.tolerations"));
    describeEvents(w, eventsFor(cluster, pod, false), now);
    return w.str();
}

std::string intOrString(const Json* v, const std::string& fallback) {
    if (!v)
        return fallback;
    if (v->is_string())
        return v->get<std::string>();
    if (v->is_number_integer())
        return std::to_string(v->get<int64_t>());
    return fallback;
}

// ReplicaSets this Deployment controls, split into the new one (template matches) and old ones.
void replicaSetsOf(Cluster& cluster, const Json& d, std::vector<Json>& oldRSs, std::vector<Json>& newRSs) {
    std::string uid = str(d, "metadata.uid");
    Json templ = d.value("spec", Json::object()).value("template", Json::object());
    // The new RS is the one whose template equals the Deployment's (ignoring pod-template-hash).
    auto stripHash = [](Json t) {
        if (Json* labels = t.contains("metadata") ? &t["metadata"] : nullptr; labels && labels->contains("labels"))
            (*labels)["labels"].erase("pod-template-hash");
        return t;
    };
    Json want = stripHash(templ);
    std::vector<Json> owned;
    for (const ObjectPtr& rs : cluster.store().list("replicasets.apps", str(d, "metadata.namespace")))
        if (owner::isControlledBy(*rs, uid))
            owned.push_back(*rs);
    std::stable_sort(owned.begin(), owned.end(), [](const Json& a, const Json& b) {
        return stringAt(a, "metadata.creationTimestamp") < stringAt(b, "metadata.creationTimestamp");
    });
    bool foundNew = false;
    for (Json& rs : owned) {
        Json t = stripHash(rs.value("spec", Json::object()).value("template", Json::object()));
        if (!foundNew && t == want) {
            newRSs.push_back(rs);
            foundNew = true;
        } else if (rs.value("spec", Json::object()).value("replicas", 0) > 0 ||
                   rs.value("status", Json::object()).value("replicas", 0) > 0) {
            // Old ReplicaSets still holding pods (deploymentutil.FindOldReplicaSets).
            oldRSs.push_back(rs);
        }
    }
}

std::string rsList(const std::vector<Json>& rss) {
    std::string out;
    for (const Json& rs : rss) {
        if (!out.empty())
            out += ", ";
        out += str(rs, "metadata.name") + " (" + std::to_string(rs.value("status", Json::object()).value("replicas", 0)) + "/" +
               std::to_string(rs.value("spec", Json::object()).value("replicas", 1)) + " replicas created)";
    }
    return out.empty() ? "<none>" : out;
}

std::string selectorString(const Json& obj) {
    std::string err;
    auto sel = labels::labelSelectorAsSelector(obj.value("spec", Json::object()).value("selector", Json()), &err);
    return sel ? sel->toString() : "";
}

void conditionsTable(Writer& w, const Json& obj) {
    const Json* conds = findPath(obj, "status.conditions");
    if (!conds || !conds->is_array() || conds->empty())
        return;
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const Json& c : *conds)
        w.write(1, c.value("type", std::string("")) + " \t" + c.value("status", std::string("")) + "\t" +
                       c.value("reason", std::string("")) + "\n");
}

std::string describeDeployment(Cluster& cluster, const Json& d) {
    Writer w;
    const Json spec = d.value("spec", Json::object()), status = d.value("status", Json::object());
    w.write(0, "Name:\t" + str(d, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + str(d, "metadata.namespace") + "\n");
    w.write(0, "CreationTimestamp:\t" + rfc1123(d, "metadata.creationTimestamp") + "\n");
    printLabels(w, "Labels", findPath(d, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(d, "metadata.annotations"));
    w.write(0, "Selector:\t" + selectorString(d) + "\n");
    w.write(0, "Replicas:\t" + std::to_string(spec.value("replicas", 1)) + " desired | " +
                   std::to_string(status.value("updatedReplicas", 0)) + " updated | " +
                   std::to_string(status.value("replicas", 0)) + " total | " +
                   std::to_string(status.value("availableReplicas", 0)) + " available | " +
                   std::to_string(status.value("unavailableReplicas", 0)) + " unavailable\n");
    w.write(0, "StrategyType:\t" + str(d, "spec.strategy.type") + "\n");
    w.write(0, "MinReadySeconds:\t" + std::to_string(spec.value("minReadySeconds", 0)) + "\n");
    if (const Json* ru = findPath(d, "spec.strategy.rollingUpdate"))
        w.write(0, "RollingUpdateStrategy:\t" + intOrString(findPath(*ru, "maxUnavailable"), "<nil>") +
                       " max unavailable, " + intOrString(findPath(*ru, "maxSurge"), "<nil>") + " max surge\n");
    describePodTemplate(w, spec.value("template", Json::object()), cluster.now());
    conditionsTable(w, d);
    std::vector<Json> oldRSs, newRSs;
    replicaSetsOf(cluster, d, oldRSs, newRSs);
    if (!oldRSs.empty() || !newRSs.empty()) {
        w.write(0, "OldReplicaSets:\t" + rsList(oldRSs) + "\n");
        w.write(0, "NewReplicaSet:\t" + rsList(newRSs) + "\n");
    }
    describeEvents(w, eventsFor(cluster, d, true), cluster.now());
    return w.str();
}

std::string describeReplicaSet(Cluster& cluster, const Json& rs) {
    Writer w;
    w.write(0, "Name:\t" + str(rs, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + str(rs, "metadata.namespace") + "\n");
    w.write(0, "Selector:\t" + labels::formatLabelSelector(rs.value("spec", Json::object()).value("selector", Json())) + "\n");
    printLabels(w, "Labels", findPath(rs, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(rs, "metadata.annotations"));
    if (std::string by = controlledBy(rs); !by.empty())
        w.write(0, "Controlled By:\t" + by + "\n");
    w.write(0, "Replicas:\t" + std::to_string(rs.value("status", Json::object()).value("replicas", 0)) + " current / " +
                   std::to_string(rs.value("spec", Json::object()).value("replicas", 1)) + " desired\n");
    int running = 0, waiting = 0, succeeded = 0, failed = 0;
    std::string uid = str(rs, "metadata.uid");
    for (const ObjectPtr& p : cluster.store().list("pods", str(rs, "metadata.namespace"))) {
        if (!owner::isControlledBy(*p, uid))
            continue;
        std::string phase = stringAt(*p, "status.phase");
        running += phase == "Running";
        waiting += phase == "Pending";
        succeeded += phase == "Succeeded";
        failed += phase == "Failed";
    }
    w.write(0, "Pods Status:\t" + std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
                   std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed\n");
    describePodTemplate(w, rs.value("spec", Json::object()).value("template", Json::object()), cluster.now());
    conditionsTable(w, rs);
    describeEvents(w, eventsFor(cluster, rs, true), cluster.now());
    return w.str();
}

// "10.244.0.5:8080,10.244.0.6:8080 + 1 more..." from the Service's ready EndpointSlice endpoints.
std::string endpointsText(Cluster& cluster, const Json& svc, const std::string& portName) {
    std::vector<ObjectPtr> slices;
    for (const ObjectPtr& s : cluster.store().list("endpointslices.discovery.k8s.io", str(svc, "metadata.namespace")))
        if (s->value("metadata", Json::object()).value("labels", Json::object()).value("kubernetes.io/service-name", std::string("")) ==
            str(svc, "metadata.name"))
            slices.push_back(s);
    if (slices.empty())
        return "<none>";
    std::vector<std::string> list;
    int count = 0;
    bool more = false;
    for (const ObjectPtr& s : slices) {
        const Json ports = s->value("ports", Json::array());
        const Json endpoints = s->value("endpoints", Json::array());
        auto add = [&](const Json& ep, const std::string& suffix) {
            if (list.size() == 3)
                more = true;
            const Json* ready = findPath(ep, "conditions.ready");
            if (ready && ready->is_boolean() && !ready->get<bool>())
                return;
            if (!more)
            {
                const Json addrs = ep.value("addresses", Json::array());
                list.push_back((addrs.empty() ? std::string() : addrs[0].get<std::string>()) + suffix);
            }
            ++count;
        };
        if (ports.empty()) {
            for (const Json& ep : endpoints)
                add(ep, "");
            continue;
        }
        for (const Json& port : ports) {
            if (port.value("name", std::string("")) != portName)
                continue;
            for (const Json& ep : endpoints)
                add(ep, ":" + std::to_string(port.value("port", 0)));
        }
    }
    std::string out;
    for (size_t i = 0; i < list.size(); ++i)
        out += (i ? "," : "") + list[i];
    if (more)
        out += " + " + std::to_string(count - static_cast<int>(list.size())) + " more...";
    return out;
}

std::string joinStrings(const Json* arr) {
    std::string out;
    if (arr && arr->is_array())
        for (const Json& v : *arr)
            out += (out.empty() ? "" : ",") + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

std::string describeService(Cluster& cluster, const Json& svc) {
    Writer w;
    const Json spec = svc.value("spec", Json::object());
    printNameNamespaceLabels(w, svc);
    w.write(0, "Selector:\t" + labels::formatLabels(labels::setFromJson(spec.value("selector", Json::object()))) + "\n");
    w.write(0, "Type:\t" + spec.value("type", std::string("")) + "\n");
    if (spec.contains("ipFamilyPolicy"))
        w.write(0, "IP Family Policy:\t" + spec.value("ipFamilyPolicy", std::string("")) + "\n");
    std::string families = joinStrings(findPath(svc, "spec.ipFamilies"));
    w.write(0, "IP Families:\t" + (families.empty() ? "<none>" : families) + "\n");
    w.write(0, "IP:\t" + spec.value("clusterIP", std::string("")) + "\n");
    std::string ips = joinStrings(findPath(svc, "spec.clusterIPs"));
    w.write(0, "IPs:\t" + (ips.empty() ? "<none>" : ips) + "\n");
    if (std::string ext = joinStrings(findPath(svc, "spec.externalIPs")); !ext.empty())
        w.write(0, "External IPs:\t" + ext + "\n");
    if (std::string lb = spec.value("loadBalancerIP", std::string("")); !lb.empty())
        w.write(0, "Desired LoadBalancer IP:\t" + lb + "\n");
    if (std::string en = spec.value("externalName", std::string("")); !en.empty())
        w.write(0, "External Name:\t" + en + "\n");
    if (const Json* ing = findPath(svc, "status.loadBalancer.ingress"); ing && ing->is_array() && !ing->empty()) {
        std::string list;
        for (const Json& i : *ing)
            list += (list.empty() ? "" : ", ") + (i.contains("ip") ? i.value("ip", std::string("")) : i.value("hostname", std::string("")));
        w.write(0, "LoadBalancer Ingress:\t" + list + "\n");
    }
    for (const Json& p : spec.value("ports", Json::array())) {
        std::string name = p.value("name", std::string(""));
        std::string proto = p.value("protocol", std::string("TCP"));
        w.write(0, "Port:\t" + (name.empty() ? "<unset>" : name) + "\t" + std::to_string(p.value("port", 0)) + "/" + proto + "\n");
        w.write(0, "TargetPort:\t" + intOrString(findPath(p, "targetPort"), "0") + "/" + proto + "\n");
        if (p.value("nodePort", 0) != 0)
            w.write(0, "NodePort:\t" + (name.empty() ? "<unset>" : name) + "\t" + std::to_string(p.value("nodePort", 0)) + "/" +
                           proto + "\n");
        w.write(0, "Endpoints:\t" + endpointsText(cluster, svc, name) + "\n");
    }
    w.write(0, "Session Affinity:\t" + spec.value("sessionAffinity", std::string("")) + "\n");
    if (std::string etp = spec.value("externalTrafficPolicy", std::string("")); !etp.empty())
        w.write(0, "External Traffic Policy:\t" + etp + "\n");
    if (spec.contains("internalTrafficPolicy"))
        w.write(0, "Internal Traffic Policy:\t" + spec.value("internalTrafficPolicy", std::string("")) + "\n");
    if (spec.value("healthCheckNodePort", 0) != 0)
        w.write(0, "HealthCheck NodePort:\t" + std::to_string(spec.value("healthCheckNodePort", 0)) + "\n");
    describeEvents(w, eventsFor(cluster, svc, true), cluster.now());
    return w.str();
}

// "web:8080 (10.244.0.5:8080)": an Ingress backend with the ready endpoints of the Service
// port it names. Upstream: describe.go IngressDescriber.describeBackendV1.
std::string ingressBackend(Cluster& cluster, const std::string& ns, const Json& backend) {
    if (const Json* svcRef = findPath(backend, "service")) {
        const std::string name = svcRef->value("name", std::string(""));
        const Json port = svcRef->value("port", Json::object());
        const int64_t number = port.value("number", int64_t{0});
        const std::string text = name + ":" + (number != 0 ? std::to_string(number) : port.value("name", std::string("")));
        ObjectPtr svc = cluster.store().get("services", ns, name);
        if (!svc)
            return text + " (<error: services \"" + name + "\" not found>)";
        std::string portName;
        for (const Json& sp : svc->value("spec", Json::object()).value("ports", Json::array()))
            if ((number != 0 && sp.value("port", int64_t{0}) == number) ||
                (!port.value("name", std::string("")).empty() && sp.value("name", std::string("")) == port.value("name", std::string(""))))
                portName = sp.value("name", std::string(""));
        return text + " (" + endpointsText(cluster, *svc, portName) + ")";
    }
    if (const Json* res = findPath(backend, "resource"))
        return "APIGroup: " + res->value("apiGroup", std::string("<none>")) + ", Kind: " + res->value("kind", std::string("")) +
               ", Name: " + res->value("name", std::string(""));
    return "";
}

// Upstream: describe.go IngressDescriber.describeIngressV1.
std::string describeIngress(Cluster& cluster, const Json& ing) {
    Writer w;
    const std::string ns = str(ing, "metadata.namespace");
    w.write(0, "Name:\t" + str(ing, "metadata.name") + "\n");
    printLabels(w, "Labels", findPath(ing, "metadata.labels"));
    w.write(0, "Namespace:\t" + ns + "\n");
    std::vector<std::string> addresses;
    if (const Json* lb = findPath(ing, "status.loadBalancer.ingress"); lb && lb->is_array())
        for (const Json& i : *lb) {
            std::string a = i.value("ip", std::string(""));
            if (a.empty())
                a = i.value("hostname", std::string(""));
            if (!a.empty() && std::find(addresses.begin(), addresses.end(), a) == addresses.end())
                addresses.push_back(a);
        }
    std::sort(addresses.begin(), addresses.end());
    std::string address;
    for (const std::string& a : addresses)
        address += (address.empty() ? "" : ",") + a;
    w.write(0, "Address:\t" + address + "\n");
    const std::string cls = str(ing, "spec.ingressClassName");
    w.write(0, "Ingress Class:\t" + (cls.empty() ? std::string("<none>") : cls) + "\n");
    std::string defaultBackend = "<default>";
    if (const Json* def = findPath(ing, "spec.defaultBackend"))
        defaultBackend = ingressBackend(cluster, ns, *def);
    w.write(0, "Default backend:\t" + defaultBackend + "\n");
    if (const Json* tls = findPath(ing, "spec.tls"); tls && tls->is_array() && !tls->empty()) {
        w.write(0, "TLS:\n");
        for (const Json& t : *tls) {
            std::string hosts;
            for (const Json& h : t.value("hosts", Json::array()))
                hosts += (hosts.empty() ? "" : ",") + h.get<std::string>();
            const std::string secret = t.value("secretName", std::string(""));
            w.write(1, secret.empty() ? "SNI routes " + hosts + "\n" : secret + " terminates " + hosts + "\n");
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    int count = 0;
    for (const Json& rule : ing.value("spec", Json::object()).value("rules", Json::array())) {
        const Json* http = findPath(rule, "http");
        if (!http)
            continue;
        ++count;
        const std::string host = rule.value("host", std::string(""));
        w.write(1, (host.empty() ? std::string("*") : host) + "\t\n");
        for (const Json& p : http->value("paths", Json::array()))
            w.write(2, "\t" + p.value("path", std::string("")) + " \t" + ingressBackend(cluster, ns, p.value("backend", Json::object())) + "\n");
    }
    if (count == 0)
        w.write(1, "*\t*\t" + defaultBackend + "\n");
    printAnnotations(w, "Annotations", findPath(ing, "metadata.annotations"));
    describeEvents(w, eventsFor(cluster, ing, true), cluster.now());
    return w.str();
}

// Upstream: describe.go IngressClassDescriber.describeIngressClassV1.
std::string describeIngressClass(Cluster& cluster, const Json& ic) {
    Writer w;
    w.write(0, "Name:\t" + str(ic, "metadata.name") + "\n");
    printLabels(w, "Labels", findPath(ic, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(ic, "metadata.annotations"));
    w.write(0, "Controller:\t" + str(ic, "spec.controller") + "\n");
    if (const Json* p = findPath(ic, "spec.parameters"); p && p->is_object()) {
        w.write(0, "Parameters:\n");
        if (p->contains("apiGroup"))
            w.write(1, "APIGroup:\t" + p->value("apiGroup", std::string("")) + "\n");
        w.write(1, "Kind:\t" + p->value("kind", std::string("")) + "\n");
        w.write(1, "Name:\t" + p->value("name", std::string("")) + "\n");
    }
    describeEvents(w, eventsFor(cluster, ic, true), cluster.now());
    return w.str();
}

std::string describeNamespace(Cluster&, const Json& ns) {
    Writer w;
    w.write(0, "Name:\t" + str(ns, "metadata.name") + "\n");
    printLabels(w, "Labels", findPath(ns, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(ns, "metadata.annotations"));
    w.write(0, "Status:\t" + str(ns, "status.phase") + "\n");
    if (const Json* conds = findPath(ns, "status.conditions"); conds && conds->is_array() && !conds->empty()) {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t------------------\t------\t-------\n");
        for (const Json& c : *conds)
            w.write(1, c.value("type", std::string("")) + "\t" + c.value("status", std::string("")) + "\t" +
                           rfc1123(c, "lastTransitionTime") + "\t" + c.value("reason", std::string("")) + "\t" +
                           c.value("message", std::string("")) + "\n");
    }
    // SIMPLIFICATION: ResourceQuota and LimitRange objects are not described yet; a namespace
    // without them prints exactly this.
    w.write(0, "\nNo resource quota.\n");
    w.write(0, "\nNo LimitRange resource.\n");
    return w.str();
}

std::string describeConfigMap(Cluster& cluster, const Json& cm) {
    Writer w;
    printNameNamespaceLabels(w, cm);
    // Upstream walks a Go map (random order); ours is sorted by key.
    w.write(0, "\nData\n====\n");
    const Json data = cm.value("data", Json::object()), binary = cm.value("binaryData", Json::object());
    for (const auto& [k, v] : data.items())
        w.write(0, k + ":\n----\n" + (v.is_string() ? v.get<std::string>() : v.dump()) + "\n\n");
    w.write(0, "\nBinaryData\n====\n");
    for (const auto& [k, v] : binary.items())
        w.write(0, k + ": " + std::to_string(v.is_string() ? v.get<std::string>().size() * 3 / 4 : 0) + " bytes\n");
    w.write(0, "\n");
    describeEvents(w, eventsFor(cluster, cm, true), cluster.now());
    return w.str();
}

size_t decodedSize(const std::string& b64) {
    size_t pad = 0;
    if (!b64.empty() && b64.back() == '=')
        pad = b64.size() > 1 && b64[b64.size() - 2] == '=' ? 2 : 1;
    return b64.size() / 4 * 3 - pad;
}

std::string describeSecret(Cluster&, const Json& s) {
    Writer w;
    printNameNamespaceLabels(w, s);
    w.write(0, "\nType:\t" + str(s, "type") + "\n");
    w.write(0, "\nData\n====\n");
    const Json data = s.value("data", Json::object());
    for (const auto& [k, v] : data.items())
        w.write(0, k + ":\t" + std::to_string(decodedSize(v.is_string() ? v.get<std::string>() : "")) + " bytes\n");
    return w.str();
}


// kubectl's JobDescriber (pkg/describe describeJob).
std::string describeJob(Cluster& cluster, const Json& job) {
    Writer w;
    const Json spec = job.value("spec", Json::object()), status = job.value("status", Json::object());
    w.write(0, "Name:\t" + str(job, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + str(job, "metadata.namespace") + "\n");
    w.write(0, "Selector:\t" + labels::formatLabelSelector(spec.value("selector", Json())) + "\n");
    printLabels(w, "Labels", findPath(job, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(job, "metadata.annotations"));
    if (std::string by = controlledBy(job); !by.empty())
        w.write(0, "Controlled By:\t" + by + "\n");
    auto number = [&](const char* key) { return std::to_string(spec.value(key, int64_t{0})); };
    if (spec.contains("parallelism"))
        w.write(0, "Parallelism:\t" + number("parallelism") + "\n");
    w.write(0, "Completions:\t" + (spec.contains("completions") && !spec["completions"].is_null() ? number("completions")
                                                                                               : std::string("<unset>")) +
                   "\n");
    if (spec.contains("completionMode"))
        w.write(0, "Completion Mode:\t" + str(job, "spec.completionMode") + "\n");
    if (const Json* suspend = findPath(job, "spec.suspend"); suspend && suspend->is_boolean())
        w.write(0, std::string("Suspend:\t") + (suspend->get<bool>() ? "true" : "false") + "\n");
    if (spec.contains("backoffLimit"))
        w.write(0, "Backoff Limit:\t" + number("backoffLimit") + "\n");
    if (spec.contains("ttlSecondsAfterFinished"))
        w.write(0, "TTL Seconds After Finished:\t" + number("ttlSecondsAfterFinished") + "\n");
    const auto started = parseRFC3339(str(job, "status.startTime"));
    const auto completed = parseRFC3339(str(job, "status.completionTime"));
    if (started)
        w.write(0, "Start Time:\t" + formatRFC1123Z(*started) + "\n");
    if (completed)
        w.write(0, "Completed At:\t" + formatRFC1123Z(*completed) + "\n");
    if (started && completed)
        w.write(0, "Duration:\t" + humanDuration(Duration{completed->ms - started->ms}) + "\n");
    if (spec.contains("activeDeadlineSeconds"))
        w.write(0, "Active Deadline Seconds:\t" + number("activeDeadlineSeconds") + "s\n");
    auto count = [&](const char* key) { return std::to_string(status.value(key, int64_t{0})); };
    w.write(0, "Pods Statuses:\t" + count("active") +
                   (status.contains("ready") ? " Active (" + count("ready") + " Ready)" : std::string(" Active")) + " / " +
                   count("succeeded") + " Succeeded / " + count("failed") + " Failed\n");
    if (str(job, "spec.completionMode") == "Indexed") {
        // capIndexesListOrNone: the list up to the first comma past 50 characters, then "...".
        std::string indexes = str(job, "status.completedIndexes");
        if (indexes.empty())
            indexes = "<none>";
        else if (size_t cut = indexes.find(',', 50); cut != std::string::npos && indexes.size() > 50)
            indexes = indexes.substr(0, cut + 1) + "...";
        w.write(0, "Completed Indexes:\t" + indexes + "\n");
    }
    describePodTemplate(w, spec.value("template", Json::object()), cluster.now());
    describeEvents(w, eventsFor(cluster, job, true), cluster.now());
    return w.str();
}

// kubectl's EndpointsDescriber (pkg/describe describeEndpoints): each subset's ready and not
// ready addresses and its ports.
std::string describeEndpoints(Cluster& cluster, const Json& ep) {
    Writer w;
    printNameNamespaceLabels(w, ep);
    w.write(0, "Subsets:\n");
    auto ips = [](const Json& subset, const char* key) {
        std::string out;
        for (const Json& a : subset.value(key, Json::array()))
            out += (out.empty() ? "" : ",") + a.value("ip", std::string(""));
        return out.empty() ? std::string("<none>") : out;
    };
    for (const Json& subset : ep.value("subsets", Json::array())) {
        w.write(1, "Addresses:\t" + ips(subset, "addresses") + "\n");
        w.write(1, "NotReadyAddresses:\t" + ips(subset, "notReadyAddresses") + "\n");
        const Json ports = subset.value("ports", Json::array());
        if (!ports.empty()) {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for (const Json& p : ports) {
                const std::string name = p.value("name", std::string(""));
                w.write(2, (name.empty() ? std::string("<unset>") : name) + "\t" + std::to_string(p.value("port", 0)) + "\t" +
                               p.value("protocol", std::string("")) + "\n");
            }
        }
        w.write(0, "\n");
    }
    describeEvents(w, eventsFor(cluster, ep, true), cluster.now());
    return w.str();
}
}  // namespace

std::string describeObject(Cluster& cluster, const ResourceInfo& r, const Json& obj) {
    const std::string gr = r.groupResource();
    if (gr == "pods")
        return describePod(cluster, obj);
    if (gr == "deployments.apps")
        return describeDeployment(cluster, obj);
    if (gr == "replicasets.apps")
        return describeReplicaSet(cluster, obj);
    if (gr == "services")
        return describeService(cluster, obj);
    if (gr == "namespaces")
        return describeNamespace(cluster, obj);
    if (gr == "ingresses.networking.k8s.io")
        return describeIngress(cluster, obj);
    if (gr == "ingressclasses.networking.k8s.io")
        return describeIngressClass(cluster, obj);
    if (gr == "configmaps")
        return describeConfigMap(cluster, obj);
    if (gr == "secrets")
        return describeSecret(cluster, obj);
    if (gr == "jobs.batch")
        return describeJob(cluster, obj);
    if (gr == "endpoints")
        return describeEndpoints(cluster, obj);
    if (gr == "nodes") {
        // The node controller files events under the node's uid, the kubelet under its name.
        std::vector<Json> events = eventsFor(cluster, obj, true);
        Json byName = obj;
        byName["metadata"]["uid"] = stringAt(obj, "metadata.name");
        for (Json& e : eventsFor(cluster, byName, true))
            events.push_back(std::move(e));
        return describeNode(cluster, obj, std::move(events));
    }
    return describeGeneric(obj, eventsFor(cluster, obj, true), cluster.now());
}

}  // namespace kp::cli::describe
