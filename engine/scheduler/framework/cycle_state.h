// CycleState: per-attempt scratch space. PreFilter/PreScore write what Filter/Score read; the
// preemption dry run clones it per node and edits the clone through AddPod/RemovePod.
// Upstream: pkg/scheduler/framework/cycle_state.go.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace kp::scheduler::framework {

struct StateData {
    virtual ~StateData() = default;
    virtual std::unique_ptr<StateData> clone() const = 0;
};

class CycleState {
public:
    explicit CycleState(size_t slots = 0) : data_(slots) {}
    CycleState(CycleState&&) = default;
    CycleState& operator=(CycleState&&) = default;

    template <class T>
    T* read(size_t slot) const {
        return slot < data_.size() ? static_cast<T*>(data_[slot].get()) : nullptr;
    }
    void write(size_t slot, std::unique_ptr<StateData> d) {
        if (slot >= data_.size())
            data_.resize(slot + 1);
        data_[slot] = std::move(d);
    }
    CycleState clone() const {
        CycleState c(data_.size());
        for (size_t i = 0; i < data_.size(); ++i)
            if (data_[i])
                c.data_[i] = data_[i]->clone();
        c.skipFilter = skipFilter;
        c.skipScore = skipScore;
        return c;
    }

    // Bit i = the plugin at registry index i skipped Filter / Score for this pod.
    uint64_t skipFilter = 0;
    uint64_t skipScore = 0;

private:
    std::vector<std::unique_ptr<StateData>> data_;
};

}  // namespace kp::scheduler::framework
