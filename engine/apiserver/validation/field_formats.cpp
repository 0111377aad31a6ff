// Small field-level rules used across kinds: DNS names, qualified names, ports given as
// number or name, local paths.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidateDNS1123Label,
//           ValidateQualifiedName, ValidatePortNumOrName, validateLocalDescendingPath, ...).
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"

namespace kp::validation {

bool hasSurroundingSpace(const std::string& s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    return !s.empty() && (space(s.front()) || space(s.back()));
}

FieldErrorList validatePortNumOrName(const Json& port, const std::string& fldPath) {
    FieldErrorList errs;
    if (port.is_string()) {
        const std::string name = port.get<std::string>();
        for (auto& m : isValidPortName(name))
            errs.push_back(invalid(fldPath, name, m));
        return errs;
    }
    const int64_t n = port.is_number_integer() ? port.get<int64_t>() : 0;
    for (auto& m : isValidPortNum(n))
        errs.push_back(invalid(fldPath, n, m));
    return errs;
}

FieldErrorList validateDNS1123Label(const std::string& value, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& m : isDNS1123Label(value))
        errs.push_back(invalid(fldPath, value, m));
    return errs;
}

FieldErrorList validateDNS1123Subdomain(const std::string& value, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& m : isDNS1123Subdomain(value))
        errs.push_back(invalid(fldPath, value, m));
    return errs;
}

FieldErrorList validateQualifiedName(const std::string& value, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& m : isQualifiedName(value))
        errs.push_back(invalid(fldPath, value, m));
    return errs;
}

FieldErrorList validateLocalDescendingPath(const std::string& path, const std::string& fldPath) {
    FieldErrorList errs;
    if (!path.empty() && path[0] == '/')
        errs.push_back(invalid(fldPath, path, "must be a relative path"));
    append(errs, validatePathNoBacksteps(path, fldPath));
    return errs;
}

FieldErrorList validatePathNoBacksteps(const std::string& path, const std::string& fldPath) {
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..")
            return {invalid(fldPath, path, "must not contain '..'")};
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return {};
}

FieldErrorList validateLocalNonReservedPath(const std::string& path, const std::string& fldPath) {
    FieldErrorList errs = validateLocalDescendingPath(path, fldPath);
    // The '..' element check above already covers "../x".
    if (path.rfind("..", 0) == 0 && path.rfind("../", 0) != 0)
        errs.push_back(invalid(fldPath, path, "must not start with '..'"));
    return errs;
}

}  // namespace kp::validation
