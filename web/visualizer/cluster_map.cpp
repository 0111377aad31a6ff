#include "visualizer/cluster_map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visualizer/colors.h"
#include "visualizer/strings.h"

namespace kp::web {

// [SECTION] Layout
namespace {

// ImGui's sizes relative to a 96-dpi screen (2 on a Retina display): zoom limits scale with it.
float uiScale() { return ImGui::GetFontSize() / 13.0f; }

constexpr float kCardW = 138.0f;
constexpr float kCardH = 36.0f;
constexpr float kCardGap = 8.0f;
constexpr float kNodeW = MapLayout::kChipColumns * (MapLayout::kChip + MapLayout::kChipGap) + 12.0f;
constexpr float kNodeHeader = 44.0f;
constexpr float kNodeGap = 28.0f;
constexpr int kNodesPerRow = 3;
constexpr float kHubRadius = 16.0f;
constexpr float kHubSpacing = 150.0f;
// Below this zoom the second line of a card would overlap the first (text keeps its size).
constexpr float kDetailZoom = 0.72f;

std::string podKey(const view::PodView& p) { return p.namespace_ + "/" + p.name; }

MapLayout::NodeCard layoutNodeCard(const view::NodeView* node, std::vector<const view::PodView*> pods, ImVec2 at,
                                   MapLayout& layout) {
    MapLayout::NodeCard card;
    card.node = node;
    card.pods = std::move(pods);
    card.aggregated = card.pods.size() > MapLayout::kMaxChips;
    const float step = MapLayout::kChip + MapLayout::kChipGap;
    size_t rows = card.aggregated ? 2 : std::max<size_t>(1, (card.pods.size() + MapLayout::kChipColumns - 1) / MapLayout::kChipColumns);
    const float height = kNodeHeader + static_cast<float>(rows) * step + 8.0f;
    card.box = {at, {at.x + kNodeW, at.y + height},
                node ? Selection{"node", "", node->name} : Selection{}};
    if (!card.aggregated) {
        for (size_t i = 0; i < card.pods.size(); ++i) {
            const view::PodView* p = card.pods[i];
            const float x = at.x + 8.0f + static_cast<float>(i % MapLayout::kChipColumns) * step;
            const float y = at.y + kNodeHeader + static_cast<float>(i / MapLayout::kChipColumns) * step;
            MapLayout::Chip chip{{{x, y}, {x + MapLayout::kChip, y + MapLayout::kChip}, {"pod", p->namespace_, p->name}}, p};
            layout.podCenters[podKey(*p)] = chip.box.center();
            if (!p->podIP.empty()) {
                layout.podsByIP[p->podIP] = chip.box.center();
                layout.podKeysByIP[p->podIP] = podKey(*p);
            }
            card.chips.push_back(chip);
        }
    } else {
        for (const view::PodView* p : card.pods)  // lines to aggregated pods end at the card
            layout.podCenters[podKey(*p)] = card.box.center();
    }
    if (node)
        layout.nodeCenters[node->name] = card.box.center();
    return card;
}

void grow(MapLayout& l, ImVec2 min, ImVec2 max) {
    l.min = {std::min(l.min.x, min.x), std::min(l.min.y, min.y)};
    l.max = {std::max(l.max.x, max.x), std::max(l.max.y, max.y)};
}

}  // namespace

MapLayout layoutCluster(const view::ClusterView& view, const std::vector<IngressView>& ingresses, bool showSystem) {
    MapLayout l;
    l.min = {0, 0};
    l.max = {0, 0};
    // Column on the left: the learner's kubectl, then the control plane, top to bottom.
    float y = 0;
    auto addCard = [&](const std::string& name, Selection target) {
        MapLayout::Box box{{0, y}, {kCardW, y + kCardH}, std::move(target)};
        l.componentCenters[name] = box.center();
        l.components.push_back(box);
        grow(l, box.min, box.max);
        y += kCardH + kCardGap;
    };
    addCard("kubectl", Selection{});
    for (const view::ComponentView& c : view.controlPlane)
        addCard(c.name, Selection{"component", "kube-system", c.name});

    // To the right: nodes (the unscheduled pods first), kNodesPerRow per row.
    auto visible = [&](const view::PodView& p) { return showSystem || p.namespace_ != "kube-system"; };
    const float left = kCardW + 70.0f;
    float rowTop = 0;
    int column = 0;
    float rowBottom = 0;
    auto place = [&](const view::NodeView* node, std::vector<const view::PodView*> pods) {
        MapLayout::NodeCard card =
            layoutNodeCard(node, std::move(pods), {left + static_cast<float>(column) * (kNodeW + kNodeGap), rowTop}, l);
        rowBottom = std::max(rowBottom, card.box.max.y);
        grow(l, card.box.min, card.box.max);
        l.nodes.push_back(std::move(card));
        if (++column == kNodesPerRow) {
            column = 0;
            rowTop = rowBottom + kNodeGap;
        }
    };
    std::vector<const view::PodView*> unscheduled;
    for (const view::PodView& p : view.unscheduledPods)
        if (visible(p))
            unscheduled.push_back(&p);
    if (!unscheduled.empty())
        place(nullptr, std::move(unscheduled));
    for (const view::NodeView& n : view.nodes) {
        std::vector<const view::PodView*> pods;
        for (const view::PodView& p : n.pods)
            if (visible(p))
                pods.push_back(&p);
        place(&n, std::move(pods));
    }

    // Below the nodes: Services as hubs, in rows as wide as the nodes.
    const float hubTop = rowBottom + 60.0f;
    const float rowWidth = std::max(kNodeW, static_cast<float>(std::min<size_t>(l.nodes.size(), kNodesPerRow)) * (kNodeW + kNodeGap));
    const int hubsPerRow = std::max(1, static_cast<int>(rowWidth / kHubSpacing));
    int index = 0;
    for (const view::ServiceView& s : view.services) {
        if (!showSystem && s.namespace_ == "kube-system")
            continue;
        const float hx = left + kHubSpacing * (0.5f + static_cast<float>(index % hubsPerRow));
        const float hy = hubTop + 70.0f * static_cast<float>(index / hubsPerRow);
        l.hubs.push_back({{hx, hy}, kHubRadius, &s});
        l.serviceCenters[s.namespace_ + "/" + s.name] = {hx, hy};
        grow(l, {hx - kHubSpacing * 0.5f, hy - kHubRadius}, {hx + kHubSpacing * 0.5f, hy + kHubRadius + 34.0f});
        ++index;
    }

    // Below the Services: Ingresses, whose routes go up to the Services.
    const float ingressTop = l.hubs.empty() ? hubTop : l.max.y + 70.0f;
    index = 0;
    for (const IngressView& ing : ingresses) {
        if (!showSystem && ing.namespace_ == "kube-system")
            continue;
        const float hx = left + kHubSpacing * (0.5f + static_cast<float>(index % hubsPerRow));
        const float hy = ingressTop + 70.0f * static_cast<float>(index / hubsPerRow);
        l.ingresses.push_back({{hx, hy}, kHubRadius, &ing});
        l.ingressCenters[ing.namespace_ + "/" + ing.name] = {hx, hy};
        grow(l, {hx - kHubSpacing * 0.5f, hy - kHubRadius}, {hx + kHubSpacing * 0.5f, hy + kHubRadius + 34.0f});
        ++index;
    }
    return l;
}

// [SECTION] Input
void ClusterMap::fit(ImVec2 canvasSize) {
    const ImVec2 size{layout_.max.x - layout_.min.x + 40.0f, layout_.max.y - layout_.min.y + 40.0f};
    // Below 0.6 the cards' text is unreadable: then the map starts at its top-left corner and the
    // learner pans to the rest.
    zoom_ = std::clamp(std::min(canvasSize.x / size.x, canvasSize.y / size.y), 0.6f * uiScale(), 1.4f * uiScale());
    const float spareX = std::max(0.0f, canvasSize.x / zoom_ - (layout_.max.x - layout_.min.x));
    pan_ = {spareX * 0.5f - layout_.min.x, 16.0f / zoom_ - layout_.min.y};
}

Selection ClusterMap::hitTest(ImVec2 world) const {
    for (const MapLayout::NodeCard& card : layout_.nodes)
        for (const MapLayout::Chip& chip : card.chips)
            if (chip.box.contains(world))
                return chip.box.target;
    for (const MapLayout::Hub& hub : layout_.hubs) {
        const float dx = world.x - hub.center.x, dy = world.y - hub.center.y;
        if (dx * dx + dy * dy <= (hub.radius + 4) * (hub.radius + 4))
            return {"service", hub.service->namespace_, hub.service->name};
    }
    for (const MapLayout::IngressHub& hub : layout_.ingresses)
        if (std::abs(world.x - hub.center.x) <= hub.radius + 4 && std::abs(world.y - hub.center.y) <= hub.radius + 4)
            return {"ingress", hub.ingress->namespace_, hub.ingress->name};
    for (const MapLayout::NodeCard& card : layout_.nodes)
        if (card.box.contains(world))
            return card.box.target;
    for (const MapLayout::Box& box : layout_.components)
        if (box.contains(world))
            return box.target;
    return {};
}

void ClusterMap::handleInput(ImVec2 canvasMin, ImVec2 canvasSize, Selection& selection) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetCursorScreenPos(canvasMin);
    ImGui::InvisibleButton("map", canvasSize, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
        pan_.x += io.MouseDelta.x / zoom_;
        pan_.y += io.MouseDelta.y / zoom_;
        userMoved_ = true;
    }
    if (hovered && io.MouseWheel != 0.0f) {
        // Zoom about the mouse: the world point under it stays under it.
        const ImVec2 before = transform_.toWorld(io.MousePos);
        zoom_ = std::clamp(zoom_ * std::pow(1.15f, io.MouseWheel), 0.15f * uiScale(), 4.0f * uiScale());
        pan_ = {(io.MousePos.x - canvasMin.x) / zoom_ - before.x, (io.MousePos.y - canvasMin.y) / zoom_ - before.y};
        userMoved_ = true;
    }
    transform_ = {{canvasMin.x + pan_.x * zoom_, canvasMin.y + pan_.y * zoom_}, zoom_};
    hovered_ = hovered ? hitTest(transform_.toWorld(io.MousePos)) : Selection{};
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 16.0f &&
        !ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        selection = hovered_;
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && hovered_.empty())
        userMoved_ = false;
}

