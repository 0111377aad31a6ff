// Every manifest of the Kubernetes documentation corpus (../shared/corpus) is accepted by the
// apiserver unchanged: it decodes, passes strict field validation, defaulting, admission and
// validation, and the stored object round-trips through kubectl's YAML. Skips cleanly when
// the corpus is not beside the repository.
#include <catch2/catch.hpp>

#include <filesystem>

#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"
#include "base/json_text.h"
#include "cluster/cluster.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("every corpus manifest is created by the apiserver and round-trips", "[apiserver][corpus]") {
    std::string dir = test::corpusDir();
    if (dir.empty()) {
        WARN("corpus not found; skipped");
        return;
    }
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".yaml")
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 100);

    int created = 0;
    for (const std::string& file : files) {
        Cluster cluster;
        Client client = cluster.client("kubectl-create");
        // Namespaces some examples expect to exist (INDEX.md "Consistency notes").
        for (const char* ns : {"mem-example", "cpu-example", "qos-example", "default-mem-example"})
            client.create(Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
        cluster.runUntilIdle();

        codec::DecodeResult decoded = codec::decodeManifest(test::readFile(file));
        INFO(file);
        REQUIRE(decoded.ok());
        for (const auto& doc : decoded.documents) {
            for (const Json& obj : codec::flattenList(doc.value)) {
                const ResourceInfo* r = cluster.apiServer().resources().byKind(stringAt(obj, "apiVersion"),
                                                                             stringAt(obj, "kind"));
                INFO(stringAt(obj, "kind") << "/" << stringAt(obj, "metadata.name"));
                REQUIRE(r);
                WriteOptions opts;
                opts.fieldValidation = FieldValidation::Strict;
                ApiResponse resp = client.create(obj, opts);
                INFO(resp.status.message());
                CHECK(resp.ok());
                if (!resp.ok())
                    continue;
                CHECK(resp.warnings.empty());
                ++created;
                codec::YamlOutput yaml = codec::toYaml(resp.object);
                REQUIRE(yaml.ok());
                codec::DecodeResult back = codec::decodeYamlDocument(yaml.text);
                REQUIRE(back.ok());
                Json shown = resp.object;  // managedFields' packed sets print as JSON
                expandPackedJsonText(shown);
                CHECK(back.documents.at(0).value == shown);
            }
        }
    }
    CHECK(created >= 120);
}
