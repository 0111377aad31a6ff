// The cluster map panel: control-plane components and the learner's kubectl as cards on top,
// nodes as cards holding their pods as coloured chips (restart and readiness badges), the
// unscheduled pods in their own card, Services as hubs wired to their endpoint pods, and
// Ingresses as square hubs with their routes to Services. Flows animate what the event log
// records: API writes (component -> kube-apiserver), bindings (kube-scheduler -> node), traffic
// (client -> Service or Ingress -> endpoint pod) and DNS lookups (client -> coredns).
// Drag pans, the wheel zooms, a click selects (the inspector explains the selection), a double
// click on empty space fits the map to the window again.
//
// Layout is computed from the view (layoutCluster), then drawn; nothing is stored in the model.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/event_log.h"
#include "imgui.h"
#include "view/cluster_view.h"
#include "visualizer/ingress_routes.h"
#include "visualizer/map_effects.h"
#include "visualizer/selection.h"

namespace kp::web {

// World-space rectangles of everything the map draws (units: pixels at zoom 1).
struct MapLayout {
    struct Box {
        ImVec2 min, max;
        Selection target;
        ImVec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
        bool contains(ImVec2 p) const { return p.x >= min.x && p.y >= min.y && p.x <= max.x && p.y <= max.y; }
    };
    struct Chip {
        Box box;
        const view::PodView* pod = nullptr;
    };
    struct NodeCard {
        Box box;
        const view::NodeView* node = nullptr;  // nullptr: the "unscheduled" card
        std::vector<Chip> chips;
        bool aggregated = false;  // too many pods: counts per status instead of chips
        std::vector<const view::PodView*> pods;
    };
    struct Hub {
        ImVec2 center;
        float radius = 0;
        const view::ServiceView* service = nullptr;
    };
    std::vector<Box> components;  // index 0 is kubectl (the learner), then the control plane
    std::vector<NodeCard> nodes;  // the unscheduled card first when there are unscheduled pods
    std::vector<Hub> hubs;
    struct IngressHub {
        ImVec2 center;
        float radius = 0;
        const IngressView* ingress = nullptr;
    };
    std::vector<IngressHub> ingresses;
    std::map<std::string, ImVec2> podCenters;   // "ns/name"
    std::map<std::string, ImVec2> nodeCenters;  // node name
    std::map<std::string, ImVec2> componentCenters;
    std::map<std::string, ImVec2> serviceCenters;  // "ns/name"
    std::map<std::string, ImVec2> ingressCenters;  // "ns/name"
    std::map<std::string, ImVec2> podsByIP;        // pod IP -> its chip (traffic from a pod)
    std::map<std::string, std::string> podKeysByIP;  // pod IP -> "ns/name"
    ImVec2 min, max;                            // bounds of everything

    static constexpr float kChip = 22.0f;
    static constexpr float kChipGap = 4.0f;
    static constexpr int kChipColumns = 8;
    static constexpr size_t kMaxChips = 64;  // more pods than this on a node: aggregated
};

// `showSystem`: include kube-system pods.
MapLayout layoutCluster(const view::ClusterView& view, const std::vector<IngressView>& ingresses, bool showSystem);

class ClusterMap {
public:
    ClusterMap() = default;
    bool initEffects() { return effects_.init(); }
    void setLightTheme(bool light) { effects_.setLightTheme(light); }

    // Draws into the current window's remaining content region; a click changes `selection`.
    // `generation` changes whenever `view` does: the layout is recomputed only then.
    void drawContents(const view::ClusterView& view, const std::vector<IngressView>& ingresses, uint64_t generation,
                      Selection& selection, double now);
    // Starts flows for the records appended since the last call: API writes (component ->
    // kube-apiserver, kube-scheduler -> node for bindings), traffic and DNS lookups.
    void animate(const EventLog& log, double now);
    // Takes everything in `log` as already shown (the map switched to another cluster's log).
    void skipFlows(const EventLog& log) { lastSeq_ = log.lastSeq(); }
    // True while a frame would move something: records in `log` not animated yet, or flows
    // still on their way at wall time `now`.
    bool busy(const EventLog& log, double now) const {
        return (!log.records().empty() && log.lastSeq() != lastSeq_) || effects_.moving(now);
    }

