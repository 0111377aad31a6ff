// Starting a container: crash back-off, the environment (CreateContainerConfigError when a
// ConfigMap or Secret is missing), create and start, and the files the kubelet puts into every
// container (/etc/hosts, /etc/resolv.conf, the service account's namespace and CA).
// Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (doBackOff),
// kuberuntime_container.go (startContainer), pkg/kubelet/kubelet_pods.go
// (makeEnvironmentVariables, getServiceEnvVarMap), pkg/kubelet/envvars/envvars.go,
// pkg/kubelet/kubelet_pods.go#managedHostsFileContent, pkg/kubelet/network/dns/dns.go.
#include <algorithm>
#include <cstdio>

#include "base/text.h"
#include "api/quantity.h"
#include "base/base64.h"
#include "kubelet/go_duration.h"
#include "kubelet/kubelets.h"

namespace kp::kubelet {
namespace {

std::vector<std::string> stringList(const Json& spec, const char* key) {
    std::vector<std::string> out;
    if (spec.contains(key) && spec[key].is_array())
        for (const Json& v : spec[key])
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

// envvars.makeEnvVariableName: "my-svc" -> "MY_SVC".
std::string envName(const std::string& s) {
    std::string out;
    for (char c : s)
        out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// third_party/forked/golang/expansion: $(VAR) from the mapping, $$ is a literal $, unknown
// references stay as written.
std::string expand(const std::string& in, const std::function<std::optional<std::string>(const std::string&)>& lookup) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '$' || i + 1 >= in.size()) {
            out += in[i];
            continue;
        }
        if (in[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        if (in[i + 1] == '(') {
            size_t close = in.find(')', i + 2);
            if (close != std::string::npos) {
                std::string name = in.substr(i + 2, close - i - 2);
                if (auto v = lookup(name)) {
                    out += *v;
                } else {
                    out += "$(" + name + ")";
                }
                i = close;
                continue;
            }
        }
        out += in[i];
    }
    return out;
}

std::string specHash(const Json& spec) {
    return spec.value("image", "") + "\x1f" + spec.value("command", Json::array()).dump() + "\x1f" +
           spec.value("args", Json::array()).dump();
}

}  // namespace

std::string Kubelets::newContainerID() {
    char buf[17];
    std::string id;
    for (int i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng_.next()));
        id += buf;
    }
    return id;
}

// Upstream: kuberuntime_manager.go#doBackOff, then kuberuntime_container.go#startContainer.
void Kubelets::startContainer(PodState& pod, NodeState& node, const Json& obj, size_t index, bool afterKill, Time now,
                              bool& failed) {
    ContainerState& c = pod.containers[index];
    // The last run that had exited when this sync began decides the back-off.
    const ContainerInstance* exited = afterKill ? c.previous.get() : (c.exited() ? c.current.get() : nullptr);
    if (exited) {
        if (c.crashBackoff.inBackOffSince(exited->finishedAt, now)) {
            std::string podDesc = pod.name + "_" + pod.ns + "(" + pod.uid + ")";
            event(node, obj, "Warning", "BackOff", "Back-off restarting failed container " + c.name + " in pod " + podDesc,
                  containerFieldPath(pod, index));
            c.waitingReason = "CrashLoopBackOff";
            c.waitingMessage = "back-off " + goDuration(c.crashBackoff.get()) + " restarting failed container=" + c.name +
                               " pod=" + podDesc;
            failed = true;
            return;
        }
        c.crashBackoff.next(exited->finishedAt, now);
    }
    ensureImage(pod, node, obj, index, now, failed);
}

