#include "runtime/image_catalog.h"

#include "runtime/kubeadm_images.h"

#include <algorithm>
#include <cstdio>

namespace kp::runtime {
namespace {

// Registries whose hosts resolve; anything else fails the pull at DNS.
const std::vector<std::string_view> kKnownRegistries = {
    "docker.io",      "registry.k8s.io",   "k8s.gcr.io",   "gcr.io",
    "quay.io",        "ghcr.io",           "mcr.microsoft.com", "public.ecr.aws",
    "registry.cn-hangzhou.aliyuncs.com", "registry.aliyuncs.com", "us-docker.pkg.dev",
};

// Mirrors of the Kubernetes images (minikube --image-repository). A name under one of these
// prefixes is the Kubernetes image with the same last path element.
const std::vector<std::string_view> kKubernetesMirrors = {
    "registry.cn-hangzhou.aliyuncs.com/google_containers/",
    "registry.aliyuncs.com/google_containers/",
};
// Docker Hub mirrors: <mirror>/library/nginx is nginx.
const std::vector<std::string_view> kDockerHubMirrors = {
    "docker.m.daocloud.io/", "dockerproxy.com/", "hub-mirror.c.163.com/", "mirror.ccs.tencentyun.com/",
    "registry.docker-cn.com/",
};

bool isKubernetesRegistry(std::string_view familiarName) {
    for (std::string_view p : {"registry.k8s.io/", "k8s.gcr.io/", "gcr.io/"})
        if (familiarName.substr(0, p.size()) == p)
            return true;
    return false;
}

std::string lastElement(std::string_view name) {
    size_t slash = name.rfind('/');
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

ImageTag tagOf(const std::string& repo, const char* tag, int64_t size, const char* digest = nullptr) {
    return ImageTag{tag, size, digest ? std::string(digest) : "sha256:" + pseudoHex64(repo + ":" + tag)};
}

ImageRepository repo(std::string name, AppKind kind, std::vector<std::pair<const char*, int64_t>> tags,
                     std::vector<std::string> entrypoint, std::vector<std::string> cmd, std::vector<int> ports,
                     int sigtermExitCode = 0) {
    ImageRepository r;
    r.name = std::move(name);
    r.kind = kind;
    for (auto& [t, size] : tags)
        r.tags.push_back(tagOf(r.name, t, size));
    r.entrypoint = std::move(entrypoint);
    r.cmd = std::move(cmd);
    r.ports = std::move(ports);
    r.sigtermExitCode = sigtermExitCode;
    return r;
}

}  // namespace

std::string pseudoHex64(std::string_view seed) {
    // FNV-1a of the seed, then splitmix64 steps: stable across platforms and runs.
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : seed) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    std::string out;
    char buf[17];
    for (int i = 0; i < 4; ++i) {
        h += 0x9E3779B97F4A7C15ULL;
        uint64_t z = h;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(z));
        out += buf;
    }
    return out;
}

const ImageTag* ImageRepository::findTag(std::string_view tag) const {
    for (const ImageTag& t : tags)
        if (t.tag == tag)
            return &t;
    return nullptr;
}

const ImageTag* ImageRepository::findDigest(std::string_view digest) const {
    for (const ImageTag& t : tags)
        if (t.digest == digest)
            return &t;
    return nullptr;
}

bool ResolvedImage::holds(const std::string& program) const {
    if (!repo || !repo->hasShell)
        return false;
    const size_t slash = program.rfind('/');
    const std::string name = slash == std::string::npos ? program : program.substr(slash + 1);
    if (name == "bash")
        return repo->hasBash && ref.tag.find("alpine") == std::string::npos;
    return true;
}

std::string ResolvedImage::repoDigest() const { return ref.familiarName() + "@" + tag->digest; }

std::string ResolvedImage::repoTag() const {
    return ref.tag.empty() ? std::string() : ref.familiarName() + ":" + ref.tag;
}

const ImageCatalog& ImageCatalog::builtin() {
    static const ImageCatalog catalog;
    return catalog;
}

