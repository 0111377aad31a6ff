#pragma once
#include <map>
#include <string>

// Workload controllers (Deployment + ReplicaSet) on a Cluster with a stand-in kubelet that
// binds pods and reports them Ready: a Deployment scaled to N replicas (quick 1,000, full
// 20,000) converging, pods created per second through the ReplicaSet controller, and a rolling
// update of the whole Deployment.
std::map<std::string, double> benchWorkloads(bool quick);
