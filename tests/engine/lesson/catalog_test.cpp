// The lesson files: every one parses, has both languages, and its mistakes are named.
#include <catch2/catch.hpp>

#include <set>

#include "lesson/catalog.h"

using namespace kp::lesson;

TEST_CASE("every lesson in tutorials/ parses, in order, with unique ids", "[lesson][catalog]") {
    const Catalog& c = catalog();
    for (const std::string& e : c.errors)
        FAIL(e);
    REQUIRE_FALSE(c.lessons.empty());
    CHECK(c.lessons.front().id == "quick-start");
    std::set<std::string> ids;
    std::set<int> orders;
    for (const Lesson& l : c.lessons) {
        CHECK(ids.insert(l.id).second);
        CHECK(orders.insert(l.order).second);
    }
}

TEST_CASE("every text of every lesson exists in Chinese and in English", "[lesson][catalog]") {
    auto both = [](const Localized& t, const std::string& where) {
        INFO(where);
        CHECK_FALSE(t.zh.empty());
        CHECK_FALSE(t.en.empty());
        CHECK(t.zh != t.en);  // a copy is a missing translation (commands alone belong in `try`)
    };
    for (const Lesson& l : catalog().lessons) {
        both(l.title, l.id + " title");
        both(l.summary, l.id + " summary");
        for (const Step& s : l.steps) {
            both(s.title, l.id + "/" + s.id + " title");
            both(s.text, l.id + "/" + s.id + " text");
        }
    }
}

TEST_CASE("a broken lesson file names the place of its mistake", "[lesson][catalog]") {
    auto errorOf = [](const std::string& yaml) {
        Lesson l;
        std::string error;
        CHECK_FALSE(parseLesson(yaml, "x.yaml", l, error));
        return error;
    };
    const std::string head = "id: x\ntitle: {zh: 甲, en: A}\nsummary: {zh: 乙, en: B}\n";
    const std::string step = "  - id: s\n    title: {zh: 丙, en: C}\n    text: {zh: 丁, en: D}\n";
    CHECK(errorOf("id: [") .rfind("x.yaml: error converting YAML to JSON", 0) == 0);
    CHECK(errorOf(head + "stpes: []\n") == "x.yaml: unknown field \"stpes\"");
    CHECK(errorOf(head) == "x.yaml: a lesson needs steps (or sandbox: true)");
    CHECK(errorOf("id: x\ntitle: {zh: 甲}\nsummary: {zh: 乙, en: B}\nsteps: []\n") == "x.yaml: title: missing en");
    CHECK(errorOf(head + "steps:\n" + step + "    goal: {machine: Running}\n") == "x.yaml: steps[0] (s): missing solution");
    CHECK(errorOf(head + "steps:\n" + step + "    solution: [minikube start]\n") == "x.yaml: steps[0] (s): missing goal");
    CHECK(errorOf(head + "steps:\n" + step + "    goal: {machine: Up}\n    solution: [minikube start]\n") ==
          "x.yaml: steps[0] (s): goal: machine must be Running, Stopped, Paused or Absent");
    CHECK(errorOf(head + "steps:\n" + step + "    goal: {machine: Running}\n    solution: [a]\n    hints: [{zh: 戊}]\n") ==
          "x.yaml: steps[0] (s): hints[0]: missing en");
    CHECK(errorOf(head + "steps:\n" + step + "    goal: {machine: Running}\n    solution: [a]\n" + step +
                  "    goal: {machine: Running}\n    solution: [a]\n") == "x.yaml: steps[1]: duplicate step id \"s\"");
}

TEST_CASE("the page's catalog carries both languages and the commands", "[lesson][catalog]") {
    kp::Json j = catalogJson(catalog());
    REQUIRE(j.is_array());
    const kp::Json& first = j.front();
    CHECK(first["id"] == "quick-start");
    CHECK(first["title"]["zh"] == "快速开始");
    CHECK(first["title"]["en"] == "Quick start");
    CHECK(first["steps"][1]["try"][0] ==
          "minikube start --vm-driver=virtualbox --image-repository=registry.cn-hangzhou.aliyuncs.com/google_containers");
}
