// The images the simulated registries serve. Each known repository has tags (with sizes as the
// Docker daemon reports them after a pull, and digests) and an application model saying what a
// container of it does (serve HTTP on 80, run its command, print and exit, ...).
//
// A pull of anything else fails with the Docker daemon's own error text, as the kubelet shows it
// in the `Failed` event and in the ErrImagePull waiting message:
//   Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown
//   Error response from daemon: pull access denied for nosuch, repository does not exist or may
//   require 'docker login': denied: requested access to the resource is denied
//
// Registry mirrors resolve to the image they mirror, as `minikube start --image-repository=...`
// relies on: registry.cn-hangzhou.aliyuncs.com/google_containers/echoserver:1.10 is echoserver.
//
// SIMPLIFICATION: digests of images other than echoserver 1.4/1.10 are stable made-up values
// (derived from the name), and sizes are plausible, not measured.
#pragma once
#include "base/json.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/image_reference.h"

namespace kp::runtime {

// What a container of the image does when it runs its default command.
enum class AppKind {
    WebServer,   // HTTP on its ports: nginx, httpd, echoserver, hello-app, kubernetes-bootcamp
    Redis,       // TCP key-value server on 6379
    Shell,       // a distribution image: runs the given command (busybox, alpine, ubuntu, debian)
    HelloWorld,  // prints its greeting and exits 0
    Agnhost,     // the Kubernetes e2e test image: behaviour chosen by its first argument
    Pause,       // sleeps forever (the sandbox image)
    Daemon,      // a control-plane or add-on process that runs until stopped
    Stress,      // polinux/stress: allocates --vm-bytes of memory (OOMKilled over its limit)
    Mysql,       // exits 1 unless a root password option is set
    Task,        // a one-shot tool (kube-webhook-certgen): does its work and exits 0 after a moment
};

struct ImageTag {
    std::string tag;
    int64_t sizeBytes = 0;
    std::string digest;  // "sha256:<64 hex>"
};

struct ImageRepository {
    std::string name;                  // familiar name: "nginx", "k8s.gcr.io/echoserver"
    std::vector<std::string> aliases;  // other familiar names serving the same images
    std::vector<ImageTag> tags;
    AppKind kind = AppKind::Daemon;
    std::vector<std::string> entrypoint;  // image config ENTRYPOINT
    std::vector<std::string> cmd;         // image config CMD
    std::vector<int> ports;               // TCP ports the default process listens on
    // Exit code after SIGTERM; -1 when the process ignores it (a shell as PID 1) and only the
    // SIGKILL at the end of the grace period stops it (exit code 137).
    int sigtermExitCode = 0;
    bool hasShell = true;                 // /bin/sh exists (distroless images have none)
    // /bin/bash exists too: Debian-based images have it; busybox and Alpine ones (and every
    // "alpine" tag) only have sh.
    bool hasBash = true;

    const ImageTag* findTag(std::string_view tag) const;
    const ImageTag* findDigest(std::string_view digest) const;
};

// A resolved pull: which repository and tag, under the name the pod asked for.
struct ResolvedImage {
    const ImageRepository* repo = nullptr;
    const ImageTag* tag = nullptr;
    ImageReference ref;  // as requested (mirror names kept), tag defaulted

    // Whether the image holds this shell or shell utility ("bash", "/bin/sh", "cat", ...).
    bool holds(const std::string& program) const;

    int64_t sizeBytes() const { return tag->sizeBytes; }
    // "nginx@sha256:..." (the RepoDigest Docker records for a pulled image).
    std::string repoDigest() const;
    // "nginx:latest" (the RepoTag), or "" for a pull by digest only.
    std::string repoTag() const;
    // Same content and same name: two references to one image on a node.
    std::string key() const { return ref.familiarString(); }
};

// What a container runs (Docker's Path and Args): the pod's `command` replaces the image's
// ENTRYPOINT and `args` its CMD; a command without args drops the image's CMD too. `repo` may be
// nullptr (an image the catalog does not know: only the pod's words).
std::vector<std::string> containerCommandLine(const ImageRepository* repo, const Json& container);

class ImageCatalog {
public:
    static const ImageCatalog& builtin();

    const std::vector<ImageRepository>& repositories() const { return repos_; }
    // The repository serving `ref` (aliases and registry mirrors resolved), or nullptr.
    const ImageRepository* repository(const ImageReference& ref) const;

    // What `docker pull` of `ref` gives: the image, or the daemon's error text
    // ("Error response from daemon: ...").
    struct PullResult {
        std::optional<ResolvedImage> image;
        std::string error;
    };
    PullResult pull(const ImageReference& ref) const;

    // The images a fresh minikube node has loaded from its preload tarball (control plane,
    // pause, storage-provisioner), under `imageRepository` when minikube was started with
    // --image-repository (e.g. "registry.cn-hangzhou.aliyuncs.com/google_containers").
    std::vector<ResolvedImage> preloadedImages(std::string_view imageRepository = "",
                                               const std::string& kubernetesVersion = "v1.32.0") const;

private:
    void addKubeadmVersions();
    ImageCatalog();
    std::vector<ImageRepository> repos_;
};

// A stable, digest-looking 64-hex string derived from `seed` (not a real hash of content).
std::string pseudoHex64(std::string_view seed);

}  // namespace kp::runtime
