// The scale subresource's autoscaling/v1 Scale view of a workload.
#pragma once
#include "api/resources.h"
#include "base/json.h"

namespace kp {

// {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{...},"spec":{"replicas":N},
//  "status":{"replicas":N,"selector":"app=web"}}
Json scaleOf(const ResourceInfo& r, const Json& obj);

}  // namespace kp