void Kubelets::createAndStart(PodState& pod, NodeState& node, const Json& obj, size_t index,
                              const runtime::ResolvedImage& image, Time now, bool& failed) {
    ContainerState& c = pod.containers[index];
    const Json& spec = containerSpec(obj, pod, index);
    const std::string fieldPath = containerFieldPath(pod, index);
    std::vector<std::pair<std::string, std::string>> env;
    std::string err;
    if (!makeEnvironment(pod, node, obj, spec, env, err)) {
        event(node, obj, "Warning", "Failed", "Error: " + err, fieldPath);
        c.waitingReason = "CreateContainerConfigError";
        c.waitingMessage = err;
        failed = true;
        return;
    }
    auto inst = std::make_unique<ContainerInstance>();
    inst->id = newContainerID();
    {
        ContainerImage record{image, imageIDFor(node, image),
                              image.ref.digest.empty() ? image.ref.familiarName() + ":" + image.ref.tag
                                                       : image.ref.familiarName() + "@" + image.ref.digest};
        const std::string key = node.config.name + "\n" + image.ref.fullString() + "\n" + record.imageID;
        std::shared_ptr<const ContainerImage> shared = containerImages_[key].lock();
        if (!shared || shared->image.repo != image.repo || shared->image.tag != image.tag ||
            shared->statusImage != record.statusImage || shared->image.ref.fullString() != image.ref.fullString()) {
            shared = std::make_shared<const ContainerImage>(std::move(record));
            containerImages_[key] = shared;
        }
        inst->image = shared;
        if (containerImages_.size() >= containerImagesPruneAt_) {
            std::erase_if(containerImages_, [](const auto& e) { return e.second.expired(); });
            containerImagesPruneAt_ = std::max<size_t>(64, containerImages_.size() * 2);
        }
    }
    inst->specHash = specHash(spec);
    inst->startedAt = now;
    event(node, obj, "Normal", "Created", "Created container " + c.name, fieldPath);

    runtime::ProcessSpec ps;
    ps.image = &inst->image->image;
    ps.command = stringList(spec, "command");
    ps.args = stringList(spec, "args");
    // $(VAR) in the command and its arguments reads the container's environment (kubelet
    // kubecontainer.ExpandContainerCommandAndArgs); $$ is a literal $.
    {
        auto lookup = [&](const std::string& name) -> std::optional<std::string> {
            for (const auto& [k, v] : env)
                if (k == name)
                    return v;
            return std::nullopt;
        };
        for (std::vector<std::string>* words : {&ps.command, &ps.args})
            for (std::string& w : *words)
                w = expand(w, lookup);
    }
    inst->command = ps.command;
    inst->args = ps.args;
    ps.env = std::move(env);
    ps.hostname = stringAt(obj, "spec.hostname", pod.name);
    if (pod.hostNetwork)
        ps.hostname = node.config.name;
    ps.podIP = pod.hostNetwork ? node.config.internalIP : pod.podIP;
    ps.start = now;
    ps.stdinOpen = spec.value("stdin", false);
    ps.nodeCpus = std::max(1, std::atoi(node.config.cpu.c_str()));
    ps.kernelRelease = node.config.kernelVersion;
    if (const Json* mem = findPath(spec, "resources.limits.memory"))
        if (auto q = resource::Quantity::fromJson(*mem, nullptr))
            ps.memoryLimitBytes = q->value();
    std::string ns = pod.ns, podName = pod.name;
    // The container's mounts of the pod's emptyDir volumes: every container of the pod sees
    // the same files there.
    // SIMPLIFICATION: other volume types (configMap, secret, hostPath, PVCs) are not simulated.
    auto mounts = std::make_shared<std::vector<std::pair<std::string, std::string>>>();  // mountPath, volume
    if (const Json* vms = findPath(spec, "volumeMounts"))
        for (const Json& vm : *vms)
            if (const Json* volumes = findPath(obj, "spec.volumes"))
                for (const Json& v : *volumes)
                    if (v.value("name", "") == vm.value("name", "") && v.contains("emptyDir")) {
                        std::string path = vm.value("mountPath", "");
                        while (path.size() > 1 && path.back() == '/')
                            path.pop_back();
                        mounts->emplace_back(path, v.value("name", ""));
                    }
    // "<volume>/<path>" for a path under one of the mounts, or "".
    auto volumeKey = [mounts](const std::string& path) -> std::string {
        for (const auto& [mountPath, volume] : *mounts)
            if (path.size() > mountPath.size() + 1 && path.compare(0, mountPath.size(), mountPath) == 0 &&
                path[mountPath.size()] == '/')
                return volume + "/" + path.substr(mountPath.size() + 1);
        return "";
    };
    ps.podFiles = [this, uid = pod.uid, volumeKey](const std::string& path) -> std::optional<std::string> {
        auto it = pods_.find(uid);
        auto n = it == pods_.end() ? nodes_.end() : nodes_.find(it->second->node);
        if (n == nodes_.end())
            return std::nullopt;
        if (const std::string key = volumeKey(path); !key.empty()) {
            auto f = it->second->volumeFiles.find(key);
            return f == it->second->volumeFiles.end() ? std::nullopt : std::optional<std::string>(f->second);
        }
        return podFile(*it->second, n->second, path);
    };
    if (!mounts->empty()) {
        ps.sharedPath = [volumeKey](const std::string& path) { return !volumeKey(path).empty(); };
        ps.writeShared = [this, uid = pod.uid, volumeKey](const std::string& path, const std::string& content) {
            auto it = pods_.find(uid);
            if (it != pods_.end())
                it->second->volumeFiles[volumeKey(path)] = content;
        };
    }
    ps.networkCommand = [this, ns, podName, uid = pod.uid, container = c.name, image = spec.value("image", ""),
                         hasPs = image.repo->kind == runtime::AppKind::Shell && image.repo->name != "ubuntu" &&
                                 image.repo->name != "debian"](
                            const std::vector<std::string>& argv, const runtime::sh::CommandIO& io, Time t,
                            std::string& out, std::string& errOut) -> std::optional<int> {
        // busybox's ps: the kubelet knows the pod's processes.
        if (hasPs && (argv[0] == "ps" || argv[0] == "/bin/ps")) {
            auto it = pods_.find(uid);
            ObjectPtr obj = server_.store().get("pods", ns, podName);
            if (it == pods_.end() || !obj)
                return std::nullopt;
            out = processList(*it->second, *obj, container, argv);
            return 0;
        }
        if (networkCommand_)
            return networkCommand_(ns, podName, image, argv, io, t, out, errOut);
        // Without a network model names never resolve.
        std::string cmd = argv[0].substr(argv[0].rfind('/') == std::string::npos ? 0 : argv[0].rfind('/') + 1);
        std::string target = argv.size() > 1 ? argv.back() : "";
        if (cmd == "nslookup") {
            out = "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n";
            errOut = "nslookup: can't resolve '" + target + "'\n";
            return 1;
        }
        if (cmd == "wget") {
            errOut = "wget: bad address '" + target + "'\n";
            return 1;
        }
        if (cmd == "curl") {
            errOut = "curl: (6) Could not resolve host: " + target + "\n";
            return 6;
        }
        return std::nullopt;
    };
    std::string startErr;
    std::unique_ptr<runtime::Process> proc = runtime::Process::start(ps, &startErr);
    if (!proc) {
        // The container exists but never ran (Docker: ContainerCannotRun).
        std::string daemon = "failed to create task for container: failed to create shim task: OCI runtime create "
                             "failed: runc create failed: unable to start container process: error during container "
                             "init: " + startErr + ": unknown";
        std::string msg = "failed to start container \"" + inst->id + "\": Error response from daemon: " + daemon;
        event(node, obj, "Warning", "Failed", "Error: " + msg, fieldPath);
        inst->running = false;
        inst->finishedAt = now;
        inst->exitCode = 127;
        inst->reason = "ContainerCannotRun";
        inst->message = daemon;
        c.waitingReason = "RunContainerError";
        c.waitingMessage = msg;
        failed = true;
    } else {
        event(node, obj, "Normal", "Started", "Started container " + c.name, fieldPath);
        inst->running = true;
        inst->exitAt = proc->predictExit(now, Duration::hours(24), &inst->recheckAt);
        inst->process = std::move(proc);
        c.waitingReason.clear();
        c.waitingMessage.clear();
    }
    if (c.current) {
        c.previous = std::move(c.current);
        ++c.restartCount;
    }
    c.current = std::move(inst);
    c.restartRequested = false;
    c.restartMessage.clear();
    resetProbes(pod, c, spec, now);
    pod.runtimeChanged = true;
}