// [SECTION] Drawing
namespace {

void drawCard(ImDrawList* dl, const MapTransform& t, const MapLayout::Box& box, ImU32 accent, bool selected, bool hovered) {
    const ImVec2 a = t.toScreen(box.min), b = t.toScreen(box.max);
    const float r = 6.0f * t.zoom;
    dl->AddRectFilled(a, b, colors::kCard, r);
    dl->AddRectFilled(a, {a.x + 4.0f * t.zoom, b.y}, accent, r, ImDrawFlags_RoundCornersLeft);
    dl->AddRect(a, b, selected ? colors::kSelected : hovered ? colors::kMuted : colors::kCardBorder, r, 0,
                selected ? 2.0f : 1.0f);
}

// Text at `world`, clipped to `clip` (world coordinates): ImGui's bitmap font is only readable
// near its own size, so text scales less than the map and is cut at the card's edge instead.
void drawText(ImDrawList* dl, const MapTransform& t, ImVec2 world, ImU32 color, const std::string& text, float scale = 1.0f,
              const MapLayout::Box* clip = nullptr) {
    if (t.zoom < 0.4f * uiScale())
        return;  // too small to read
    ImFont* font = ImGui::GetFont();
    // The bitmap font loses strokes (hyphens) at fractional sizes: it keeps its own size.
    const float size = ImGui::GetFontSize() * scale;
    if (!clip) {
        dl->AddText(font, size, t.toScreen(world), color, text.c_str());
        return;
    }
    const ImVec2 a = t.toScreen(clip->min), b = t.toScreen(clip->max);
    const ImVec4 rect{a.x, a.y, b.x - 4.0f, b.y};
    dl->AddText(font, size, t.toScreen(world), color, text.c_str(), nullptr, 0.0f, &rect);
}

// A hub's words: a count in its middle, its name under it and, close up, a detail line.
void drawHubText(ImDrawList* dl, const MapTransform& t, ImVec2 center, float radius, const std::string& count,
                 const std::string& name, const std::string& detail) {
    const ImVec2 c = t.toScreen(center);
    if (t.zoom > 0.5f * uiScale()) {
        const ImVec2 ts = ImGui::CalcTextSize(count.c_str());
        dl->AddText({c.x - ts.x * 0.5f, c.y - ts.y * 0.5f}, colors::kText, count.c_str());
    }
    const ImVec2 label{center.x - 60, center.y + radius + 4};
    drawText(dl, t, label, colors::kText, name);
    if (t.zoom >= kDetailZoom * uiScale())
        drawText(dl, t, {label.x, label.y + 15}, colors::kMuted, detail);
}

// "1 pod", "8 pods".
// "3 pods" ("3 个 Pod" in Chinese).
std::string pods(size_t n) {
    if (chineseUi())
        return std::to_string(n) + " 个 Pod";
    return std::to_string(n) + (n == 1 ? " pod" : " pods");
}

std::string ownerKey(const view::PodView& p) {
    if (p.owners.empty())
        return "";
    const view::OwnerRef& top = p.owners.back();
    return p.namespace_ + "/" + top.kind + "/" + top.name;
}

}  // namespace

