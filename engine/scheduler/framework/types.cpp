#include "scheduler/framework/types.h"

#include <algorithm>
#include <tuple>

#include "api/pod_util.h"

namespace kp::scheduler::framework {

bool AffinityTerm::matches(const std::string& podNamespace, const labels::Set& podLabels,
                           const labels::Set& namespaceLabels) const {
    if (namespaces.count(podNamespace) == 0 && !namespaceSelector.matches(namespaceLabels))
        return false;
    return selector.matches(podLabels);
}

namespace {

labels::Selector selectorOrNothing(const Json* sel) {
    if (!sel)
        return labels::Selector::nothing();
    std::string error;
    auto parsed = labels::labelSelectorAsSelector(*sel, &error);
    return parsed ? *parsed : labels::Selector::nothing();
}

// Upstream: framework/types.go#newAffinityTerm and getNamespacesFromPodAffinityTerm.
AffinityTerm newAffinityTerm(const std::string& podNamespace, const Json& term) {
    AffinityTerm t;
    t.selector = selectorOrNothing(findPath(term, "labelSelector"));
    t.topologyKey = stringAt(term, "topologyKey");
    const Json* nsSel = findPath(term, "namespaceSelector");
    if (nsSel && nsSel->is_null())
        nsSel = nullptr;
    t.namespaceSelector = selectorOrNothing(nsSel);
    const Json* nss = findPath(term, "namespaces");
    bool noNamespaces = !nss || !nss->is_array() || nss->empty();
    if (noNamespaces && !nsSel)
        t.namespaces.insert(podNamespace);
    else if (!noNamespaces)
        for (const Json& n : *nss)
            if (n.is_string())
                t.namespaces.insert(n.get<std::string>());
    return t;
}

std::vector<AffinityTerm> affinityTerms(const std::string& ns, const Json& spec, const char* path) {
    std::vector<AffinityTerm> out;
    if (const Json* ts = findPath(spec, path); ts && ts->is_array())
        for (const Json& t : *ts)
            out.push_back(newAffinityTerm(ns, t));
    return out;
}

std::vector<WeightedAffinityTerm> weightedTerms(const std::string& ns, const Json& spec, const char* path) {
    std::vector<WeightedAffinityTerm> out;
    if (const Json* ts = findPath(spec, path); ts && ts->is_array()) {
        for (const Json& t : *ts) {
            const Json* term = findPath(t, "podAffinityTerm");
            out.push_back({newAffinityTerm(ns, term ? *term : Json::object()),
                           static_cast<int32_t>(intAt(t, "weight", 0))});
        }
    }
    return out;
}

std::vector<TopologySpreadConstraintSpec> spreadConstraints(const Json& spec) {
    std::vector<TopologySpreadConstraintSpec> out;
    const Json* cs = findPath(spec, "topologySpreadConstraints");
    if (!cs || !cs->is_array())
        return out;
    for (const Json& c : *cs) {
        TopologySpreadConstraintSpec s;
        s.maxSkew = static_cast<int32_t>(intAt(c, "maxSkew", 1));
        s.topologyKey = stringAt(c, "topologyKey");
        s.whenUnsatisfiable = stringAt(c, "whenUnsatisfiable");
        const Json* sel = findPath(c, "labelSelector");
        std::string error;
        s.labelSelector = labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error);
        if (const Json* keys = findPath(c, "matchLabelKeys"); keys && keys->is_array())
            for (const Json& k : *keys)
                if (k.is_string())
                    s.matchLabelKeys.push_back(k.get<std::string>());
        s.minDomains = static_cast<int32_t>(intAt(c, "minDomains", 1));
        s.nodeAffinityPolicy = stringAt(c, "nodeAffinityPolicy", "Honor");
        s.nodeTaintsPolicy = stringAt(c, "nodeTaintsPolicy", "Ignore");
        out.push_back(std::move(s));
    }
    return out;
}

ContainerPort sanitized(const Json& port) {
    ContainerPort p;
    p.hostIP = stringAt(port, "hostIP");
    if (p.hostIP.empty())
        p.hostIP = "0.0.0.0";
    p.protocol = stringAt(port, "protocol");
    if (p.protocol.empty())
        p.protocol = "TCP";
    p.hostPort = static_cast<int32_t>(intAt(port, "hostPort", 0));
    return p;
}

// Whether every container requests both cpu and memory: then a pod's scoring requests are its
// requests (the 100m / 200Mi defaults fill in only what a container leaves out).
bool everyContainerRequestsCpuAndMemory(const Json& spec) {
    for (const char* list : {"initContainers", "containers"}) {
        const Json* cs = findPath(spec, list);
        if (!cs || !cs->is_array())
            continue;
        for (const Json& c : *cs) {
            const Json* req = findPath(c, "resources.requests");
            if (!req || !req->is_object() || !req->contains("cpu") || !req->contains("memory"))
                return false;
        }
    }
    return true;
}

size_t fieldHash(const Json* field) { return field ? std::hash<Json>{}(*field) : 0; }

// Parsed labels and tolerations by the hash of their JSON: pods with equal ones (a ReplicaSet's)
// share one copy. Weak, so a value goes with the last pod holding it; expired entries are swept
// as the table grows. Equal hashes with different values just do not share.
template <class T>
class SharedValues {
public:
    Shared<T> intern(size_t hash, T value) {
        if (value.empty())
            return Shared<T>();
        auto it = byHash_.find(hash);
        if (it != byHash_.end())
            if (std::shared_ptr<const T> held = it->second.lock(); held && *held == value)
                return Shared<T>(std::move(held));
        auto made = std::make_shared<const T>(std::move(value));
        byHash_[hash] = made;
        if (byHash_.size() >= sweepAt_) {
            std::erase_if(byHash_, [](const auto& e) { return e.second.expired(); });
            sweepAt_ = std::max<size_t>(64, byHash_.size() * 2);
        }
        return Shared<T>(std::move(made));
    }

private:
    std::map<size_t, std::weak_ptr<const T>> byHash_;
    size_t sweepAt_ = 64;
};

SharedValues<labels::Set>& sharedLabels() {
    static SharedValues<labels::Set> table;
    return table;
}

SharedValues<std::vector<Toleration>>& sharedTolerations() {
    static SharedValues<std::vector<Toleration>> table;
    return table;
}

// Labels and tolerations are parsed again only when their hash changed (a binding or a status
// write changes neither).
void readMutable(PodInfo& info, const Json& pod, bool fresh) {
    const Json* labelsJson = findPath(pod, "metadata.labels");
    if (const size_t h = fieldHash(labelsJson); fresh || h != info.labelsHash) {
        info.labels = sharedLabels().intern(h, labelsJson ? labels::setFromJson(*labelsJson) : labels::Set{});
        info.labelsHash = h;
    }
    const Json* tol = findPath(pod, "spec.tolerations");
    if (const size_t h = fieldHash(tol); fresh || h != info.tolerationsHash) {
        info.tolerations = sharedTolerations().intern(h, tol ? parseTolerations(*tol) : std::vector<Toleration>{});
        info.tolerationsHash = h;
    }
    const Json* del = findPath(pod, "metadata.deletionTimestamp");
    info.terminating = del && !del->is_null();
    const Json* gates = findPath(pod, "spec.schedulingGates");
    info.gated = gates && gates->is_array() && !gates->empty();
    info.nominatedNodeName = stringAt(pod, "status.nominatedNodeName");
    info.nodeName = stringAt(pod, "spec.nodeName");
    if (const Json* started = findPath(pod, "status.startTime"); started && started->is_string())
        info.startTime = parseRFC3339(started->get_ref<const std::string&>());
    else
        info.startTime.reset();
    const Json* target = pod::condition(pod, "DisruptionTarget");
    info.preemptedByScheduler =
        target && stringAt(*target, "status") == "True" && stringAt(*target, "reason") == "PreemptionByScheduler";
}

}  // namespace

