#include "cli/minikube/addons.h"

#include <algorithm>

#include "cli/minikube/output.h"

namespace kp::cli::minikube {
namespace {

// Data from pkg/minikube/assets/addons.go at v1.35.0 and deploy/addons/aliyun_mirror.json.
const std::vector<Addon> kAddons = {
    {"ambassador", false, "3rd party (Ambassador)", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/ambassador/",
     {{"AmbassadorOperator", "datawire/ambassador-operator:v1.2.3@sha256:492f33e0828a371aa23331d75c11c251b21499e31287f026269e3f6ec6da34ed", "quay.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/ambassador-operator"}}},
    {"amd-gpu-device-plugin", false, "3rd party (AMD)", "", "https://minikube.sigs.k8s.io/docs/tutorials/amd/",
     {{"AmdDevicePlugin", "rocm/k8s-device-plugin:1.25.2.8@sha256:f3835498cf2274e0a07c32b38c166c05a876f8eb776d756cc06805e599a3ba5f", "docker.io", ""}}},
    {"auto-pause", false, "minikube", "", "",
     {{"AutoPauseHook", "k8s-minikube/auto-pause-hook:v0.0.5@sha256:d613ed2c891882b602b5aca668e92d4606a1b3832d96750ab25804de15929522", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/auto-pause-hook"}}},
    {"cloud-spanner", false, "Google", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/cloud-spanner/",
     {{"CloudSpanner", "cloud-spanner-emulator/emulator:1.5.28@sha256:4c5deadfc50f5165270a6d8672290b1545c91dcf54ab69fc3cb2255a6ff736bf", "gcr.io", ""}}},
    {"csi-hostpath-driver", false, "Kubernetes", "", "https://minikube.sigs.k8s.io/docs/tutorials/volume_snapshots_and_csi/",
     {{"Attacher", "sig-storage/csi-attacher:v4.0.0@sha256:9a685020911e2725ad019dbce6e4a5ab93d51e3d4557f115e64343345e05781b", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-attacher"},
      {"HostMonitorController", "sig-storage/csi-external-health-monitor-controller:v0.7.0@sha256:80b9ba94aa2afe24553d69bd165a6a51552d1582d68618ec00d3b804a7d9193c", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-external-health-monitor-controller"},
      {"HostPathPlugin", "sig-storage/hostpathplugin:v1.9.0@sha256:92257881c1d6493cf18299a24af42330f891166560047902b8d431fb66b01af5", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/hostpathplugin"},
      {"LivenessProbe", "sig-storage/livenessprobe:v2.8.0@sha256:cacee2b5c36dd59d4c7e8469c05c9e4ef53ecb2df9025fa8c10cdaf61bce62f0", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/livenessprobe"},
      {"NodeDriverRegistrar", "sig-storage/csi-node-driver-registrar:v2.6.0@sha256:f1c25991bac2fbb7f5fcf91ed9438df31e30edee6bed5a780464238aa09ad24c", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-node-driver-registrar"},
      {"Provisioner", "sig-storage/csi-provisioner:v3.3.0@sha256:ee3b525d5b89db99da3b8eb521d9cd90cb6e9ef0fbb651e98bb37be78d36b5b8", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-provisioner"},
      {"Resizer", "sig-storage/csi-resizer:v1.6.0@sha256:425d8f1b769398127767b06ed97ce62578a3179bcb99809ce93a1649e025ffe7", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-resizer"},
      {"Snapshotter", "sig-storage/csi-snapshotter:v6.1.0@sha256:291334908ddf71a4661fd7f6d9d97274de8a5378a2b6fdfeb2ce73414a34f82f", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/csi-snapshotter"}}},
    {"dashboard", false, "Kubernetes", "", "https://minikube.sigs.k8s.io/docs/handbook/dashboard/",
     {{"Dashboard", "kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93", "docker.io", ""},
      {"MetricsScraper", "kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c", "docker.io", ""}}},
    {"default-storageclass", true, "Kubernetes", "", "https://minikube.sigs.k8s.io/docs/handbook/persistent_volumes/",
     {}},
    {"efk", false, "3rd party (Elastic)", "", "",
     {{"Alpine", "alpine:3.6@sha256:66790a2b79e1ea3e1dabac43990c54aca5d1ddf268d9a5a0285e4167c8b24475", "docker.io", ""},
      {"Elasticsearch", "elasticsearch:v5.6.2@sha256:7e95b32a7a2aad0c0db5c881e4a1ce8b7e53236144ae9d9cfb5fbe5608af4ab2", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/elasticsearch"},
      {"FluentdElasticsearch", "fluentd-elasticsearch:v2.0.2@sha256:d0480bbf2d0de2344036fa3f7034cf7b4b98025a89c71d7f1f1845ac0e7d5a97", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/fluentd-elasticsearch"},
      {"Kibana", "kibana/kibana:5.6.2@sha256:cd948a9bda4622f1437afc4a3e78be6c8c25fc62f40aa0376f3d690f2436568f", "docker.elastic.co", ""}}},
    {"freshpod", false, "Google", "", "https://github.com/GoogleCloudPlatform/freshpod",
     {{"FreshPod", "google-samples/freshpod:v0.0.1@sha256:b9efde5b509da3fd2959519c4147b653d0c5cefe8a00314e2888e35ecbcb46f9", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/freshpod"}}},
    {"gcp-auth", false, "Google", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/gcp-auth/",
     {{"GCPAuthWebhook", "k8s-minikube/gcp-auth-webhook:v0.1.3@sha256:94f0c448171b974aab7b4a96d00feb5799b1d69827a738a4f8b4b30c17fb74e7", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/gcp-auth-webhook"},
      {"KubeWebhookCertgen", "ingress-nginx/kube-webhook-certgen:v1.4.4@sha256:a9f03b34a3cbfbb26d103a14046ab2c5130a80c3d69d526ff8063d2b37b9fd3f", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen"}}},
    {"gvisor", false, "minikube", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/gvisor/",
     {{"GvisorAddon", "k8s-minikube/gvisor-addon:v0.0.2@sha256:511bf52bdec6be2b846f98e92addf70c544044f96e35085f85ae9bdcd4df2da2", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/gvisor-addon"}}},
    {"headlamp", false, "3rd party (kinvolk.io)", "yolossn", "https://minikube.sigs.k8s.io/docs/handbook/addons/headlamp/",
     {{"Headlamp", "headlamp-k8s/headlamp:v0.26.0@sha256:c47fd232a8be2a8756706e3c2af13f23787b0bf1276831b711fa5eaef17390b2", "ghcr.io", ""}}},
    {"inaccel", false, "3rd party (InAccel [info@inaccel.com])", "", "",
     {{"Helm3", "alpine/helm:3.9.0@sha256:9f4bf4d24241f983910550b1fe8688571cd684046500abe58cef14308f9cb19e", "docker.io", ""}}},
    {"ingress", false, "Kubernetes", "", "https://kubernetes.io/docs/tasks/access-application-cluster/ingress-minikube/",
     {{"IngressController", "ingress-nginx/controller:v1.11.3@sha256:d56f135b6462cfc476447cfe564b83a45e8bb7da2774963b00d12161112270b7", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/nginx-ingress-controller"},
      {"KubeWebhookCertgenCreate", "ingress-nginx/kube-webhook-certgen:v1.4.4@sha256:a9f03b34a3cbfbb26d103a14046ab2c5130a80c3d69d526ff8063d2b37b9fd3f", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen"},
      {"KubeWebhookCertgenPatch", "ingress-nginx/kube-webhook-certgen:v1.4.4@sha256:a9f03b34a3cbfbb26d103a14046ab2c5130a80c3d69d526ff8063d2b37b9fd3f", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen"}}},
    {"ingress-dns", false, "minikube", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/ingress-dns/",
     {{"IngressDNS", "k8s-minikube/minikube-ingress-dns:0.0.3@sha256:4211a1de532376c881851542238121b26792225faa36a7b02dccad88fd05797c", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/minikube-ingress-dns"}}},
    {"inspektor-gadget", false, "3rd party (inspektor-gadget.io)", "https://github.com/orgs/inspektor-gadget/people", "https://minikube.sigs.k8s.io/docs/handbook/addons/inspektor-gadget/",
     {{"InspektorGadget", "inspektor-gadget/inspektor-gadget:v0.36.0@sha256:ccb3f3a138132e20c7c78531b01ccceecc15ef6b5b8a0604ac5eb57e4375c42f", "ghcr.io", ""}}},
    {"istio", false, "3rd party (Istio)", "", "https://istio.io/latest/docs/setup/platform-setup/minikube/",
     {}},
    {"istio-provisioner", false, "3rd party (Istio)", "", "https://istio.io/latest/docs/setup/platform-setup/minikube/",
     {{"IstioOperator", "istio/operator:1.23.3@sha256:fcdc8f506f6b19b8265e6c8c28fa3d1c2f5b9069ad8ea6e1d8b353b233ec3079", "docker.io", ""}}},
    {"kong", false, "3rd party (Kong HQ)", "@gAmUssA", "https://minikube.sigs.k8s.io/docs/handbook/addons/kong-ingress/",
     {{"Kong", "kong:3.8.0@sha256:616b2ab5a4c7b6c14022e8a1495ff34930ced76f25f3d418e76758717fec335f", "docker.io", ""},
      {"KongIngress", "kong/kubernetes-ingress-controller:3.3.1@sha256:9211b2e6c10fc899ad85c77d02eed5ff5c9ec0ca6b4accdfb82679cdba196662", "docker.io", ""}}},
    {"kubeflow", false, "3rd party", "", "",
     {}},
    {"kubevirt", false, "3rd party (KubeVirt)", "", "https://minikube.sigs.k8s.io/docs/handbook/addons/kubevirt/",
     {{"Kubectl", "bitnami/kubectl:1.31.3@sha256:3e89d1d1dbd10b1809bde3436bbe9f3708ad4c7d3ad4a9551cd8a16d88400365", "docker.io", ""}}},
    {"logviewer", false, "3rd party (unknown)", "", "",
     {{"LogViewer", "ivans3/minikube-log-viewer:latest@sha256:75854f45305cc47d17b04c6c588fa60777391761f951e3a34161ddf1f1b06405", "docker.io", ""}}},
    {"metallb", false, "3rd party (MetalLB)", "", "",
     {{"Controller", "metallb/controller:v0.9.6@sha256:6932cf255dd7f06f550c7f106b9a206be95f847ab8cb77aafac7acd27def0b00", "quay.io", ""},
      {"Speaker", "metallb/speaker:v0.9.6@sha256:7a400205b4986acd3d2ff32c29929682b8ff8d830837aff74f787c757176fa9f", "quay.io", ""}}},
    {"metrics-server", false, "Kubernetes", "", "",
     {{"MetricsServer", "metrics-server/metrics-server:v0.7.2@sha256:ffcb2bf004d6aa0a17d90e0247cf94f2865c8901dcab4427034c341951c239f9", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/metrics-server"}}},
    {"nvidia-device-plugin", false, "3rd party (NVIDIA)", "", "https://minikube.sigs.k8s.io/docs/tutorials/nvidia/",
     {{"NvidiaDevicePlugin", "nvidia/k8s-device-plugin:v0.17.0@sha256:7089559ce6153018806857f5049085bae15b3bf6f1c8bd19d8b12f707d087dea", "nvcr.io", ""}}},
    {"nvidia-driver-installer", false, "3rd party (NVIDIA)", "", "https://minikube.sigs.k8s.io/docs/tutorials/nvidia/",
     {{"NvidiaDriverInstaller", "minikube-nvidia-driver-installer:e2d9b43228decf5d6f7dce3f0a85d390f138fa01", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/minikube-nvidia-driver-installer"},
      {"Pause", "pause:2.0@sha256:9ce5316f9752b8347484ab0f6778573af15524124d52b93230b9a0dcc987e73e", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/pause"}}},
    {"nvidia-gpu-device-plugin", false, "3rd party (NVIDIA)", "", "https://minikube.sigs.k8s.io/docs/tutorials/nvidia/",
     {{"NvidiaDevicePlugin", "nvidia-gpu-device-plugin@sha256:4b036e8844920336fa48f36edeb7d4398f426d6a934ba022848deed2edbf09aa", "registry.k8s.io", ""}}},
    {"olm", false, "3rd party (Operator Framework)", "", "",
     {{"OLM", "operator-framework/olm@sha256:e74b2ac57963c7f3ba19122a8c31c9f2a0deb3c0c5cac9e5323ccffd0ca198ed", "quay.io", ""},
      {"UpstreamCommunityOperators", "operatorhubio/catalog@sha256:e08a1cd21fe72dd1be92be738b4bf1515298206dac5479c17a4b3ed119e30bd4", "quay.io", ""}}},
    {"pod-security-policy", false, "3rd party (unknown)", "", "",
     {}},
    {"portainer", false, "3rd party (Portainer.io)", "", "",
     {{"Portainer", "portainer/portainer-ce:2.15.1@sha256:5466af30b8eaf3f75edd3c74703d1c9973f0963acd6ef164913ea6f195d640c2", "docker.io", ""}}},
    {"registry", false, "minikube", "", "",
     {{"KubeRegistryProxy", "k8s-minikube/kube-registry-proxy:0.0.8@sha256:60ab3508367ad093b4b891231572577371a29f838d61e64d7f7d093d961c862c", "gcr.io", ""},
      {"Registry", "registry:2.8.3@sha256:543dade69668e02e5768d7ea2b0aa4fae6aa7384c9a5a8dbecc2be5136079ddb", "docker.io", ""}}},
    {"registry-aliases", false, "3rd party (unknown)", "", "",
     {{"Alpine", "alpine:3.11@sha256:0bd0e9e03a022c3b0226667621da84fc9bf562a9056130424b5bfbd8bcb0397f", "docker.io", ""},
      {"CoreDNSPatcher", "rhdevelopers/core-dns-patcher@sha256:9220ff32f690c3d889a52afb59ca6fcbbdbd99e5370550cc6fd249adea8ed0a9", "quay.io", ""},
      {"Pause", "google_containers/pause:3.1@sha256:f78411e19d84a252e53bff71a4407a5686c46983a2c2eeed83929b888179acea", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/pause"}}},
    {"registry-creds", false, "3rd party (UPMC Enterprises)", "", "https://minikube.sigs.k8s.io/docs/handbook/registry/",
     {{"RegistryCreds", "upmcenterprises/registry-creds:1.10@sha256:93a633d4f2b76a1c66bf19c664dbddc56093a543de6d54320f19f585ccd7d605", "docker.io", ""}}},
    {"storage-provisioner", true, "minikube", "", "",
     {{"StorageProvisioner", "k8s-minikube/storage-provisioner:v5", "gcr.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner"}}},
    {"storage-provisioner-gluster", false, "3rd party (Gluster)", "", "",
     {{"GlusterfileProvisioner", "gluster/glusterfile-provisioner:latest@sha256:9961a35cb3f06701958e202324141c30024b195579e5eb1704599659ddea5223", "docker.io", ""},
      {"GlusterfsServer", "gluster/gluster-centos:latest@sha256:8167034b9abf2d16581f3f4571507ce7d716fb58b927d7627ef72264f802e908", "docker.io", ""},
      {"Heketi", "heketi/heketi:10@sha256:76d5a6a3b7cf083d1e99efa1c15abedbc5c8b73bef3ade299ce9a4c16c9660f8", "docker.io", ""}}},
    {"storage-provisioner-rancher", false, "3rd party (Rancher)", "", "",
     {{"Helper", "busybox:stable@sha256:3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79", "docker.io", ""},
      {"LocalPathProvisioner", "rancher/local-path-provisioner:v0.0.22@sha256:e34c88ae0affb1cdefbb874140d6339d4a27ec4ee420ae8199cd839997b05246", "docker.io", ""}}},
    {"volcano", false, "third-party (volcano)", "hwdef", "",
     {{"vc_controller_manager", "volcanosh/vc-controller-manager:v1.10.0@sha256:5084bdd1edee7c7d676fc1713e02051b975f69839be4a8278a59d4a7a59ad8de", "docker.io", ""},
      {"vc_scheduler", "volcanosh/vc-scheduler:v1.10.0@sha256:b618879e2ff768f69fb94084f0c644d2278d31e4fa17c898b8763fc7e1648882", "docker.io", ""},
      {"vc_webhook_manager", "volcanosh/vc-webhook-manager:v1.10.0@sha256:f56fecf20af14dd9ebea12eb6390014b51a44c552742d4e15d25876438c46e1e", "docker.io", ""}}},
    {"volumesnapshots", false, "Kubernetes", "", "https://minikube.sigs.k8s.io/docs/tutorials/volume_snapshots_and_csi/",
     {{"SnapshotController", "sig-storage/snapshot-controller:v6.1.0@sha256:823c75d0c45d1427f6d850070956d9ca657140a7bbf828381541d1d808475280", "registry.k8s.io", "registry.cn-hangzhou.aliyuncs.com/google_containers/snapshot-controller"}}},
    {"yakd", false, "3rd party (marcnuri.com)", "manusa", "https://minikube.sigs.k8s.io/docs/handbook/addons/yakd-kubernetes-dashboard/",
     {{"Yakd", "marcnuri/yakd:0.0.5@sha256:c5414196116a2266ad097b0468833b73ef1d6c7922241115fe203fb826381624", "docker.io", ""}}},
};

std::string withSlash(const std::string& s) { return s.empty() || s.back() == '/' ? s : s + "/"; }

std::string withoutDigest(const std::string& image) { return image.substr(0, image.find('@')); }

}  // namespace

const std::vector<Addon>& addonRegistry() { return kAddons; }

bool isOfficialMaintainer(const std::string& m) { return m == "Google" || m == "Kubernetes" || m == "minikube"; }

const Addon* findAddon(const std::string& name) {
    for (const Addon& a : kAddons)
        if (a.name == name)
            return &a;
    return nullptr;
}

bool isAddonEnabled(const MinikubeState& state, const Addon& addon) {
    auto it = state.addons.find(addon.name);
    return it == state.addons.end() ? addon.enabledByDefault : it->second;
}

// Upstream: pkg/minikube/assets/aliyun_mirror.go#FixAddonImagesAndRegistries and
// addons.go#GenerateTemplateData (the "Using image" lines).
std::vector<std::string> addonImageLines(const Addon& addon, const std::string& imageRepository) {
    std::vector<std::string> lines;
    const bool aliyun = imageRepository == kAliyunMirror;
    for (const AddonImage& img : addon.images) {
        if (aliyun) {
            // Known images move to the mirror (registry = host part of the mirror path).
            std::string registry = img.registry;
            std::string image = img.image;
            if (!img.aliyun.empty()) {
                size_t colon = image.find(':');
                std::string tag = colon == std::string::npos ? "" : image.substr(colon + 1);
                size_t slash = img.aliyun.find('/');
                registry = img.aliyun.substr(0, slash);
                image = img.aliyun.substr(slash + 1) + ":" + tag;
            }
            lines.push_back("Using image " + withSlash(registry) + withoutDigest(image));
            continue;
        }
        if (!imageRepository.empty()) {
            lines.push_back("Using image " + withSlash(imageRepository) + img.image + " (global image repository)");
            continue;
        }
        lines.push_back("Using image " + withSlash(img.registry) + withoutDigest(img.image));
    }
    return lines;
}

bool addonDeprecation(const std::string& name, std::string& replacement, std::string& message) {
    if (name == "heapster") {
        replacement = "metrics-server";
        message = "using metrics-server addon, heapster is deprecated";
        return true;
    }
    if (name == "efk") {
        replacement = "";
        message = "The current images used in the efk addon contain Log4j vulnerabilities, the addon will be disabled "
                  "until images are updated, see: https://github.com/kubernetes/minikube/issues/15280";
        return true;
    }
    if (name == "nvidia-gpu-device-plugin") {
        replacement = "nvidia-device-plugin";
        message = "The nvidia-gpu-device-plugin addon is deprecated and it's functionality is merged inside of "
                  "nvidia-device-plugin addon. It will be removed in a future release. Please use the "
                  "nvidia-device-plugin addon instead. For more details, visit: "
                  "https://github.com/kubernetes/minikube/issues/19114.";
        return true;
    }
    return false;
}

void addonPostStartMessages(Output& out, const std::string& addon, const std::string& profile) {
    const std::string profileArg = profile == "minikube" ? "" : " -p " + profile;
    if (addon == "dashboard")
        out.step(Style::Tip, "Some dashboard features require the metrics-server addon. To enable all features please run:\n\n\tminikube" +
                                 profileArg + " addons enable metrics-server\n");
    if (addon == "headlamp") {
        out.step(Style::Tip, "To access Headlamp, use the following command:\n\n\tminikube" + profileArg +
                                 " service headlamp -n headlamp\n");
        out.step(Style::Tip, "To authenticate in Headlamp, fetch the Authentication Token using the following command:\n\n"
                             "        kubectl create token headlamp --duration 24h -n headlamp\n");
        out.step(Style::Tip, "Headlamp can display more detailed information when metrics-server is installed. To install it, run:\n\n\tminikube" +
                                 profileArg + " addons enable metrics-server\n");
    }
    if (addon == "yakd")
        out.step(Style::Tip, "To access YAKD - Kubernetes Dashboard, wait for Pod to be ready and run the following command:\n\n\tminikube" +
                                 profileArg + " service yakd-dashboard -n yakd-dashboard\n");
}

bool addonIsVerified(const std::string& name) {
    return name == "ingress" || name == "registry" || name == "gvisor" || name == "gcp-auth" ||
           name == "csi-hostpath-driver";
}

}  // namespace kp::cli::minikube
