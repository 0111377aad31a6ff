#include "controller/statefulset/controller_history.h"

#include <algorithm>

#include "base/time.h"
#include "controller/statefulset/stateful_set_utils.h"

namespace kp::statefulset {
namespace {

Time timeAt(const Json& obj, std::string_view path) {
    auto t = parseRFC3339(stringAt(obj, path));
    return t ? *t : Time{};
}

// The hash label as Go's strconv.ParseInt(s, 10, 32) reads it, if it does.
std::optional<int64_t> hashLabelNumber(const Json& revision) {
    const std::string s = labelOf(revision, kControllerRevisionHashLabel);
    if (s.empty() || s.size() > 11)
        return std::nullopt;
    size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
    if (i == s.size())
        return std::nullopt;
    int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    if (s[0] == '-')
        v = -v;
    if (v > INT32_MAX || v < INT32_MIN)
        return std::nullopt;
    return v;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

}  // namespace

std::string goJsonMarshal(const Json& value) {
    // nlohmann's compact dump already sorts keys and escapes like Go 1.22+ (\b \f \n \r \t, other
    // control characters as \u00xx); Go also escapes HTML-sensitive characters and the JavaScript
    // line separators. They can only occur inside strings, so a plain replace is exact.
    std::string s = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    replaceAll(s, "<", "\\u003c");
    replaceAll(s, ">", "\\u003e");
    replaceAll(s, "&", "\\u0026");
    replaceAll(s, "\xE2\x80\xA8", "\\u2028");
    replaceAll(s, "\xE2\x80\xA9", "\\u2029");
    return s;
}

uint32_t fnv32(const std::string& bytes) {
    uint32_t h = 2166136261u;
    for (unsigned char c : bytes) {
        h *= 16777619u;
        h ^= c;
    }
    return h;
}

std::string safeEncodeString(const std::string& s) {
    static const char kAlphanums[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out(s.size(), ' ');
    for (size_t i = 0; i < s.size(); ++i)
        out[i] = kAlphanums[static_cast<unsigned char>(s[i]) % 27];
    return out;
}

// Upstream: controller_history.go#HashControllerRevision
std::string hashControllerRevision(const Json& data, std::optional<int> probe) {
    std::string bytes = goJsonMarshal(data);
    if (probe)
        bytes += std::to_string(*probe);
    return safeEncodeString(std::to_string(fnv32(bytes)));
}

std::string controllerRevisionName(const std::string& prefix, const std::string& hash) {
    return (prefix.size() > 223 ? prefix.substr(0, 223) : prefix) + "-" + hash;
}

void sortControllerRevisions(std::vector<ObjectPtr>& revisions) {
    std::stable_sort(revisions.begin(), revisions.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        const int64_t ra = intAt(*a, "revision"), rb = intAt(*b, "revision");
        if (ra != rb)
            return ra < rb;
        const Time ca = timeAt(*a, "metadata.creationTimestamp"), cb = timeAt(*b, "metadata.creationTimestamp");
        if (ca == cb)
            return stringAt(*a, "metadata.name") < stringAt(*b, "metadata.name");
        return cb > ca;
    });
}

bool equalRevision(const Json& a, const Json& b) {
    auto ha = hashLabelNumber(a), hb = hashLabelNumber(b);
    if (ha && hb && *ha != *hb)
        return false;
    return a.value("data", Json()) == b.value("data", Json());
}

}  // namespace kp::statefulset