void ClusterMap::drawComponents(ImDrawList* dl, const view::ClusterView& view, const Selection& selection) const {
    for (size_t i = 0; i < layout_.components.size(); ++i) {
        const MapLayout::Box& box = layout_.components[i];
        std::string name = "kubectl", detail = tr("you, in the terminal");
        bool running = true;
        if (i > 0 && i - 1 < view.controlPlane.size()) {
            const view::ComponentView& c = view.controlPlane[i - 1];
            name = c.name;
            detail = componentDetail(c.detail);
            running = c.running;
        }
        const ImU32 accent = i == 0 ? colors::kApiWrite : running ? colors::kRunning : colors::kFailing;
        drawCard(dl, transform_, box, accent, !box.target.empty() && box.target == selection,
                 !box.target.empty() && box.target == hovered_);
        drawText(dl, transform_, {box.min.x + 10, box.min.y + 4}, colors::kText, name, 1.0f, &box);
        if (transform_.zoom >= kDetailZoom * uiScale())
            drawText(dl, transform_, {box.min.x + 10, box.min.y + 19}, running ? colors::kMuted : colors::kFailing,
                     running ? detail : tr("stopped: ") + detail, 1.0f, &box);
    }
}

void ClusterMap::drawNodes(ImDrawList* dl, const Selection& selection, const std::string& highlightOwner) const {
    for (const MapLayout::NodeCard& card : layout_.nodes) {
        // Cards off the canvas cost nothing: with a hundred nodes most of them are.
        const ImVec2 a = transform_.toScreen(card.box.min), b = transform_.toScreen(card.box.max);
        if (b.x < canvasMin_.x || b.y < canvasMin_.y || a.x > canvasMin_.x + canvasSize_.x || a.y > canvasMin_.y + canvasSize_.y)
            continue;
        const view::NodeView* n = card.node;
        const ImU32 accent = !n ? colors::kProgressing : !n->ready ? colors::kFailing : n->cordoned ? colors::kProgressing : colors::kRunning;
        drawCard(dl, transform_, card.box, accent, !card.box.target.empty() && card.box.target == selection,
                 !card.box.target.empty() && card.box.target == hovered_);
        if (n) {
            std::string roles;
            for (const std::string& r : n->roles)
                roles += (roles.empty() ? "" : ",") + r;
            drawText(dl, transform_, {card.box.min.x + 10, card.box.min.y + 6}, colors::kText,
                     n->name + (roles.empty() ? "" : "  (" + roles + ")"), 1.0f, &card.box);
            if (transform_.zoom >= kDetailZoom * uiScale())
                drawText(dl, transform_, {card.box.min.x + 10, card.box.min.y + 23}, n->ready ? colors::kMuted : colors::kFailing,
                         n->status + "  " + n->internalIP + "  " + pods(card.pods.size()), 1.0f, &card.box);
        } else {
            drawText(dl, transform_, {card.box.min.x + 10, card.box.min.y + 6}, colors::kText, tr("unscheduled"), 1.0f, &card.box);
            if (transform_.zoom >= kDetailZoom * uiScale())
                drawText(dl, transform_, {card.box.min.x + 10, card.box.min.y + 23}, colors::kMuted,
                         chineseUi() ? pods(card.pods.size()) + tr(" wait for a node")
                                     : pods(card.pods.size()) + (card.pods.size() == 1 ? " waits" : " wait") + " for a node",
                         1.0f, &card.box);
        }
        if (card.aggregated) {
            // Counts per status category as a stacked bar with numbers.
            size_t counts[5] = {};
            for (const view::PodView* p : card.pods)
                ++counts[static_cast<int>(p->category)];
            const ImVec2 a = transform_.toScreen({card.box.min.x + 8, card.box.min.y + kNodeHeader});
            const float width = (kNodeW - 16) * transform_.zoom;
            float cursor = a.x;
            std::string legend;
            static const char* names[] = {"running", "progressing", "failing", "terminating", "completed"};
            for (int c = 0; c < 5; ++c) {
                if (!counts[c])
                    continue;
                const float w = width * static_cast<float>(counts[c]) / static_cast<float>(card.pods.size());
                dl->AddRectFilled({cursor, a.y}, {cursor + w, a.y + 16 * transform_.zoom}, colors::forCategory(static_cast<view::StatusCategory>(c)));
                cursor += w;
                legend += std::to_string(counts[c]) + " " + tr(names[c]) + "  ";
            }
            drawText(dl, transform_, {card.box.min.x + 8, card.box.min.y + kNodeHeader + 22}, colors::kMuted, legend, 1.0f, &card.box);
            continue;
        }
        for (const MapLayout::Chip& chip : card.chips) {
            const view::PodView& p = *chip.pod;
            ImGui::PushID(p.uid.c_str());
            const ImVec2 a = transform_.toScreen(chip.box.min), b = transform_.toScreen(chip.box.max);
            const float r = 4.0f * transform_.zoom;
            ImU32 fill = colors::forCategory(p.category);
            if (p.namespace_ == "kube-system")
                fill = (fill & 0x00FFFFFF) | (static_cast<ImU32>(150) << IM_COL32_A_SHIFT);  // system pods are dimmer
            dl->AddRectFilled(a, b, fill, r);
            // Readiness: a strip along the bottom, filled by ready/total containers.
            const float strip = 4.0f * transform_.zoom;
            dl->AddRectFilled({a.x, b.y - strip}, b, IM_COL32(0, 0, 0, 120), r, ImDrawFlags_RoundCornersBottom);
            float readyFill = 0;
            if (p.totalContainers > 0 && p.readyContainers > 0) {
                readyFill = static_cast<float>(p.readyContainers) / static_cast<float>(p.totalContainers);
                dl->AddRectFilled({a.x, b.y - strip}, {a.x + (b.x - a.x) * readyFill, b.y}, IM_COL32(255, 255, 255, 200), r,
                                  ImDrawFlags_RoundCornersBottom);
            }
            if (drawnChipCount_ == drawnChips_.size())
                drawnChips_.emplace_back();
            DrawnChip& drawn = drawnChips_[drawnChipCount_++];
            drawn.pod.assign(p.namespace_).append("/").append(p.name);
            drawn.fill = fill;
            drawn.restartBadge = false;
            drawn.badgeText.clear();
            drawn.readyFill = readyFill;
            const bool sameOwner = !highlightOwner.empty() && ownerKey(p) == highlightOwner;
            const bool selected = chip.box.target == selection;
            if (selected || chip.box.target == hovered_ || sameOwner)
                dl->AddRect(a, b, selected ? colors::kSelected : IM_COL32(255, 255, 255, 140), r, 0, selected ? 2.5f : 1.5f);
            if (p.restarts > 0) {  // restart badge
                const ImVec2 c{b.x - 1.0f * transform_.zoom, a.y + 1.0f * transform_.zoom};
                dl->AddCircleFilled(c, 6.5f * transform_.zoom, colors::kFailing);
                drawn.restartBadge = true;
                const std::string n = p.restarts > 9 ? "9+" : std::to_string(p.restarts);
                if (transform_.zoom > 0.6f * uiScale()) {
                    const float size = ImGui::GetFontSize();
                    const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, n.c_str());
                    dl->AddText(ImGui::GetFont(), size, {c.x - ts.x * 0.5f, c.y - ts.y * 0.5f}, IM_COL32_WHITE, n.c_str());
                    drawn.badgeText = n;
                }
            }
            ImGui::PopID();
        }
    }
}

