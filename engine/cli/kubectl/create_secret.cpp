// kubectl create secret generic|docker-registry|tls NAME ...
//   generic: data from --from-literal, --from-file, --from-env-file (in that order), --type;
//   docker-registry: a kubernetes.io/dockerconfigjson Secret whose .dockerconfigjson is
//     {"auths":{"<server>":{"username","password","email","auth":base64(user:password)}}};
//   tls: tls.crt and tls.key from --cert and --key.
// Values are base64-encoded as the typed Secret's []byte data marshals.
// Upstream: kubectl pkg/cmd/create/create_secret.go, create_secret_docker.go,
// create_secret_tls.go.
#include "api/codec/go_format.h"
#include "api/codec/json_encode.h"
#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/create_generated.h"
#include "cli/kubectl/hash.h"

namespace kp::cli {
namespace {

Json newSecret(const GeneratorRun& run, const std::string& type) {
    Json s = {
        {"apiVersion", "v1"},
        {"kind", "Secret"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
        {"data", Json::object()},
    };
    if (run.enforceNamespace)
        s["metadata"]["namespace"] = run.ns;
    if (!type.empty())
        s["type"] = type;
    return s;
}

std::string addKey(Json& secret, const std::string& key, const std::string& value) {
    validation::Messages errs = validation::isConfigMapKey(key);
    if (!errs.empty()) {
        std::string joined;
        for (const std::string& e : errs)
            joined += (joined.empty() ? "" : ";") + e;
        return codec::quoteGo(key) + " is not valid key name for a Secret " + joined;
    }
    if (secret["data"].contains(key))
        return "cannot add key " + key + ", another key by that name already exists";
    secret["data"][key] = base64Encode(value);
    return "";
}

// The typed Secret leaves out empty data (omitempty); --append-hash names it first.
CommandResult finish(KubectlContext& ctx, const CommandFlags& flags, GeneratorRun& run, Json secret) {
    if (flags.on("append-hash"))
        secret["metadata"]["name"] = run.name + "-" + secretHash(secret);
    if (secret["data"].empty())
        secret.erase("data");
    return createGenerated(ctx, flags, run, std::move(secret), "failed to create secret ");
}

CommandResult createSecretGeneric(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create secret generic");
    addGeneratorFlags(flags);
    flags.stringSlice("from-file").stringArray("from-literal").stringSlice("from-env-file").string("type").boolean(
        "append-hash");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const auto files = flags.list("from-file");
    const auto literals = flags.list("from-literal");
    const auto envFiles = flags.list("from-env-file");
    if (!envFiles.empty() && (!files.empty() || !literals.empty()))
        return errorResult("from-env-file cannot be combined with from-file or from-literal");
    Json secret = newSecret(run, flags.str("type"));
    for (const std::string& l : literals) {
        DataSource s;
        if (std::string err = parseLiteralSource(l, s); !err.empty())
            return errorResult(err);
        if (std::string err = addKey(secret, s.key, s.value); !err.empty())
            return errorResult(err);
    }
    for (const std::string& f : files) {
        std::vector<DataSource> sources;
        if (std::string err = readFileSources(ctx, f, sources); !err.empty())
            return errorResult(err);
        for (const DataSource& s : sources)
            if (std::string err = addKey(secret, s.key, s.value); !err.empty())
                return errorResult(err);
    }
    for (const std::string& e : envFiles) {
        std::vector<DataSource> sources;
        if (std::string err = readEnvFileSource(ctx, e, sources); !err.empty())
            return errorResult(err);
        for (const DataSource& s : sources)
            if (std::string err = addKey(secret, s.key, s.value); !err.empty())
                return errorResult(err);
    }
    return finish(ctx, flags, run, std::move(secret));
}

CommandResult createSecretDockerRegistry(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create secret docker-registry");
    addGeneratorFlags(flags);
    flags.string("docker-username").string("docker-password").string("docker-email");
    flags.string("docker-server", "", "https://index.docker.io/v1/").stringSlice("from-file").boolean("append-hash");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const auto files = flags.list("from-file");
    const std::string user = flags.str("docker-username"), password = flags.str("docker-password");
    const std::string server = flags.str("docker-server"), email = flags.str("docker-email");
    if (files.empty() && (user.empty() || password.empty() || server.empty()))
        return errorResult(
            "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required");
    Json secret = newSecret(run, "kubernetes.io/dockerconfigjson");
    if (!files.empty()) {
        for (const std::string& f : files) {
            std::vector<DataSource> sources;
            if (std::string err = readFileSources(ctx, f, sources); !err.empty())
                return errorResult(err);
            for (const DataSource& s : sources)
                if (std::string err = addKey(secret, s.key, s.value); !err.empty())
                    return errorResult(err);
        }
        return finish(ctx, flags, run, std::move(secret));
    }
    // DockerConfigEntry marshals in struct order: username, password, email (omitempty), auth.
    std::string entry = "{\"username\":" + codec::marshalJson(user) + ",\"password\":" + codec::marshalJson(password);
    if (!email.empty())
        entry += ",\"email\":" + codec::marshalJson(email);
    entry += ",\"auth\":" + codec::marshalJson(base64Encode(user + ":" + password)) + "}";
    const std::string config = "{\"auths\":{" + codec::marshalJson(server) + ":" + entry + "}}";
    secret["data"][".dockerconfigjson"] = base64Encode(config);
    return finish(ctx, flags, run, std::move(secret));
}

CommandResult createSecretTLS(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create secret tls");
    addGeneratorFlags(flags);
    flags.string("cert").string("key").boolean("append-hash");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    if (flags.str("cert").empty() || flags.str("key").empty())
        return errorResult("key and cert must be specified");
    auto cert = ctx.fs.readFile(flags.str("cert"));
    if (!cert)
        return errorResult("open " + flags.str("cert") + ": no such file or directory");
    auto key = ctx.fs.readFile(flags.str("key"));
    if (!key)
        return errorResult("open " + flags.str("key") + ": no such file or directory");
    // SIMPLIFICATION: kubectl checks that the pair parses (tls.X509KeyPair); kubeplay only
    // checks that both files hold PEM blocks.
    if (cert->find("-----BEGIN") == std::string::npos)
        return errorResult("tls: failed to find any PEM data in certificate input");
    if (key->find("-----BEGIN") == std::string::npos)
        return errorResult("tls: failed to find any PEM data in key input");
    Json secret = newSecret(run, "kubernetes.io/tls");
    secret["data"]["tls.crt"] = base64Encode(*cert);
    secret["data"]["tls.key"] = base64Encode(*key);
    return finish(ctx, flags, run, std::move(secret));
}

}  // namespace

CommandResult createSecret(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string sub;
    for (const std::string& a : args) {
        if (!a.empty() && a[0] != '-') {
            sub = a;
            break;
        }
    }
    std::vector<std::string> rest;
    bool skipped = false;
    for (const std::string& a : args) {
        if (!skipped && a == sub) {
            skipped = true;
            continue;
        }
        rest.push_back(a);
    }
    if (sub == "generic")
        return createSecretGeneric(ctx, rest);
    if (sub == "docker-registry")
        return createSecretDockerRegistry(ctx, rest);
    if (sub == "tls")
        return createSecretTLS(ctx, rest);
    if (sub.empty())
        return missingSubcommand("create secret");
    std::string words;
    for (const std::string& a : args)
        if (!a.empty() && a[0] != '-')
            words += (words.empty() ? "" : " ") + a;
    return usageErrorResult("kubectl create secret", "unknown command \"" + words + "\"");
}

}  // namespace kp::cli
