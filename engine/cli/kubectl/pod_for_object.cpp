// Picking one pod for a workload or a Service, as kubectl's polymorphic helpers do.
#include "cli/kubectl/pod_for_object.h"

#include <algorithm>

#include "api/pod_util.h"

namespace kp::cli {
namespace {

bool assigned(const Json& pod) { return !stringAt(pod, "spec.nodeName").empty(); }

// Running, then Unknown, then Pending. A phase missing from kubectl's maps (Succeeded, Failed)
// ranks as 0 there: with Running for logs, with Pending in the attach order.
int phaseRank(const Json& pod, bool forAttach) {
    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Running" || phase == "Unknown" || phase == "Pending")
        return phase == "Running" ? 0 : phase == "Unknown" ? 1 : 2;
    return forAttach ? 2 : 0;
}

// The Ready condition's lastTransitionTime when the pod is ready, else "".
std::string readySince(const Json& pod) {
    const Json* c = pod::condition(pod, "Ready");
    return c && pod::isReady(pod) ? c->value("lastTransitionTime", "") : "";
}

long maxRestarts(const Json& pod) {
    long n = 0;
    for (const Json& s : pod["status"].value("containerStatuses", Json::array()))
        n = std::max(n, s.value("restartCount", 0L));
    return n;
}

// RFC 3339 times in one format compare as text; an empty time counts as the latest.
bool laterOrEmpty(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty())
        return a.empty() && !b.empty();
    return a > b;
}

// Where kubectl's two orders agree: scheduled, Running, ready pods first. nullopt on a tie.
std::optional<bool> runningReadyFirst(const Json& a, const Json& b, bool forAttach) {
    if (assigned(a) != assigned(b))
        return assigned(a);
    if (phaseRank(a, forAttach) != phaseRank(b, forAttach))
        return phaseRank(a, forAttach) < phaseRank(b, forAttach);
    if (pod::isReady(a) != pod::isReady(b))
        return pod::isReady(a);
    return std::nullopt;
}

// The last keys of both orders: ready longest first, then `moreRestartsFirst` or not, then oldest.
bool readyLongestThenOldest(const Json& a, const Json& b, bool moreRestartsFirst) {
    if (pod::isReady(a) && pod::isReady(b) && readySince(a) != readySince(b))
        return laterOrEmpty(readySince(b), readySince(a));
    if (maxRestarts(a) != maxRestarts(b))
        return (maxRestarts(a) > maxRestarts(b)) == moreRestartsFirst;
    const std::string ca = stringAt(a, "metadata.creationTimestamp"), cb = stringAt(b, "metadata.creationTimestamp");
    return ca != cb && laterOrEmpty(cb, ca);
}

// podutils.ByLogging.
bool betterForLogs(const Json& a, const Json& b) {
    if (std::optional<bool> first = runningReadyFirst(a, b, false))
        return *first;
    return readyLongestThenOldest(a, b, true);
}

// podutils.ActivePods, reversed: pods on their way out come after the others.
bool betterForAttach(const Json& a, const Json& b) {
    if (std::optional<bool> first = runningReadyFirst(a, b, true))
        return *first;
    const std::string da = stringAt(a, "metadata.deletionTimestamp"), db = stringAt(b, "metadata.deletionTimestamp");
    if (da.empty() != db.empty())
        return da.empty();
    if (!da.empty() && da != db)
        return da > db;
    return readyLongestThenOldest(a, b, false);
}

}  // namespace

std::optional<labels::Selector> podSelectorOf(const ResourceInfo& resource, const Json& object, std::string& error) {
    const std::string gr = resource.groupResource();
    const Json selector = object.value("spec", Json::object()).value("selector", Json());
    if (gr == "services" || gr == "replicationcontrollers") {
        if (gr == "services" && (!selector.is_object() || selector.empty())) {
            error = "invalid service '" + stringAt(object, "metadata.name") + "': Service is defined without a selector";
            return std::nullopt;
        }
        return labels::Selector::fromSet(labels::setFromJson(selector.is_object() ? selector : Json::object()));
    }
    if (gr == "deployments.apps" || gr == "replicasets.apps" || gr == "statefulsets.apps" || gr == "daemonsets.apps" ||
        gr == "jobs.batch") {
        std::string why;
        auto sel = labels::labelSelectorAsSelector(selector, &why);
        if (!sel)
            error = "invalid label selector: " + why;
        return sel;
    }
    error = "selector for *" + resource.version + "." + resource.kind + " not implemented";
    return std::nullopt;
}