std::string normalizedImageName(const std::string& image) {
    size_t colon = image.rfind(':');
    size_t slash = image.rfind('/');
    bool noTag = colon == std::string::npos || (slash != std::string::npos && colon < slash);
    return noTag ? image + ":latest" : image;
}

namespace {

// What PodInfo::pod keeps of a pending pod: the fields its events' involvedObject and the binding
// read (kind, apiVersion, name, namespace, uid, resourceVersion). Holding the whole object would
// keep its tree alive for as long as the pod waits, and the store packs a pod only when nothing
// holds its tree: a 150,000-pod creation burst queues thousands at once.
ObjectPtr referenceOnly(const Json& pod) {
    Json ref = Json::object();
    Json::object_t& o = ref.get_ref<Json::object_t&>();
    for (const char* key : {"apiVersion", "kind"})
        if (const Json* v = findPath(pod, key))
            o.emplace(key, *v);
    if (const Json* meta = findPath(pod, "metadata"); meta && meta->is_object()) {
        Json m = Json::object();
        for (const char* key : {"name", "namespace", "uid", "resourceVersion"})
            if (auto it = meta->find(key); it != meta->end())
                m.get_ref<Json::object_t&>().emplace(key, *it);
        o.emplace("metadata", std::move(m));
    }
    return std::make_shared<const Json>(std::move(ref));
}

}  // namespace

