// The docker CLI after `eval $(minikube docker-env)`: the node's containers as cri-dockerd
// names them (golden), the images the node holds, a container's logs, the daemon errors, and
// docker's duration and size words.
#include <catch2/catch.hpp>

#include "cli/docker/docker.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("docker prints durations as go-units does", "[docker]") {
    using cli::docker::humanDuration;
    CHECK(humanDuration(400) == "Less than a second");
    CHECK(humanDuration(1000) == "1 second");
    CHECK(humanDuration(59'000) == "59 seconds");
    CHECK(humanDuration(60'000) == "About a minute");
    CHECK(humanDuration(119'000) == "About a minute");
    CHECK(humanDuration(120'000) == "2 minutes");
    CHECK(humanDuration(59 * 60'000) == "59 minutes");
    CHECK(humanDuration(60 * 60'000) == "About an hour");
    CHECK(humanDuration(95 * 60'000) == "2 hours");
    CHECK(humanDuration(47 * 3'600'000LL) == "47 hours");
    CHECK(humanDuration(48 * 3'600'000LL) == "2 days");
    CHECK(humanDuration(15 * 24 * 3'600'000LL) == "2 weeks");
}

TEST_CASE("docker prints sizes as go-units does", "[docker]") {
    using cli::docker::humanSize;
    CHECK(humanSize(0) == "0B");
    CHECK(humanSize(999) == "999B");
    CHECK(humanSize(1850) == "1.85kB");
    CHECK(humanSize(43'850'000) == "43.9MB");
    CHECK(humanSize(192'000'000) == "192MB");
    CHECK(humanSize(1'200'000'000) == "1.2GB");
}

TEST_CASE("docker ps lists the minikube node's containers after docker-env", "[docker][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(docker ps
minikube start --image-repository=registry.cn-hangzhou.aliyuncs.com/google_containers
eval $(minikube docker-env)
kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10
sleep 90
docker ps
docker ps -q | wc -l
docker ps -a --filter name=x
docker images
docker image ls -q | wc -l
docker logs $(docker ps -q --no-trunc | head -1) | head -3
docker logs --tail 1 -t $(docker ps -q | head -1)
docker logs nothing-here
docker logs
docker inspect x
minikube stop
docker ps)");
    CHECK(test::matchesGolden("docker_ps.txt", out));
}

// docker inspect as docker 27 prints it: the JSON array with 4-space indents and docker's field
// order, --format with docker's template functions, --type, and the errors of each lookup.
TEST_CASE("docker inspect shows containers and images of the node", "[docker][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
eval $(minikube docker-env)
kubectl run web --image=nginx --port=80 --env=MODE=demo -l app=web
kubectl run once --image=busybox --restart=Never -- sh -c 'echo done'
sleep 30
docker ps -a | grep -c -e _web_ -e _once_
docker inspect k8s_web_web_default_$(kubectl get pod web -o jsonpath={.metadata.uid})_0
docker inspect --format '{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{.Path}} {{join .Args " "}}' $(docker ps -aq)
docker inspect -f '{{json .Config.Labels}}' $(docker ps -q | sed -n 2p)
docker inspect -f '{{index .Config.Labels "io.kubernetes.pod.name"}} {{upper .Config.Hostname}} {{json .State.Running}}' $(docker ps -q | head -2)
docker container inspect -f '{{.Config.Image}}' $(docker ps -q | head -1)
docker inspect nginx
docker image inspect -f '{{.Id}} {{.RepoTags}} {{.Size}}' busybox registry.k8s.io/pause:3.10
docker inspect -f json busybox
docker inspect nope
docker inspect --type container nginx
docker inspect --type image nope
docker inspect --type=volume data
docker inspect --type bogus x
docker inspect -f '{{.Nope}}' nginx
docker inspect -f '{{.Id' nginx
docker inspect -s nginx -f '{{.Os}}'
docker inspect --bogus x
docker inspect -z x
docker inspect -f
docker inspect
docker ps --format '{{.Names}}' | grep web
docker ps -a --format 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Status}}\t{{.State}}\t{{.Networks}}' | head -5
docker ps --format json | grep k8s_web_web
docker ps --no-trunc --format '{{.ID}} {{.Image}} {{.CreatedAt}} {{.RunningFor}}' | head -2
docker ps --format '{{.Nope}}'
docker ps --format '{{.Names'
docker ps -q --format '{{.Names}}' | head -1
docker images 'registry.k8s.io/kube-*'
docker images -q busybox:latest
docker images nginx:1.0
docker images a b
docker ps -az
docker ps extra
docker images --quiet=maybe
docker logs -t=yes x)");
    CHECK(test::matchesGolden("docker_inspect.txt", out));
}
