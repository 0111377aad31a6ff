// Name and value rules with their exact messages.
// Upstream: apimachinery pkg/util/validation/validation.go, pkg/api/validation/generic.go,
//           pkg/api/validation/path/name.go. The regular expressions are checked by hand (they
//           are simple character classes; Go's `$` anchors at the very end, as here).
#include "apiserver/validation/name_validation.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "base/text.h"

namespace kp::validation {

namespace {

// [SECTION] formats and messages

constexpr std::string_view kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
constexpr int kQualifiedNameMaxLength = 63;
constexpr std::string_view kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr std::string_view kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
constexpr int kLabelValueMaxLength = 63;
constexpr std::string_view kDNS1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDNS1123LabelErrMsg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
constexpr int kDNS1123LabelMaxLength = 63;
constexpr std::string_view kDNS1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kDNS1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
constexpr std::string_view kDNS1123SubdomainErrMsgUnderscore =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
constexpr int kDNS1123SubdomainMaxLength = 253;
constexpr std::string_view kDNS1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDNS1035LabelErrMsg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
constexpr std::string_view kWildcardFmt = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kWildcardErrMsg =
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
constexpr std::string_view kCIdentifierFmt = "[A-Za-z_][A-Za-z0-9_]*";
constexpr std::string_view kCIdentifierErrMsg =
    "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
constexpr std::string_view kEnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
constexpr std::string_view kEnvVarNameErrMsg =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
constexpr std::string_view kRelaxedEnvVarNameErrMsg =
    "a valid environment variable name must consist only of printable ASCII characters other than '='";
constexpr std::string_view kConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
constexpr std::string_view kConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
constexpr std::string_view kPercentFmt = "[0-9]+%";
constexpr std::string_view kPercentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";
constexpr std::string_view kHTTPHeaderNameFmt = "[-A-Za-z0-9]+";
constexpr std::string_view kHTTPHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";
constexpr std::string_view kHTTPPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?  (with '_' allowed inside when `underscore`, and an optional
// leading '_', as in dns1123LabelFmtWithUnderscore)
bool matchesDNS1123Label(std::string_view s, bool underscore = false) {
    if (underscore && !s.empty() && s[0] == '_')
        s.remove_prefix(1);
    if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back()))
        return false;
    for (char c : s)
        if (!isLowerAlnum(c) && c != '-' && !(underscore && c == '_'))
            return false;
    return true;
}

bool matchesDNS1123Subdomain(std::string_view s, bool underscore = false) {
    size_t start = 0;
    while (true) {
        const size_t dot = s.find('.', start);
        if (!matchesDNS1123Label(s.substr(start, dot == std::string_view::npos ? s.npos : dot - start), underscore))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

bool matchesDNS1035Label(std::string_view s) {
    if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z') || !isLowerAlnum(s.back()))
        return false;
    for (char c : s)
        if (!isLowerAlnum(c) && c != '-')
            return false;
    return true;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesQualifiedNamePart(std::string_view s) {
    if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    for (char c : s)
        if (!isAlnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

bool allCharsIn(std::string_view s, bool (*pred)(char)) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!pred(c))
            return false;
    return true;
}

Messages prefixEach(Messages msgs, const std::string& prefix) {
    for (auto& m : msgs)
        m = prefix + m;
    return msgs;
}

// "Must not be '.'"-style checks shared by env var names and config keys.
Messages hasChDirPrefix(std::string_view value) {
    if (value == ".")
        return {"must not be '.'"};
    if (value == "..")
        return {"must not be '..'"};
    if (value.substr(0, 2) == "..")
        return {"must not start with '..'"};
    return {};
}

// Upstream: generic.go#maskTrailingDash. Replaces the last character of a generateName that
// ends in '-' so that the prefix rule allows it. Kubernetes drops two characters there
// (name[:len-2] + "a"), and we keep that quirk: "ab-" validates as "aa".
std::string maskTrailingDash(std::string_view name) {
    if (name.size() > 1 && name.back() == '-')
        return std::string(name.substr(0, name.size() - 2)) + "a";
    return std::string(name);
}

}  // namespace

// [SECTION] message builders

std::string regexError(std::string_view msg, std::string_view fmt, const std::vector<std::string>& examples) {
    std::string out(msg);
    if (examples.empty())
        return out + " (regex used for validation is '" + std::string(fmt) + "')";
    out += " (e.g. ";
    for (size_t i = 0; i < examples.size(); ++i) {
        if (i > 0)
            out += " or ";
        out += "'" + examples[i] + "', ";
    }
    return out + "regex used for validation is '" + std::string(fmt) + "')";
}

std::string maxLenError(int length) { return "must be no more than " + std::to_string(length) + " characters"; }

std::string emptyError() { return "must be non-empty"; }

std::string inclusiveRangeError(int64_t lo, int64_t hi) {
    return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", inclusive";
}

// [SECTION] string formats

Messages isQualifiedName(std::string_view value) {
    Messages errs;
    std::string_view name;
    const size_t slashes = static_cast<size_t>(std::count(value.begin(), value.end(), '/'));
    if (slashes == 0) {
        name = value;
    } else if (slashes == 1) {
        const size_t slash = value.find('/');
        const std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errs.push_back("prefix part " + emptyError());
        } else if (Messages msgs = isDNS1123Subdomain(prefix); !msgs.empty()) {
            for (auto& m : prefixEach(std::move(msgs), "prefix part "))
                errs.push_back(std::move(m));
        }
    } else {
        errs.push_back("a qualified name " +
                       regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
                       " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (name.empty())
        errs.push_back("name part " + emptyError());
    else if (name.size() > static_cast<size_t>(kQualifiedNameMaxLength))
        errs.push_back("name part " + maxLenError(kQualifiedNameMaxLength));
    if (!matchesQualifiedNamePart(name))
        errs.push_back("name part " + regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}));
    return errs;
}

Messages isValidLabelValue(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kLabelValueMaxLength))
        errs.push_back(maxLenError(kLabelValueMaxLength));
    if (!value.empty() && !matchesQualifiedNamePart(value))
        errs.push_back(regexError(kLabelValueErrMsg, kLabelValueFmt, {"MyValue", "my_value", "12345"}));
    return errs;
}

