// The name and value rules of apimachinery pkg/util/validation/validation.go, with their exact
// messages. Each `is...` function returns the list of problems (empty = valid); callers wrap
// each message into a field error (`Invalid value: "<value>": <message>`).
//
// Messages built by regexError list examples joined so that two examples read
// `(e.g. 'my-name',  or '123-abc', regex used for validation is '...')` -- note the double
// space, which is how Kubernetes prints them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/validation/field_error.h"

namespace kp::validation {

using Messages = std::vector<std::string>;

// [SECTION] message builders (validation.go)
std::string regexError(std::string_view msg, std::string_view fmt, const std::vector<std::string>& examples = {});
std::string maxLenError(int length);      // "must be no more than 63 characters"
std::string emptyError();                 // "must be non-empty"
std::string inclusiveRangeError(int64_t lo, int64_t hi);  // "must be between 1 and 65535, inclusive"

// [SECTION] string formats
Messages isDNS1123Label(std::string_view value);      // max 63, [a-z0-9]([-a-z0-9]*[a-z0-9])?
Messages isDNS1123Subdomain(std::string_view value);  // max 253, labels joined by '.'
Messages isDNS1123SubdomainWithUnderscore(std::string_view value);
Messages isDNS1035Label(std::string_view value);      // max 63, starts with a letter
Messages isWildcardDNS1123Subdomain(std::string_view value);  // "*.example.com"
Messages isQualifiedName(std::string_view value);     // label/annotation keys: [prefix/]name
Messages isValidLabelValue(std::string_view value);   // max 63, may be empty
Messages isCIdentifier(std::string_view value);
Messages isEnvVarName(std::string_view value);        // strict rule (RelaxedEnvironmentVariableValidation off)
Messages isRelaxedEnvVarName(std::string_view value); // 1.32 default: printable ASCII except '='
Messages isConfigMapKey(std::string_view value);      // ConfigMap/Secret keys
Messages isValidPercent(std::string_view value);      // "25%"
Messages isHTTPHeaderName(std::string_view value);
Messages isValidPortName(std::string_view value);     // IANA_SVC_NAME: max 15, [-a-z0-9], one letter
Messages isValidPortNum(int64_t port);                // 1..65535
Messages isInRange(int64_t value, int64_t min, int64_t max);
Messages isValidUserID(int64_t uid);
Messages isValidGroupID(int64_t gid);
// Path segment names (apimachinery pkg/api/validation/path/name.go): `may not be '.'`,
// `may not be '..'`, `may not contain '/'`, `may not contain '%'`.
Messages isValidPathSegmentName(std::string_view name);
Messages isValidPathSegmentPrefix(std::string_view name);

// [SECTION] IP addresses (netutils.ParseIPSloppy accepts leading zeros in IPv4 octets)
bool parseIPSloppy(std::string_view value, unsigned char out[16], bool* isV4);
bool parseCIDRSloppy(std::string_view value, unsigned char ip[16], bool* isV4, int* prefixLen);
FieldErrorList isValidIP(const std::string& fldPath, std::string_view value);
FieldErrorList isValidIPv4Address(const std::string& fldPath, std::string_view value);
FieldErrorList isValidIPv6Address(const std::string& fldPath, std::string_view value);
FieldErrorList isValidCIDR(const std::string& fldPath, std::string_view value);
FieldErrorList isFullyQualifiedDomainName(const std::string& fldPath, std::string_view name);
FieldErrorList isDomainPrefixedPath(const std::string& fldPath, std::string_view dpPath);

// strings.ToLower for the ASCII letters (keys and names are compared case-insensitively this way).
std::string toLowerASCII(std::string_view s);

// [SECTION] object name rules (ValidateNameFunc). `prefix` = the value is a generateName, so
// a trailing '-' is allowed.
using NameValidator = Messages (*)(std::string_view name, bool prefix);
Messages nameIsDNSSubdomain(std::string_view name, bool prefix);
Messages nameIsDNSLabel(std::string_view name, bool prefix);
Messages nameIsDNS1035Label(std::string_view name, bool prefix);
Messages validatePathSegmentName(std::string_view name, bool prefix);

}  // namespace kp::validation
