// The page's one session: the learner's laptop (the cluster, the home folder, the terminal tabs
// and the journal that rebuilds them; engine/cli/laptop.h), and the checkpoints that undo and the
// timeline's scrub carry on from. Every JavaScript binding (engine_bridge.cpp, lesson_bridge.cpp,
// the visualizer) works on this one object.
//
// Undo replaces the laptop with one replayed to just before the last command (taken from the
// checkpoints), so read laptop(), cluster() and files() afresh each time: never keep references
// to them across calls. generation() changes whenever the laptop is replaced.
#pragma once

#include <cstdint>
#include <memory>

#include "cli/laptop.h"

namespace kp::web {

// The laptop's configuration: minikube installed, no cluster until `minikube start`. The
// timeline's time travel and the checkpoints replay into laptops made with it.
kp::ClusterConfig laptopConfig();

class Session {
public:
    Session();
    kp::cli::Laptop& laptop() { return *laptop_; }
    kp::Cluster& cluster() { return laptop_->cluster(); }
    kp::cli::MemoryFileSystem& files() { return laptop_->files(); }
    kp::cli::ReplayCheckpoints& checkpoints() { return checkpoints_; }
    uint64_t generation() const { return generation_; }

    // Undo: the laptop becomes the one the journal before its last command rebuilds, carried on
    // from the nearest checkpoint. Returns what each terminal tab showed then; false (nothing
    // changes) when there is no command to undo.
    bool undo(std::vector<std::string>& screens);
    // The laptop undo replaced is freed later, while the page is idle (freeing a long session's
    // cluster takes a while in WebAssembly): true when there was one to free.
    bool freeRetired();
    // The laptops the page holds besides the live one (the one undo replaced, not freed yet; the
    // timeline's scrub laptop, `scrubbing`): the checkpoints' budget counts them.
    kp::cli::ReplayCheckpoints::Held held(const kp::cli::ReplayCheckpoints::Replayed* scrubbing) const;

private:
    std::unique_ptr<kp::cli::Laptop> laptop_;
    std::unique_ptr<kp::cli::Laptop> retired_;
    kp::cli::ReplayCheckpoints checkpoints_;
    uint64_t generation_ = 0;
};

Session& session();

}  // namespace kp::web
