#include "runtime/image_reference.h"

#include <cctype>

#include "api/codec/go_format.h"

namespace kp::runtime {
namespace {

constexpr std::string_view kDefaultDomain = "docker.io";
constexpr std::string_view kLegacyDefaultDomain = "index.docker.io";
constexpr std::string_view kOfficialRepoPrefix = "library/";
constexpr std::string_view kInvalidFormat = "invalid reference format";

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool isWordChar(char c) { return isAlnum(c) || c == '_'; }
bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// path-component: [a-z0-9]+ followed by groups of (separator [a-z0-9]+), where a separator is
// ".", "_", "__" or one or more "-".
bool isPathComponent(std::string_view s) {
    size_t i = 0;
    auto alnumRun = [&] {
        size_t start = i;
        while (i < s.size() && isLowerAlnum(s[i]))
            ++i;
        return i > start;
    };
    if (!alnumRun())
        return false;
    while (i < s.size()) {
        if (s[i] == '.') {
            ++i;
        } else if (s[i] == '_') {
            i += (i + 1 < s.size() && s[i + 1] == '_') ? 2 : 1;
        } else if (s[i] == '-') {
            while (i < s.size() && s[i] == '-')
                ++i;
        } else {
            return false;
        }
        if (!alnumRun())
            return false;
    }
    return true;
}

// domain-component ("." domain-component)* [":" port]
bool isDomain(std::string_view s) {
    size_t colon = s.find(':');
    std::string_view host = s.substr(0, colon);
    if (colon != std::string_view::npos) {
        std::string_view port = s.substr(colon + 1);
        if (port.empty())
            return false;
        for (char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return false;
    }
    if (host.empty())
        return false;
    size_t start = 0;
    while (true) {
        size_t dot = host.find('.', start);
        std::string_view part = host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (part.empty() || !isAlnum(part.front()) || !isAlnum(part.back()))
            return false;
        for (char c : part)
            if (!isAlnum(c) && c != '-')
                return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

bool isTag(std::string_view s) {
    if (s.empty() || s.size() > 128 || !isWordChar(s[0]))
        return false;
    for (char c : s)
        if (!isWordChar(c) && c != '.' && c != '-')
            return false;
    return true;
}

// algorithm ":" hex{32,}, algorithm = [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*
bool isDigest(std::string_view s) {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return false;
    std::string_view alg = s.substr(0, colon), hex = s.substr(colon + 1);
    if (hex.size() < 32)
        return false;
    for (char c : hex)
        if (!isHex(c))
            return false;
    bool expectLetter = true;
    for (char c : alg) {
        if (expectLetter) {
            if (!std::isalpha(static_cast<unsigned char>(c)))
                return false;
            expectLetter = false;
        } else if (c == '-' || c == '_' || c == '+' || c == '.') {
            expectLetter = true;
        } else if (!isAlnum(c)) {
            return false;
        }
    }
    return !expectLetter;
}

bool isHex64(std::string_view s) {
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

}  // namespace

std::string ImageReference::familiarName() const {
    if (domain != kDefaultDomain)
        return domain + "/" + path;
    std::string_view p = path;
    if (p.substr(0, kOfficialRepoPrefix.size()) == kOfficialRepoPrefix &&
        p.find('/', kOfficialRepoPrefix.size()) == std::string_view::npos)
        p.remove_prefix(kOfficialRepoPrefix.size());
    return std::string(p);
}

std::string ImageReference::familiarString() const {
    std::string s = familiarName();
    if (!tag.empty())
        s += ":" + tag;
    if (!digest.empty())
        s += "@" + digest;
    return s;
}

std::string ImageReference::fullString() const {
    std::string s = domain + "/" + path;
    if (!tag.empty())
        s += ":" + tag;
    if (!digest.empty())
        s += "@" + digest;
    return s;
}

// Upstream: distribution/reference normalize.go#ParseNormalizedNamed and #splitDockerDomain.
std::optional<ImageReference> parseImageReference(std::string_view image, std::string* error) {
    auto fail = [&](std::string msg) -> std::optional<ImageReference> {
        if (error)
            *error = std::move(msg);
        return std::nullopt;
    };
    if (isHex64(image))
        return fail("invalid repository name (" + std::string(image) +
                    "), cannot specify 64-byte hexadecimal strings");

    // Split the domain off the way Docker does: the first element is a domain when it is
    // "localhost", contains "." or ":", or has upper-case letters.
    std::string domain, remainder;
    size_t slash = image.find('/');
    if (slash == std::string_view::npos) {
        domain = kDefaultDomain;
        remainder = std::string(kOfficialRepoPrefix) + std::string(image);
    } else {
        std::string_view first = image.substr(0, slash), rest = image.substr(slash + 1);
        bool hasUpper = false;
        for (char c : first)
            hasUpper = hasUpper || std::isupper(static_cast<unsigned char>(c));
        if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos || hasUpper) {
            domain = first == kLegacyDefaultDomain ? std::string(kDefaultDomain) : std::string(first);
            remainder = rest;
        } else {
            domain = kDefaultDomain;
            remainder = image;
        }
        if (domain == kDefaultDomain && remainder.find('/') == std::string::npos)
            remainder = std::string(kOfficialRepoPrefix) + remainder;
    }

    std::string remote = remainder.substr(0, remainder.find(':'));
    for (char c : remote)
        if (std::isupper(static_cast<unsigned char>(c)))
            return fail(std::string(kInvalidFormat) + ": repository name (" + remote + ") must be lowercase");

    ImageReference ref;
    ref.domain = domain;
    std::string_view rest = remainder;
    if (size_t at = rest.find('@'); at != std::string_view::npos) {
        ref.digest = std::string(rest.substr(at + 1));
        rest = rest.substr(0, at);
        if (!isDigest(ref.digest))
            return fail(std::string(kInvalidFormat));
    }
    size_t lastSlash = rest.rfind('/');
    size_t colon = rest.find(':', lastSlash == std::string_view::npos ? 0 : lastSlash);
    if (colon != std::string_view::npos) {
        ref.tag = std::string(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
        if (!isTag(ref.tag))
            return fail(std::string(kInvalidFormat));
    }
    ref.path = std::string(rest);
    if (!isDomain(ref.domain) || ref.path.empty())
        return fail(std::string(kInvalidFormat));
    size_t start = 0;
    while (true) {
        size_t next = ref.path.find('/', start);
        if (!isPathComponent(std::string_view(ref.path).substr(start, next == std::string::npos ? std::string::npos
                                                                                                 : next - start)))
            return fail(std::string(kInvalidFormat));
        if (next == std::string::npos)
            break;
        start = next + 1;
    }
    if (ref.domain.size() + 1 + ref.path.size() > 255)
        return fail("repository name must not be more than 255 characters");
    return ref;
}

// Upstream: pkg/kubelet/images/image_manager.go#EnsureImageExists (the applyDefaultImageTag failure).
std::optional<ImageReference> applyDefaultImageTag(std::string_view image, std::string* message) {
    std::string err;
    auto ref = parseImageReference(image, &err);
    if (!ref) {
        if (message)
            *message = "Failed to apply default image tag " + codec::quoteGo(image) + ": couldn't parse image name " +
                       codec::quoteGo(image) + ": " + err;
        return std::nullopt;
    }
    if (ref->tag.empty() && ref->digest.empty())
        ref->tag = "latest";
    return ref;
}

}  // namespace kp::runtime
