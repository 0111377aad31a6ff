// Images on a node: the pull policy decision, the serial image puller, pull back-off, and the
// `images` list of the node status.
// Upstream: pkg/kubelet/images/image_manager.go (EnsureImageExists), puller.go
// (serializedImagePuller: one pull at a time per node, the default), pkg/kubelet/nodestatus
// (Images: sorted by size, at most 50, at most 5 names each).
#include <algorithm>

#include "api/codec/go_format.h"
#include "kubelet/go_duration.h"
#include "kubelet/kubelets.h"

namespace kp::kubelet {
namespace {

std::string contentKey(const runtime::ResolvedImage& img) { return img.repo->name + "@" + img.tag->digest; }

}  // namespace

const Kubelets::NodeImage* Kubelets::findImage(const NodeState& node, const runtime::ImageReference& ref) const {
    std::string key = ref.digest.empty() ? ref.familiarName() + ":" + ref.tag : ref.familiarName() + "@" + ref.digest;
    auto it = node.imageByRef.find(key);
    if (it == node.imageByRef.end())
        return nullptr;
    auto img = node.images.find(it->second);
    return img == node.images.end() ? nullptr : &img->second;
}

void Kubelets::addImage(NodeState& node, const runtime::ResolvedImage& image, bool fromRegistry) {
    std::string key = contentKey(image);
    NodeImage& ni = node.images[key];
    ni.repo = image.repo;
    ni.tag = image.tag;
    if (std::string tag = image.repoTag(); !tag.empty()) {
        ni.repoTags.insert(tag);
        node.imageByRef[tag] = key;
    }
    if (fromRegistry) {
        ni.fromRegistry = true;
        ni.repoDigests.insert(image.repoDigest());
        node.imageByRef[image.repoDigest()] = key;
    }
}

std::string Kubelets::imageIDFor(const NodeState& node, const runtime::ResolvedImage& image) const {
    auto it = node.images.find(contentKey(image));
    if (it != node.images.end() && it->second.fromRegistry)
        return "docker-pullable://" + image.repoDigest();
    // Loaded from a tarball (minikube's preload): Docker knows no registry digest for it.
    return "docker://sha256:" + runtime::pseudoHex64("image-id/" + contentKey(image));
}

std::vector<Kubelets::RuntimeImage> Kubelets::runtimeImages(const std::string& nodeName) const {
    std::vector<RuntimeImage> out;
    auto node = nodes_.find(nodeName);
    if (node == nodes_.end())
        return out;
    for (const auto& [key, img] : node->second.images) {
        RuntimeImage ri;
        ri.repoTags.assign(img.repoTags.begin(), img.repoTags.end());
        ri.repository = img.repo->name;
        // The ID the containers made from it carry (imageIDFor): the pulled content's digest, or
        // the preload's.
        ri.id = img.fromRegistry ? img.tag->digest : "sha256:" + runtime::pseudoHex64("image-id/" + key);
        ri.sizeBytes = img.tag->sizeBytes;
        out.push_back(std::move(ri));
    }
    return out;
}

// Upstream: pkg/kubelet/nodestatus/setters.go#Images.
Json Kubelets::nodeImages(const NodeState& node) const {
    std::vector<const NodeImage*> list;
    for (const auto& [key, img] : node.images)
        list.push_back(&img);
    std::stable_sort(list.begin(), list.end(),
                     [](const NodeImage* a, const NodeImage* b) { return a->tag->sizeBytes > b->tag->sizeBytes; });
    Json out = Json::array();
    for (const NodeImage* img : list) {
        if (out.size() >= 50)
            break;
        Json names = Json::array();
        for (const std::string& d : img->repoDigests)
            names.push_back(d);
        for (const std::string& t : img->repoTags)
            names.push_back(t);
        while (names.size() > 5)
            names.erase(names.end() - 1);
        out.push_back(Json{{"names", names}, {"sizeBytes", img->tag->sizeBytes}});
    }
    return out;
}

// Upstream: pkg/kubelet/images/image_manager.go#EnsureImageExists. Returns true when a pull
// started (the pod worker waits for pod.op); `failed` reports a failure already recorded.
bool Kubelets::ensureImage(PodState& pod, NodeState& node, const Json& obj, size_t index, Time now, bool& failed) {
    ContainerState& c = pod.containers[index];
    const Json& spec = containerSpec(obj, pod, index);
    const std::string image = spec.value("image", "");
    const std::string fieldPath = containerFieldPath(pod, index);
    std::string policy = spec.value("imagePullPolicy", "");
    std::string msg;
    auto ref = runtime::applyDefaultImageTag(image, &msg);
    if (!ref) {
        event(node, obj, "Warning", "InspectFailed", msg, fieldPath);
        event(node, obj, "Warning", "Failed", "Error: InvalidImageName", fieldPath);
        c.waitingReason = "InvalidImageName";
        c.waitingMessage = msg;
        failed = true;
        return false;
    }
    if (policy.empty())
        policy = ref->tag == "latest" ? "Always" : "IfNotPresent";
    const NodeImage* present = findImage(node, *ref);
    if (present && policy != "Always") {
        event(node, obj, "Normal", "Pulled", "Container image " + codec::quoteGo(image) + " already present on machine",
              fieldPath);
        runtime::ResolvedImage resolved{present->repo, present->tag, *ref};
        createAndStart(pod, node, obj, index, resolved, now, failed);
        return false;
    }
    if (!present && policy == "Never") {
        msg = "Container image " + codec::quoteGo(image) + " is not present with pull policy of Never";
        event(node, obj, "Warning", "ErrImageNeverPull", msg, fieldPath);
        event(node, obj, "Warning", "Failed", "Error: ErrImageNeverPull", fieldPath);
        c.waitingReason = "ErrImageNeverPull";
        c.waitingMessage = msg;
        failed = true;
        return false;
    }
    BackoffEntry& backoff = pod.pullBackoff[image];
    if (backoff.inBackOffSinceUpdate(now)) {
        msg = "Back-off pulling image " + codec::quoteGo(image);
        event(node, obj, "Normal", "BackOff", msg, fieldPath);
        event(node, obj, "Warning", "Failed", "Error: ImagePullBackOff", fieldPath);
        c.waitingReason = "ImagePullBackOff";
        c.waitingMessage = msg;
        failed = true;
        return false;
    }
    event(node, obj, "Normal", "Pulling", "Pulling image " + codec::quoteGo(image), fieldPath);
    runtime::ImageCatalog::PullResult result = catalog_.pull(*ref);
    const KubeletTimings& t = options_.timings;
    Duration d = t.pullLatency * 3;  // a failing pull: registry round trips, then the error
    if (result.image)
        d = present ? t.pullPresent
                    : t.pullLatency + Duration::millis(result.image->sizeBytes() * 1000 / t.pullBytesPerSecond);
    // Serialized image pulls (the kubelet default): a pull waits for the node's previous one.
    Time start = std::max(now, node.pullerFreeAt);
    node.pullerFreeAt = start + d;
    pod.op = PodOp{};
    pod.op.kind = PodOp::Kind::Pull;
    pod.op.container = index;
    pod.op.requestedAt = now;
    pod.op.done = start + d;
    pod.op.pullDuration = d;
    if (result.image)
        pod.op.pulled = std::make_shared<const runtime::ResolvedImage>(*result.image);
    pod.op.pullError = result.error;
    pod.op.pullImage = image;
    return true;
}

void Kubelets::finishPull(PodState& pod, NodeState& node, const Json& obj, Time now, bool& failed) {
    PodOp op = std::move(pod.op);
    pod.op = PodOp{};
    ContainerState& c = pod.containers[op.container];
    const std::string fieldPath = containerFieldPath(pod, op.container);
    if (!op.pulled) {
        event(node, obj, "Warning", "Failed", "Failed to pull image " + codec::quoteGo(op.pullImage) + ": " + op.pullError,
              fieldPath);
        pod.pullBackoff[op.pullImage].next(now, now);
        event(node, obj, "Warning", "Failed", "Error: ErrImagePull", fieldPath);
        c.waitingReason = "ErrImagePull";
        c.waitingMessage = op.pullError;
        failed = true;
        return;
    }
    event(node, obj, "Normal", "Pulled",
          "Successfully pulled image " + codec::quoteGo(op.pullImage) + " in " + goDuration(op.pullDuration) + " (" +
              goDuration(now - op.requestedAt) + " including waiting). Image size: " +
              std::to_string(op.pulled->sizeBytes()) + " bytes.",
          fieldPath);
    bool known = node.images.count(contentKey(*op.pulled)) > 0;
    addImage(node, *op.pulled, true);
    if (!known)
        node.statusDirty = true;
    createAndStart(pod, node, obj, op.container, *op.pulled, now, failed);
}

}  // namespace kp::kubelet
