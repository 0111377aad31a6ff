#include "base/symbol.h"

namespace kp {

const std::string& Symbol::emptyText() {
    static const std::string empty;
    return empty;
}

Symbol SymbolTable::intern(std::string_view text) {
    if (text.empty())
        return Symbol();
    auto it = texts_.find(text);
    if (it == texts_.end())
        it = texts_.emplace(text).first;
    return Symbol(&*it);
}

size_t SymbolTable::heapBytes() const {
    // A hash node (next pointer, the string, the cached hash) plus the text beyond the
    // string's inline buffer, and the bucket array.
    size_t bytes = texts_.bucket_count() * sizeof(void*);
    for (const std::string& s : texts_)
        bytes += sizeof(void*) * 2 + sizeof(std::string) + (s.capacity() > 15 ? s.capacity() + 1 : 0);
    return bytes;
}

}  // namespace kp