Messages isDNS1123Label(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123LabelMaxLength))
        errs.push_back(maxLenError(kDNS1123LabelMaxLength));
    if (!matchesDNS1123Label(value)) {
        // A valid subdomain that is not a label can only be failing because of its dots.
        if (matchesDNS1123Subdomain(value))
            errs.push_back("must not contain dots");
        else
            errs.push_back(regexError(kDNS1123LabelErrMsg, kDNS1123LabelFmt, {"my-name", "123-abc"}));
    }
    return errs;
}

Messages isDNS1123Subdomain(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123SubdomainMaxLength))
        errs.push_back(maxLenError(kDNS1123SubdomainMaxLength));
    if (!matchesDNS1123Subdomain(value))
        errs.push_back(regexError(kDNS1123SubdomainErrMsg, kDNS1123SubdomainFmt, {"example.com"}));
    return errs;
}

Messages isDNS1123SubdomainWithUnderscore(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123SubdomainMaxLength))
        errs.push_back(maxLenError(kDNS1123SubdomainMaxLength));
    if (!matchesDNS1123Subdomain(value, true))
        errs.push_back(regexError(kDNS1123SubdomainErrMsgUnderscore, kDNS1123SubdomainFmt, {"example.com"}));
    return errs;
}

Messages isDNS1035Label(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123LabelMaxLength))
        errs.push_back(maxLenError(kDNS1123LabelMaxLength));
    if (!matchesDNS1035Label(value))
        errs.push_back(regexError(kDNS1035LabelErrMsg, kDNS1035LabelFmt, {"my-name", "abc-123"}));
    return errs;
}

Messages isWildcardDNS1123Subdomain(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123SubdomainMaxLength))
        errs.push_back(maxLenError(kDNS1123SubdomainMaxLength));
    if (value.substr(0, 2) != "*." || !matchesDNS1123Subdomain(value.substr(2)))
        errs.push_back(regexError(kWildcardErrMsg, kWildcardFmt, {"*.example.com"}));
    return errs;
}

