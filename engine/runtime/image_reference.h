// Container image references ("nginx", "nginx:1.25", "k8s.gcr.io/echoserver:1.10",
// "busybox@sha256:...") as the kubelet and the Docker daemon read them: the kubelet applies the
// default tag ("latest") and reports parse failures as InvalidImageName; Docker names images in
// its messages by their "familiar" form (docker.io/library/nginx:nope -> nginx:nope).
// Upstream: github.com/distribution/reference (normalize.go ParseNormalizedNamed, regexp.go),
// pkg/kubelet/images/image_manager.go#applyDefaultImageTag.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kp::runtime {

struct ImageReference {
    std::string domain;   // "docker.io", "registry.k8s.io", "localhost:5000"
    std::string path;     // "library/nginx", "echoserver", "google_containers/echoserver"
    std::string tag;      // "" when the reference has none (see withDefaultTag)
    std::string digest;   // "sha256:<hex>" or ""

    // The repository as Docker prints it: "nginx", "bitnami/wordpress", "k8s.gcr.io/echoserver".
    std::string familiarName() const;
    // Name plus ":tag" and/or "@digest": "nginx:nope", "k8s.gcr.io/echoserver:1.10".
    std::string familiarString() const;
    // Fully qualified: "docker.io/library/nginx:latest".
    std::string fullString() const;
};

// Parses like reference.ParseNormalizedNamed. On failure returns nullopt and sets *error to the
// library's message, e.g. "invalid reference format",
// "invalid reference format: repository name (library/Nginx) must be lowercase".
std::optional<ImageReference> parseImageReference(std::string_view image, std::string* error);

// The kubelet's applyDefaultImageTag: adds ":latest" when there is neither tag nor digest.
// On failure the message is the one the kubelet puts in the InspectFailed event and in the
// InvalidImageName waiting message:
//   Failed to apply default image tag "Nginx": couldn't parse image name "Nginx": invalid
//   reference format: repository name (library/Nginx) must be lowercase
std::optional<ImageReference> applyDefaultImageTag(std::string_view image, std::string* message);

}  // namespace kp::runtime