ImageCatalog::ImageCatalog() {
    // Web servers. nginx's entrypoint script prints its configuration steps, then nginx runs.
    ImageRepository nginx = repo("nginx", AppKind::WebServer,
                                 {{"latest", 191998640},  {"1.27", 191998640},  {"1.27.3", 191998640},
                                  {"mainline", 191998640}, {"stable", 191725468}, {"1.26", 191725468},
                                  {"1.25", 187660148},    {"1.25.5", 187660148}, {"1.24", 142146744},
                                  {"1.23", 142145851},    {"1.21", 141479488},   {"1.19", 132780567},
                                  {"1.16", 126698063},    {"1.16.1", 126698063}, {"1.14.2", 109129446}, {"1.7.9", 91664166},
                                  {"alpine", 47951528},   {"1.27-alpine", 47951528}},
                                 {"/docker-entrypoint.sh"}, {"nginx", "-g", "daemon off;"}, {80});
    repos_.push_back(nginx);
    repos_.push_back(repo("httpd", AppKind::WebServer, {{"latest", 147961426}, {"2.4", 147961426}, {"alpine", 61612452}},
                          {}, {"httpd-foreground"}, {80}));

    // The echoserver of the minikube and Kubernetes tutorials (real digests).
    ImageRepository echo;
    echo.name = "k8s.gcr.io/echoserver";
    echo.aliases = {"registry.k8s.io/echoserver", "gcr.io/google_containers/echoserver"};
    echo.kind = AppKind::WebServer;
    echo.tags = {
        tagOf(echo.name, "1.4", 140400000, "sha256:5d99aa1120524c801bc8c1a7077e8f5ec122ba16b6dda1a5d3826057f67b9bcb"),
        tagOf(echo.name, "1.10", 95361986, "sha256:cb5c1bddd1b5665e1867a7fa1b5fa843a47ee433bbb75d4293888b71def53229"),
    };
    echo.cmd = {"/usr/local/bin/run.sh"};
    echo.ports = {8080};
    repos_.push_back(echo);

    // minikube's own hello-minikube image since v1.29 (a build of jmalloc/echo-server): it answers
    // every request with the request it received, prefixed by the pod's hostname.
    // SIMPLIFICATION: size and digest are not the registry's (unverified offline).
    ImageRepository echoServer = repo("kicbase/echo-server", AppKind::WebServer, {{"1.0", 4944384}, {"latest", 4944384}},
                                      {"/echo-server"}, {}, {8080});
    echoServer.hasShell = false;
    repos_.push_back(echoServer);

    ImageRepository bootcamp = repo("gcr.io/google-samples/kubernetes-bootcamp", AppKind::WebServer,
                                    {{"v1", 211336459}}, {"/bin/sh", "-c", "node server.js"}, {}, {8080});
    repos_.push_back(bootcamp);
    // Kubernetes Basics module 6 updates the app to this image's v2 (the same app, "v=2").
    // SIMPLIFICATION: the size is v1's.
    repos_.push_back(repo("jocatalin/kubernetes-bootcamp", AppKind::WebServer, {{"v1", 211336459}, {"v2", 211336459}},
                          {"/bin/sh", "-c", "node server.js"}, {}, {8080}));
    ImageRepository helloApp = repo("gcr.io/google-samples/hello-app", AppKind::WebServer,
                                    {{"1.0", 9863424}, {"2.0", 9863424}}, {"/hello-app"}, {}, {8080});
    helloApp.aliases = {"us-docker.pkg.dev/google-samples/containers/gke/hello-app"};
    helloApp.hasShell = false;
    repos_.push_back(helloApp);

    // Distribution images: they run whatever command the pod gives them. A shell as PID 1 ignores
    // SIGTERM, so `sleep 3600` containers die only at the end of the grace period.
    ImageRepository busybox = repo("busybox", AppKind::Shell,
                                   {{"latest", 4261550}, {"1.37", 4261550}, {"1.36", 4261550}, {"1.36.1", 4261550},
                                    {"1.35", 4857060}, {"1.34", 1239840}, {"1.28", 1146369}, {"stable", 4261550}},
                                   {}, {"sh"}, {}, -1);
    busybox.hasBash = false;
    repos_.push_back(busybox);
    ImageRepository alpine = repo("alpine", AppKind::Shell,
                                  {{"latest", 7834512}, {"3.21", 7834512}, {"3.20", 7797760}, {"3.19", 7377920},
                                   {"3.18", 7336960}, {"3", 7834512}},
                                  {}, {"/bin/sh"}, {}, -1);
    alpine.hasBash = false;
    repos_.push_back(alpine);
    repos_.push_back(repo("ubuntu", AppKind::Shell,
                          {{"latest", 78118532}, {"24.04", 78118532}, {"noble", 78118532}, {"22.04", 77863888},
                           {"jammy", 77863888}, {"20.04", 72809024}},
                          {}, {"/bin/bash"}, {}, -1));
    repos_.push_back(repo("debian", AppKind::Shell,
                          {{"latest", 116500000}, {"bookworm", 116500000}, {"bookworm-slim", 74800000},
                           {"12", 116500000}, {"bullseye", 124000000}},
                          {}, {"bash"}, {}, -1));
    ImageRepository curl = repo("curlimages/curl", AppKind::Shell, {{"latest", 21964800}, {"8.11.1", 21964800}},
                                {"/entrypoint.sh"}, {"curl"}, {}, -1);
    curl.hasBash = false;  // Alpine-based
    repos_.push_back(curl);

    repos_.push_back(repo("redis", AppKind::Redis,
                          {{"latest", 117212360}, {"7", 117212360}, {"7.4", 117212360}, {"7.2", 116849664},
                           {"6.2", 112656384}, {"6.0.5", 104185589}, {"alpine", 41260912}},
                          {"docker-entrypoint.sh"}, {"redis-server"}, {6379}));

    // The images of the Kubernetes tutorial "Deploying PHP Guestbook application with Redis"
    // (kubernetes/website content/en/examples/application/guestbook, built from
    // GoogleCloudPlatform/kubernetes-engine-samples quickstarts/guestbook).
    // SIMPLIFICATION: sizes are estimates (the follower is redis:6.0.5 plus its run.sh; the
    // frontend is php:7.4-apache-buster plus git and composer), digests made up but for the
    // registry.k8s.io redis the tutorial pins by digest; that image runs as redis 6.0.5 here,
    // its exact version unverified offline.
    ImageRepository redisE2e;
    redisE2e.name = "registry.k8s.io/redis";
    redisE2e.aliases = {"k8s.gcr.io/redis", "gcr.io/google-containers/redis", "gcr.io/google_containers/redis"};
    redisE2e.kind = AppKind::Redis;
    redisE2e.tags = {tagOf(redisE2e.name, "e2e", 104185589,
                           "sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee")};
    redisE2e.entrypoint = {"docker-entrypoint.sh"};
    redisE2e.cmd = {"redis-server"};
    redisE2e.ports = {6379};
    repos_.push_back(redisE2e);
    // FROM redis:6.0.5, ADD run.sh, CMD /run.sh (shell form): `/bin/sh -c /run.sh` is PID 1 and
    // ignores SIGTERM, so a follower pod stops only at the end of its grace period.
    ImageRepository follower = repo("us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower", AppKind::Redis,
                                    {{"v2", 104186000}}, {"docker-entrypoint.sh"}, {"/bin/sh", "-c", "/run.sh"}, {6379}, -1);
    follower.aliases = {"gcr.io/google-samples/gb-redis-follower", "gcr.io/google_samples/gb-redis-follower"};
    repos_.push_back(follower);
    // FROM php:7.4-apache-buster (ENTRYPOINT docker-php-entrypoint, CMD apache2-foreground) with
    // guestbook.php, index.html and controllers.js in /var/www/html. corelab/gb-frontend is a
    // Docker Hub copy the tutorial's manifest has used.
    ImageRepository frontend = repo("us-docker.pkg.dev/google-samples/containers/gke/gb-frontend", AppKind::WebServer,
                                    {{"v5", 983212544}}, {"docker-php-entrypoint"}, {"apache2-foreground"}, {80});
    frontend.aliases = {"gcr.io/google-samples/gb-frontend", "gcr.io/google_samples/gb-frontend", "corelab/gb-frontend"};
    repos_.push_back(frontend);
    ImageRepository mysql = repo("mysql", AppKind::Mysql,
                                 {{"latest", 797000000}, {"8.4", 797000000}, {"8.0", 764000000}, {"5.7", 501000000}},
                                 {"docker-entrypoint.sh"}, {"mysqld"}, {3306});
    repos_.push_back(mysql);

    ImageRepository hello = repo("hello-world", AppKind::HelloWorld, {{"latest", 13256}, {"linux", 13256}}, {},
                                 {"/hello"}, {});
    hello.hasShell = false;
    repos_.push_back(hello);

    ImageRepository agnhost = repo("registry.k8s.io/e2e-test-images/agnhost", AppKind::Agnhost,
                                   {{"2.39", 126812160}, {"2.40", 127402496}, {"2.43", 127533056}, {"2.52", 130433024}},
                                   {"/agnhost"}, {"pause"}, {}, 2);
    agnhost.aliases = {"k8s.gcr.io/e2e-test-images/agnhost"};
    repos_.push_back(agnhost);

    // The Kubernetes DNS debugging guide's pod (Debian jessie with dnsutils), run with `sleep 3600`.
    // SIMPLIFICATION: its size is estimated (Debian jessie plus dnsutils), not measured.
    ImageRepository dnsutils = repo("registry.k8s.io/e2e-test-images/jessie-dnsutils", AppKind::Shell,
                                    {{"1.3", 114190000}, {"1.4", 114190000}, {"1.5", 114190000}}, {}, {"bash"}, {}, -1);
    dnsutils.aliases = {"k8s.gcr.io/e2e-test-images/jessie-dnsutils"};
    repos_.push_back(dnsutils);

    repos_.push_back(repo("polinux/stress", AppKind::Stress, {{"latest", 9744175}}, {}, {"stress"}, {}, -1));

    // The control plane and add-ons minikube v1.35.0 preloads for Kubernetes v1.32.0.
    ImageRepository pause = repo("registry.k8s.io/pause", AppKind::Pause, {{"3.10", 736000}, {"3.9", 744000}}, {},
                                 {"/pause"}, {});
    pause.hasShell = false;
    pause.aliases = {"k8s.gcr.io/pause"};
    repos_.push_back(pause);
    struct Component {
        const char* name;
        const char* tag;
        int64_t size;
        std::vector<int> ports;
        std::vector<std::string> entrypoint = {};  // the image's ENTRYPOINT (control-plane pods give a command)
    };
    for (const Component& c : std::vector<Component>{
             {"registry.k8s.io/kube-apiserver", "v1.32.0", 97031168, {8443}},
             {"registry.k8s.io/kube-controller-manager", "v1.32.0", 89728000, {10257}},
             {"registry.k8s.io/kube-scheduler", "v1.32.0", 69629952, {10259}},
             {"registry.k8s.io/kube-proxy", "v1.32.0", 94031360, {10256}},
             {"registry.k8s.io/etcd", "3.5.16-0", 149977344, {2379, 2380}},
             {"registry.k8s.io/coredns/coredns", "v1.11.3", 61799424, {53, 8080, 8181, 9153}, {"/coredns"}},
             {"gcr.io/k8s-minikube/storage-provisioner", "v5", 31465472, {}},
             {"docker.io/kubernetesui/dashboard", "v2.7.0", 245735936, {9090},
              {"/dashboard", "--insecure-bind-address=0.0.0.0", "--bind-address=0.0.0.0"}},
             {"docker.io/kubernetesui/metrics-scraper", "v1.0.8", 43814400, {8000}, {"/metrics-sidecar"}},
         }) {
        std::string name = c.name;
        if (name.rfind("docker.io/", 0) == 0)
            name = name.substr(10);
        ImageRepository r = repo(name, AppKind::Daemon, {{c.tag, c.size}}, c.entrypoint, {}, c.ports);
        r.hasShell = false;
        repos_.push_back(r);
    }
    addKubeadmVersions();

    // minikube's ingress addon (v1.35.0 pins these digests). The controller runs nginx on the
    // node's ports 80/443 (hostPort), the admission webhook on 8443 and /healthz on 10254; it has
    // a shell (an Alpine image). kube-webhook-certgen creates or patches the webhook's
    // certificate and exits.
    // SIMPLIFICATION: sizes are plausible, not measured.
    ImageRepository ingressController;
    ingressController.name = "registry.k8s.io/ingress-nginx/controller";
    ingressController.aliases = {"registry.cn-hangzhou.aliyuncs.com/google_containers/nginx-ingress-controller",
                                 "registry.aliyuncs.com/google_containers/nginx-ingress-controller"};
    ingressController.kind = AppKind::Daemon;
    ingressController.tags = {tagOf(ingressController.name, "v1.11.3", 293473190,
                                    "sha256:d56f135b6462cfc476447cfe564b83a45e8bb7da2774963b00d12161112270b7")};
    ingressController.entrypoint = {"/usr/bin/dumb-init", "--"};
    ingressController.cmd = {"/nginx-ingress-controller"};
    ingressController.ports = {80, 443, 8443, 10254};
    repos_.push_back(ingressController);
    // minikube's metrics-server addon (the digest it pins); the addon runs it with
    // --secure-port=4443.
    ImageRepository metricsServer;
    metricsServer.name = "registry.k8s.io/metrics-server/metrics-server";
    metricsServer.kind = AppKind::Daemon;
    metricsServer.tags = {tagOf(metricsServer.name, "v0.7.2", 67077120,
                                "sha256:ffcb2bf004d6aa0a17d90e0247cf94f2865c8901dcab4427034c341951c239f9")};
    metricsServer.entrypoint = {"/metrics-server"};
    metricsServer.ports = {4443, 10250};
    metricsServer.hasShell = false;
    repos_.push_back(metricsServer);
    ImageRepository certgen;
    certgen.name = "registry.k8s.io/ingress-nginx/kube-webhook-certgen";
    certgen.kind = AppKind::Task;
    certgen.tags = {tagOf(certgen.name, "v1.4.4", 60263424,
                          "sha256:a9f03b34a3cbfbb26d103a14046ab2c5130a80c3d69d526ff8063d2b37b9fd3f")};
    certgen.entrypoint = {"/kube-webhook-certgen"};
    certgen.hasShell = false;  // distroless
    repos_.push_back(certgen);
}