Messages isCIdentifier(std::string_view value) {
    bool ok = !value.empty() && (isAlpha(value[0]) || value[0] == '_');
    for (char c : value)
        ok = ok && (isAlnum(c) || c == '_');
    if (ok)
        return {};
    return {regexError(kCIdentifierErrMsg, kCIdentifierFmt, {"my_name", "MY_NAME", "MyName"})};
}

Messages isEnvVarName(std::string_view value) {
    Messages errs;
    bool ok = !value.empty() && (isAlpha(value[0]) || value[0] == '-' || value[0] == '.' || value[0] == '_');
    for (char c : value)
        ok = ok && (isAlnum(c) || c == '-' || c == '.' || c == '_');
    if (!ok)
        errs.push_back(regexError(kEnvVarNameErrMsg, kEnvVarNameFmt, {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
    for (auto& m : hasChDirPrefix(value))
        errs.push_back(std::move(m));
    return errs;
}

Messages isRelaxedEnvVarName(std::string_view value) {
    Messages errs;
    if (value.empty())
        errs.push_back("environment variable name " + emptyError());
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        // Any non-ASCII byte means a rune above MaxASCII; ' ' counts as printable in Go.
        if (c > 0x7e || c < 0x20 || c == '=') {
            errs.push_back(std::string(kRelaxedEnvVarNameErrMsg));
            break;
        }
    }
    return errs;
}

Messages isConfigMapKey(std::string_view value) {
    Messages errs;
    if (value.size() > static_cast<size_t>(kDNS1123SubdomainMaxLength))
        errs.push_back(maxLenError(kDNS1123SubdomainMaxLength));
    if (!allCharsIn(value, [](char c) { return isAlnum(c) || c == '-' || c == '.' || c == '_'; }))
        errs.push_back(regexError(kConfigMapKeyErrMsg, kConfigMapKeyFmt, {"key.name", "KEY_NAME", "key-name"}));
    for (auto& m : hasChDirPrefix(value))
        errs.push_back(std::move(m));
    return errs;
}

Messages isValidPercent(std::string_view value) {
    if (value.size() >= 2 && value.back() == '%' && allCharsIn(value.substr(0, value.size() - 1), isDigit))
        return {};
    return {regexError(kPercentErrMsg, kPercentFmt, {"1%", "93%"})};
}

Messages isHTTPHeaderName(std::string_view value) {
    if (allCharsIn(value, [](char c) { return isAlnum(c) || c == '-'; }))
        return {};
    return {regexError(kHTTPHeaderNameErrMsg, kHTTPHeaderNameFmt, {"X-Header-Name"})};
}

Messages isValidPortName(std::string_view port) {
    Messages errs;
    if (port.size() > 15)
        errs.push_back(maxLenError(15));
    if (!allCharsIn(port, [](char c) { return isLowerAlnum(c) || c == '-'; }))
        errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    bool hasLetter = false;
    for (char c : port)
        hasLetter = hasLetter || (c >= 'a' && c <= 'z');
    if (!hasLetter)
        errs.push_back("must contain at least one letter (a-z)");
    if (port.find("--") != std::string_view::npos)
        errs.push_back("must not contain consecutive hyphens");
    if (!port.empty() && (port.front() == '-' || port.back() == '-'))
        errs.push_back("must not begin or end with a hyphen");
    return errs;
}

Messages isValidPortNum(int64_t port) {
    if (port >= 1 && port <= 65535)
        return {};
    return {inclusiveRangeError(1, 65535)};
}

Messages isInRange(int64_t value, int64_t min, int64_t max) {
    if (value >= min && value <= max)
        return {};
    return {inclusiveRangeError(min, max)};
}

Messages isValidUserID(int64_t uid) { return isInRange(uid, 0, 2147483647); }
Messages isValidGroupID(int64_t gid) { return isInRange(gid, 0, 2147483647); }

Messages isValidPathSegmentName(std::string_view name) {
    for (const char* illegal : {".", ".."})
        if (name == illegal)
            return {std::string("may not be '") + illegal + "'"};
    return isValidPathSegmentPrefix(name);
}

Messages isValidPathSegmentPrefix(std::string_view name) {
    Messages errs;
    for (const char* illegal : {"/", "%"})
        if (name.find(illegal) != std::string_view::npos)
            errs.push_back(std::string("may not contain '") + illegal + "'");
    return errs;
}

// [SECTION] IP addresses

namespace {

// Upstream (netutils, a copy of Go 1.17's net.ParseIP): dotted quad, leading zeros allowed.
bool parseIPv4(std::string_view s, unsigned char out[4]) {
    size_t i = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (i >= s.size() || s[i] != '.')
                return false;
            ++i;
        }
        const size_t start = i;
        int value = 0;
        while (i < s.size() && isDigit(s[i])) {
            value = value * 10 + (s[i] - '0');
            if (value > 255)
                return false;
            ++i;
        }
        if (i == start)
            return false;
        out[part] = static_cast<unsigned char>(value);
    }
    return i == s.size();
}

// Upstream: Go 1.17 net.parseIPv6, step by step.
bool parseIPv6(std::string_view s, unsigned char ip[16]) {
    std::memset(ip, 0, 16);
    int ellipsis = -1;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        s.remove_prefix(2);
        if (s.empty())
            return true;
    }
    int i = 0;
    while (i < 16) {
        size_t c = 0;
        long n = 0;
        while (c < s.size() && hexDigitValue(s[c]) >= 0) {
            n = n * 16 + hexDigitValue(s[c]);
            if (n > 0xFFFF)
                return false;
            ++c;
        }
        if (c == 0)
            return false;
        if (c < s.size() && s[c] == '.') {  // trailing IPv4 part
            if ((ellipsis < 0 && i != 12) || i + 4 > 16)
                return false;
            unsigned char v4[4];
            if (!parseIPv4(s, v4))
                return false;
            std::memcpy(ip + i, v4, 4);
            i += 4;
            s = {};
            break;
        }
        ip[i] = static_cast<unsigned char>(n >> 8);
        ip[i + 1] = static_cast<unsigned char>(n & 0xff);
        i += 2;
        s.remove_prefix(c);
        if (s.empty())
            break;
        if (s[0] != ':' || s.size() == 1)
            return false;
        s.remove_prefix(1);
        if (s[0] == ':') {
            if (ellipsis >= 0)
                return false;
            ellipsis = i;
            s.remove_prefix(1);
            if (s.empty())
                break;
        }
    }
    if (!s.empty())
        return false;
    if (i < 16) {
        if (ellipsis < 0)
            return false;
        const int n = 16 - i;
        for (int j = i - 1; j >= ellipsis; --j)
            ip[j + n] = ip[j];
        for (int j = ellipsis + n - 1; j >= ellipsis; --j)
            ip[j] = 0;
    } else if (ellipsis >= 0) {
        return false;
    }
    return true;
}

}  // namespace

