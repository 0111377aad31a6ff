// kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key=value]
// [--from-env-file=source] [--append-hash]: data from files (a folder gives one key per
// regular file), literals and env files, in that order; keys checked as the apiserver would
// and duplicates refused. Files that are not UTF-8 go to binaryData.
// Upstream: kubectl pkg/cmd/create/create_configmap.go (createConfigMap,
// validateNewConfigMap), pkg/util/hash (ConfigMapHash).
#include "api/codec/go_format.h"
#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/create_generated.h"
#include "cli/kubectl/hash.h"

namespace kp::cli {
namespace {

std::string addKey(Json& cm, const std::string& key, const std::string& value) {
    validation::Messages errs = validation::isConfigMapKey(key);
    if (!errs.empty()) {
        std::string joined;
        for (const std::string& e : errs)
            joined += (joined.empty() ? "" : ",") + e;
        return codec::quoteGo(key) + " is not a valid key name for a ConfigMap: " + joined;
    }
    const std::string name = stringAt(cm, "metadata.name");
    if (cm["data"].contains(key))
        return "cannot add key " + codec::quoteGo(key) + ", another key by that name already exists in Data for ConfigMap " +
               codec::quoteGo(name);
    if (cm["binaryData"].contains(key))
        return "cannot add key " + codec::quoteGo(key) +
               ", another key by that name already exists in BinaryData for ConfigMap " + codec::quoteGo(name);
    if (codec::isValidUtf8(value))
        cm["data"][key] = value;
    else
        cm["binaryData"][key] = base64Encode(value);
    return "";
}

}  // namespace

CommandResult createConfigMap(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create configmap");
    addGeneratorFlags(flags);
    flags.stringSlice("from-file").stringArray("from-literal").stringSlice("from-env-file").boolean("append-hash");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const auto files = flags.list("from-file");
    const auto literals = flags.list("from-literal");
    const auto envFiles = flags.list("from-env-file");
    if (!envFiles.empty() && (!files.empty() || !literals.empty()))
        return errorResult("from-env-file cannot be combined with from-file or from-literal");

    Json cm = {
        {"apiVersion", "v1"},
        {"kind", "ConfigMap"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
        {"data", Json::object()},
        {"binaryData", Json::object()},
    };
    if (run.enforceNamespace)
        cm["metadata"]["namespace"] = run.ns;
    std::vector<DataSource> sources;
    for (const std::string& f : files)
        if (std::string err = readFileSources(ctx, f, sources); !err.empty())
            return errorResult(err);
    for (const std::string& l : literals) {
        DataSource s;
        if (std::string err = parseLiteralSource(l, s); !err.empty())
            return errorResult(err);
        sources.push_back(s);
    }
    for (const std::string& e : envFiles)
        if (std::string err = readEnvFileSource(ctx, e, sources); !err.empty())
            return errorResult(err);
    for (const DataSource& s : sources)
        if (std::string err = addKey(cm, s.key, s.value); !err.empty())
            return errorResult(err);
    if (flags.on("append-hash"))
        cm["metadata"]["name"] = run.name + "-" + configMapHash(cm);
    // Empty maps are left out when the typed object is encoded (omitempty).
    for (const char* field : {"data", "binaryData"})
        if (cm[field].empty())
            cm.erase(field);
    return createGenerated(ctx, flags, run, std::move(cm), "failed to create configmap: ");
}

}  // namespace kp::cli