// Upstream: pkg/kubelet/kubelet_pods.go#makeEnvironmentVariables. envFrom first, then env in
// order (later entries win), then the service variables no entry overrides.
bool Kubelets::makeEnvironment(const PodState& pod, const NodeState& node, const Json& obj, const Json& spec,
                               std::vector<std::pair<std::string, std::string>>& env, std::string& error) const {
    ObjectStore& store = server_.store();
    auto set = [&](const std::string& name, const std::string& value) {
        for (auto& [k, v] : env)
            if (k == name) {
                v = value;
                return;
            }
        env.emplace_back(name, value);
    };

    // Service links: services of the pod's namespace (enableServiceLinks) and the kubernetes
    // service of "default", when they have a cluster IP.
    std::vector<std::pair<std::string, std::string>> serviceEnv;
    {
        std::map<std::string, ObjectPtr> services;
        if (boolAt(obj, "spec.enableServiceLinks", true))
            for (const ObjectPtr& s : store.list("services", pod.ns))
                services[stringAt(*s, "metadata.name")] = s;
        if (ObjectPtr k = store.get("services", "default", "kubernetes"); k && !services.count("kubernetes"))
            services["kubernetes"] = k;
        for (const auto& [name, svc] : services) {
            std::string ip = stringAt(*svc, "spec.clusterIP");
            if (ip.empty() || ip == "None")
                continue;
            const Json* ports = findPath(*svc, "spec.ports");
            if (!ports || !ports->is_array() || ports->empty())
                continue;
            std::string prefix = envName(name);
            serviceEnv.emplace_back(prefix + "_SERVICE_HOST", ip);
            serviceEnv.emplace_back(prefix + "_SERVICE_PORT", std::to_string((*ports)[0].value("port", 0)));
            for (const Json& p : *ports)
                if (!p.value("name", "").empty())
                    serviceEnv.emplace_back(prefix + "_SERVICE_PORT_" + envName(p.value("name", "")),
                                            std::to_string(p.value("port", 0)));
            for (size_t i = 0; i < ports->size(); ++i) {
                const Json& p = (*ports)[i];
                std::string proto = p.value("protocol", "TCP");
                std::string port = std::to_string(p.value("port", 0));
                std::string url = asciiLower(proto) + "://" + ip + ":" + port;
                if (i == 0)
                    serviceEnv.emplace_back(prefix + "_PORT", url);
                std::string pp = prefix + "_PORT_" + port + "_" + proto;
                serviceEnv.emplace_back(pp, url);
                serviceEnv.emplace_back(pp + "_PROTO", asciiLower(proto));
                serviceEnv.emplace_back(pp + "_PORT", port);
                serviceEnv.emplace_back(pp + "_ADDR", ip);
            }
        }
    }

    auto configMap = [&](const std::string& name) { return store.get("configmaps", pod.ns, name); };
    auto secret = [&](const std::string& name) { return store.get("secrets", pod.ns, name); };
    if (spec.contains("envFrom") && spec["envFrom"].is_array()) {
        for (const Json& ef : spec["envFrom"]) {
            std::string prefix = ef.value("prefix", "");
            if (ef.contains("configMapRef")) {
                const Json& ref = ef["configMapRef"];
                ObjectPtr cm = configMap(ref.value("name", ""));
                if (!cm) {
                    if (ref.value("optional", false))
                        continue;
                    error = "configmap \"" + ref.value("name", "") + "\" not found";
                    return false;
                }
                if (const Json* data = findPath(*cm, "data"); data && data->is_object())
                    for (const auto& [k, v] : data->items())
                        set(prefix + k, v.is_string() ? v.get<std::string>() : "");
            } else if (ef.contains("secretRef")) {
                const Json& ref = ef["secretRef"];
                ObjectPtr s = secret(ref.value("name", ""));
                if (!s) {
                    if (ref.value("optional", false))
                        continue;
                    error = "secret \"" + ref.value("name", "") + "\" not found";
                    return false;
                }
                if (const Json* data = findPath(*s, "data"); data && data->is_object())
                    for (const auto& [k, v] : data->items())
                        set(prefix + k, base64DecodeLenient(v.is_string() ? v.get<std::string>() : ""));
            }
        }
    }

    auto lookup = [&](const std::string& name) -> std::optional<std::string> {
        for (const auto& [k, v] : env)
            if (k == name)
                return v;
        for (const auto& [k, v] : serviceEnv)
            if (k == name)
                return v;
        return std::nullopt;
    };
    const std::string hostIP = node.config.internalIP;
    const std::string podIP = pod.hostNetwork ? hostIP : pod.podIP;
    if (spec.contains("env") && spec["env"].is_array()) {
        for (const Json& e : spec["env"]) {
            std::string name = e.value("name", "");
            std::string value = e.value("value", "");
            if (!value.empty()) {
                set(name, expand(value, lookup));
                continue;
            }
            const Json* from = e.contains("valueFrom") ? &e["valueFrom"] : nullptr;
            if (!from || !from->is_object()) {
                set(name, "");
                continue;
            }
            if (from->contains("fieldRef")) {
                std::string path = (*from)["fieldRef"].value("fieldPath", "");
                std::string v;
                if (path == "metadata.name")
                    v = pod.name;
                else if (path == "metadata.namespace")
                    v = pod.ns;
                else if (path == "metadata.uid")
                    v = pod.uid;
                else if (path == "spec.nodeName")
                    v = pod.node;
                else if (path == "spec.serviceAccountName")
                    v = stringAt(obj, "spec.serviceAccountName");
                else if (path == "status.hostIP" || path == "status.hostIPs")
                    v = hostIP;
                else if (path == "status.podIP" || path == "status.podIPs")
                    v = podIP;
                else if (path.rfind("metadata.labels['", 0) == 0 || path.rfind("metadata.annotations['", 0) == 0) {
                    bool labels = path[9] == 'l';
                    size_t start = path.find("['") + 2, end = path.rfind("']");
                    std::string key = path.substr(start, end - start);
                    const Json* m = findPath(obj, labels ? "metadata.labels" : "metadata.annotations");
                    if (m && m->is_object() && m->contains(key) && (*m)[key].is_string())
                        v = (*m)[key].get<std::string>();
                } else if (path == "metadata.labels" || path == "metadata.annotations") {
                    const Json* m = findPath(obj, path);
                    if (m && m->is_object()) {
                        bool first = true;
                        for (const auto& [k, val] : m->items()) {
                            v += (first ? "" : "\n") + k + "=\"" + (val.is_string() ? val.get<std::string>() : "") + "\"";
                            first = false;
                        }
                    }
                }
                set(name, v);
            } else if (from->contains("resourceFieldRef")) {
                const Json& rf = (*from)["resourceFieldRef"];
                std::string res = rf.value("resource", "");
                const Json* target = &spec;
                std::string cname = rf.value("containerName", "");
                if (!cname.empty())
                    for (const char* list : {"spec.containers", "spec.initContainers"})
                        if (const Json* cs = findPath(obj, list); cs && cs->is_array())
                            for (const Json& c : *cs)
                                if (c.value("name", "") == cname)
                                    target = &c;
                const Json* q = findPath(*target, "resources." + res);
                bool isCpu = res.find("cpu") != std::string::npos;
                std::optional<resource::Quantity> value;
                if (q)
                    value = resource::Quantity::fromJson(*q, nullptr);
                if (!value && res.rfind("limits.", 0) == 0) {
                    // Unset limits report the node's allocatable (defaultPodLimitsForDownwardAPI).
                    std::string alloc = isCpu ? node.config.cpu : res == "limits.memory" ? node.config.memory
                                                                                          : node.config.ephemeralStorage;
                    value = resource::Quantity::parse(alloc, nullptr);
                }
                std::optional<resource::Quantity> divisor;
                if (rf.contains("divisor"))
                    divisor = resource::Quantity::fromJson(rf["divisor"], nullptr);
                int64_t out = 0;
                if (isCpu) {
                    int64_t d = divisor && !divisor->isZero() ? divisor->milliValue() : 1000;
                    int64_t m = value ? value->milliValue() : 0;
                    out = d ? (m + d - 1) / d : 0;
                } else {
                    int64_t d = divisor && !divisor->isZero() ? divisor->value() : 1;
                    int64_t b = value ? value->value() : 0;
                    out = d ? (b + d - 1) / d : 0;
                }
                set(name, std::to_string(out));
            } else if (from->contains("configMapKeyRef")) {
                const Json& ref = (*from)["configMapKeyRef"];
                std::string cmName = ref.value("name", ""), key = ref.value("key", "");
                bool optional = ref.value("optional", false);
                ObjectPtr cm = configMap(cmName);
                if (!cm) {
                    if (optional)
                        continue;
                    error = "configmap \"" + cmName + "\" not found";
                    return false;
                }
                const Json* data = findPath(*cm, "data");
                if (!data || !data->is_object() || !data->contains(key)) {
                    if (optional)
                        continue;
                    error = "couldn't find key " + key + " in ConfigMap " + pod.ns + "/" + cmName;
                    return false;
                }
                set(name, (*data)[key].is_string() ? (*data)[key].get<std::string>() : "");
            } else if (from->contains("secretKeyRef")) {
                const Json& ref = (*from)["secretKeyRef"];
                std::string sName = ref.value("name", ""), key = ref.value("key", "");
                bool optional = ref.value("optional", false);
                ObjectPtr s = secret(sName);
                if (!s) {
                    if (optional)
                        continue;
                    error = "secret \"" + sName + "\" not found";
                    return false;
                }
                const Json* data = findPath(*s, "data");
                if (!data || !data->is_object() || !data->contains(key)) {
                    if (optional)
                        continue;
                    error = "couldn't find key " + key + " in Secret " + pod.ns + "/" + sName;
                    return false;
                }
                set(name, base64DecodeLenient((*data)[key].is_string() ? (*data)[key].get<std::string>() : ""));
            }
        }
    }
    for (const auto& entry : serviceEnv)
        if (std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == entry.first; }) == env.end())
            env.emplace_back(entry.first, entry.second);
    return true;
}

