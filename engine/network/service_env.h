// The Service environment variables the kubelet gives every container (docker links style):
// for each Service of the pod's namespace with a cluster IP (all of them only while
// enableServiceLinks is true), plus the `kubernetes` Service from `default`:
//   REDIS_MASTER_SERVICE_HOST=10.0.0.11      REDIS_MASTER_SERVICE_PORT=6379
//   REDIS_MASTER_PORT=tcp://10.0.0.11:6379   REDIS_MASTER_PORT_6379_TCP=tcp://10.0.0.11:6379
//   REDIS_MASTER_PORT_6379_TCP_PROTO=tcp     REDIS_MASTER_PORT_6379_TCP_PORT=6379
//   REDIS_MASTER_PORT_6379_TCP_ADDR=10.0.0.11  (+ <NAME>_SERVICE_PORT_<PORT NAME> for named ports)
// Upstream: pkg/kubelet/envvars/envvars.go (FromServices), pkg/kubelet/kubelet_pods.go
// (getServiceEnvVarMap).
#pragma once
#include <map>
#include <string>

#include "store/object_store.h"

namespace kp::network {

// Variable -> value for a container of a pod in `ns`, from the Services that exist now.
std::map<std::string, std::string> serviceEnvVars(const ObjectStore& store, const std::string& ns, bool enableServiceLinks);

// The variables of one Service (FromServices for a single service).
void addServiceEnvVars(const Json& service, std::map<std::string, std::string>& out);

}  // namespace kp::network