const ImageRepository* ImageCatalog::repository(const ImageReference& ref) const {
    std::string name = ref.familiarName();
    // Docker Hub mirrors: "docker.m.daocloud.io/library/nginx" -> "nginx".
    for (std::string_view m : kDockerHubMirrors) {
        if (name.substr(0, m.size()) != m)
            continue;
        std::string rest = name.substr(m.size());
        if (rest.rfind("library/", 0) == 0 && rest.find('/', 8) == std::string::npos)
            rest = rest.substr(8);
        name = rest;
        break;
    }
    for (const ImageRepository& r : repos_) {
        if (r.name == name)
            return &r;
        for (const std::string& a : r.aliases)
            if (a == name)
                return &r;
    }
    // Kubernetes image mirrors: ".../google_containers/echoserver" -> the Kubernetes echoserver.
    for (std::string_view m : kKubernetesMirrors) {
        if (name.substr(0, m.size()) != m)
            continue;
        std::string leaf = name.substr(m.size());
        for (const ImageRepository& r : repos_)
            if (isKubernetesRegistry(r.name) && lastElement(r.name) == leaf)
                return &r;
    }
    return nullptr;
}

// Upstream (daemon error texts): moby distribution/errors.go, registry/errors.go; observed in
// kubelet `Failed` events on minikube's Docker runtime.
ImageCatalog::PullResult ImageCatalog::pull(const ImageReference& ref) const {
    PullResult res;
    const std::string familiar = ref.familiarString();
    bool knownHost = std::find(kKnownRegistries.begin(), kKnownRegistries.end(), ref.domain) != kKnownRegistries.end();
    for (std::string_view m : kDockerHubMirrors)
        knownHost = knownHost || ref.domain + "/" == m;
    if (!knownHost) {
        res.error = "Error response from daemon: Get \"https://" + ref.domain + "/v2/\": dial tcp: lookup " +
                    ref.domain + " on 192.168.49.1:53: no such host";
        return res;
    }
    const ImageRepository* r = repository(ref);
    const ImageTag* tag = nullptr;
    if (r)
        tag = ref.digest.empty() ? r->findTag(ref.tag) : r->findDigest(ref.digest);
    if (r && tag) {
        res.image = ResolvedImage{r, tag, ref};
        return res;
    }
    if (!r && ref.domain == "docker.io") {
        res.error = "Error response from daemon: pull access denied for " + ref.familiarName() +
                    ", repository does not exist or may require 'docker login': denied: requested access to the "
                    "resource is denied";
        return res;
    }
    if (ref.domain == "gcr.io" || ref.domain == "k8s.gcr.io") {
        std::string want = ref.digest.empty() ? ref.tag : ref.digest;
        res.error = "Error response from daemon: manifest for " + familiar + " not found: manifest unknown: Failed to "
                    "fetch \"" + want + "\" from request \"/v2/" + ref.path + "/manifests/" + want + "\".";
        return res;
    }
    res.error = "Error response from daemon: manifest for " + familiar + " not found: manifest unknown: manifest unknown";
    return res;
}