void ClusterMap::drawServices(ImDrawList* dl, const Selection& selection) const {
    for (const MapLayout::Hub& hub : layout_.hubs) {
        const view::ServiceView& s = *hub.service;
        const ImVec2 c = transform_.toScreen(hub.center);
        const bool selected = selection.is("service", s.namespace_, s.name);
        // Wires to the endpoint pods: solid for ready, thin and dimmer for not ready.
        for (const view::EndpointView& e : s.endpoints) {
            auto it = layout_.podCenters.find(s.namespace_ + "/" + e.pod);
            if (it == layout_.podCenters.end())
                continue;
            const ImU32 color = e.ready ? (selected ? IM_COL32(190, 150, 255, 230) : IM_COL32(160, 110, 240, 120))
                                        : IM_COL32(230, 120, 60, selected ? 230 : 120);
            dl->AddLine(c, transform_.toScreen(it->second), color, (e.ready ? 2.0f : 1.0f) * std::max(transform_.zoom, 0.5f));
        }
        if (s.namespace_ == "default" && s.name == "kubernetes") {  // its endpoint is kube-apiserver
            auto it = layout_.componentCenters.find("kube-apiserver");
            if (it != layout_.componentCenters.end())
                dl->AddLine(c, transform_.toScreen(it->second), IM_COL32(160, 110, 240, 70), 1.0f);
        }
        dl->AddCircleFilled(c, hub.radius * transform_.zoom, colors::kCard);
        dl->AddCircle(c, hub.radius * transform_.zoom, selected ? colors::kSelected : colors::kService, 0, selected ? 3.0f : 2.0f);
        size_t ready = 0;
        for (const view::EndpointView& e : s.endpoints)
            ready += e.ready ? 1 : 0;
        drawHubText(dl, transform_, hub.center, hub.radius,
                    std::to_string(ready) + "/" + std::to_string(s.endpoints.size()), s.name, s.type + " " + s.ports);
    }
}

