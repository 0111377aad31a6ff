#pragma once
#include <map>
#include <string>

// The page's journal (engine/cli/laptop.h): a realistic session (the seed's quick start, a
// 100-replica Deployment and a rolling update of it, with the clock moving at 1x in 60 frames a
// second) played live, then replayed whole (what reload, undo and share links cost) and up to its
// middle (what scrubbing the timeline back costs). Then a long session (150 commands over two
// virtual hours, about 50 pods): undo and a scrub to its middle replayed from the start, and
// carried on from the checkpoints the page keeps (cli::ReplayCheckpoints): their time, the
// background time spent keeping them and the memory they hold ("long." figures). A big cluster
// (2,000 pods) under the checkpoints' memory budget: how many stay and what they hold ("big.").
// Laptop::estimatedBytes() against the allocator's count for clusters of 0 to 3,000 pods
// ("estimate.").
std::map<std::string, double> benchJournal(bool quick);