// Upstream: pkg/kubelet/kubelet_pods.go#managedHostsFileContent and the ClusterFirst
// resolv.conf of pkg/kubelet/network/dns/dns.go (minikube: cluster domain cluster.local,
// kube-dns at 10.96.0.10).
std::optional<std::string> Kubelets::podFile(const PodState& pod, const NodeState& node, const std::string& path) const {
    if (path == "/etc/hosts") {
        std::string ip = pod.hostNetwork ? node.config.internalIP : pod.podIP;
        std::string host = pod.hostNetwork ? node.config.name : pod.name;
        return "# Kubernetes-managed hosts file" + std::string(pod.hostNetwork ? " (host network)" : "") +
               ".\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n"
               "fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
               ip + "\t" + host + "\n";
    }
    if (path == "/etc/resolv.conf") {
        if (pod.hostNetwork)
            return std::string("nameserver 192.168.49.1\noptions edns0 trust-ad ndots:0\n");
        return "nameserver 10.96.0.10\nsearch " + pod.ns + ".svc.cluster.local svc.cluster.local cluster.local\n"
               "options ndots:5\n";
    }
    const std::string sa = "/var/run/secrets/kubernetes.io/serviceaccount/";
    if (path == sa + "namespace")
        return pod.ns;
    if (path == sa + "ca.crt") {
        ObjectPtr cm = server_.store().get("configmaps", pod.ns, "kube-root-ca.crt");
        const Json* data = cm ? findPath(*cm, "data") : nullptr;
        if (data && data->is_object() && data->contains("ca.crt") && (*data)["ca.crt"].is_string())
            return (*data)["ca.crt"].get<std::string>();
    }
    return std::nullopt;
}

}  // namespace kp::kubelet