void ClusterMap::drawIngresses(ImDrawList* dl, const Selection& selection) const {
    for (const MapLayout::IngressHub& hub : layout_.ingresses) {
        const IngressView& ing = *hub.ingress;
        const ImVec2 c = transform_.toScreen(hub.center);
        const bool selected = selection.is("ingress", ing.namespace_, ing.name);
        const float r = hub.radius * transform_.zoom;
        // Routes: a line to each backend Service's hub, labelled host/path half-way.
        for (const IngressRoute& route : ing.routes) {
            auto it = layout_.serviceCenters.find(ing.namespace_ + "/" + route.service);
            if (it == layout_.serviceCenters.end())
                continue;
            const ImVec2 to = transform_.toScreen(it->second);
            dl->AddLine(c, to, selected ? colors::kIngress : (colors::kIngress & 0x00FFFFFF) | (140u << IM_COL32_A_SHIFT),
                        (selected ? 2.5f : 1.5f) * std::max(transform_.zoom, 0.5f));
            if (transform_.zoom >= kDetailZoom * uiScale()) {
                const std::string label = (route.host.empty() ? "*" : route.host) + route.path;
                const ImVec2 mid{(hub.center.x + it->second.x) * 0.5f + 4, (hub.center.y + it->second.y) * 0.5f - 8};
                drawText(dl, transform_, mid, colors::kMuted, label);
            }
        }
        dl->AddRectFilled({c.x - r, c.y - r}, {c.x + r, c.y + r}, colors::kCard, 4.0f * transform_.zoom);
        dl->AddRect({c.x - r, c.y - r}, {c.x + r, c.y + r}, selected ? colors::kSelected : colors::kIngress, 4.0f * transform_.zoom, 0,
                    selected ? 3.0f : 2.0f);
        drawHubText(dl, transform_, hub.center, hub.radius, std::to_string(ing.routes.size()), ing.name,
                    "Ingress" + (ing.className.empty() ? std::string() : " (" + ing.className + ")"));
    }
}

