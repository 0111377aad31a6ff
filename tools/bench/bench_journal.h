#pragma once
#include <map>
#include <string>

// The page's journal (engine/cli/laptop.h): a realistic session (the seed's quick start, a
// 100-replica Deployment and a rolling update of it, with the clock moving at 1x in 60 frames a
// second) played live, then replayed whole (what reload, undo and share links cost) and up to its
// middle (what scrubbing the timeline back costs).
std::map<std::string, double> benchJournal(bool quick);