    const MapLayout& layout() const { return layout_; }
    // What the last frame drew for each pod chip on the canvas (cards off the canvas and
    // aggregated cards draw none): the chip's fill, its restart badge and its readiness strip.
    // Recorded by the drawing code itself, for the browser tests (kp_map_state).
    struct DrawnChip {
        std::string pod;            // "ns/name"
        ImU32 fill = 0;             // the chip's colour, alpha included (kube-system pods are dimmer)
        bool restartBadge = false;  // the red circle at its top right corner
        std::string badgeText;      // the number in it ("3", "9+"); empty when zoomed too far out
        float readyFill = 0;        // how much of the readiness strip is filled (ready/total containers)
    };
    const std::vector<DrawnChip>& drawnChips() const { return drawnChips_; }
    size_t drawnChipCount() const { return drawnChipCount_; }
    // Where the pod's chip was drawn in the last frame (canvas pixels); false when not drawn.
    bool podScreenPosition(const std::string& ns, const std::string& name, ImVec2& out) const;
    size_t activeFlows() const { return effects_.activeFlows(); }
    // Traffic and DNS records animated since the page opened (the browser tests read it).
    size_t trafficFlows() const { return trafficFlows_; }
    // DNS lookups animated (client -> coredns), and the last one's client: "ns/name" of the pod
    // that asked, or "kubectl" (the laptop).
    size_t dnsFlows() const { return dnsFlows_; }
    const std::string& lastDnsClient() const { return lastDnsClient_; }
    // How many API writes (component -> apiserver) and bindings (scheduler -> node) it animated.
    size_t apiWriteFlows() const { return apiWriteFlows_; }
    size_t schedulingFlows() const { return schedulingFlows_; }
    // The view: zoom factor, pan (world offset), and whether the learner moved it (until then, and
    // after a double click on empty space, the map fits itself to the panel).
    float zoom() const { return zoom_; }
    ImVec2 pan() const { return pan_; }
    bool userMoved() const { return userMoved_; }

private:
    void handleInput(ImVec2 canvasMin, ImVec2 canvasSize, Selection& selection);
    void fit(ImVec2 canvasSize);
    Selection hitTest(ImVec2 world) const;
    void drawComponents(ImDrawList* dl, const view::ClusterView& view, const Selection& selection) const;
    void drawNodes(ImDrawList* dl, const Selection& selection, const std::string& highlightOwner) const;
    void drawServices(ImDrawList* dl, const Selection& selection) const;
    void drawIngresses(ImDrawList* dl, const Selection& selection) const;
    void animateTraffic(const LogRecord& r, double now);
    ImVec2 clientPosition(const std::string& ip) const;
    void drawLegend(ImDrawList* dl, ImVec2 canvasMin, ImVec2 canvasSize) const;
    void drawTooltip(const view::ClusterView& view) const;
    ImVec2 actorPosition(const std::string& actor) const;

    MapLayout layout_;
    uint64_t layoutGeneration_ = 0;
    bool layoutShowSystem_ = true;
    MapTransform transform_;
    ImVec2 pan_{0, 0};          // world offset
    float zoom_ = 1.0f;
    bool userMoved_ = false;    // until the learner pans or zooms, the map fits itself
    bool showSystem_ = true;
    ImVec2 canvasMin_, canvasSize_;
    Selection hovered_;
    uint64_t lastSeq_ = 0;
    size_t trafficFlows_ = 0;
    size_t dnsFlows_ = 0;
    std::string lastDnsClient_;
    size_t apiWriteFlows_ = 0;
    size_t schedulingFlows_ = 0;
    MapEffects effects_;
    // drawnChips_[0, drawnChipCount_) is the last frame's; the entries beyond keep their strings'
    // storage for the next frames (no allocation per chip per frame).
    mutable std::vector<DrawnChip> drawnChips_;
    mutable size_t drawnChipCount_ = 0;
};

}  // namespace kp::web