std::vector<ResolvedImage> ImageCatalog::preloadedImages(std::string_view imageRepository,
                                                         const std::string& kubernetesVersion) const {
    std::vector<ResolvedImage> out;
    const kubeadm_images::Tags tags = kubeadm_images::forVersion(kubernetesVersion);
    const std::string coredns = kubeadm_images::corednsInSubpath(kubernetesVersion) ? "registry.k8s.io/coredns/coredns:"
                                                                                     : "registry.k8s.io/coredns:";
    for (const std::string& name :
         {"registry.k8s.io/kube-apiserver:" + kubernetesVersion, "registry.k8s.io/kube-controller-manager:" + kubernetesVersion,
          "registry.k8s.io/kube-scheduler:" + kubernetesVersion, "registry.k8s.io/kube-proxy:" + kubernetesVersion,
          "registry.k8s.io/etcd:" + tags.etcd, coredns + tags.coredns, "registry.k8s.io/pause:" + tags.pause,
          std::string("gcr.io/k8s-minikube/storage-provisioner:v5")}) {
        std::string text = name;
        if (!imageRepository.empty()) {
            // minikube flattens the path under the mirror: .../google_containers/coredns:v1.11.3.
            std::string leaf = lastElement(text);
            text = std::string(imageRepository) + "/" + leaf;
        }
        auto ref = parseImageReference(text, nullptr);
        if (!ref)
            continue;
        PullResult p = pull(*ref);
        if (p.image)
            out.push_back(*p.image);
    }
    return out;
}

