// testdata/yaml_errors.tsv: an input (printf escapes) and the message the real kubectl v1.32
// printed after "error: error parsing <file>: " (OK when it parsed).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "api/codec/json_encode.h"
#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"
#include "test_support.h"

using kp::Json;
using namespace kp::codec;

namespace {

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out.push_back(s[i]);
            continue;
        }
        char c = s[++i];
        if (c == 'n')
            out.push_back('\n');
        else if (c == 't')
            out.push_back('\t');
        else if (c == 'x') {
            out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else
            out.push_back(c);
    }
    return out;
}

std::string compact(const DecodeResult& r) {
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    return marshalJson(r.documents[0].value);
}

}  // namespace

TEST_CASE("types plain scalars with YAML 1.1 rules as go-yaml v2 does", "[codec]") {
    CHECK(compact(decodeYamlStream("x: [yes, No, ON, off, y, N, True, FALSE, tRue, ~, null, NULL, nULL, '']\n")) ==
          R"({"x":[true,false,true,false,true,false,true,false,"tRue",null,null,null,"nULL",""]})");
    CHECK(compact(decodeYamlStream("x: [0x1F, -0x1F, 0o17, 017, 08, 0b101, 1_000, +5, .5, 1., 1e3, 1e400, 0x, "
                                   "12:30, 2024-01-02, 1e-7, 09.5]\n")) ==
          R"({"x":[31,-31,15,15,8,5,1000,5,0.5,1,1000,"1e400","0x","12:30","2024-01-02",1e-7,9.5]})");
    CHECK(compact(decodeYamlStream("x: [9223372036854775807, 9223372036854775808, 1e21, 1e20]\n")) ==
          R"({"x":[9223372036854775807,9223372036854776000,1e+21,100000000000000000000]})");
    CHECK(compact(decodeYamlStream("x: [\"1\", '2', !!str 3, !!int \"4\", !!float 5, !!binary aGVsbG8=, !foo 6]\n")) ==
          R"({"x":["1","2","3",4,5,"hello","6"]})");
}

TEST_CASE("turns non-string keys into strings as sigs.k8s.io/yaml does", "[codec]") {
    CHECK(compact(decodeYamlStream("{1: a, 1.5: b, true: c, 0.1: d, 1e3: e, 0x10: f, y: g}\n")) ==
          R"({"0.1":"d","1":"a","1.5":"b","1000":"e","16":"f","true":"g"})");
}

TEST_CASE("expands anchors, aliases and merge keys", "[codec]") {
    CHECK(compact(decodeYamlStream("a: &x {p: 1}\nb: *x\nc: {<<: *x, q: 2}\nd: {<<: [{p: 1}, {p: 2, r: 3}]}\n")) ==
          R"({"a":{"p":1},"b":{"p":1},"c":{"p":1,"q":2},"d":{"p":1,"r":3}})");
    CHECK(compact(decodeYamlStream("x: {b: 3, <<: {a: 1, b: 2}}\n")) == R"({"x":{"a":1,"b":2}})");
}

TEST_CASE("reports malformed YAML with kubectl's messages", "[codec]") {
    std::istringstream table(kp::test::readFile(kp::test::sourcePath("tests/engine/api/codec/testdata/yaml_errors.tsv")));
    std::string row;
    int rows = 0;
    while (std::getline(table, row)) {
        std::size_t tab = row.find('\t');
        REQUIRE(tab != std::string::npos);
        std::string input = unescape(row.substr(0, tab));
        std::string expected = row.substr(tab + 1);
        DecodeResult r = decodeYamlStream(input);
        INFO("input: " << row.substr(0, tab));
        CHECK((r.ok() ? std::string("OK") : r.error) == expected);
        ++rows;
    }
    CHECK(rows > 40);
}

TEST_CASE("keeps the last duplicate key, or reports it in strict mode", "[codec]") {
    CHECK(compact(decodeYamlStream("a: 1\na: 2\n")) == R"({"a":2})");
    DecodeResult strict = decodeYamlDocument("a: 1\nb: 2\na: 3\n", YamlDecodeOptions{true});
    CHECK(strict.error ==
          "error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key \"a\" already set in map");
}

