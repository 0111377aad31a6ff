#include <catch2/catch.hpp>

#include "runtime/image_catalog.h"
#include "runtime/image_reference.h"

using namespace kp::runtime;

TEST_CASE("image references normalise like Docker's", "[runtime]") {
    auto ref = applyDefaultImageTag("nginx", nullptr);
    REQUIRE(ref);
    CHECK(ref->domain == "docker.io");
    CHECK(ref->path == "library/nginx");
    CHECK(ref->tag == "latest");
    CHECK(ref->familiarString() == "nginx:latest");
    CHECK(ref->fullString() == "docker.io/library/nginx:latest");

    ref = applyDefaultImageTag("k8s.gcr.io/echoserver:1.10", nullptr);
    REQUIRE(ref);
    CHECK(ref->familiarName() == "k8s.gcr.io/echoserver");
    CHECK(ref->tag == "1.10");

    ref = applyDefaultImageTag("docker.io/bitnami/wordpress:6", nullptr);
    REQUIRE(ref);
    CHECK(ref->familiarString() == "bitnami/wordpress:6");

    ref = applyDefaultImageTag("localhost:5000/app", nullptr);
    REQUIRE(ref);
    CHECK(ref->domain == "localhost:5000");
    CHECK(ref->familiarString() == "localhost:5000/app:latest");
}

TEST_CASE("malformed image names give the kubelet's InvalidImageName messages", "[runtime]") {
    std::string msg;
    CHECK(!applyDefaultImageTag("Nginx", &msg));
    CHECK(msg == "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference "
                 "format: repository name (library/Nginx) must be lowercase");
    CHECK(!applyDefaultImageTag("registry.hub.docker.com/library//nginx:latest", &msg));
    CHECK(msg == "Failed to apply default image tag \"registry.hub.docker.com/library//nginx:latest\": couldn't parse "
                 "image name \"registry.hub.docker.com/library//nginx:latest\": invalid reference format");
    CHECK(!applyDefaultImageTag("nginx:bad tag", &msg));
    CHECK(!applyDefaultImageTag(":sha-0b293ab", &msg));
    CHECK(msg == "Failed to apply default image tag \":sha-0b293ab\": couldn't parse image name \":sha-0b293ab\": "
                 "invalid reference format");
}

TEST_CASE("the catalog pulls known images and fails unknown ones with Docker's errors", "[runtime]") {
    const ImageCatalog& cat = ImageCatalog::builtin();
    auto pull = [&](const std::string& image) { return cat.pull(*applyDefaultImageTag(image, nullptr)); };

    auto echo = pull("k8s.gcr.io/echoserver:1.10");
    REQUIRE(echo.image);
    CHECK(echo.image->repoDigest() ==
          "k8s.gcr.io/echoserver@sha256:cb5c1bddd1b5665e1867a7fa1b5fa843a47ee433bbb75d4293888b71def53229");
    CHECK(echo.image->repo->ports == std::vector<int>{8080});

    // minikube --image-repository mirrors resolve to the image they mirror.
    auto mirror = pull("registry.cn-hangzhou.aliyuncs.com/google_containers/echoserver:1.10");
    REQUIRE(mirror.image);
    CHECK(mirror.image->repo == echo.image->repo);
    CHECK(mirror.image->repoTag() == "registry.cn-hangzhou.aliyuncs.com/google_containers/echoserver:1.10");
    CHECK(pull("registry.k8s.io/echoserver:1.4").image);

    CHECK(pull("nginx:nope").error ==
          "Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown");
    CHECK(pull("docker.io/library/nginx:nope").error ==
          "Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown");
    CHECK(pull("nosuchimage").error ==
          "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require "
          "'docker login': denied: requested access to the resource is denied");
    CHECK(pull("gcr.io/google-samples/kubernetes-bootcamp:v10").error ==
          "Error response from daemon: manifest for gcr.io/google-samples/kubernetes-bootcamp:v10 not found: manifest "
          "unknown: Failed to fetch \"v10\" from request \"/v2/google-samples/kubernetes-bootcamp/manifests/v10\".");
    CHECK(pull("registry.example.com/app:1").error ==
          "Error response from daemon: Get \"https://registry.example.com/v2/\": dial tcp: lookup registry.example.com "
          "on 192.168.49.1:53: no such host");
}

TEST_CASE("a minikube node preloads the control plane under the chosen image repository", "[runtime]") {
    const ImageCatalog& cat = ImageCatalog::builtin();
    auto images = cat.preloadedImages();
    REQUIRE(images.size() == 8);
    CHECK(images[0].repoTag() == "registry.k8s.io/kube-apiserver:v1.32.0");
    auto mirrored = cat.preloadedImages("registry.cn-hangzhou.aliyuncs.com/google_containers");
    REQUIRE(mirrored.size() == 8);
    CHECK(mirrored[5].repoTag() == "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.11.3");
    CHECK(mirrored[7].repoTag() == "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5");
}
