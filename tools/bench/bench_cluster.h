#pragma once
#include <map>
#include <string>

// The whole cluster (every controller, kube-scheduler, a kubelet per node): time and memory to
// bring up N nodes and then M running pods of one Deployment (full: 5,000 nodes and 150,000
// pods; quick: 50 and 1,500), and the virtual time it takes the cluster to converge.
std::map<std::string, double> benchCluster(bool quick);

// `kp_bench --nodes N --pods M` overrides the cluster section's sizes (0 = the quick/full default),
// e.g. to look at how a cost grows between the quick and the full run.
void setClusterBenchSize(int nodes, int pods);

// `kp_bench --pack-beyond N`: pods and Events are stored packed once N of them exist
// (ClusterConfig::packBeyond; negative = the store's default, ObjectStore::kPackBeyond), so a small
// run shows the memory shape of a 150,000-pod one.
void setClusterBenchPackBeyond(long packBeyond);
