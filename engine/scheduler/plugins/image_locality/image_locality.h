// ImageLocality: prefers nodes that already have the pod's images (node.status.images), scaled
// by how many nodes have them (an image on every node gives no advantage). Sum over containers
// of size * (nodes with the image / all nodes), clamped to [23 MiB, 1000 MiB * containers] and
// mapped onto 0-100.
// Upstream: framework/plugins/imagelocality/image_locality.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class ImageLocality final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "ImageLocality";

    std::string_view name() const override { return kName; }
    unsigned points() const override { return framework::kScore; }
    int64_t score(const framework::CycleState&, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
};

}  // namespace kp::scheduler::plugins
