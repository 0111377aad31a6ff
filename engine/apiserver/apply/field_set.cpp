#include "apiserver/apply/field_set.h"

#include "base/json_text.h"

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
    if (isPackedJsonText(fields))
        return fromFieldsV1(unpackJsonText(fields), out);
    out = FieldSet{};
    bool rootIsMember = false;
    FieldSet parsed;
    if (!readNode(fields, parsed, rootIsMember))
        return false;
    out = std::move(parsed);
    return true;
}

}  // namespace kp::apply
