// Container environment: env names and valueFrom sources, envFrom, and the downward API
// field selectors (shared with downward API volumes).
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidateEnv,
//           validateEnvVarValueFrom, validateObjectFieldSelector, ValidateEnvFrom) and
//           pkg/apis/core/pods#ConvertDownwardAPIFieldLabel.
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"

namespace kp::validation {

namespace {

// Upstream: pkg/fieldpath#SplitMaybeSubscriptedPath: "metadata.labels['app']".
bool splitSubscriptedPath(const std::string& fieldPath, std::string* path, std::string* subscript) {
    if (fieldPath.size() < 2 || fieldPath.compare(fieldPath.size() - 2, 2, "']") != 0)
        return false;
    const std::string s = fieldPath.substr(0, fieldPath.size() - 2);
    const size_t open = s.find("['");
    if (open == std::string::npos || open == 0)
        return false;
    *path = s.substr(0, open);
    *subscript = s.substr(open + 2);
    return true;
}

// Upstream: pkg/apis/core/pods#ConvertDownwardAPIFieldLabel.
std::string convertDownwardAPIFieldLabel(const std::string& version, const std::string& label, std::string* error) {
    if (version != "v1") {
        *error = "unsupported pod version: " + version;
        return "";
    }
    std::string path, subscript;
    if (splitSubscriptedPath(label, &path, &subscript)) {
        if (path == "metadata.annotations" || path == "metadata.labels")
            return label;
        *error = "field label does not support subscript: " + label;
        return "";
    }
    static const std::set<std::string> kSupported = {
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"};
    if (kSupported.count(label))
        return label;
    if (label == "spec.host")  // old v1 clients
        return "spec.nodeName";
    *error = "field label not supported: " + label;
    return "";
}

const std::vector<std::string> kEnvFieldPaths = {"metadata.name", "metadata.namespace", "metadata.uid",
                                                  "spec.nodeName", "spec.serviceAccountName", "status.hostIP",
                                                  "status.hostIPs", "status.podIP", "status.podIPs"};

// Name and key of a configMapKeyRef / secretKeyRef. The name uses the Secret name rule even
// for ConfigMaps, and an empty name fails that rule rather than being "required".
FieldErrorList validateKeySelector(const Json& s, const std::string& fldPath) {
    FieldErrorList errs;
    const std::string name = str(s, "name");
    for (auto& m : nameIsDNSSubdomain(name, false))
        errs.push_back(invalid(child(fldPath, "name"), name, m));
    const std::string k = str(s, "key");
    if (k.empty()) {
        errs.push_back(required(child(fldPath, "key")));
    } else {
        for (auto& m : isConfigMapKey(k))
            errs.push_back(invalid(child(fldPath, "key"), k, m));
    }
    return errs;
}

FieldErrorList validateEnvVarValueFrom(const Json& ev, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& from = member(ev, "valueFrom");
    if (!from.is_object())
        return errs;
    int numSources = 0;
    if (has(from, "fieldRef")) {
        ++numSources;
        append(errs, validateObjectFieldSelector(member(from, "fieldRef"), kEnvFieldPaths, child(fldPath, "fieldRef")));
    }
    if (has(from, "resourceFieldRef")) {
        ++numSources;
        append(errs, validateContainerResourceFieldSelector(member(from, "resourceFieldRef"), false,
                                                            child(fldPath, "resourceFieldRef")));
    }
    if (has(from, "configMapKeyRef")) {
        ++numSources;
        append(errs, validateKeySelector(member(from, "configMapKeyRef"), child(fldPath, "configMapKeyRef")));
    }
    if (has(from, "secretKeyRef")) {
        ++numSources;
        append(errs, validateKeySelector(member(from, "secretKeyRef"), child(fldPath, "secretKeyRef")));
    }
    if (numSources == 0)
        errs.push_back(invalid(fldPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (!str(ev, "value").empty())
        errs.push_back(invalid(fldPath, "", "may not be specified when `value` is not empty"));
    else if (numSources > 1)
        errs.push_back(invalid(fldPath, "", "may not have more than one field specified at a time"));
    return errs;
}

}  // namespace

// 1.32 enables RelaxedEnvironmentVariableValidation (beta, on by default), so names only need
// to be printable ASCII without '='.
FieldErrorList validateEnv(const Json& vars, const std::string& fldPath) {
    FieldErrorList errs;
    for (size_t i = 0; i < vars.size(); ++i) {
        const std::string idxPath = index(fldPath, i);
        const std::string name = str(vars[i], "name");
        if (name.empty()) {
            errs.push_back(required(child(idxPath, "name")));
        } else {
            for (auto& m : isRelaxedEnvVarName(name))
                errs.push_back(invalid(child(idxPath, "name"), name, m));
        }
        append(errs, validateEnvVarValueFrom(vars[i], child(idxPath, "valueFrom")));
    }
    return errs;
}

FieldErrorList validateEnvFrom(const Json& vars, const std::string& fldPath) {
    FieldErrorList errs;
    for (size_t i = 0; i < vars.size(); ++i) {
        const Json& ev = vars[i];
        const std::string idxPath = index(fldPath, i);
        const std::string prefix = str(ev, "prefix");
        if (!prefix.empty())
            for (auto& m : isRelaxedEnvVarName(prefix))
                errs.push_back(invalid(child(idxPath, "prefix"), prefix, m));
        int numSources = 0;
        for (const char* source : {"configMapRef", "secretRef"}) {
            if (!has(ev, source))
                continue;
            ++numSources;
            const std::string path = child(idxPath, source);
            const std::string name = str(member(ev, source), "name");
            if (name.empty()) {
                errs.push_back(required(child(path, "name")));
            } else {
                for (auto& m : nameIsDNSSubdomain(name, true))
                    errs.push_back(invalid(child(path, "name"), name, m));
            }
        }
        if (numSources == 0)
            errs.push_back(invalid(fldPath, "", "must specify one of: `configMapRef` or `secretRef`"));
        else if (numSources > 1)
            errs.push_back(invalid(fldPath, "", "may not have more than one field specified at a time"));
    }
    return errs;
}

FieldErrorList validateObjectFieldSelector(const Json& fs, const std::vector<std::string>& expressions,
                                           const std::string& fldPath) {
    const std::string apiVersion = str(fs, "apiVersion");
    const std::string fieldPath = str(fs, "fieldPath");
    if (apiVersion.empty())
        return {required(child(fldPath, "apiVersion"))};
    if (fieldPath.empty())
        return {required(child(fldPath, "fieldPath"))};
    std::string error;
    const std::string internal = convertDownwardAPIFieldLabel(apiVersion, fieldPath, &error);
    if (!error.empty())
        return {invalid(child(fldPath, "fieldPath"), fieldPath, "error converting fieldPath: " + error)};
    std::string path, subscript;
    if (splitSubscriptedPath(internal, &path, &subscript)) {
        if (path == "metadata.annotations")
            return validateQualifiedName(toLowerASCII(subscript), fldPath);
        if (path == "metadata.labels")
            return validateQualifiedName(subscript, fldPath);
        return {invalid(fldPath, path, "does not support subscript")};
    }
    for (const auto& e : expressions)
        if (e == internal)
            return {};
    return {notSupported(child(fldPath, "fieldPath"), internal, expressions)};
}

}  // namespace kp::validation
