#include "bench_json_size.h"

namespace kp::bench {
namespace {

// libstdc++: a std::string keeps up to 15 characters inline; longer ones allocate capacity + 1.
int64_t stringHeap(const std::string& s) { return s.capacity() > 15 ? int64_t(s.capacity()) + 1 : 0; }

}  // namespace

int64_t jsonHeapBytes(const Json& j) {
    switch (j.type()) {
    case Json::value_t::object: {
        const auto& obj = j.get_ref<const Json::object_t&>();
        // The map itself, then one red-black node per key: 32 bytes of links + key (32) + value (16).
        int64_t n = sizeof(Json::object_t);
        for (const auto& [key, value] : obj)
            n += 32 + int64_t(sizeof(std::string)) + int64_t(sizeof(Json)) + stringHeap(key) + jsonHeapBytes(value);
        return n;
    }
    case Json::value_t::array: {
        const auto& arr = j.get_ref<const Json::array_t&>();
        int64_t n = sizeof(Json::array_t) + int64_t(arr.capacity() * sizeof(Json));
        for (const Json& v : arr)
            n += jsonHeapBytes(v);
        return n;
    }
    case Json::value_t::string: {
        const auto& s = j.get_ref<const std::string&>();
        return int64_t(sizeof(std::string)) + stringHeap(s);
    }
    default:
        return 0;
    }
}

}  // namespace kp::bench
