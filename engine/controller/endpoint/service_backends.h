// What the Endpoints and EndpointSlice controllers both need to know about a Service's pods:
// which pods it selects, whether a pod belongs in its endpoints, and the port a named
// targetPort means on each pod.
// Upstream: pkg/api/v1/endpoints, pkg/controller/util/endpoint (ShouldPodBeInEndpoints,
// GetPodServiceMemberships), pkg/api/v1/pod FindPort.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/json.h"
#include "store/object_store.h"

namespace kp::controller::endpoint {

// Services with a selector select the pods of their namespace whose labels match it.
bool selects(const Json& service, const Json& pod);
// Keys ("ns/name") of the services in the pod's namespace that select it.
std::set<std::string> servicesSelecting(const ObjectStore& store, const Json& pod);
// Pods the service selects that may appear in endpoints: an IP, not finished; terminating
// pods only when `includeTerminating`.
std::vector<ObjectPtr> backendPods(const ObjectStore& store, const Json& service, bool includeTerminating);
// The pod's port for a Service port: a number as is; a name through the pod's container ports
// (matching protocol). nullopt when the pod has no port of that name.
std::optional<int64_t> resolveTargetPort(const Json& servicePort, const Json& pod);
// endpoints.kubernetes.io/last-change-trigger-time: the latest change among the Service and
// its pods (creation, or the Ready condition's transition), RFC 3339.
std::string lastChangeTriggerTime(const Json& service, const std::vector<ObjectPtr>& pods);
// {kind: Pod, name, namespace, uid}
Json podReference(const Json& pod);
// The Service's labels plus service.kubernetes.io/headless for headless Services.
Json endpointLabels(const Json& service);
bool isHeadless(const Json& service);

// Which Services a pod event concerns: those that select the pod now and those that selected
// it before (a relabelled or deleted pod must leave them). Keys are "ns/name".
class PodServiceIndex {
public:
    std::set<std::string> servicesToSync(const ObjectStore& store, const WatchEvent& podEvent);

private:
    std::map<std::string, std::set<std::string>> podServices_;
};

}  // namespace kp::controller::endpoint
