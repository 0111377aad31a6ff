// Containers: names, images, ports, mounts, probes, lifecycle, security context.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (validateContainers,
//           validateInitContainers, validateEphemeralContainers, validateContainerCommon,
//           validateContainerPorts, ValidateVolumeMounts, validateProbe, validateHandler,
//           ValidateSecurityContext).
//
// Env vars live in env_vars.cpp, resources in container_resources.cpp.
//
// [SECTION] index
//  - ports
//  - volume mounts
//  - probes and lifecycle handlers
//  - security context
//  - container lists
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::validation {

namespace {

const std::vector<std::string> kSupportedPortProtocols = {"SCTP", "TCP", "UDP"};  // sets.List: sorted

std::string stringOf(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// [SECTION] ports

FieldErrorList validateContainerPorts(const Json& ports, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> names;
    for (size_t i = 0; i < ports.size(); ++i) {
        const Json& port = ports[i];
        const std::string idxPath = index(fldPath, i);
        const std::string name = str(port, "name");
        if (!name.empty()) {
            Messages msgs = isValidPortName(name);
            if (!msgs.empty()) {
                for (auto& m : msgs)
                    errs.push_back(invalid(child(idxPath, "name"), name, m));
            } else if (names.count(name)) {
                errs.push_back(duplicate(child(idxPath, "name"), name));
            } else {
                names.insert(name);
            }
        }
        const int64_t containerPort = integer(port, "containerPort");
        if (containerPort == 0) {
            errs.push_back(required(child(idxPath, "containerPort")));
        } else {
            for (auto& m : isValidPortNum(containerPort))
                errs.push_back(invalid(child(idxPath, "containerPort"), containerPort, m));
        }
        const int64_t hostPort = integer(port, "hostPort");
        if (hostPort != 0)
            for (auto& m : isValidPortNum(hostPort))
                errs.push_back(invalid(child(idxPath, "hostPort"), hostPort, m));
        const std::string protocol = str(port, "protocol");
        if (protocol.empty())
            errs.push_back(required(child(idxPath, "protocol")));
        else if (protocol != "TCP" && protocol != "UDP" && protocol != "SCTP")
            errs.push_back(notSupported(child(idxPath, "protocol"), protocol, kSupportedPortProtocols));
    }
    return errs;
}

// [SECTION] volume mounts

bool privileged(const Json& container) { return boolean(member(container, "securityContext"), "privileged"); }

FieldErrorList validateVolumeMounts(const Json& mounts, const Json& devices, const Json& volumes,
                                    const Json& container, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> mountPoints;
    std::set<std::string> deviceNames, devicePaths;
    for (const Json& d : devices) {
        deviceNames.insert(str(d, "name"));
        devicePaths.insert(str(d, "devicePath"));
    }
    for (size_t i = 0; i < mounts.size(); ++i) {
        const Json& mnt = mounts[i];
        const std::string idxPath = index(fldPath, i);
        const std::string name = str(mnt, "name");
        const std::string mountPath = str(mnt, "mountPath");
        if (name.empty())
            errs.push_back(required(child(idxPath, "name")));
        if (!volumes.contains(name))
            errs.push_back(notFound(child(idxPath, "name"), name));
        if (mountPath.empty())
            errs.push_back(required(child(idxPath, "mountPath")));
        if (mountPoints.count(mountPath))
            errs.push_back(invalid(child(idxPath, "mountPath"), mountPath, "must be unique"));
        mountPoints.insert(mountPath);
        if (deviceNames.count(name))
            errs.push_back(invalid(child(idxPath, "name"), name, "must not already exist in volumeDevices"));
        if (devicePaths.count(mountPath))
            errs.push_back(invalid(child(idxPath, "mountPath"), mountPath, "must not already exist as a path in volumeDevices"));
        // Upstream reports subPath problems on "volumeMounts.subPath", without the index.
        const std::string subPath = str(mnt, "subPath");
        const std::string subPathExpr = str(mnt, "subPathExpr");
        if (!subPath.empty())
            append(errs, validateLocalDescendingPath(subPath, child(fldPath, "subPath")));
        if (!subPathExpr.empty()) {
            if (!subPath.empty())
                errs.push_back(invalid(child(idxPath, "subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive"));
            append(errs, validateLocalDescendingPath(subPathExpr, child(fldPath, "subPathExpr")));
        }
        if (has(mnt, "mountPropagation")) {
            const std::string mp = str(mnt, "mountPropagation");
            const std::string mpPath = child(fldPath, "mountPropagation");
            if (mp != "Bidirectional" && mp != "HostToContainer" && mp != "None")
                errs.push_back(notSupported(mpPath, mp, {"Bidirectional", "HostToContainer", "None"}));
            if (mp == "Bidirectional" && !privileged(container))
                errs.push_back(forbidden(mpPath, "Bidirectional mount propagation is available only to privileged containers"));
        }
        // SIMPLIFICATION: recursiveReadOnly and image-volume subPath rules are not checked.
    }
    return errs;
}

FieldErrorList validateVolumeDevices(const Json& devices, const Json& mounts, const Json& volumes,
                                     const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> paths, names;
    std::set<std::string> mountNames, mountPaths;
    for (const Json& m : mounts) {
        mountNames.insert(str(m, "name"));
        mountPaths.insert(str(m, "mountPath"));
    }
    for (size_t i = 0; i < devices.size(); ++i) {
        const std::string idxPath = index(fldPath, i);
        const std::string name = str(devices[i], "name");
        const std::string devPath = str(devices[i], "devicePath");
        const bool matched = volumes.contains(name);
        const bool isPVC = matched && (has(volumes[name], "persistentVolumeClaim") || has(volumes[name], "ephemeral"));
        if (name.empty())
            errs.push_back(required(child(idxPath, "name")));
        if (names.count(name))
            errs.push_back(invalid(child(idxPath, "name"), name, "must be unique"));
        if (matched && !isPVC)
            errs.push_back(invalid(child(idxPath, "name"), name,
                                   "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
        if (!matched)
            errs.push_back(notFound(child(idxPath, "name"), name));
        if (devPath.empty())
            errs.push_back(required(child(idxPath, "devicePath")));
        if (paths.count(devPath))
            errs.push_back(invalid(child(idxPath, "devicePath"), devPath, "must be unique"));
        if (!devPath.empty() && !validatePathNoBacksteps(devPath, child(fldPath, "devicePath")).empty())
            errs.push_back(invalid(child(idxPath, "devicePath"), devPath, "can not contain backsteps ('..')"));
        else
            paths.insert(devPath);
        if (mountNames.count(name))
            errs.push_back(invalid(child(idxPath, "name"), name, "must not already exist in volumeMounts"));
        if (mountPaths.count(devPath))
            errs.push_back(invalid(child(idxPath, "devicePath"), devPath, "must not already exist as a path in volumeMounts"));
        if (!name.empty())
            names.insert(name);
    }
    return errs;
}

// [SECTION] probes and lifecycle handlers

FieldErrorList validateHTTPGetAction(const Json& http, const std::string& fldPath) {
    FieldErrorList errs;
    if (str(http, "path").empty())
        errs.push_back(required(child(fldPath, "path")));
    append(errs, validatePortNumOrName(member(http, "port"), child(fldPath, "port")));
    const std::string scheme = str(http, "scheme");
    if (scheme != "HTTP" && scheme != "HTTPS")
        errs.push_back(notSupported(child(fldPath, "scheme"), scheme, {"HTTP", "HTTPS"}));
    for (const Json& header : array(http, "httpHeaders")) {
        const std::string name = str(header, "name");
        for (auto& m : isHTTPHeaderName(name))
            errs.push_back(invalid(child(fldPath, "httpHeaders"), name, m));
    }
    return errs;
}

// `handler` is a probe (which may use grpc) or a lifecycle hook (which may use sleep).
FieldErrorList validateHandler(const Json& handler, bool isProbe, const Json& gracePeriod, const std::string& fldPath) {
    FieldErrorList errs;
    int numHandlers = 0;
    auto one = [&](const char* name) {
        if (!has(handler, name))
            return false;
        if (numHandlers > 0) {
            errs.push_back(forbidden(child(fldPath, name), "may not specify more than 1 handler type"));
            return false;
        }
        ++numHandlers;
        return true;
    };
    if (one("exec") && count(member(handler, "exec"), "command") == 0)
        errs.push_back(required(child(child(fldPath, "exec"), "command")));
    if (one("httpGet"))
        append(errs, validateHTTPGetAction(member(handler, "httpGet"), child(fldPath, "httpGet")));
    if (one("tcpSocket"))
        append(errs, validatePortNumOrName(member(member(handler, "tcpSocket"), "port"), child(child(fldPath, "tcpSocket"), "port")));
    if (isProbe && one("grpc"))
        append(errs, validatePortNumOrName(integer(member(handler, "grpc"), "port"), child(child(fldPath, "grpc"), "port")));
    if (!isProbe && one("sleep")) {
        // 1.32: PodLifecycleSleepActionAllowZero is alpha (off), so zero is rejected.
        const int64_t seconds = integer(member(handler, "sleep"), "seconds");
        if (gracePeriod.is_number_integer() && (seconds <= 0 || seconds > gracePeriod.get<int64_t>()))
            errs.push_back(invalid(child(fldPath, "sleep"), seconds,
                                   "must be greater than 0 and less than terminationGracePeriodSeconds (" +
                                       std::to_string(gracePeriod.get<int64_t>()) +
                                       "). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
    }
    if (numHandlers == 0)
        errs.push_back(required(fldPath, "must specify a handler type"));
    return errs;
}

FieldErrorList validateProbe(const Json& probe, const Json& gracePeriod, const std::string& fldPath) {
    FieldErrorList errs = validateHandler(probe, true, gracePeriod, fldPath);
    for (const char* f : {"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"})
        append(errs, validateNonnegativeField(integer(probe, f), child(fldPath, f)));
    if (has(probe, "terminationGracePeriodSeconds") && integer(probe, "terminationGracePeriodSeconds") <= 0)
        errs.push_back(invalid(child(fldPath, "terminationGracePeriodSeconds"), integer(probe, "terminationGracePeriodSeconds"),
                               "must be greater than 0"));
    return errs;
}

// Liveness and startup probes must have successThreshold 1; readiness probes may not set a
// termination grace period.
FieldErrorList validateProbes(const Json& ctr, const Json& gracePeriod, const std::string& path) {
    FieldErrorList errs;
    for (const char* kind : {"livenessProbe", "readinessProbe", "startupProbe"}) {
        const Json& probe = member(ctr, kind);
        if (!probe.is_object())
            continue;
        const std::string probePath = child(path, kind);
        append(errs, validateProbe(probe, gracePeriod, probePath));
        if (std::string(kind) == "readinessProbe") {
            if (has(probe, "terminationGracePeriodSeconds"))
                errs.push_back(invalid(child(probePath, "terminationGracePeriodSeconds"),
                                       integer(probe, "terminationGracePeriodSeconds"), "must not be set for readinessProbes"));
        } else if (integer(probe, "successThreshold") != 1) {
            errs.push_back(invalid(child(probePath, "successThreshold"), integer(probe, "successThreshold"), "must be 1"));
        }
    }
    return errs;
}

FieldErrorList validateLifecycle(const Json& lifecycle, const Json& gracePeriod, const std::string& fldPath) {
    FieldErrorList errs;
    for (const char* hook : {"postStart", "preStop"})
        if (has(lifecycle, hook))
            append(errs, validateHandler(member(lifecycle, hook), false, gracePeriod, child(fldPath, hook)));
    return errs;
}

FieldErrorList validatePullPolicy(const Json& ctr, const std::string& fldPath) {
    const std::string policy = str(ctr, "imagePullPolicy");
    if (policy == "Always" || policy == "IfNotPresent" || policy == "Never")
        return {};
    if (policy.empty())
        return {required(fldPath)};
    return {notSupported(fldPath, policy, {"Always", "IfNotPresent", "Never"})};
}

// [SECTION] security context

FieldErrorList validateSeccompProfileField(const Json& sp, const std::string& fldPath) {
    FieldErrorList errs;
    if (!sp.is_object())
        return errs;
    const std::string type = str(sp, "type");
    if (type.empty())
        errs.push_back(required(child(fldPath, "type"), "type is required when seccompProfile is set"));
    else if (type != "Localhost" && type != "RuntimeDefault" && type != "Unconfined")
        errs.push_back(notSupported(child(fldPath, "type"), type, {"Localhost", "RuntimeDefault", "Unconfined"}));
    if (type == "Localhost") {
        if (!has(sp, "localhostProfile"))
            errs.push_back(required(child(fldPath, "localhostProfile"), "must be set when seccomp type is Localhost"));
        else
            append(errs, validateLocalDescendingPath(str(sp, "localhostProfile"), child(fldPath, "localhostProfile")));
    } else if (has(sp, "localhostProfile")) {
        // SIMPLIFICATION: upstream prints the whole core.SeccompProfile struct.
        errs.push_back(invalidGo(child(fldPath, "localhostProfile"), "core.SeccompProfile" + sp.dump(),
                                 "can only be set when seccomp type is Localhost"));
    }
    return errs;
}

FieldErrorList validateContainerSecurityContext(const Json& sc, bool hostUsers, const std::string& fldPath) {
    FieldErrorList errs;
    if (!sc.is_object())
        return errs;
    // kube-apiserver runs with --allow-privileged=true in minikube, so privileged is allowed.
    if (has(sc, "runAsUser"))
        for (auto& m : isValidUserID(integer(sc, "runAsUser")))
            errs.push_back(invalid(child(fldPath, "runAsUser"), integer(sc, "runAsUser"), m));
    if (has(sc, "runAsGroup"))
        for (auto& m : isValidGroupID(integer(sc, "runAsGroup")))
            errs.push_back(invalid(child(fldPath, "runAsGroup"), integer(sc, "runAsGroup"), m));
    if (has(sc, "procMount")) {
        const std::string pm = str(sc, "procMount");
        if (pm != "Default" && pm != "Unmasked")
            errs.push_back(notSupported(child(fldPath, "procMount"), pm, {"Default", "Unmasked"}));
        if (hostUsers && pm == "Unmasked")
            errs.push_back(invalid(child(fldPath, "procMount"), pm, "`hostUsers` must be false to use `Unmasked`"));
    }
    append(errs, validateSeccompProfileField(member(sc, "seccompProfile"), child(fldPath, "seccompProfile")));
    if (has(sc, "allowPrivilegeEscalation") && !boolean(sc, "allowPrivilegeEscalation")) {
        // SIMPLIFICATION: upstream prints the core.SecurityContext struct (with pointer
        // addresses); we print its JSON.
        if (boolean(sc, "privileged"))
            errs.push_back(invalidGo(fldPath, "core.SecurityContext" + sc.dump(),
                                     "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
        for (const Json& cap : array(member(sc, "capabilities"), "add"))
            if (stringOf(cap) == "CAP_SYS_ADMIN")
                errs.push_back(invalidGo(fldPath, "core.SecurityContext" + sc.dump(),
                                         "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
    }
    // SIMPLIFICATION: windowsOptions and appArmorProfile are not validated.
    return errs;
}

// [SECTION] container lists

bool hostUsersOf(const Json& spec) {
    const Json& hu = member(spec, "hostUsers");
    return !hu.is_boolean() || hu.get<bool>();
}

// Upstream: validateContainerCommon, applied to every kind of container.
FieldErrorList validateContainerCommon(const Json& ctr, const Json& volumes, const Json& spec, const std::string& path) {
    FieldErrorList errs;
    const std::string name = str(ctr, "name");
    if (name.empty())
        errs.push_back(required(child(path, "name")));
    else
        append(errs, validateDNS1123Label(name, child(path, "name")));
    if (str(ctr, "image").empty())
        errs.push_back(required(child(path, "image")));
    const std::string tmp = str(ctr, "terminationMessagePolicy");
    if (tmp.empty())
        errs.push_back(required(child(path, "terminationMessagePolicy")));
    else if (tmp != "File" && tmp != "FallbackToLogsOnError")
        errs.push_back(notSupported(child(path, "terminationMessagePolicy"), tmp, {"File", "FallbackToLogsOnError"}));
    append(errs, validateContainerPorts(array(ctr, "ports"), child(path, "ports")));
    append(errs, validateEnv(array(ctr, "env"), child(path, "env")));
    append(errs, validateEnvFrom(array(ctr, "envFrom"), child(path, "envFrom")));
    append(errs, validateVolumeMounts(array(ctr, "volumeMounts"), array(ctr, "volumeDevices"), volumes, ctr,
                                      child(path, "volumeMounts")));
    append(errs, validateVolumeDevices(array(ctr, "volumeDevices"), array(ctr, "volumeMounts"), volumes,
                                       child(path, "volumeDevices")));
    append(errs, validatePullPolicy(ctr, child(path, "imagePullPolicy")));
    append(errs, validateContainerResourceRequirements(member(ctr, "resources"), child(path, "resources")));
    const Json& resizePolicy = array(ctr, "resizePolicy");
    std::set<std::string> resized;
    for (size_t i = 0; i < resizePolicy.size(); ++i) {
        const std::string rn = str(resizePolicy[i], "resourceName");
        const std::string rp = str(resizePolicy[i], "restartPolicy");
        const std::string rpPath = child(path, "resizePolicy");
        if (resized.count(rn))
            errs.push_back(duplicate(index(rpPath, i), rn));
        resized.insert(rn);
        if (rn.empty())
            errs.push_back(required(rpPath));
        else if (rn != "cpu" && rn != "memory")
            errs.push_back(notSupported(rpPath, rn, {"cpu", "memory"}));
        if (rp.empty())
            errs.push_back(required(rpPath));
        else if (rp != "NotRequired" && rp != "RestartContainer")
            errs.push_back(notSupported(rpPath, rp, {"NotRequired", "RestartContainer"}));
        if (str(spec, "restartPolicy") == "Never" && rp != "NotRequired")
            errs.push_back(invalid(rpPath, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
    append(errs, validateContainerSecurityContext(member(ctr, "securityContext"), hostUsersOf(spec),
                                                  child(path, "securityContext")));
    return errs;
}

// Upstream: AccumulateUniqueHostPorts. `fldPath` is the list the containers came from.
FieldErrorList checkHostPortConflicts(const std::vector<const Json*>& containers, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> seen;
    for (size_t ci = 0; ci < containers.size(); ++ci) {
        const Json& ports = array(*containers[ci], "ports");
        for (size_t pi = 0; pi < ports.size(); ++pi) {
            const int64_t hostPort = integer(ports[pi], "hostPort");
            if (hostPort == 0)
                continue;
            const std::string key = str(ports[pi], "protocol") + "/" + str(ports[pi], "hostIP") + "/" + std::to_string(hostPort);
            if (seen.count(key))
                errs.push_back(duplicate(child(index(child(index(fldPath, ci), "ports"), pi), "hostPort"), key));
            else
                seen.insert(key);
        }
    }
    return errs;
}

}  // namespace

// [SECTION] container lists (exported)

FieldErrorList validateContainers(const Json& containers, const Json& volumes, const Json& spec,
                                  const std::string& fldPath) {
    FieldErrorList errs;
    if (!containers.is_array() || containers.empty())
        return {required(fldPath)};
    const Json& gracePeriod = member(spec, "terminationGracePeriodSeconds");
    std::set<std::string> names;
    std::vector<const Json*> all;
    for (size_t i = 0; i < containers.size(); ++i) {
        const Json& ctr = containers[i];
        all.push_back(&ctr);
        const std::string path = index(fldPath, i);
        append(errs, validateContainerCommon(ctr, volumes, spec, path));
        const std::string name = str(ctr, "name");
        if (names.count(name))
            errs.push_back(duplicate(child(path, "name"), name));
        else
            names.insert(name);
        if (has(ctr, "lifecycle"))
            append(errs, validateLifecycle(member(ctr, "lifecycle"), gracePeriod, child(path, "lifecycle")));
        append(errs, validateProbes(ctr, gracePeriod, path));
        if (has(ctr, "restartPolicy"))
            errs.push_back(forbidden(child(path, "restartPolicy"), "may not be set for non-init containers"));
    }
    append(errs, checkHostPortConflicts(all, fldPath));
    return errs;
}

FieldErrorList validateInitContainers(const Json& initContainers, const Json& volumes, const Json& spec,
                                      const std::string& fldPath) {
    FieldErrorList errs;
    const Json& gracePeriod = member(spec, "terminationGracePeriodSeconds");
    std::set<std::string> names;
    for (const Json& c : array(spec, "containers"))
        names.insert(str(c, "name"));
    for (size_t i = 0; i < initContainers.size(); ++i) {
        const Json& ctr = initContainers[i];
        const std::string path = index(fldPath, i);
        append(errs, validateContainerCommon(ctr, volumes, spec, path));
        bool restartAlways = false;
        if (has(ctr, "restartPolicy")) {
            const std::string rp = str(ctr, "restartPolicy");
            if (rp != "Always")
                errs.push_back(notSupported(child(path, "restartPolicy"), rp, {"Always"}));
            restartAlways = rp == "Always";
        }
        const std::string name = str(ctr, "name");
        if (names.count(name))
            errs.push_back(duplicate(child(path, "name"), name));
        else if (!name.empty())
            names.insert(name);
        // Init containers run one by one, so ports only conflict within one container; upstream
        // checks each alone and therefore always reports index 0.
        append(errs, checkHostPortConflicts({&ctr}, fldPath));
        if (restartAlways) {
            if (has(ctr, "lifecycle"))
                append(errs, validateLifecycle(member(ctr, "lifecycle"), gracePeriod, child(path, "lifecycle")));
            append(errs, validateProbes(ctr, gracePeriod, path));
        } else {
            for (const char* f : {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"})
                if (has(ctr, f))
                    errs.push_back(forbidden(child(path, f), "may not be set for init containers without restartPolicy=Always"));
        }
        if (count(ctr, "resizePolicy") > 0)
            errs.push_back(invalidGo(child(path, "resizePolicy"), "[]core.ContainerResizePolicy" + member(ctr, "resizePolicy").dump(),
                                     "must not be set for init containers"));
    }
    return errs;
}

FieldErrorList validateEphemeralContainers(const Json& ephemeral, const Json& volumes, const Json& spec,
                                           const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> otherNames;
    for (const char* list : {"containers", "initContainers"})
        for (const Json& c : array(spec, list))
            otherNames.insert(str(c, "name"));
    std::set<std::string> allNames = otherNames;
    for (size_t i = 0; i < ephemeral.size(); ++i) {
        const Json& ec = ephemeral[i];
        const std::string path = index(fldPath, i);
        append(errs, validateContainerCommon(ec, volumes, spec, path));
        const std::string image = str(ec, "image");
        if (hasSurroundingSpace(image))
            errs.push_back(invalid(child(path, "image"), image, "must not have leading or trailing whitespace"));
        const std::string name = str(ec, "name");
        if (allNames.count(name))
            errs.push_back(duplicate(child(path, "name"), name));
        else
            allNames.insert(name);
        const std::string target = str(ec, "targetContainerName");
        if (!target.empty() && !otherNames.count(target))
            errs.push_back(notFound(child(path, "targetContainerName"), target));
        // In Go struct field order, as upstream walks the struct.
        for (const char* f : {"ports", "resources", "resizePolicy", "restartPolicy", "livenessProbe", "readinessProbe",
                              "startupProbe", "lifecycle"}) {
            const Json& v = member(ec, f);
            if (!v.is_null() && !((v.is_object() || v.is_array()) && v.empty()))
                errs.push_back(forbidden(child(path, f), "cannot be set for an Ephemeral Container"));
        }
        const Json& mounts = array(ec, "volumeMounts");
        for (size_t m = 0; m < mounts.size(); ++m) {
            if (!str(mounts[m], "subPath").empty())
                errs.push_back(forbidden(child(index(child(path, "volumeMounts"), m), "subPath"), "cannot be set for an Ephemeral Container"));
            if (!str(mounts[m], "subPathExpr").empty())
                errs.push_back(forbidden(child(index(child(path, "volumeMounts"), m), "subPathExpr"), "cannot be set for an Ephemeral Container"));
        }
    }
    return errs;
}

}  // namespace kp::validation