TEST_CASE("splits streams at --- lines and skips empty documents", "[codec]") {
    DecodeResult r = decodeYamlStream("# only a comment\n---\n---\n\nkind: A\n---\nnull\n---\r\nkind: B\r\nx: |\r\n  l1\r\n");
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].value == Json{{"kind", "A"}});
    CHECK(r.documents[0].line == 4);
    CHECK(r.documents[1].value == Json{{"kind", "B"}, {"x", "l1\n"}});
    CHECK(r.documents[1].line == 9);
    CHECK(decodeYamlStream("").documents.empty());
    CHECK(decodeYamlStream("\n\n# c\n").ok());
}

TEST_CASE("keeps documents decoded before an error", "[codec]") {
    DecodeResult r = decodeYamlStream("a: 1\n---\nb: c: d\n");
    CHECK(r.documents.size() == 1);
    CHECK(r.error == "error converting YAML to JSON: yaml: mapping values are not allowed in this context");
}

TEST_CASE("accepts KYAML flow style with trailing commas", "[codec]") {
    CHECK(compact(decodeYamlStream("{a: 1, b: [1, 2,], c: {d: x,},}\n")) == R"({"a":1,"b":[1,2],"c":{"d":"x"}})");
}

TEST_CASE("reads manifests as kubectl: BOM, invalid UTF-8 and JSON streams", "[codec]") {
    DecodeResult bom = decodeManifest("\xEF\xBB\xBFkind: A\nx: \"a\xff\"\n");
    CHECK(compact(bom) == "{\"kind\":\"A\",\"x\":\"a\xEF\xBF\xBD\"}");
    DecodeResult json = decodeManifest("  \n{\"kind\": \"A\"} {\"kind\": \"B\"}");
    REQUIRE(json.ok());
    CHECK(json.documents.size() == 2);
    CHECK(decodeYamlStream("x: \"a\xff\"\n").error == "error converting YAML to JSON: yaml: invalid leading UTF-8 octet");
    CHECK(decodeYamlStream("x: a\x01" "b\n").error == "error converting YAML to JSON: yaml: control characters are not allowed");
}

TEST_CASE("flattens a kind: List into its items", "[codec]") {
    Json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", {{{"kind", "Pod"}, {"apiVersion", "v1"}}, {{"x", 1}}}}};
    std::vector<Json> items = flattenList(list);
    REQUIRE(items.size() == 2);
    CHECK(items[0]["kind"] == "Pod");
    CHECK(items[1] == Json{{"x", 1}, {"kind", ""}, {"apiVersion", "v1"}});
    CHECK(flattenList(Json{{"kind", "Pod"}}).size() == 1);
}

TEST_CASE("rejects deep nesting, alias bombs and huge input quickly", "[codec]") {
    auto start = std::chrono::steady_clock::now();
    std::string flow = "x: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    CHECK(decodeYamlStream(flow).error == "error converting YAML to JSON: yaml: exceeded max depth of 400");
    std::string block;
    for (int i = 0; i < 10000; ++i)
        block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    CHECK(decodeYamlStream(block).error == "error converting YAML to JSON: yaml: line 401: exceeded max depth of 400");
    std::string seq;
    for (int i = 0; i < 10000; ++i)
        seq += std::string(static_cast<std::size_t>(i) * 2, ' ') + "-\n";
    CHECK_FALSE(decodeYamlStream(seq).ok());
    std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
        std::string prev(1, static_cast<char>(c - 1));
        bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev +
                ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
    }
    CHECK(decodeYamlStream(bomb).error == "error converting YAML to JSON: yaml: document contains excessive aliasing");
    std::string big = "data:\n";
    while (big.size() <= 3 * 1024 * 1024)
        big += "  key" + std::to_string(big.size()) + ": value\n";
    DecodeResult r = decodeYamlStream(big);
    CHECK(r.ok());
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 30);
}

TEST_CASE("converts every file of the shared corpus", "[codec]") {
    std::string dir = kp::test::corpusDir();
    if (dir.empty())
        return;
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        std::string path = entry.path().string();
        if (!entry.is_regular_file() || (entry.path().extension() != ".yaml" && entry.path().extension() != ".yml" &&
                                          entry.path().extension() != ".json"))
            continue;
        DecodeResult r = decodeManifest(kp::test::readFile(path));
        INFO(path << ": " << r.error);
        CHECK(r.ok());
        for (const YamlDocument& doc : r.documents)
            CHECK(toYaml(doc.value).ok());
        ++files;
    }
    CHECK(files > 0);
}