void ClusterMap::drawLegend(ImDrawList* dl, ImVec2 canvasMin, ImVec2 canvasSize) const {
    struct Entry {
        ImU32 color;
        const char* label;
    };
    static const Entry entries[] = {{colors::kRunning, "Running"}, {colors::kProgressing, "Pending / creating"},
                                    {colors::kFailing, "Error / back-off"}, {colors::kTerminating, "Terminating"},
                                    {colors::kCompleted, "Completed"}, {colors::kService, "Service"},
                                    {colors::kIngress, "Ingress"},   {colors::kTraffic, "traffic"}};
    const float s = uiScale();
    ImVec2 p{canvasMin.x + 8 * s, canvasMin.y + canvasSize.y - 22 * s};
    for (const Entry& e : entries) {
        // A narrow canvas: the next entries go on a row above.
        if (p.x > canvasMin.x + 8 * s && p.x + 16 * s + ImGui::CalcTextSize(tr(e.label)).x > canvasMin.x + canvasSize.x - 8 * s)
            p = {canvasMin.x + 8 * s, p.y - 18 * s};
        dl->AddRectFilled(p, {p.x + 12 * s, p.y + 12 * s}, e.color, 3.0f * s);
        dl->AddText({p.x + 16 * s, p.y - 1 * s}, colors::kMuted, tr(e.label));
        p.x += 24 * s + ImGui::CalcTextSize(tr(e.label)).x;
    }
}

