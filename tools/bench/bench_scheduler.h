#pragma once
#include <map>
#include <string>

// kube-scheduler figures: pods scheduled per second (10,000 pods onto 5,000 nodes; quick: 1,000
// onto 500), measured from the first scheduling attempt to the last binding.
std::map<std::string, double> benchScheduler(bool quick);
