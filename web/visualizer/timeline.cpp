#include "visualizer/timeline.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "imgui_internal.h"  // ClearActiveID
#include "visualizer/colors.h"
#include "visualizer/strings.h"

namespace kp::web {

std::string Timeline::clockTime(Time t) {
    const int64_t seconds = t.ms / 1000;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600 % 24),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    return buf;
}

namespace {

// "pod/web-1" -> the selection kubectl would understand ("pod", ns, "web-1").
Selection selectionOf(const view::EventView& e) {
    std::string kind = e.object.substr(0, e.object.find('/'));
    return {kind, kind == "node" ? "" : e.namespace_, e.name};
}

}  // namespace

void Timeline::drawEvents(const view::ClusterView& view, Selection& selection) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("events", 4, flags))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("time"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00:00:00").x);
    ImGui::TableSetupColumn(tr("reason"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("FailedScheduling").x);
    ImGui::TableSetupColumn(tr("object"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("pod/hello-minikube-").x);
    ImGui::TableSetupColumn(tr("message"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < view.events.size(); ++i) {
        const view::EventView& e = view.events[i];
        if (warningsOnly_ && e.type != "Warning")
            continue;
        const std::string line = e.reason + " " + e.object + " " + e.message + " " + e.source;
        if (!filter_.PassFilter(line.c_str()))
            continue;
        ++shownRows_;
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const Selection target = selectionOf(e);
        if (ImGui::Selectable(clockTime(e.time).c_str(), target == selection, ImGuiSelectableFlags_SpanAllColumns))
            selection = target;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s %s %s (x%lld, from %s)\n%s", e.type.c_str(), e.reason.c_str(), e.object.c_str(),
                              static_cast<long long>(e.count), e.source.c_str(), e.message.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(colors::toVec4(e.type == "Warning" ? colors::kFailing : colors::kText), "%s", e.reason.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.object.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.message.c_str());
        ImGui::PopID();
    }
    if (view.events.size() != shownEvents_) {
        ImGui::SetScrollHereY(1.0f);
        shownEvents_ = view.events.size();
    }
    ImGui::EndTable();
}

bool onTab(const LogRecord& record, LogTab tab) {
    switch (tab) {
    case LogTab::Writes:
        return record.type == "api-write";
    case LogTab::Scheduling:
        return record.type == "api-write" && (record.actor == "kube-scheduler" || record.actor == "default-scheduler");
    case LogTab::Traffic:
        return record.type == "flow";
    }
    return false;
}

std::vector<const LogRecord*> tabRecords(const EventLog& log, LogTab tab, size_t limit) {
    std::vector<const LogRecord*> out;
    const EventLog::Records& records = log.records();
    for (auto it = records.rbegin(); it != records.rend() && out.size() < limit; ++it)
        if (onTab(*it, tab))
            out.push_back(&*it);
    std::reverse(out.begin(), out.end());
    return out;
}

std::string recordObject(const LogRecord& r) {
    std::string object = r.resource.str() + "/";
    if (!r.namespace_.empty())
        object += r.namespace_.str() + "/";
    object += r.name.str();
    return object;
}

const std::vector<size_t>& TabMatches::update(const EventLog& log, LogTab tab, const ImGuiTextFilter& filter) {
    const EventLog::Records& records = log.records();
    // Another log (a past cluster while scrubbing, the laptop an undo replayed), a cleared one,
    // or another filter text: look through the whole log again.
    const bool sameLog = scanned_ == 0 || (scanned_ <= records.size() && &records[scanned_ - 1] == lastScanned_);
    if (!sameLog || filterText_ != filter.InputBuf) {
        matches_.clear();
        scanned_ = 0;
        filterText_ = filter.InputBuf;
    }
    const bool textFilter = filter.IsActive();
    for (size_t i = scanned_; i < records.size(); ++i) {
        const LogRecord& r = records[i];
        if (!onTab(r, tab))
            continue;
        if (textFilter) {
            line_.assign(r.actor.str()).append(" ").append(r.verb.str()).append(" ").append(recordObject(r));
            line_.append(" ").append(r.detail.str());
            if (!filter.PassFilter(line_.c_str(), line_.c_str() + line_.size()))
                continue;
        }
        matches_.push_back(i);
    }
    scanned_ = records.size();
    lastScanned_ = records.empty() ? nullptr : &records.back();
    return matches_;
}

void Timeline::drawLog(const EventLog& log, LogTab tab) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    const std::vector<size_t>& matches = matches_[static_cast<int>(tab)].update(log, tab, filter_);
    matchedRows_ = matches.size();
    if (!ImGui::BeginTable("log", 5, flags))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("time"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00:00:00").x);
    ImGui::TableSetupColumn(tr("who"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("deployment-controll").x);
    ImGui::TableSetupColumn(tr("verb"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("update").x);
    ImGui::TableSetupColumn(tr("object"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tab == LogTab::Traffic ? tr("detail") : tr("rv / detail"), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("1234 status").x);
    ImGui::TableHeadersRow();
    // The newest kMaxLogRows matches: the log of a long session is long.
    const EventLog::Records& records = log.records();
    const size_t first = matches.size() > kMaxLogRows ? matches.size() - kMaxLogRows : 0;
    shownLineCount_ = matches.size() - first;
    if (shownLines_.size() < shownLineCount_)
        shownLines_.resize(shownLineCount_);
    for (size_t m = first; m < matches.size(); ++m) {
        const LogRecord& r = records[matches[m]];
        const std::string object = recordObject(r);
        shownLines_[m - first].assign(r.actor.str()).append(" ").append(r.verb.str()).append(" ").append(object);
        if (!r.detail.empty())
            shownLines_[m - first].append(" ").append(r.detail.str());
        ++shownRows_;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(clockTime(r.time).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.actor.str().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.verb.str().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(object.c_str());
        ImGui::TableNextColumn();
        if (tab == LogTab::Traffic)
            ImGui::TextUnformatted(r.detail.str().c_str());
        else
            ImGui::Text("%lld %s", static_cast<long long>(r.resourceVersion), r.detail.str().c_str());
    }
    uint64_t& shown = shownSeq_[static_cast<int>(tab)];
    if (log.lastSeq() != shown) {
        ImGui::SetScrollHereY(1.0f);
        shown = log.lastSeq();
    }
    ImGui::EndTable();
}

// [<] [=====o====== 10:03:07] [>] [live]: the slider spans the session, from its start to the live
// time. It replays when released, not at every pixel of a drag (going back replays from the
// start).
void Timeline::drawScrub(TimeTravel& travel) {
    const int64_t lo = travel.start().ms;
    const int64_t hi = std::max(lo, travel.liveNow().ms);
    const bool refused = travel.tooBigToReplay();
    ImGui::BeginDisabled(refused);
    if (ImGui::ArrowButton("back", ImGuiDir_Left))
        travel.stepBack();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr("Back to the previous moment something happened"));
    ImGui::SameLine();
    const float buttons = ImGui::GetFrameHeight() + ImGui::CalcTextSize(tr("live")).x + ImGui::GetStyle().FramePadding.x * 2 +
                          ImGui::GetStyle().ItemSpacing.x * 2;
    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - buttons));
    if (!scrubbing_)
        scrubMs_ = travel.viewingPast() ? travel.target().ms : travel.liveNow().ms;
    scrubMs_ = std::clamp(scrubMs_, lo, hi);
    // A format without '%' is shown as is: the clock time of the slider's value.
    const std::string label = clockTime(Time{scrubMs_}) + (travel.viewingPast() ? "" : std::string("  (") + tr("live") + ")");
    ImGui::SliderScalar("##scrub", ImGuiDataType_S64, &scrubMs_, &lo, &hi, label.c_str());
    scrubbing_ = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit())
        travel.seek(Time{scrubMs_});
    scrubMin_ = ImGui::GetItemRectMin();
    scrubMax_ = ImGui::GetItemRectMax();
    ImGui::EndDisabled();  // the tooltip says why at full strength
    scrubDisabled_ = refused;
    scrubTooltip_ = "";
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        scrubTooltip_ = refused ? tr("This cluster is too big to replay within the page's memory")
                                : tr("Drag back to see the cluster as it was then");
        ImGui::SetTooltip("%s", scrubTooltip_);
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(refused);
    if (ImGui::ArrowButton("forward", ImGuiDir_Right))
        travel.stepForward();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr("Step forward to the next moment something happened"));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!travel.viewingPast());
    if (ImGui::SmallButton(trId("live").c_str()))
        travel.backToLive();
    ImGui::EndDisabled();
}

void Timeline::drawContents(const view::ClusterView& view, const EventLog& log, Selection& selection, TimeTravel& travel) {
    drawScrub(travel);
    if (requested_) {
        // A box being typed in keeps its own copy of the text: let go of it first.
        ImGui::ClearActiveID();
        std::snprintf(filter_.InputBuf, sizeof filter_.InputBuf, "%s", requestedFilter_.c_str());
        filter_.Build();
    }
    filter_.Draw(trId("filter").c_str(), std::max(80.0f, ImGui::GetContentRegionAvail().x - 190.0f));
    filterMin_ = ImGui::GetItemRectMin();
    filterMax_ = ImGui::GetItemRectMax();
    shownRows_ = 0;
    matchedRows_ = 0;
    shownLineCount_ = 0;
    ImGui::SameLine();
    ImGui::Checkbox(trId("warnings only").c_str(), &warningsOnly_);
    if (!ImGui::BeginTabBar("timeline"))
        return;
    // A tab asked for by show() comes to the front in this frame.
    auto tabFlags = [&](const char* name) {
        return requested_ && requestedTab_ == name ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    if (ImGui::BeginTabItem(trId("Events").c_str(), nullptr, tabFlags("events"))) {
        shownTab_ = "events";
        drawEvents(view, selection);
        matchedRows_ = shownRows_;
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(trId("API writes").c_str(), nullptr, tabFlags("writes"))) {
        shownTab_ = "writes";
        drawLog(log, LogTab::Writes);
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(trId("Scheduling").c_str(), nullptr, tabFlags("scheduling"))) {
        shownTab_ = "scheduling";
        drawLog(log, LogTab::Scheduling);
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(trId("Traffic").c_str(), nullptr, tabFlags("traffic"))) {
        shownTab_ = "traffic";
        drawLog(log, LogTab::Traffic);
        ImGui::EndTabItem();
    }
    requested_ = false;
    ImGui::EndTabBar();
}

}  // namespace kp::web
