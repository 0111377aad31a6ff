#include "cluster/system_workloads.h"

#include <cstdio>

#include "api/codec/yaml_decode.h"
#include "base/embedded_file.h"
#include "cluster/system_images.h"

namespace kp {
extern const EmbeddedFile kEmbeddedManifests[];
extern const int kEmbeddedManifestsCount;
}  // namespace kp

namespace kp::system_workloads {
namespace {

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
}

std::vector<Json> objectsOf(std::string_view prefix, const std::string& node, const std::string& ip,
                            const MinikubeConfig& config) {
    std::vector<Json> out;
    for (int i = 0; i < kEmbeddedManifestsCount; ++i) {
        const EmbeddedFile& f = kEmbeddedManifests[i];
        if (f.path.substr(0, prefix.size()) != prefix)
            continue;
        codec::DecodeResult decoded = codec::decodeManifest(render(std::string(f.content), node, ip, config));
        for (const auto& doc : decoded.documents)
            if (doc.value.is_object())
                out.push_back(doc.value);
    }
    return out;
}

// kubernetes.io/config.hash: the kubelet hashes the pod it read from the file (32 hex digits).
std::string configHash(const std::string& text) {
    uint64_t h1 = 1469598103934665603ULL, h2 = 1099511628211ULL * 31;
    for (unsigned char c : text) {
        h1 = (h1 ^ c) * 1099511628211ULL;
        h2 = (h2 ^ c) * 0x100000001b3ULL + 7;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h1), static_cast<unsigned long long>(h2));
    return buf;
}

// {{addon-image:REGISTRY|IMAGE|ALIYUN}}: the image an addon's manifest gets, as minikube's
// GenerateTemplateData picks it: the Aliyun mirror's repository (digest kept) when started with
// that mirror, any other --image-repository in front of IMAGE, else REGISTRY/IMAGE.
// Upstream: pkg/minikube/assets/addons.go#GenerateTemplateData, aliyun_mirror.go.
void renderAddonImages(std::string& text, const std::string& imageRepository) {
    const std::string open = "{{addon-image:";
    for (size_t p = text.find(open); p != std::string::npos; p = text.find(open, p)) {
        const size_t end = text.find("}}", p);
        if (end == std::string::npos)
            return;
        const std::string spec = text.substr(p + open.size(), end - p - open.size());
        const size_t bar1 = spec.find('|'), bar2 = spec.find('|', bar1 + 1);
        const std::string registry = spec.substr(0, bar1);
        const std::string image = spec.substr(bar1 + 1, bar2 == std::string::npos ? std::string::npos : bar2 - bar1 - 1);
        const std::string aliyun = bar2 == std::string::npos ? "" : spec.substr(bar2 + 1);
        std::string out = registry + "/" + image;
        if (imageRepository == "registry.cn-hangzhou.aliyuncs.com/google_containers" && !aliyun.empty())
            out = aliyun + (image.find(':') == std::string::npos ? "" : image.substr(image.find(':')));
        else if (!imageRepository.empty())
            out = imageRepository + (imageRepository.back() == '/' ? "" : "/") + image;
        text.replace(p, end + 2 - p, out);
        p += out.size();
    }
}

}  // namespace

std::string render(std::string text, const std::string& node, const std::string& ip, const MinikubeConfig& config) {
    for (const char* name : {"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy", "coredns",
                             "storage-provisioner", "pause"})
        replaceAll(text, std::string("{{image:") + name + "}}",
                   system_images::image(name, config.imageRepository, config.kubernetesVersion));
    renderAddonImages(text, config.imageRepository);
    replaceAll(text, "{{node}}", node);
    replaceAll(text, "{{ip}}", ip);
    return text;
}

void createStaticPods(Client& kubelet, const Json& node, const MinikubeConfig& config, Time now,
                      std::string_view component) {
    const std::string nodeName = stringAt(node, "metadata.name");
    std::string ip;
    for (const Json& a : node.value("status", Json::object()).value("addresses", Json::array()))
        if (a.value("type", std::string("")) == "InternalIP")
            ip = a.value("address", std::string(""));
    for (Json pod : objectsOf("static-" + std::string(component), nodeName, ip, config)) {
        const std::string hash = configHash(pod.dump());
        Json& meta = pod["metadata"];
        meta["annotations"]["kubernetes.io/config.hash"] = hash;
        meta["annotations"]["kubernetes.io/config.mirror"] = hash;
        meta["annotations"]["kubernetes.io/config.seen"] = formatRFC3339Micro(now);
        meta["annotations"]["kubernetes.io/config.source"] = "file";
        meta["ownerReferences"] = Json::array({{{"apiVersion", "v1"},
                                                {"kind", "Node"},
                                                {"name", nodeName},
                                                {"uid", stringAt(node, "metadata.uid")},
                                                {"controller", true}}});
        pod["spec"]["nodeName"] = nodeName;
        // The kubelet lets static pods tolerate every NoExecute taint.
        pod["spec"]["tolerations"] = Json::array({{{"operator", "Exists"}, {"effect", "NoExecute"}}});
        kubelet.create(pod);
    }
}

void applyAddons(Client& addonManager, const MinikubeConfig& config) {
    for (const Json& obj : objectsOf("addon-", "", "", config))
        addonManager.create(obj);
}

bool setOptionalAddon(Client& addonManager, const MinikubeConfig& config, const std::string& addon, bool enabled) {
    std::vector<Json> objects = objectsOf("optional-" + addon + ".yaml", "", "", config);
    if (objects.empty())
        return false;
    if (enabled) {
        for (const Json& obj : objects)
            addonManager.create(obj);
        return true;
    }
    // Deleting the namespace-scoped objects first, the Namespace (if any) last.
    for (auto it = objects.rbegin(); it != objects.rend(); ++it)
        if (const ResourceInfo* r = addonManager.resourceOf(*it))
            addonManager.remove(*r, r->namespaced ? stringAt(*it, "metadata.namespace") : "", stringAt(*it, "metadata.name"));
    return true;
}

}  // namespace kp::system_workloads
