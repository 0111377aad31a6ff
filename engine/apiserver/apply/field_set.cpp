#include "apiserver/apply/field_set.h"

#include <cstdint>

#include "base/json_text.h"
#include "base/text.h"

namespace kp::apply {
namespace {

const FieldSet& emptySet() {
    static const FieldSet kEmpty;
    return kEmpty;
}

// Reads one FieldsV1 object. `isMember` says whether the node itself belongs to the set: a
// "." key, or an object with no children at all ("f:replicas": {}).
bool readNode(const Json& node, FieldSet& children, bool& isMember) {
    if (!node.is_object())
        return false;
    isMember = false;
    bool hasChildren = false;
    for (const auto& [key, value] : node.items()) {
        if (key == ".") {
            isMember = true;
            continue;
        }
        PathElement pe;
        ParseResult parsed = parsePathElement(key, pe);
        if (parsed == ParseResult::UnknownKind)
            continue;  // a newer writer's element kind: dropped, as SMD does
        if (parsed == ParseResult::Invalid)
            return false;
        FieldSet grandchildren;
        bool childIsMember = false;
        if (!readNode(value, grandchildren, childIsMember))
            return false;
        if (childIsMember)
            children.members().insert(pe);
        if (childIsMember || !grandchildren.empty())
            hasChildren = true;
        if (!grandchildren.empty())
            children.children()[pe] = std::move(grandchildren);
    }
    if (!hasChildren)
        isMember = true;
    return true;
}

// Reads FieldsV1 straight from its compact JSON text (the packed form the store keeps, see
// base/json_text.h), without building a Json tree first: one pass over the bytes, as SMD's
// streaming reader does. Same rules as readNode above; a key that comes twice adds its members
// and its last subtree wins, as in SMD's readIterV1.
class TextReader {
public:
    TextReader(const char* p, const char* end) : p_(p), end_(end) {}

    bool readDocument(FieldSet& out) {
        bool isMember = false;
        if (!readNode(out, isMember, 0))
            return false;
        skipSpace();
        return p_ == end_;
    }

private:
    static constexpr int kMaxDepth = 512;

    bool readNode(FieldSet& children, bool& isMember, int depth) {
        if (depth > kMaxDepth)
            return false;
        skipSpace();
        if (!consume('{'))
            return false;
        isMember = false;
        bool hasChildren = false;
        skipSpace();
        if (!consume('}')) {
            std::string key;
            for (;;) {
                skipSpace();
                if (!readString(key))
                    return false;
                skipSpace();
                if (!consume(':'))
                    return false;
                skipSpace();
                if (key == ".") {
                    isMember = true;
                    if (!skipValue())
                        return false;
                } else {
                    PathElement pe;
                    ParseResult parsed = parsePathElement(key, pe);
                    if (parsed == ParseResult::Invalid)
                        return false;
                    if (parsed == ParseResult::UnknownKind) {
                        if (!skipValue())  // a newer writer's element kind: dropped, as SMD does
                            return false;
                    } else {
                        FieldSet grandchildren;
                        bool childIsMember = false;
                        if (!readNode(grandchildren, childIsMember, depth + 1))
                            return false;
                        if (childIsMember || !grandchildren.empty())
                            hasChildren = true;
                        if (!grandchildren.empty()) {
                            if (childIsMember)
                                children.members().insert(pe);
                            children.children()[std::move(pe)] = std::move(grandchildren);
                        } else if (childIsMember) {
                            children.members().insert(std::move(pe));
                        }
                    }
                }
                skipSpace();
                if (consume(','))
                    continue;
                if (consume('}'))
                    break;
                return false;
            }
        }
        if (!hasChildren)
            isMember = true;
        return true;
    }

    void skipSpace() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r'))
            ++p_;
    }

    bool consume(char c) {
        if (p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }

    bool readHex4(uint32_t& out) {
        if (end_ - p_ < 4)
            return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            int d = hexDigitValue(*p_++);
            if (d < 0)
                return false;
            out = out * 16 + uint32_t(d);
        }
        return true;
    }

    static void appendUtf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    // A JSON string, unescaped into `out`.
    bool readString(std::string& out) {
        out.clear();
        if (!consume('"'))
            return false;
        for (;;) {
            const char* run = p_;
            while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20)
                ++p_;
            out.append(run, p_);
            if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20)
                return false;
            if (*p_++ == '"')
                return true;
            if (p_ == end_)
                return false;
            switch (char c = *p_++) {
            case '"': case '\\': case '/': out += c; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                uint32_t cp = 0;
                if (!readHex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
                    uint32_t low = 0;
                    if (!consume('\\') || !consume('u') || !readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return false;
                }
                appendUtf8(out, cp);
                break;
            }
            default: return false;
            }
        }
    }

    // Steps over any JSON value ("." and unknown kinds carry values nobody reads); the value
    // must still be valid JSON, as when the whole text was parsed into a tree.
    bool skipValue() {
        if (end_ - p_ >= 2 && p_[0] == '{' && p_[1] == '}') {  // what "." always holds
            p_ += 2;
            return true;
        }
        const char* start = p_;
        int depth = 0;
        while (p_ < end_) {
            const char c = *p_;
            if (c == '"') {
                for (++p_; p_ < end_ && *p_ != '"'; ++p_)
                    if (*p_ == '\\')
                        ++p_;
                if (p_ >= end_)
                    return false;
                ++p_;
                if (depth == 0)
                    break;
            } else if (c == '{' || c == '[') {
                ++depth;
                ++p_;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;  // the end of the enclosing object: a scalar value ends here
                ++p_;
                if (--depth == 0)
                    break;
            } else if (c == ',' && depth == 0) {
                break;
            } else {
                ++p_;
            }
        }
        return depth == 0 && Json::accept(start, p_);
    }

    const char* p_;
    const char* end_;
};

}  // namespace

