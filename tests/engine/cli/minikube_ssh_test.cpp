// `minikube ssh -- COMMAND` on the control-plane node: static pod manifests moved out and back
// stop and start the scheduler; systemctl stops and starts the kubelet. Golden.
#include <catch2/catch.hpp>
#include <sstream>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("minikube ssh runs the node commands of the fault lessons", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube ssh -- ls
minikube start
minikube ssh -- ls /etc/kubernetes/manifests
minikube ssh -- sudo mv /etc/kubernetes/manifests/kube-scheduler.yaml /etc/kubernetes/
minikube ssh -- ls /etc/kubernetes/manifests /etc/kubernetes
kubectl get pods -n kube-system
kubectl run lonely --image=nginx
sleep 10
kubectl get pod lonely -o wide
kubectl get events --field-selector involvedObject.name=lonely
minikube ssh "sudo mv /etc/kubernetes/kube-scheduler.yaml /etc/kubernetes/manifests/"
sleep 10
kubectl get pod lonely -o wide
minikube ssh -- sudo mv /etc/kubernetes/nothing.yaml /tmp/
minikube ssh -- sudo systemctl stop kubelet && systemctl is-active kubelet
sleep 50
kubectl get nodes
minikube ssh -- sudo systemctl start kubelet
sleep 5
kubectl get nodes
minikube ssh -n m02 -- hostname
minikube ssh -- hostname; uname
minikube ssh
hostname
ls /etc/kubernetes/manifests
sudo systemctl is-active kubelet
whoami
uname
exit
kubectl get nodes)");
    CHECK(test::matchesGolden("minikube_ssh.txt", out));
}

// crictl 1.25.0 (kicbase v0.0.46) through cri-dockerd: the containers and images docker ps and
// docker images show, under their CRI names and columns (cri-tools cmd/crictl).
TEST_CASE("crictl on the node lists the CRI's containers pods and images", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment web --image=nginx
kubectl run once --image=busybox --restart=Never -- true
sleep 30
minikube ssh -- crictl ps
minikube ssh -- sudo crictl ps -a --name-filter x
minikube ssh -- sudo crictl ps -a
minikube ssh -- crictl pods
minikube ssh -- crictl images
minikube ssh -- crictl pods -q
minikube ssh -- crictl rm x)");
    CHECK(test::matchesGolden("minikube_crictl.txt", out));
}

// procps-ng on the node: systemd, containerd, sshd, dockerd, cri-dockerd and the kubelet with
// minikube's flags, then a shim and a process per running container, then the learner's session.
TEST_CASE("ps on the node lists its daemons and one process per container", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment web --image=nginx
sleep 1800
minikube ssh -- ps aux
minikube ssh -- ps -ef
minikube ssh -- ps
minikube ssh -- ps -e | grep -v containerd-shim
minikube ssh -- ps x
minikube ssh -- sudo systemctl stop kubelet
minikube ssh -- ps -e | grep kube
minikube ssh -- sudo systemctl start kubelet
sleep 86400
minikube ssh -- ps -ef | head -8
minikube ssh "ps aux | grep kubelet"
minikube ssh "ps -e | grep -c pause; ps -e | nope"
minikube ssh
ps
ps -e | grep kube | sort -k4
ip a | grep 'inet '
exit)");
    CHECK(test::matchesGolden("minikube_ssh_ps.txt", out));
}

// iproute2 on the node and busybox's ip in a pod: one node runs minikube's bridge CNI (a bridge
// named "bridge" with 10.244.0.1/16, a veth per pod), two nodes run kindnet (ptp veths and a
// route per pod and per other node); a VirtualBox node has eth0 on the NAT network and eth1.
// (busybox's ps in the pod too: its process as PID 1.)
TEST_CASE("ip on the node and in a pod shows the interfaces and routes", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl run bb --image=busybox -- sleep 3600
kubectl create deployment web --image=nginx
kubectl wait --for=condition=Ready pod/bb
minikube ssh -- ip a
minikube ssh -- ip addr | head -4
minikube ssh -- ip -br a
minikube ssh -- ip -brief link
minikube ssh -- ip addr show eth0
minikube ssh -- ip a show dev bridge
minikube ssh -- ip -4 addr
minikube ssh -- ip link
minikube ssh -- ip route
minikube ssh -- ip addr show eth9
minikube ssh -- ip foo
minikube ssh -- ip -z a
kubectl exec bb -- ip a
kubectl exec bb -- ip route
kubectl exec bb -- ip addr show lo
kubectl exec bb -- ps aux
kubectl wait --for=condition=Available deploy/web >/dev/null
kubectl exec deploy/web -- ip a
minikube delete >/dev/null
minikube start --nodes=2 >/dev/null
kubectl run bb --image=busybox --overrides='{"spec":{"nodeName":"minikube-m02"}}' -- sleep 3600
kubectl wait --for=condition=Ready pod/bb
minikube ssh -n m02 -- ip a
minikube ssh -n m02 -- ip route
minikube ssh -- ip route
kubectl exec bb -- ip a
kubectl exec bb -- ip route
minikube delete >/dev/null
minikube start --driver=virtualbox >/dev/null
minikube ssh -- ip a
minikube ssh -- ip route)");
    CHECK(test::matchesGolden("minikube_ssh_ip.txt", out));
}