void sortPodsByPreference(std::vector<ObjectPtr>& pods, PodPreference preference) {
    std::stable_sort(pods.begin(), pods.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        return stringAt(*a, "metadata.name") < stringAt(*b, "metadata.name");
    });
    std::stable_sort(pods.begin(), pods.end(), [preference](const ObjectPtr& a, const ObjectPtr& b) {
        return preference == PodPreference::ForLogs ? betterForLogs(*a, *b) : betterForAttach(*a, *b);
    });
}

PodTarget podForObject(KubectlContext& ctx, const std::string& ns, const std::string& target, PodPreference preference,
                       const std::string& verb, CommandResult& res) {
    PodTarget t;
    const size_t slash = target.find('/');
    const std::string alias = slash == std::string::npos ? "pods" : target.substr(0, slash);
    const std::string name = slash == std::string::npos ? target : target.substr(slash + 1);
    const ResourceInfo* r = ctx.cluster.apiServer().resources().lookup(alias);
    if (!r) {
        res.append(CommandResult::failure("error: the server doesn't have a resource type \"" + alias + "\"\n"));
        return t;
    }
    ApiResponse got = ctx.cluster.apiServer().get(*r, ns, name);
    if (!got.ok()) {
        res.append(CommandResult::failure(serverErrorText(got.status)));
        return t;
    }
    t.resource = r;
    if (r->groupResource() == "pods") {
        t.pod = std::make_shared<const Json>(std::move(got.object));
        t.candidates = 1;
        t.all = {t.pod};
        return t;
    }
    std::string error;
    auto sel = podSelectorOf(*r, got.object, error);
    if (!sel) {
        res.append(CommandResult::failure("error: cannot " + verb + " *" + r->version + "." + r->kind + ": " + error + "\n"));
        return t;
    }
    std::vector<ObjectPtr> pods;
    for (const ObjectPtr& p : ctx.cluster.store().list("pods", ns))
        if (sel->matchesLabelsOf(*p))
            pods.push_back(p);
    if (pods.empty()) {
        // SIMPLIFICATION: kubectl first watches --pod-running-timeout for a pod to appear.
        res.append(CommandResult::failure("error: timed out waiting for the condition\n"));
        return t;
    }
    sortPodsByPreference(pods, preference);
    t.object = std::move(got.object);
    t.pod = pods.front();
    t.candidates = pods.size();
    t.viaSelector = true;
    t.all = std::move(pods);
    return t;
}

std::string allContainerNames(const Json& pod) {
    std::string out;
    auto add = [&](const char* field, const char* mark) {
        for (const Json& c : pod["spec"].value(field, Json::array()))
            out += (out.empty() ? "" : ", ") + c.value("name", std::string("")) + mark;
    };
    add("containers", "");
    add("ephemeralContainers", " (ephem)");
    add("initContainers", " (init)");
    return out;
}

std::string defaultContainerOf(const Json& pod, AnnotationMiss miss, bool quiet, CommandResult& res) {
    const Json& spec = pod["spec"];
    const Json containers = spec.value("containers", Json::array());
    if (containers.empty())
        return "";
    auto known = [&](const std::string& name) {
        for (const char* field : {"containers", "initContainers", "ephemeralContainers"})
            for (const Json& c : spec.value(field, Json::array()))
                if (c.value("name", "") == name)
                    return true;
        return false;
    };
    const Json* annotations = findPath(pod, "metadata.annotations");
    const std::string annotated = annotations && annotations->is_object()
                                      ? annotations->value("kubectl.kubernetes.io/default-container", std::string(""))
                                      : "";
    if (!annotated.empty()) {
        if (known(annotated))
            return annotated;
        if (miss == AnnotationMiss::Fail) {
            res.append(CommandResult::failure("error: container " + annotated + " is not valid for pod " +
                                              stringAt(pod, "metadata.name") + " out of: " + allContainerNames(pod) + "\n"));
            return "";
        }
        res.err += "Default container name \"" + annotated + "\" not found in pod " + stringAt(pod, "metadata.name") + "\n";
    }
    const std::string first = containers[0].value("name", std::string(""));
    if (!quiet && (containers.size() > 1 || !spec.value("initContainers", Json::array()).empty() ||
                   !spec.value("ephemeralContainers", Json::array()).empty()))
        res.err += "Defaulted container \"" + first + "\" out of: " + allContainerNames(pod) + "\n";
    return first;
}

}  // namespace kp::cli
