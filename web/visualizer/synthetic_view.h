// A made-up cluster for the frame-time benchmark: `pods` pods spread over nodes of 50 pods each,
// a mix of statuses, restarts and owners, a Service per 100 pods. No engine behind it.
#pragma once
#include "view/cluster_view.h"

namespace kp::web {

view::ClusterView syntheticView(size_t pods);

}  // namespace kp::web