bool parseIPSloppy(std::string_view value, unsigned char out[16], bool* isV4) {
    unsigned char v4[4];
    if (parseIPv4(value, v4)) {
        std::memset(out, 0, 16);
        out[10] = out[11] = 0xff;
        std::memcpy(out + 12, v4, 4);
        *isV4 = true;
        return true;
    }
    *isV4 = false;
    if (!parseIPv6(value, out))
        return false;
    // IPv4-mapped IPv6 addresses count as IPv4 (net.IP.To4 succeeds for them).
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    *isV4 = std::memcmp(out, mapped, 12) == 0;
    return true;
}

bool parseCIDRSloppy(std::string_view value, unsigned char ip[16], bool* isV4, int* prefixLen) {
    const size_t slash = value.find('/');
    if (slash == std::string_view::npos)
        return false;
    const std::string_view len = value.substr(slash + 1);
    if (len.empty() || len.size() > 3 || !allCharsIn(len, isDigit))
        return false;
    if (!parseIPSloppy(value.substr(0, slash), ip, isV4))
        return false;
    // The prefix length may reach 32 after a dotted quad and 128 after colon notation.
    const bool dotted = value.substr(0, slash).find(':') == std::string_view::npos;
    *prefixLen = std::stoi(std::string(len));
    return *prefixLen <= (dotted ? 32 : 128);
}

