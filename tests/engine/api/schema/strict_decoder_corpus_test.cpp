// Every manifest of the Kubernetes documentation corpus must decode strictly against the
// schema table: no unknown field, no type error. A missing field in the table would make
// `kubectl apply -f` of a documentation example fail in the simulator.
//
// The YAML is read with yaml-cpp and a small converter below (scalars resolved the way
// sigs.k8s.io/yaml does for these files), so this test does not depend on the engine's codec.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "api/schema/schema.h"
#include "api/schema/strict_decoder.h"
#include "test_support.h"

using kp::Json;
using namespace kp::schema;

namespace {

Json scalarToJson(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    if (node.Tag() != "?")
        return text;  // quoted: always a string
    static const std::regex kInt("[-+]?[0-9]+");
    static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return nullptr;
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    if (std::regex_match(text, kInt))
        return std::stoll(text);
    if (std::regex_match(text, kFloat))
        return std::stod(text);
    return text;
}

Json yamlToJson(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json obj = Json::object();
        for (const auto& kv : node)
            obj[kv.first.Scalar()] = yamlToJson(kv.second);
        return obj;
    }
    case YAML::NodeType::Sequence: {
        Json arr = Json::array();
        for (const auto& item : node)
            arr.push_back(yamlToJson(item));
        return arr;
    }
    case YAML::NodeType::Scalar: return scalarToJson(node);
    default: return nullptr;
    }
}

std::vector<std::string> corpusFiles() {
    std::vector<std::string> files;
    std::string dir = kp::test::corpusDir();
    if (dir.empty())
        return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml")
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Decodes one object (and each item of a List, as kubectl sends them one by one).
void checkObject(const std::string& file, const Json& obj, int& decoded) {
    std::string apiVersion = obj.value("apiVersion", "");
    std::string kind = obj.value("kind", "");
    INFO(file << ": " << apiVersion << " " << kind);
    const StructDef* root = Schema::builtin().kind(apiVersion, kind);
    REQUIRE(root != nullptr);
    DecodeIssues issues = checkStrict(*root, obj);
    CHECK(issues.unknownFields == std::vector<std::string>{});
    CHECK(issues.typeError == "");
    ++decoded;
    if (kind == "List" && obj.contains("items")) {
        for (const Json& item : obj["items"])
            checkObject(file, item, decoded);
    }
}

}  // namespace

TEST_CASE("every documentation example decodes strictly against the schema", "[schema][corpus]") {
    std::vector<std::string> files = corpusFiles();
    if (files.empty()) {
        WARN("corpus not found; skipped (set KP_CORPUS_DIR)");
        return;
    }
    int decoded = 0;
    for (const std::string& file : files) {
        std::vector<YAML::Node> docs = YAML::LoadAllFromFile(file);
        for (const YAML::Node& doc : docs) {
            if (!doc.IsMap())
                continue;  // empty documents between "---" lines
            checkObject(file, yamlToJson(doc), decoded);
        }
    }
    CHECK(decoded >= static_cast<int>(files.size()));
}

TEST_CASE("a documentation example with a misspelt field is rejected like the apiserver does", "[schema][corpus]") {
    std::string dir = kp::test::corpusDir();
    if (dir.empty()) {
        WARN("corpus not found; skipped (set KP_CORPUS_DIR)");
        return;
    }
    Json pod = yamlToJson(YAML::LoadFile(dir + "/pods/simple-pod.yaml"));
    pod["spec"]["containers"][0]["ports"][0]["containerport"] = 80;
    const StructDef* root = Schema::builtin().kind("v1", "Pod");
    REQUIRE(root);
    CHECK(decodeErrorMessage(checkStrict(*root, pod), "Pod", "v1") ==
          "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
          "unknown field \"spec.containers[0].ports[0].containerport\"");
}