bool FieldSet::empty() const {
    // Child sets are never empty (see children_), so any child means a member below.
    return members_.empty() && children_.empty();
}

void FieldSet::insert(const Path& path) {
    if (path.empty())
        return;
    FieldSet* node = this;
    for (size_t i = 0; i + 1 < path.size(); ++i)
        node = &node->children_[path[i]];
    node->members_.insert(path.back());
}

bool FieldSet::has(const Path& path) const {
    if (path.empty())
        return false;
    const FieldSet* node = this;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
        auto it = node->children_.find(path[i]);
        if (it == node->children_.end())
            return false;
        node = &it->second;
    }
    return node->members_.count(path.back()) > 0;
}

FieldSet FieldSet::unionWith(const FieldSet& other) const {
    FieldSet out = *this;
    out.members_.insert(other.members_.begin(), other.members_.end());
    for (const auto& [pe, child] : other.children_) {
        auto it = out.children_.find(pe);
        if (it == out.children_.end())
            out.children_.emplace(pe, child);
        else
            it->second = it->second.unionWith(child);
    }
    return out;
}

FieldSet FieldSet::intersection(const FieldSet& other) const {
    FieldSet out;
    for (const PathElement& pe : members_)
        if (other.members_.count(pe))
            out.members_.insert(pe);
    for (const auto& [pe, child] : children_) {
        auto it = other.children_.find(pe);
        if (it == other.children_.end())
            continue;
        FieldSet both = child.intersection(it->second);
        if (!both.empty())
            out.children_.emplace(pe, std::move(both));
    }
    return out;
}

FieldSet FieldSet::difference(const FieldSet& other) const {
    FieldSet out;
    for (const PathElement& pe : members_)
        if (!other.members_.count(pe))
            out.members_.insert(pe);
    for (const auto& [pe, child] : children_) {
        auto it = other.children_.find(pe);
        if (it == other.children_.end()) {
            out.children_.emplace(pe, child);
            continue;
        }
        FieldSet rest = child.difference(it->second);
        if (!rest.empty())
            out.children_.emplace(pe, std::move(rest));
    }
    return out;
}

FieldSet FieldSet::recursiveDifference(const FieldSet& other) const {
    FieldSet out;
    for (const PathElement& pe : members_)
        if (!other.members_.count(pe))
            out.members_.insert(pe);
    for (const auto& [pe, child] : children_) {
        if (other.members_.count(pe))
            continue;  // the other set holds the whole subtree
        auto it = other.children_.find(pe);
        if (it == other.children_.end()) {
            out.children_.emplace(pe, child);
            continue;
        }
        FieldSet rest = child.recursiveDifference(it->second);
        if (!rest.empty())
            out.children_.emplace(pe, std::move(rest));
    }
    return out;
}

const FieldSet& FieldSet::withPrefix(const PathElement& pe) const {
    auto it = children_.find(pe);
    return it == children_.end() ? emptySet() : it->second;
}

void FieldSet::iterate(const std::function<void(const Path&)>& fn) const {
    Path prefix;
    iteratePrefix(prefix, fn);
}

void FieldSet::iteratePrefix(Path& prefix, const std::function<void(const Path&)>& fn) const {
    for (const PathElement& pe : members_) {
        prefix.push_back(pe);
        fn(prefix);
        prefix.pop_back();
    }
    for (const auto& [pe, child] : children_) {
        prefix.push_back(pe);
        child.iteratePrefix(prefix, fn);
        prefix.pop_back();
    }
}

std::string FieldSet::toString() const {
    std::string out;
    iterate([&](const Path& p) {
        if (!out.empty())
            out += "\n";
        out += pathString(p);
    });
    return out;
}

Json FieldSet::toFieldsV1() const {
    Json out = Json::object();
    for (const PathElement& pe : members_)
        out[pe.serialize()] = Json::object();
    for (const auto& [pe, child] : children_) {
        Json node = child.toFieldsV1();
        if (members_.count(pe))
            node["."] = Json::object();
        out[pe.serialize()] = std::move(node);
    }
    return out;
}

bool FieldSet::fromFieldsV1(const Json& fields, FieldSet& out) {
    out = FieldSet{};
    if (isPackedJsonText(fields)) {
        const auto& bytes = fields.get_binary();
        const char* text = reinterpret_cast<const char*>(bytes.data());
        FieldSet parsed;
        if (!TextReader(text, text + bytes.size()).readDocument(parsed))
            return false;
        out = std::move(parsed);
        return true;
    }
    bool rootIsMember = false;
    FieldSet parsed;
    if (!readNode(fields, parsed, rootIsMember))
        return false;
    out = std::move(parsed);
    return true;
}

}  // namespace kp::apply