std::shared_ptr<PodInfo> newPodInfo(ObjectPtr podPtr) {
    auto info = std::make_shared<PodInfo>();
    const Json& pod = *podPtr;
    info->pod = referenceOnly(pod);
    info->ns = stringAt(pod, "metadata.namespace");
    info->name = stringAt(pod, "metadata.name");
    info->uid = stringAt(pod, "metadata.uid");
    info->key = info->ns + "/" + info->name;
    info->schedulerName = stringAt(pod, "spec.schedulerName", "default-scheduler");
    info->preemptionPolicy = stringAt(pod, "spec.preemptionPolicy");
    info->priority = static_cast<int32_t>(intAt(pod, "spec.priority", 0));
    readMutable(*info, pod, true);
    if (const Json* owners = findPath(pod, "metadata.ownerReferences"); owners && owners->is_array())
        for (const Json& o : *owners)
            if (boolAt(o, "controller"))
                info->controller = ControllerRef{stringAt(o, "apiVersion"), stringAt(o, "kind"), stringAt(o, "name")};

    static const Json kEmpty = Json::object();
    const Json* specPtr = findPath(pod, "spec");
    const Json& spec = specPtr ? *specPtr : kEmpty;
    info->requests = podRequests(spec, false);
    // The scoring defaults apply only to a container without a cpu or memory request: when
    // every container has both (the usual workload), the sums are the requests themselves.
    if (everyContainerRequestsCpuAndMemory(spec)) {
        info->nonZeroMilliCPU = info->requests.milliCPU;
        info->nonZeroMemory = info->requests.memory;
    } else {
        Resource nonZero = podRequests(spec, true);
        info->nonZeroMilliCPU = nonZero.milliCPU;
        info->nonZeroMemory = nonZero.memory;
    }

    if (const Json* cs = findPath(spec, "containers"); cs && cs->is_array()) {
        for (const Json& c : *cs)
            if (const Json* ports = findPath(c, "ports"); ports && ports->is_array())
                for (const Json& p : *ports)
                    if (intAt(p, "hostPort", 0) > 0)
                        info->ports.push_back(sanitized(p));
    }
    for (const char* list : {"initContainers", "containers"}) {
        if (const Json* cs = findPath(spec, list); cs && cs->is_array()) {
            for (const Json& c : *cs) {
                info->images.push_back(normalizedImageName(stringAt(c, "image")));
                ++info->containerCount;
            }
        }
    }

    info->requiredNodeAffinity = parseRequiredNodeAffinity(spec);
    info->preferredNodeAffinity = parsePreferredSchedulingTerms(spec);
    info->hasRequiredNodeAffinityTerms =
        findPath(spec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution") != nullptr;
    const Json* pa = findPath(spec, "affinity.podAffinity");
    const Json* paa = findPath(spec, "affinity.podAntiAffinity");
    info->hasPodAffinity = (pa && !pa->is_null()) || (paa && !paa->is_null());
    if (info->hasPodAffinity) {
        const std::string& ns = info->ns;
        info->requiredAffinityTerms =
            affinityTerms(ns, spec, "affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution");
        info->requiredAntiAffinityTerms =
            affinityTerms(ns, spec, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution");
        info->preferredAffinityTerms =
            weightedTerms(ns, spec, "affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        info->preferredAntiAffinityTerms =
            weightedTerms(ns, spec, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution");
    }
    info->topologySpreadConstraints = spreadConstraints(spec);
    return info;
}

void updatePodInfo(PodInfo& info, ObjectPtr pod) {
    readMutable(info, *pod, false);
    info.pod = referenceOnly(*pod);
}

size_t labelsHashOf(const Json& pod) { return fieldHash(findPath(pod, "metadata.labels")); }

void HostPortInfo::add(const ContainerPort& p) {
    if (p.hostPort <= 0)
        return;
    ports_.insert({p.hostIP, p.protocol, p.hostPort});
}

void HostPortInfo::remove(const ContainerPort& p) {
    if (p.hostPort <= 0)
        return;
    ports_.erase({p.hostIP, p.protocol, p.hostPort});
}

bool HostPortInfo::checkConflict(const ContainerPort& p) const {
    // Upstream: framework/types.go#HostPortInfo.CheckConflict.
    if (p.hostPort <= 0)
        return false;
    if (p.hostIP == "0.0.0.0") {
        for (const auto& [ip, proto, port] : ports_)
            if (proto == p.protocol && port == p.hostPort)
                return true;
        return false;
    }
    return ports_.count({p.hostIP, p.protocol, p.hostPort}) > 0 || ports_.count({"0.0.0.0", p.protocol, p.hostPort}) > 0;
}

void NodeInfo::setNode(ObjectPtr n) {
    node = n;
    name = stringAt(*n, "metadata.name");
    const Json* l = findPath(*n, "metadata.labels");
    labels = l ? labels::setFromJson(*l) : labels::Set{};
    hasHostnameLabel = labels.count("kubernetes.io/hostname") > 0;
    auto zone = labels.find("topology.kubernetes.io/zone");
    zoneLabel = zone == labels.end() ? std::nullopt : std::optional<std::string>(zone->second);
    const Json* t = findPath(*n, "spec.taints");
    taints = t ? parseTaints(*t) : std::vector<Taint>{};
    unschedulable = boolAt(*n, "spec.unschedulable");
    const Json* alloc = findPath(*n, "status.allocatable");
    allocatable = alloc ? resourceFromList(*alloc) : Resource{};
    imageSizes.clear();
    if (const Json* images = findPath(*n, "status.images"); images && images->is_array())
        for (const Json& img : *images)
            if (const Json* names = findPath(img, "names"); names && names->is_array())
                for (const Json& nm : *names)
                    if (nm.is_string())
                        imageSizes[nm.get<std::string>()] = intAt(img, "sizeBytes", 0);
    ++generation;
}

void NodeInfo::addPod(const std::shared_ptr<PodInfo>& pod) {
    pods.push_back(pod);
    if (pod->hasPodAffinity)
        podsWithAffinity.push_back(pod);
    if (!pod->requiredAntiAffinityTerms.empty())
        podsWithRequiredAntiAffinity.push_back(pod);
    requested.add(pod->requests);
    nonZeroMilliCPU += pod->nonZeroMilliCPU;
    nonZeroMemory += pod->nonZeroMemory;
    for (const ContainerPort& p : pod->ports)
        usedPorts.add(p);
    ++generation;
}

namespace {

// Swap-with-last removal, as upstream's removeFromSlice does (pod order on a node is not stable).
bool eraseKey(std::vector<std::shared_ptr<PodInfo>>& v, const std::string& key) {
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i]->key != key)
            continue;
        v[i] = std::move(v.back());
        v.pop_back();
        return true;
    }
    return false;
}

}  // namespace

bool NodeInfo::removePod(const std::string& key) {
    std::shared_ptr<PodInfo> found;
    for (const auto& p : pods)
        if (p->key == key)
            found = p;
    if (!found)
        return false;
    eraseKey(podsWithAffinity, key);
    eraseKey(podsWithRequiredAntiAffinity, key);
    eraseKey(pods, key);
    requested.sub(found->requests);
    nonZeroMilliCPU -= found->nonZeroMilliCPU;
    nonZeroMemory -= found->nonZeroMemory;
    for (const ContainerPort& p : found->ports)
        usedPorts.remove(p);
    ++generation;
    return true;
}

std::string zoneKey(const labels::Set& l) {
    // Upstream: component-helpers node/topology#GetZoneKey.
    auto get = [&](const char* a, const char* b) -> std::string {
        if (auto it = l.find(a); it != l.end())
            return it->second;
        if (auto it = l.find(b); it != l.end())
            return it->second;
        return "";
    };
    std::string zone = get("failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone");
    std::string region = get("failure-domain.beta.kubernetes.io/region", "topology.kubernetes.io/region");
    if (region.empty() && zone.empty())
        return "";
    return region + std::string(":\0:", 3) + zone;
}

}  // namespace kp::scheduler::framework