void ClusterMap::drawTooltip(const view::ClusterView& view) const {
    if (hovered_.kind != "pod")
        return;
    const view::PodView* p = view.findPod(hovered_.namespace_, hovered_.name);
    if (!p)
        return;
    ImGui::BeginTooltip();
    ImGui::Text("%s/%s", p->namespace_.c_str(), p->name.c_str());
    ImGui::TextColored(colors::toVec4(colors::forCategory(p->category)), "%s", p->status.c_str());
    ImGui::Text(tr("ready %s   restarts %lld"), p->ready.c_str(), static_cast<long long>(p->restarts));
    for (const view::OwnerRef& o : p->owners)
        ImGui::TextDisabled("%s %s %s", tr("owned by"), o.kind.c_str(), o.name.c_str());
    ImGui::EndTooltip();
}

void ClusterMap::drawContents(const view::ClusterView& view, const std::vector<IngressView>& ingresses, uint64_t generation,
                              Selection& selection, double now) {
    drawnChipCount_ = 0;
    ImGui::Checkbox("kube-system", &showSystem_);
    ImGui::SameLine();
    if (ImGui::SmallButton(trId("fit").c_str()))
        userMoved_ = false;
    ImGui::SameLine();
    ImGui::TextDisabled(tr("%zu pods"), view.podCount());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr("Drag to pan, wheel to zoom, click a card or a pod to inspect it, double-click empty space to fit."));

    if (generation != layoutGeneration_ || showSystem_ != layoutShowSystem_ || layout_.components.empty()) {
        layout_ = layoutCluster(view, ingresses, showSystem_);
        layoutGeneration_ = generation;
        layoutShowSystem_ = showSystem_;
    }
    const ImVec2 canvasMin = ImGui::GetCursorScreenPos();
    const ImVec2 canvasSize = ImGui::GetContentRegionAvail();
    canvasMin_ = canvasMin;
    canvasSize_ = canvasSize;
    if (canvasSize.x < 10 || canvasSize.y < 10)
        return;
    if (!userMoved_)
        fit(canvasSize);
    handleInput(canvasMin, canvasSize, selection);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(canvasMin, {canvasMin.x + canvasSize.x, canvasMin.y + canvasSize.y}, true);
    effects_.queueGrid(dl, transform_, now);
    // Ownership: hovering or selecting a pod outlines its Deployment's other pods.
    std::string highlightOwner;
    const Selection& focus = hovered_.kind == "pod" ? hovered_ : selection;
    if (focus.kind == "pod")
        if (const view::PodView* p = view.findPod(focus.namespace_, focus.name))
            highlightOwner = ownerKey(*p);
    drawComponents(dl, view, selection);
    drawNodes(dl, selection, highlightOwner);
    drawServices(dl, selection);
    drawIngresses(dl, selection);
    effects_.queueFlows(dl, transform_, now);
    drawLegend(dl, canvasMin, canvasSize);
    dl->PopClipRect();
    drawTooltip(view);
}

bool ClusterMap::podScreenPosition(const std::string& ns, const std::string& name, ImVec2& out) const {
    auto it = layout_.podCenters.find(ns + "/" + name);
    if (it == layout_.podCenters.end())
        return false;
    out = transform_.toScreen(it->second);
    return true;
}

// [SECTION] Flows
ImVec2 ClusterMap::actorPosition(const std::string& actor) const {
    auto component = [&](const char* name) {
        auto it = layout_.componentCenters.find(name);
        return it != layout_.componentCenters.end() ? it->second : ImVec2{0, 0};
    };
    if (actor.find("scheduler") != std::string::npos)
        return component("kube-scheduler");
    if (actor.rfind("kubelet", 0) == 0) {
        const size_t slash = actor.find('/');
        if (slash != std::string::npos) {
            auto it = layout_.nodeCenters.find(actor.substr(slash + 1));
            if (it != layout_.nodeCenters.end())
                return it->second;
        }
        return layout_.nodeCenters.empty() ? component("kube-apiserver") : layout_.nodeCenters.begin()->second;
    }
    if (actor.find("controller") != std::string::npos || actor.find("garbage-collector") != std::string::npos)
        return component("kube-controller-manager");
    if (actor.find("kube-proxy") != std::string::npos)
        return component("kube-proxy");
    return component("kubectl");
}