// docker exec on the node's daemon (docker/cli v27, moby's errors): a command in a pod's
// container as kubectl exec runs it, -it with a shell attaches the terminal to the container
// (inside `minikube ssh` too, back to the node's prompt on exit), and docker's texts for a
// missing container, a stopped one, a command not in the image, missing arguments and a bad flag.
TEST_CASE("docker exec runs commands in the node's containers", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl run bb --image=busybox:1.37 -- sleep 3600
kubectl run once --image=busybox:1.37 --restart=Never -- true
kubectl create deployment web --image=nginx
sleep 30
eval $(minikube docker-env)
docker ps -a --format '{{.ID}} {{.Names}}' | grep -v kube-system
BB=$(docker ps --format '{{.ID}} {{.Names}}' | grep k8s_bb_ | cut -d' ' -f1)
docker exec $BB hostname
docker exec $BB sh -c 'echo $HOSTNAME; exit 3'; echo "status $?"
docker exec $BB nosuch; echo "status $?"
docker container exec -t $BB env
docker exec k8s_POD_bb_default_8cf09a8e-36e1-4f6c-9072-be2b3346e089_0 sh; echo "status $?"
docker exec bad1f9fef1c6 sh; echo "status $?"
docker exec nope ls; echo "status $?"
docker exec $BB; echo "status $?"
docker exec -x $BB ls; echo "status $?"
docker exec -it $BB sh
hostname
ps
exit
minikube ssh -- docker exec 7162 hostname
minikube ssh
docker exec -it 7162 sh
hostname
exit
hostname
exit
minikube ssh -- docker exec -it k8s_bb_bb_default_8cf09a8e-36e1-4f6c-9072-be2b3346e089_0 /bin/sh
hostname
exit
kubectl get pods)");
    CHECK(test::matchesGolden("docker_exec.txt", out));
}

// A kubelet started again with systemctl is a new process: ps shows its own start time and PID.
TEST_CASE("a kubelet restarted with systemctl shows its new start in ps", "[minikube]") {
    test::Laptop laptop;
    laptop.transcript("minikube start >/dev/null\nsleep 86400");
    const std::string before = laptop.transcript("minikube ssh -- ps -ef | grep /kubelet");
    laptop.transcript("minikube ssh -- sudo systemctl restart kubelet");
    const std::string after = laptop.transcript("minikube ssh -- ps -ef | grep /kubelet");
    // UID PID PPID C STIME TTY TIME CMD: a start a day apart is a date; the restart is today's time.
    auto field = [](const std::string& line, int n) {
        std::istringstream in(line.substr(line.find('\n') + 1));
        std::string w;
        for (int i = 0; i <= n; ++i)
            in >> w;
        return w;
    };
    INFO(before << after);
    CHECK(field(before, 1) == "2215");
    CHECK(field(after, 1) != "2215");
    CHECK(field(before, 4) != field(after, 4));
    CHECK(field(after, 4).find(':') != std::string::npos);
}

// minikube ssh -n takes what node.Retrieve takes: a node's ID keeps naming the same node after
// an earlier node is deleted.
TEST_CASE("minikube ssh -n finds a node by its ID after another was deleted", "[minikube]") {
    test::Laptop laptop;
    laptop.transcript("minikube start --nodes=3 >/dev/null\nminikube node delete m02 >/dev/null");
    CHECK(laptop.transcript("minikube ssh -n m03 -- hostname") == "$ minikube ssh -n m03 -- hostname\nminikube-m03\n");
    CHECK(laptop.transcript("minikube ssh -n minikube-m03 -- hostname") ==
          "$ minikube ssh -n minikube-m03 -- hostname\nminikube-m03\n");
    CHECK(laptop.transcript("minikube ssh -n m02 -- hostname").find("Could not find node m02") != std::string::npos);
    CHECK(laptop.transcript("minikube ssh -- echo hello  node") == "$ minikube ssh -- echo hello  node\nhello node\n");
}
