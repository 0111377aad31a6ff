#include "scheduler/framework/framework.h"

#include <bit>
#include <string>

namespace kp::scheduler::framework {

Framework::Framework(const Handle& handle, std::vector<Entry> plugins) : plugins_(std::move(plugins)) {
    for (size_t i = 0; i < plugins_.size(); ++i) {
        plugins_[i].plugin->bind(i, &handle);
        if (plugins_[i].plugin->points() & kFilter)
            filterMask_ |= 1ull << i;
    }
}

PreFilterOutcome Framework::runPreFilterPlugins(CycleState& state, const PodInfo& pod) const {
    // Upstream: runtime/framework.go#RunPreFilterPlugins.
    PreFilterOutcome out;
    state.skipFilter = 0;
    for (size_t i = 0; i < plugins_.size(); ++i) {
        Plugin& pl = *plugins_[i].plugin;
        if (!(pl.points() & kPreFilter))
            continue;
        PreFilterResult r;
        Status s = pl.preFilter(state, pod, r);
        if (s.isSkip()) {
            state.skipFilter |= 1ull << i;
            continue;
        }
        if (!s.isSuccess()) {
            s.withPlugin(pl.name());
            if (s.code() == Code::UnschedulableAndUnresolvable) {
                out.status = std::move(s);
                return out;
            }
            if (s.code() == Code::Unschedulable) {
                out.status = std::move(s);  // keep running: preemption needs every PreFilter state
                continue;
            }
            out.status = Status::error("running PreFilter plugin \"" + std::string(pl.name()) + "\": " + s.message());
            out.status.withPlugin(pl.name());
            return out;
        }
        if (!r.nodeNames)
            continue;
        out.pluginsWithNodes.push_back(pl.name());
        if (!out.result.nodeNames) {
            out.result.nodeNames = std::move(r.nodeNames);
        } else {
            std::set<std::string> both;
            for (const std::string& n : *out.result.nodeNames)
                if (r.nodeNames->count(n))
                    both.insert(n);
            out.result.nodeNames = std::move(both);
        }
        if (out.result.nodeNames->empty()) {
            std::string msg;
            if (out.pluginsWithNodes.size() == 1) {
                msg = "node(s) didn't satisfy plugin " + std::string(out.pluginsWithNodes[0]);
            } else {
                msg = "node(s) didn't satisfy plugin(s) [";
                for (size_t k = 0; k < out.pluginsWithNodes.size(); ++k)
                    msg += (k ? " " : "") + std::string(out.pluginsWithNodes[k]);
                msg += "] simultaneously";
            }
            out.status = Status::unresolvable(msg);
            return out;
        }
    }
    return out;
}

Status Framework::runFilterPlugins(const CycleState& state, const PodInfo& pod, const NodeInfo& node) const {
    // Called for every node: the plugins to run are the bits of a mask, in registry order.
    for (uint64_t todo = filterMask_ & ~state.skipFilter; todo; todo &= todo - 1) {
        const size_t i = static_cast<size_t>(std::countr_zero(todo));
        const Plugin& pl = *plugins_[i].plugin;
        Status s = pl.filter(state, pod, node);
        if (s.isSuccess())
            continue;
        if (!s.isRejected())
            s = Status::error("running \"" + std::string(pl.name()) + "\" filter plugin: " + s.message());
        s.withPlugin(pl.name());
        return s;
    }
    return {};
}

void Framework::runPreFilterExtensionAddPod(CycleState& state, const PodInfo& toSchedule, const PodInfo& added,
                                            const NodeInfo& node) const {
    for (size_t i = 0; i < plugins_.size(); ++i)
        if ((plugins_[i].plugin->points() & kPreFilter) && !(state.skipFilter >> i & 1))
            plugins_[i].plugin->addPod(state, toSchedule, added, node);
}

void Framework::runPreFilterExtensionRemovePod(CycleState& state, const PodInfo& toSchedule, const PodInfo& removed,
                                               const NodeInfo& node) const {
    for (size_t i = 0; i < plugins_.size(); ++i)
        if ((plugins_[i].plugin->points() & kPreFilter) && !(state.skipFilter >> i & 1))
            plugins_[i].plugin->removePod(state, toSchedule, removed, node);
}

Status Framework::runPreScorePlugins(CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>& nodes) const {
    state.skipScore = 0;
    for (size_t i = 0; i < plugins_.size(); ++i) {
        Plugin& pl = *plugins_[i].plugin;
        if (!(pl.points() & kScore))
            continue;
        if (!(pl.points() & kPreScore))
            continue;
        Status s = pl.preScore(state, pod, nodes);
        if (s.isSkip()) {
            state.skipScore |= 1ull << i;
            continue;
        }
        if (!s.isSuccess())
            return Status::error("running PreScore plugin \"" + std::string(pl.name()) + "\": " + s.message());
    }
    return {};
}

void Framework::runScorePlugins(const CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>& nodes,
                                ScoreResult& out) const {
    // Upstream: runtime/framework.go#RunScorePlugins.
    // `out` is the scheduler's, kept between attempts: its vectors are reused, not reallocated.
    out.status = Status();
    out.totals.assign(nodes.size(), 0);
    std::vector<NodeScore>& scratch = scoreScratch_;
    scratch.resize(nodes.size());
    size_t used = 0;
    for (size_t i = 0; i < plugins_.size(); ++i) {
        const Plugin& pl = *plugins_[i].plugin;
        if (!(pl.points() & kScore) || (state.skipScore >> i & 1))
            continue;
        if (out.plugins.size() <= used)
            out.plugins.emplace_back();
        PluginScores& ps = out.plugins[used];
        ps.plugin = i;
        ps.weight = plugins_[i].weight;
        ps.raw.resize(nodes.size());
        // Plain pointers: the loops run per node, and a virtual call in between would make the
        // compiler reload every vector's data pointer.
        const size_t count = nodes.size();
        NodeInfo* const* nodeList = nodes.data();
        int64_t* raw = ps.raw.data();
        NodeScore* scr = scratch.data();
        for (size_t n = 0; n < count; ++n) {
            int64_t v = pl.score(state, pod, *nodeList[n]);
            raw[n] = v;
            scr[n] = {nodeList[n], v};
        }
        if (pl.points() & kNormalizeScore)
            pl.normalizeScore(state, pod, scratch);
        ps.normalized.resize(count);
        int64_t* normalized = ps.normalized.data();
        int64_t* totals = out.totals.data();
        const int64_t weight = ps.weight;
        for (size_t n = 0; n < count; ++n) {
            int64_t v = scr[n].score;
            if (v > kMaxNodeScore || v < kMinNodeScore) {
                out.plugins.resize(used);
                out.status = Status::error("plugin \"" + std::string(pl.name()) + "\" returns an invalid score " +
                                           std::to_string(v) + ", it should in the range of [0, 100] after normalizing");
                return;
            }
            normalized[n] = v;
            totals[n] += v * weight;
        }
        ++used;
    }
    out.plugins.resize(used);
}

std::vector<std::pair<size_t, ClusterEvent>> Framework::eventsToRegister() const {
    std::vector<std::pair<size_t, ClusterEvent>> out;
    for (size_t i = 0; i < plugins_.size(); ++i)
        for (const ClusterEvent& e : plugins_[i].plugin->eventsToRegister())
            out.emplace_back(i, e);
    return out;
}

size_t Framework::indexOf(std::string_view name) const {
    for (size_t i = 0; i < plugins_.size(); ++i)
        if (plugins_[i].plugin->name() == name)
            return i;
    return plugins_.size();
}

std::string ClusterEvent::label() const {
    std::string r;
    switch (resource) {
    case EventResource::Pod: r = "Pod"; break;
    case EventResource::AssignedPod: r = "AssignedPod"; break;
    case EventResource::UnscheduledPod: r = "UnscheduledPod"; break;
    case EventResource::Node: r = "Node"; break;
    }
    if (actions == kAdd)
        return r + "Add";
    if (actions == kDelete)
        return r + "Delete";
    if (actions & (kUpdateNodeTaint | kUpdateNodeLabel | kUpdateNodeAllocatable | kUpdateNodeCondition |
                   kUpdateNodeAnnotation))
        return r + "Change";
    return r + "Update";
}

}  // namespace kp::scheduler::framework