void ClusterMap::animate(const EventLog& log, double now) {
    const EventLog::Records& records = log.records();
    if (records.empty() || log.lastSeq() == lastSeq_)
        return;
    if (log.lastSeq() < lastSeq_)
        lastSeq_ = 0;  // the log was cleared (minikube delete)
    // At most the last 48 writes of a frame: a burst (minikube start) would only blur together.
    size_t first = records.size();
    while (first > 0 && records[first - 1].seq > lastSeq_ && records.size() - first < 48)
        --first;
    lastSeq_ = log.lastSeq();
    auto apiserver = layout_.componentCenters.find("kube-apiserver");
    if (apiserver == layout_.componentCenters.end())
        return;
    for (size_t i = first; i < records.size(); ++i) {
        const LogRecord& r = records[i];
        if (r.type == "flow") {
            animateTraffic(r, now);
            continue;
        }
        if (r.type != "api-write")
            continue;
        effects_.addFlow(actorPosition(r.actor), apiserver->second, colors::kApiWrite, now);
        ++apiWriteFlows_;
        if (r.detail.starts_with("binding to ")) {
            auto node = layout_.nodeCenters.find(r.detail.str().substr(11));
            if (node != layout_.nodeCenters.end()) {
                effects_.addFlow(layout_.componentCenters["kube-scheduler"], node->second, colors::kScheduling, now);
                ++schedulingFlows_;
            }
        }
    }
}

// Where traffic from `ip` starts: a pod's chip, else the learner's laptop (curl in the terminal,
// the browser through minikube service or tunnel).
ImVec2 ClusterMap::clientPosition(const std::string& ip) const {
    auto pod = layout_.podsByIP.find(ip);
    if (pod != layout_.podsByIP.end())
        return pod->second;
    auto laptop = layout_.componentCenters.find("kubectl");
    return laptop != layout_.componentCenters.end() ? laptop->second : ImVec2{0, 0};
}

// A `flow` record (engine/network/traffic.cpp): "dns" lookups go from the client to coredns;
// "http" requests and "tcp" connections go from the client (the apiserver for a webhook call) to
// the Service (or, for the ingress controller's hop, from the Ingress) and then on to the endpoint
// pod that answered (`pod=ns/name` in the detail).
void ClusterMap::animateTraffic(const LogRecord& r, double now) {
    ++trafficFlows_;
    const std::string& detail = r.detail.str();
    auto field = [&](const char* key) {
        const std::string k = std::string(key) + "=";
        size_t at = detail.rfind(" " + k);
        at = at == std::string::npos ? (detail.rfind(k, 0) == 0 ? 0 : std::string::npos) : at + 1;
        if (at == std::string::npos)
            return std::string();
        const size_t start = at + k.size();
        return detail.substr(start, detail.find(' ', start) - start);
    };
    if (r.verb == "dns") {
        auto coredns = layout_.componentCenters.find("coredns");
        if (coredns == layout_.componentCenters.end())
            return;
        effects_.addFlow(clientPosition(r.actor), coredns->second, colors::kDns, now);
        ++dnsFlows_;
        auto client = layout_.podKeysByIP.find(r.actor);
        lastDnsClient_ = client != layout_.podKeysByIP.end() ? client->second : "kubectl";
        return;
    }
    if (r.verb != "http" && r.verb != "tcp")
        return;
    const std::string key = r.namespace_.str() + "/" + r.name.str();
    ImVec2 hop;
    bool viaHub = false;
    if (r.resource == "services") {
        auto it = layout_.serviceCenters.find(key);
        viaHub = it != layout_.serviceCenters.end();
        if (viaHub)
            hop = it->second;
    } else if (r.resource == "ingresses.networking.k8s.io") {
        auto it = layout_.ingressCenters.find(key);
        viaHub = it != layout_.ingressCenters.end();
        if (viaHub)
            hop = it->second;
    }
    // An admission webhook call leaves the apiserver (its actor is the control-plane node's IP).
    auto apiserver = layout_.componentCenters.find("kube-apiserver");
    const bool webhook = !field("webhook").empty() && apiserver != layout_.componentCenters.end();
    const ImVec2 from = webhook                                        ? apiserver->second
                        : r.resource == "ingresses.networking.k8s.io" ? clientPosition(field("src"))
                                                                      : clientPosition(r.actor);
    auto pod = layout_.podCenters.find(field("pod"));
    const bool reached = pod != layout_.podCenters.end();
    if (!viaHub) {
        if (reached)
            effects_.addFlow(from, pod->second, colors::kTraffic, now);
        return;
    }
    effects_.addFlow(from, hop, colors::kTraffic, now);
    if (reached)  // the second leg leaves the hub as the first arrives
        effects_.addFlow(hop, pod->second, colors::kTraffic, now + MapEffects::kFlowSeconds * 0.8);
}

}  // namespace kp::web
