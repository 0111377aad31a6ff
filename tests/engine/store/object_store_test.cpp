#include <catch2/catch.hpp>

#include "store/object_store.h"

using kp::Json;
using kp::ObjectStore;
using kp::WatchEventType;

namespace {
Json pod(const std::string& ns, const std::string& name, const std::string& app = "web") {
    return Json{{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"namespace", ns}, {"name", name}, {"labels", {{"app", app}}}}}};
}
}  // namespace

TEST_CASE("one global resourceVersion counter stamps every write", "[store]") {
    ObjectStore store;
    CHECK(store.create("pods", pod("default", "a")) == 1);
    CHECK(store.create("configmaps", Json{{"metadata", {{"namespace", "default"}, {"name", "c"}}}}) == 2);
    CHECK(store.update("pods", pod("default", "a")) == 3);
    CHECK(store.get("pods", "default", "a")->at("metadata").at("resourceVersion") == "3");
    CHECK(store.remove("pods", "default", "a") == 4);
    CHECK(store.get("pods", "default", "a") == nullptr);
    CHECK(store.remove("pods", "default", "a") == 0);
    CHECK(store.resourceVersion() == 4);
}

TEST_CASE("lists are ordered by namespace then name", "[store]") {
    ObjectStore store;
    store.create("pods", pod("b", "x"));
    store.create("pods", pod("a-b", "z"));
    store.create("pods", pod("a", "y"));
    store.create("pods", pod("a", "b"));
    std::vector<std::string> names;
    for (const auto& p : store.list("pods"))
        names.push_back(p->at("metadata").at("namespace").get<std::string>() + "/" +
                        p->at("metadata").at("name").get<std::string>());
    CHECK(names == std::vector<std::string>{"a/b", "a/y", "a-b/z", "b/x"});
    CHECK(store.list("pods", "a").size() == 2);
}

TEST_CASE("forEach visits what list returns, in its order, packed or not", "[store]") {
    for (size_t packBeyond : {size_t{0}, ObjectStore::kPackBeyond}) {
        ObjectStore store(100, packBeyond);
        store.create("pods", pod("b", "x"));
        store.create("pods", pod("a", "y", "api"));
        store.create("pods", pod("a", "b"));
        store.update("pods", pod("a", "b", "db"));
        for (const std::string ns : {"", "a", "b", "none"}) {
            std::vector<Json> listed, visited;
            for (const auto& p : store.list("pods", ns))
                listed.push_back(*p);
            store.forEach("pods", ns, [&](const Json& p) { visited.push_back(p); });
            CHECK(visited == listed);
        }
        size_t calls = 0;
        store.forEach("services", "", [&](const Json&) { ++calls; });
        CHECK(calls == 0);
    }
}

TEST_CASE("watches start with the current state and then see every change in order", "[store][watch]") {
    ObjectStore store;
    store.create("pods", pod("default", "a"));
    kp::WatchRequest req;
    req.resource = "pods";
    kp::Status err;
    auto id = store.watch(req, err);
    REQUIRE(err.ok());
    store.create("pods", pod("default", "b"));
    store.update("pods", pod("default", "a"));
    store.remove("pods", "default", "b");
    store.create("configmaps", Json{{"metadata", {{"namespace", "default"}, {"name", "c"}}}});
    auto events = store.drain(id);
    REQUIRE(events.size() == 4);
    CHECK(events[0].type == WatchEventType::Added);
    CHECK(events[1].type == WatchEventType::Added);
    CHECK(events[2].type == WatchEventType::Modified);
    CHECK(events[3].type == WatchEventType::Deleted);
    // A DELETED event carries the last state with the deletion's resourceVersion.
    CHECK(events[3].object->at("metadata").at("resourceVersion") == "4");
    CHECK(events[3].resourceVersion == 4);
    CHECK(store.drain(id).empty());
}

TEST_CASE("a watch resumes from a resourceVersion and expires when it is too old", "[store][watch]") {
    ObjectStore store(3);  // keep three changes
    for (int i = 0; i < 5; ++i)
        store.create("pods", pod("default", "p" + std::to_string(i)));
    // History holds rv 3, 4, 5: resuming from 2 or later works, from 1 does not.
    kp::WatchRequest req;
    req.resource = "pods";
    req.sendInitialState = false;
    req.sinceResourceVersion = 3;
    kp::Status err;
    auto id = store.watch(req, err);
    REQUIRE(err.ok());
    auto events = store.drain(id);
    REQUIRE(events.size() == 2);
    CHECK(events[0].resourceVersion == 4);

    req.sinceResourceVersion = 1;
    CHECK(store.watch(req, err) == 0);
    CHECK(err.code() == 410);
    CHECK(err.reason() == "Expired");
    CHECK(err.message() == "too old resource version: 1 (2)");
}

TEST_CASE("filtered watches see objects enter and leave the filter", "[store][watch]") {
    ObjectStore store;
    kp::WatchRequest req;
    req.resource = "pods";
    req.filter = [](const Json& o) { return o["metadata"]["labels"]["app"] == "web"; };
    kp::Status err;
    auto id = store.watch(req, err);
    store.create("pods", pod("default", "a", "db"));
    store.update("pods", pod("default", "a", "web"));  // enters: ADDED
    store.update("pods", pod("default", "a", "db"));   // leaves: DELETED
    auto events = store.drain(id);
    REQUIRE(events.size() == 2);
    CHECK(events[0].type == WatchEventType::Added);
    CHECK(events[1].type == WatchEventType::Deleted);
}

TEST_CASE("bookmarks go only to watchers that asked for them", "[store][watch]") {
    ObjectStore store;
    kp::WatchRequest with, without;
    with.resource = without.resource = "pods";
    with.allowBookmarks = true;
    kp::Status err;
    auto a = store.watch(with, err);
    auto b = store.watch(without, err);
    store.create("pods", pod("default", "a"));
    store.emitBookmarks();
    auto ea = store.drain(a);
    REQUIRE(ea.size() == 2);
    CHECK(ea[1].type == WatchEventType::Bookmark);
    CHECK(ea[1].object->at("metadata").at("resourceVersion") == "1");
    CHECK(store.drain(b).size() == 1);
}

TEST_CASE("snapshot and restore keep every object and the resourceVersion", "[store]") {
    ObjectStore store;
    store.create("pods", pod("default", "a"));
    store.create("pods", pod("kube-system", "b"));
    Json snap = store.snapshot();
    ObjectStore other;
    other.restore(snap);
    CHECK(other.resourceVersion() == 2);
    CHECK(*other.get("pods", "kube-system", "b") == *store.get("pods", "kube-system", "b"));
    CHECK(other.snapshot() == snap);
}