std::vector<std::string> containerCommandLine(const ImageRepository* repo, const Json& container) {
    auto words = [&](const char* key) {
        std::vector<std::string> out;
        if (const Json* list = findPath(container, key); list && list->is_array())
            for (const Json& w : *list)
                if (w.is_string())
                    out.push_back(w.get<std::string>());
        return out;
    };
    std::vector<std::string> entrypoint = repo ? repo->entrypoint : std::vector<std::string>{};
    std::vector<std::string> cmd = repo ? repo->cmd : std::vector<std::string>{};
    if (container.contains("command")) {
        entrypoint = words("command");
        cmd.clear();
    }
    if (container.contains("args"))
        cmd = words("args");
    entrypoint.insert(entrypoint.end(), cmd.begin(), cmd.end());
    return entrypoint;
}

// `minikube start --kubernetes-version=v1.28.15` runs that release's components and the CoreDNS,
// etcd and pause kubeadm pairs with it: the registry serves every version minikube can start.
// SIMPLIFICATION: other versions' images have v1.32.0's sizes.
void ImageCatalog::addKubeadmVersions() {
    auto addTag = [this](const std::string& name, const std::string& tag) {
        for (ImageRepository& r : repos_) {
            if (r.name != name)
                continue;
            for (const ImageTag& t : r.tags)
                if (t.tag == tag)
                    return;
            r.tags.push_back(tagOf(r.name, tag.c_str(), r.tags.front().sizeBytes));
            return;
        }
    };
    // Before v1.21 CoreDNS was registry.k8s.io/coredns (no subpath).
    ImageRepository oldCoredns = repo("registry.k8s.io/coredns", AppKind::Daemon, {}, {"/coredns"}, {}, {53, 8080, 9153});
    oldCoredns.hasShell = false;
    oldCoredns.aliases = {"k8s.gcr.io/coredns"};
    for (const std::string& version : kubeadm_images::versions()) {
        const kubeadm_images::Tags tags = kubeadm_images::forVersion(version);
        for (const char* component : {"kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"})
            addTag(std::string("registry.k8s.io/") + component, version);
        addTag("registry.k8s.io/etcd", tags.etcd);
        addTag("registry.k8s.io/pause", tags.pause);
        if (kubeadm_images::corednsInSubpath(version))
            addTag("registry.k8s.io/coredns/coredns", tags.coredns);
        else if (oldCoredns.tags.empty() || oldCoredns.tags.back().tag != tags.coredns)
            oldCoredns.tags.push_back(tagOf(oldCoredns.name, tags.coredns.c_str(), 45000000));
    }
    repos_.push_back(oldCoredns);
}

}  // namespace kp::runtime
