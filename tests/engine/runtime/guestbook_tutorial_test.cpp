// The Kubernetes tutorial "Example: Deploying PHP Guestbook application with Redis"
// (kubernetes/website content/en/docs/tutorials/stateless-application/guestbook.md), walked step
// by step with the tutorial's manifests as k8s.io/examples serves them today: the redis leader
// and its logs, two followers replicating it, the PHP frontend reached through
// `kubectl port-forward`, scaling the frontend, and the clean-up. Golden transcript.
//
// The manifests are the examples as published, label mix-up included: the frontend Service
// selects app.kubernetes.io/name=guestbook while the frontend pods carry app=guestbook, so the
// Service has no endpoints and `kubectl port-forward svc/frontend` waits for a pod in vain (the
// transcript then forwards to the Deployment); the redis manifests carry app.kubernetes.io/name
// where the clean-up step selects app=redis.
#include <catch2/catch.hpp>

#include <set>

#include "laptop.h"
#include "network/traffic.h"
#include "test_support.h"

using namespace kp;

namespace {

void writeGuestbookManifests(test::Laptop& laptop) {
    laptop.files.write("redis-leader-deployment.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-leader
  labels:
    app.kubernetes.io/name: redis
    role: leader
    tier: backend
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: redis
  template:
    metadata:
      labels:
        app.kubernetes.io/name: redis
        role: leader
        tier: backend
    spec:
      containers:
      - name: leader
        image: "registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
)");
    laptop.files.write("redis-leader-service.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: redis-leader
  labels:
    app.kubernetes.io/name: redis
    role: leader
    tier: backend
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app.kubernetes.io/name: redis
    role: leader
    tier: backend
)");
    laptop.files.write("redis-follower-deployment.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-follower
  labels:
    app.kubernetes.io/name: redis
    role: follower
    tier: backend
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: redis
  template:
    metadata:
      labels:
        app.kubernetes.io/name: redis
        role: follower
        tier: backend
    spec:
      containers:
      - name: follower
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
)");
    laptop.files.write("redis-follower-service.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: redis-follower
  labels:
    app.kubernetes.io/name: redis
    role: follower
    tier: backend
spec:
  ports:
  - port: 6379
  selector:
    app.kubernetes.io/name: redis
    role: follower
    tier: backend
)");
    laptop.files.write("frontend-deployment.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
        app: guestbook
        tier: frontend
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: docker.io/corelab/gb-frontend:v5
        env:
        - name: GET_HOSTS_FROM
          value: "dns"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 80
)");
    laptop.files.write("frontend-service.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: frontend
  labels:
    app.kubernetes.io/name: guestbook
    tier: frontend
spec:
  ports:
  - port: 80
  selector:
    app.kubernetes.io/name: guestbook
    tier: frontend
)");
}

}  // namespace

TEST_CASE("the PHP guestbook tutorial runs end to end", "[runtime][guestbook][golden]") {
    test::Laptop laptop;
    writeGuestbookManifests(laptop);
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl apply -f redis-leader-deployment.yaml
kubectl get pods
sleep 20
kubectl get pods
kubectl logs deployment/redis-leader
kubectl apply -f redis-leader-service.yaml
kubectl get service
kubectl apply -f redis-follower-deployment.yaml
sleep 20
kubectl get pods
kubectl apply -f redis-follower-service.yaml
kubectl get service
kubectl logs -l role=follower --tail=8
kubectl logs -l role=leader --tail=10
kubectl apply -f frontend-deployment.yaml
sleep 60
kubectl get pods -l app=guestbook -l tier=frontend
kubectl apply -f frontend-service.yaml
kubectl get services
kubectl get endpoints frontend
kubectl port-forward svc/frontend 8080:80
kubectl port-forward deployment/frontend 8080:80
curl -s localhost:8080
curl -s 'localhost:8080/guestbook.php?cmd=get'
curl -s 'localhost:8080/guestbook.php?cmd=set&key=messages&value=Hello,Kubernetes'
curl -s 'localhost:8080/guestbook.php?cmd=get&key=messages'
curl -s localhost:8080/nothing
kubectl logs deployment/frontend --tail=5
kubectl exec deployment/redis-leader -- redis-cli get guestbook
kubectl exec $(kubectl get pods -l role=follower -o jsonpath='{.items[0].metadata.name}') -- redis-cli get guestbook
kubectl exec $(kubectl get pods -l role=follower -o jsonpath='{.items[1].metadata.name}') -- redis-cli set guestbook x
kubectl exec deployment/redis-leader -- redis-cli info replication
kubectl scale deployment frontend --replicas=5
sleep 10
kubectl get pods
kubectl scale deployment frontend --replicas=2
sleep 5
kubectl get pods
kubectl delete deployment -l app=redis
kubectl delete service -l app=redis
kubectl delete deployment -l app.kubernetes.io/name=redis
kubectl delete service -l app.kubernetes.io/name=redis
kubectl delete deployment frontend
kubectl delete service frontend
kubectl get pods
sleep 30
kubectl get pods)");
    CHECK(test::matchesGolden("guestbook.txt", out));

    // The map shows the application's own connections: frontend pod -> redis Services, and a
    // follower's replication connection to redis-leader.
    std::set<std::string> flows;
    for (const LogRecord& r : laptop.cluster.eventLog().records())
        if (r.type == "flow" && r.verb == "tcp" && r.resource == "services")
            flows.insert(r.actor.str().substr(0, r.actor.str().rfind('.')) + " -> " + r.name.str() + " " +
                         network::flowFields(r.detail)["result"]);
    CHECK(flows == std::set<std::string>{"10.244.0 -> redis-follower response", "10.244.0 -> redis-leader response"});
    bool frontendToFollower = false;
    for (const LogRecord& r : laptop.cluster.eventLog().records())
        frontendToFollower |= r.type == "flow" && r.verb == "tcp" && r.name == "redis-follower" &&
                              network::flowFields(r.detail)["pod"].find("/redis-follower-") != std::string::npos;
    CHECK(frontendToFollower);
}

TEST_CASE("guestbook: followers lose and regain their leader, the frontend shows redis errors",
          "[runtime][guestbook][golden]") {
    test::Laptop laptop;
    writeGuestbookManifests(laptop);
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl apply -f redis-follower-deployment.yaml -f frontend-deployment.yaml
sleep 60
kubectl logs $(kubectl get pods -l role=follower -o jsonpath='{.items[0].metadata.name}')
kubectl port-forward deployment/frontend 8080:80
curl -s 'localhost:8080/guestbook.php?cmd=get'
curl -s 'localhost:8080/guestbook.php?cmd=set&value=lost'
kubectl apply -f redis-leader-deployment.yaml -f redis-leader-service.yaml -f redis-follower-service.yaml
sleep 30
curl -s 'localhost:8080/guestbook.php?cmd=set&value=first'
curl -s 'localhost:8080/guestbook.php?cmd=get'
kubectl logs $(kubectl get pods -l role=follower -o jsonpath='{.items[0].metadata.name}') --tail=16
kubectl delete pod -l role=leader
curl -s 'localhost:8080/guestbook.php?cmd=get'
curl -s 'localhost:8080/guestbook.php?cmd=set&value=second'
sleep 30
curl -s 'localhost:8080/guestbook.php?cmd=get'
kubectl logs $(kubectl get pods -l role=follower -o jsonpath='{.items[0].metadata.name}') --tail=22)");
    CHECK(test::matchesGolden("guestbook_failures.txt", out));
}