FieldErrorList isValidIP(const std::string& fldPath, std::string_view value) {
    unsigned char ip[16];
    bool v4 = false;
    if (parseIPSloppy(value, ip, &v4))
        return {};
    return {invalid(fldPath, std::string(value), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")};
}

FieldErrorList isValidIPv4Address(const std::string& fldPath, std::string_view value) {
    unsigned char ip[16];
    bool v4 = false;
    if (parseIPSloppy(value, ip, &v4) && v4)
        return {};
    return {invalid(fldPath, std::string(value), "must be a valid IPv4 address")};
}

FieldErrorList isValidIPv6Address(const std::string& fldPath, std::string_view value) {
    unsigned char ip[16];
    bool v4 = false;
    if (parseIPSloppy(value, ip, &v4) && !v4)
        return {};
    return {invalid(fldPath, std::string(value), "must be a valid IPv6 address")};
}

FieldErrorList isValidCIDR(const std::string& fldPath, std::string_view value) {
    unsigned char ip[16];
    bool v4 = false;
    int len = 0;
    if (parseCIDRSloppy(value, ip, &v4, &len))
        return {};
    return {invalid(fldPath, std::string(value), "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")};
}

FieldErrorList isFullyQualifiedDomainName(const std::string& fldPath, std::string_view name) {
    if (name.empty())
        return {required(fldPath, "")};
    if (name.back() == '.')
        name.remove_suffix(1);
    if (Messages errs = isDNS1123Subdomain(name); !errs.empty()) {
        std::string joined;
        for (size_t i = 0; i < errs.size(); ++i)
            joined += (i ? "," : "") + errs[i];
        return {invalid(fldPath, std::string(name), joined)};
    }
    if (name.find('.') == std::string_view::npos)
        return {invalid(fldPath, std::string(name), "should be a domain with at least two segments separated by dots")};
    size_t start = 0;
    while (start <= name.size()) {
        const size_t dot = name.find('.', start);
        const std::string_view label = name.substr(start, dot == name.npos ? name.npos : dot - start);
        if (Messages errs = isDNS1123Label(label); !errs.empty()) {
            std::string joined;
            for (size_t i = 0; i < errs.size(); ++i)
                joined += (i ? "," : "") + errs[i];
            return {invalid(fldPath, std::string(label), joined)};
        }
        if (dot == name.npos)
            break;
        start = dot + 1;
    }
    return {};
}

FieldErrorList isDomainPrefixedPath(const std::string& fldPath, std::string_view dpPath) {
    if (dpPath.empty())
        return {required(fldPath, "")};
    const size_t slash = dpPath.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == dpPath.size())
        return {invalid(fldPath, std::string(dpPath), "must be a domain-prefixed path (such as \"acme.io/foo\")")};
    FieldErrorList errs;
    const std::string_view host = dpPath.substr(0, slash);
    for (auto& m : isDNS1123Subdomain(host))
        errs.push_back(invalid(fldPath, std::string(host), m));
    const std::string_view path = dpPath.substr(slash + 1);
    static const std::string_view kPathChars = "/-._~%!$&'()*+,;=:";
    for (char c : path) {
        if (!isAlnum(c) && kPathChars.find(c) == std::string_view::npos) {
            errs.push_back(invalid(fldPath, std::string(path), regexError("Invalid path", kHTTPPathFmt)));
            break;
        }
    }
    return errs;
}

std::string toLowerASCII(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// [SECTION] object name rules

Messages nameIsDNSSubdomain(std::string_view name, bool prefix) {
    return isDNS1123Subdomain(prefix ? maskTrailingDash(name) : std::string(name));
}

Messages nameIsDNSLabel(std::string_view name, bool prefix) {
    return isDNS1123Label(prefix ? maskTrailingDash(name) : std::string(name));
}

Messages nameIsDNS1035Label(std::string_view name, bool prefix) {
    return isDNS1035Label(prefix ? maskTrailingDash(name) : std::string(name));
}

Messages validatePathSegmentName(std::string_view name, bool prefix) {
    return prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);
}

}  // namespace kp::validation
