// Symbol: text a SymbolTable keeps once, referred to by pointer. The event log stores each
// record's words (actor, verb, resource, namespace, name, detail) this way: a 150,000-pod
// cluster writes millions of records that repeat a few thousand distinct words, and a Symbol
// costs one pointer where a std::string costs its own buffer.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace kp {

class Symbol {
public:
    Symbol() : text_(&emptyText()) {}

    const std::string& str() const { return *text_; }
    operator const std::string&() const { return *text_; }
    bool empty() const { return text_->empty(); }
    size_t size() const { return text_->size(); }
    bool starts_with(std::string_view prefix) const { return text_->starts_with(prefix); }
    size_t find(std::string_view what, size_t from = 0) const { return text_->find(what, from); }

    friend bool operator==(const Symbol& a, std::string_view b) { return *a.text_ == b; }
    friend bool operator==(const Symbol& a, const Symbol& b) { return a.text_ == b.text_ || *a.text_ == *b.text_; }

private:
    friend class SymbolTable;
    explicit Symbol(const std::string* text) : text_(text) {}
    static const std::string& emptyText();
    const std::string* text_;
};

// Interns texts: equal texts give Symbols that share one copy, kept as long as the table.
class SymbolTable {
public:
    Symbol intern(std::string_view text);
    size_t size() const { return texts_.size(); }
    size_t heapBytes() const;  // roughly, for benchmarks

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> texts_;
};

}  // namespace kp
