// kubectl config set-cluster|set-credentials|set|unset: write entries and single values of the
// kubeconfig. Like the other config subcommands they never talk to the apiserver, and they
// write through ModifyConfig (config_access.h): each entry goes back to the file it came from.
//   set-cluster NAME [--server --certificate-authority [--embed-certs] --insecure-skip-tls-verify
//                     --tls-server-name --proxy-url]                   `Cluster "NAME" set.`
//   set-credentials NAME [--client-certificate --client-key [--embed-certs] | --token |
//                         --username --password | --auth-provider[-arg] | --exec-*]
//                                                                     `User "NAME" set.`
//   set PROPERTY VALUE [--set-raw-bytes]                              `Property "PROPERTY" set.`
//   unset PROPERTY                                                    `Property "PROPERTY" unset.`
// A PROPERTY is a dotted path through the kubeconfig as client-go holds it in memory: fields by
// their JSON names, map entries (clusters, users, contexts) by name; an entry name may itself
// contain dots (clusters.10.0.0.1.server), since the path reads up to the next known field.
// Upstream: kubectl pkg/cmd/config/{set_cluster,set_credentials,set,unset,
// navigation_step_parser}.go, client-go tools/clientcmd/api/types.go (the in-memory Config).
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>

#include "api/codec/go_format.h"
#include "api/schema/unmarshal_errors.h"
#include "base/base64.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/config_access.h"
#include "cli/kubectl/create_generated.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

// [SECTION] shared steps

// A file the learner names (--certificate-authority=ca.crt --embed-certs).
std::optional<std::string> readLearnerFile(const KubectlContext& ctx, const std::string& path) {
    return ctx.shellFs ? ctx.shellFs->readFile(path) : ctx.fs.readFile(path);
}

std::string statError(const std::string& flag, const std::string& path) {
    return "could not stat " + flag + " file " + path + ": stat " + path + ": no such file or directory";
}

// The body of a named entry ({"name": N, "cluster": {...}}), created when missing.
Json& entryBody(Json& config, const char* list, const char* body, const std::string& name) {
    Json& b = upsertNamedEntry(config, list, name)[body];
    if (!b.is_object())
        b = Json::object();
    return b;
}

// An omitempty string field: set, or removed when empty.
void setOrErase(Json& obj, const char* field, const std::string& value) {
    if (value.empty())
        obj.erase(field);
    else
        obj[field] = value;
}

// [SECTION] set-cluster

}  // namespace

CommandResult configSetCluster(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config set-cluster");
    flags.string("certificate-authority")
        .boolean("embed-certs")
        .boolean("insecure-skip-tls-verify")
        .string("proxy-url")
        .string("server")
        .string("tls-server-name");
    flags.usage("certificate-authority", "The file of the certificate authority that signed the server's certificate.")
        .usage("embed-certs", "Copy the certificate authority file's content into the kubeconfig instead of naming the file.")
        .usage("insecure-skip-tls-verify", "Do not check the server's certificate (clears the certificate authority).")
        .usage("proxy-url", "The URL of a proxy to reach the cluster through.")
        .usage("server", "The URL of the cluster's API server.")
        .usage("tls-server-name", "The name to check the server's certificate against, when it differs from the server's host.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 1)
        return helpError(flags, "Unexpected args: " + bracketList(flags.args()));
    const std::string name = flags.args()[0];
    const std::string ca = flags.str("certificate-authority");
    if (name.empty())
        return errorResult("you must specify a non-empty cluster name");
    if (flags.on("insecure-skip-tls-verify") && !ca.empty())
        return errorResult("you cannot specify a certificate authority and insecure mode at the same time");
    std::optional<std::string> caData;
    if (flags.on("embed-certs")) {
        if (ca.empty())
            return errorResult("you must specify a --certificate-authority to embed");
        caData = readLearnerFile(ctx, ca);
        if (!caData)
            return errorResult(statError("certificate-authority", ca));
    }

    Json config = readConfig(ctx);
    Json& cluster = entryBody(config, "clusters", "cluster", name);
    if (flags.changed("server")) {
        cluster["server"] = flags.str("server");
        // A new server makes the old TLS server name meaningless.
        cluster.erase("tls-server-name");
    }
    if (flags.changed("tls-server-name"))
        setOrErase(cluster, "tls-server-name", flags.str("tls-server-name"));
    if (flags.changed("insecure-skip-tls-verify")) {
        if (flags.on("insecure-skip-tls-verify")) {
            cluster["insecure-skip-tls-verify"] = true;
            cluster.erase("certificate-authority");
            cluster.erase("certificate-authority-data");
        } else {
            cluster.erase("insecure-skip-tls-verify");
        }
    }
    if (flags.changed("certificate-authority")) {
        cluster.erase("insecure-skip-tls-verify");
        if (caData) {
            cluster["certificate-authority-data"] = base64Encode(*caData);
            cluster.erase("certificate-authority");
        } else {
            cluster["certificate-authority"] = absolutePath(ctx, ca);
            cluster.erase("certificate-authority-data");
        }
    }
    if (flags.changed("proxy-url"))
        setOrErase(cluster, "proxy-url", flags.str("proxy-url"));
    if (!cluster.contains("server"))
        cluster["server"] = "";  // not omitempty
    return writeConfig(ctx, config, "Cluster " + codec::quoteGo(name) + " set.\n");
}

namespace {

// [SECTION] set-credentials

// cmdutil.ParsePairs with removal: "k=v" sets, "k-" removes; anything else is invalid.
// SIMPLIFICATION: kubectl keeps the pairs in a Go map, so new --exec-env variables are appended
// in a random order; here they keep the command line's order.
bool parsePairs(const std::vector<std::string>& items, const std::string& flag,
                std::vector<std::pair<std::string, std::string>>& set, std::vector<std::string>& remove,
                std::string& error) {
    std::string invalid;
    for (const std::string& item : items) {
        const size_t eq = item.find('=');
        if (eq != std::string::npos && eq != 0) {
            const std::string key = item.substr(0, eq);
            auto same = std::find_if(set.begin(), set.end(), [&](const auto& p) { return p.first == key; });
            if (same != set.end())
                same->second = item.substr(eq + 1);
            else
                set.emplace_back(key, item.substr(eq + 1));
        } else if (item.size() > 1 && item.back() == '-') {
            remove.push_back(item.substr(0, item.size() - 1));
        } else {
            invalid += (invalid.empty() ? "" : ", ") + item;
        }
    }
    if (invalid.empty())
        return true;
    error = "invalid " + flag + " format: " + invalid;
    return false;
}

}  // namespace

CommandResult configSetCredentials(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config set-credentials");
    flags.string("auth-provider")
        .stringSlice("auth-provider-arg")
        .string("client-certificate")
        .string("client-key")
        .boolean("embed-certs")
        .string("exec-api-version")
        .stringSlice("exec-arg")
        .string("exec-command")
        .stringArray("exec-env")
        .string("exec-interactive-mode")
        .boolean("exec-provide-cluster-info")
        .string("password")
        .string("token")
        .string("username");
    flags.usage("auth-provider", "The name of an auth provider plugin (older mechanism than --exec-command).")
        .usage("auth-provider-arg", "Settings of the auth provider as key=value; key- removes one.")
        .usage("client-certificate", "The file of the client certificate the user signs in with.")
        .usage("client-key", "The file of the private key of that certificate.")
        .usage("embed-certs", "Copy the certificate and key files' content into the kubeconfig instead of naming the files.")
        .usage("exec-api-version", "The client.authentication.k8s.io version the credential program speaks.")
        .usage("exec-arg", "The arguments of the credential program (replace the earlier ones).")
        .usage("exec-command", "A program that prints the user's credentials.")
        .usage("exec-env", "Environment variables of the credential program as key=value; key- removes one.")
        .usage("exec-interactive-mode", "Whether the credential program may ask questions: IfAvailable, Never or Always.")
        .usage("exec-provide-cluster-info", "Pass the cluster's details to the credential program.")
        .usage("password", "The password, with --username.")
        .usage("token", "A bearer token the user signs in with.")
        .usage("username", "The user name, with --password.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 1)
        return helpError(flags, "unexpected args: " + bracketList(flags.args()));
    std::vector<std::pair<std::string, std::string>> providerArgs, execEnv;
    std::vector<std::string> providerArgsToRemove, execEnvToRemove;
    std::string error;
    if (!parsePairs(flags.list("auth-provider-arg"), "auth-provider-arg", providerArgs, providerArgsToRemove, error) ||
        !parsePairs(flags.list("exec-env"), "exec-env", execEnv, execEnvToRemove, error))
        return helpError(flags, error);

    const std::string name = flags.args()[0];
    if (name.empty())
        return errorResult("you must specify a non-empty user name");
    std::vector<std::string> methods;
    if (!flags.str("token").empty())
        methods.push_back("--token");
    if (!flags.str("username").empty() || !flags.str("password").empty())
        methods.push_back("--username/--password");
    if (methods.size() > 1)
        return errorResult("you cannot specify more than one authentication method at the same time: " + methods[0] +
                           ", " + methods[1]);
    const std::string cert = flags.str("client-certificate");
    const std::string key = flags.str("client-key");
    std::optional<std::string> certData, keyData;
    if (flags.on("embed-certs")) {
        if (cert.empty() && key.empty())
            return errorResult("you must specify a --client-certificate or --client-key to embed");
        if (!cert.empty() && !(certData = readLearnerFile(ctx, cert)))
            return errorResult(statError("client-certificate", cert));
        if (!key.empty() && !(keyData = readLearnerFile(ctx, key)))
            return errorResult(statError("client-key", key));
    }
    if (flags.changed("exec-interactive-mode")) {
        const std::string mode = flags.str("exec-interactive-mode");
        if (mode != "IfAvailable" && mode != "Always" && mode != "Never")
            return errorResult("invalid interactive mode type, can be only IfAvailable, Never, Always");
    }

    Json config = readConfig(ctx);
    Json& user = entryBody(config, "users", "user", name);
    // A file path, or with --embed-certs the file's content.
    auto setFile = [&](const char* field, const std::string& dataField, const std::string& path,
                       const std::optional<std::string>& data) {
        if (flags.on("embed-certs")) {
            setOrErase(user, dataField.c_str(), data ? base64Encode(*data) : "");
            user.erase(field);
            return;
        }
        user[field] = absolutePath(ctx, path);
        user.erase(dataField);
    };
    if (flags.changed("client-certificate"))
        setFile("client-certificate", "client-certificate-data", cert, certData);
    if (flags.changed("client-key"))
        setFile("client-key", "client-key-data", key, keyData);
    bool setToken = false;
    bool setBasic = false;
    if (flags.changed("token")) {
        setOrErase(user, "token", flags.str("token"));
        setToken = !flags.str("token").empty();
    }
    for (const char* field : {"username", "password"})
        if (flags.changed(field)) {
            setOrErase(user, field, flags.str(field));
            setBasic = setBasic || !flags.str(field).empty();
        }
    if (flags.changed("auth-provider")) {
        const std::string provider = flags.str("auth-provider");
        if (!user.contains("auth-provider") || stringAt(user, "auth-provider.name") != provider)
            user["auth-provider"] = Json{{"name", provider}};
    }
    if (user.contains("auth-provider")) {
        Json& settings = user["auth-provider"]["config"];
        if (!settings.is_object())
            settings = Json::object();
        for (const std::string& k : providerArgsToRemove)
            settings.erase(k);
        for (const auto& [k, v] : providerArgs)
            settings[k] = v;
        if (settings.empty())
            user["auth-provider"].erase("config");
    }
    if (flags.changed("exec-command")) {
        if (!user.contains("exec"))
            user["exec"] = Json{{"args", nullptr}, {"env", nullptr}, {"provideClusterInfo", false}};
        user["exec"]["command"] = flags.str("exec-command");
        user["exec"]["args"] = nullptr;  // a new program starts without the old arguments
    }
    // The other --exec-* flags change a plugin that exists and are ignored otherwise.
    if (user.contains("exec")) {
        Json& exec = user["exec"];
        if (flags.changed("exec-api-version"))
            setOrErase(exec, "apiVersion", flags.str("exec-api-version"));
        if (!flags.list("exec-arg").empty())
            exec["args"] = flags.list("exec-arg");
        if (flags.changed("exec-interactive-mode"))
            exec["interactiveMode"] = flags.str("exec-interactive-mode");
        if (flags.changed("exec-provide-cluster-info"))
            exec["provideClusterInfo"] = flags.on("exec-provide-cluster-info");
        if (!execEnvToRemove.empty()) {
            Json kept = Json::array();
            if (exec["env"].is_array())
                for (const Json& e : exec["env"])
                    if (std::find(execEnvToRemove.begin(), execEnvToRemove.end(), e.value("name", "")) ==
                        execEnvToRemove.end())
                        kept.push_back(e);
            exec["env"] = kept;
        }
        if (!execEnv.empty()) {
            Json env = exec["env"].is_array() ? exec["env"] : Json::array();
            for (const auto& [k, v] : execEnv) {
                const std::string& name = k;  // clang 14 (emscripten) cannot capture a structured binding
                auto same = std::find_if(env.begin(), env.end(), [&](const Json& e) { return e.value("name", "") == name; });
                if (same != env.end())
                    (*same)["value"] = v;
                else
                    env.push_back(Json{{"name", k}, {"value", v}});
            }
            exec["env"] = env;
        }
    }
    // One way of signing in replaces the other.
    if (setToken || setBasic) {
        if (!setToken)
            user.erase("token");
        if (!setBasic) {
            user.erase("username");
            user.erase("password");
        }
    }
    return writeConfig(ctx, config, "User " + codec::quoteGo(name) + " set.\n");
}

namespace {

// [SECTION] set / unset: property paths
//
// The in-memory Config of client-go, described as data: the fields a path may name, by their
// JSON names. The kubeconfig file (and this simulation's Json) holds the v1 form of it: maps
// become lists of {name, cluster|user|context}, and the impersonation fields are written "as",
// "as-uid", ... instead of "act-as", "act-as-uid", ...

enum class Kind {
    String,
    Bool,
    Bytes,           // []byte: base64 in the file
    StringSlice,     // []string: set refuses it
    Pointer,         // auth-provider, exec: a path cannot go inside
    Struct,          // preferences
    EntryMap,        // clusters, users, contexts
    ObjectMap,       // extensions (map[string]runtime.Object)
    StringSliceMap,  // act-as-user-extra (map[string][]string)
};

struct TypeDef;

struct FieldDef {
    const char* tag;       // the JSON name a path uses
    Kind kind;
    const TypeDef* elem;   // Struct: its type; EntryMap: the entries' type
    const char* fileKey;   // the v1 name in the file ("" = not written)
    bool keep;             // not omitempty: written even when empty
};

struct TypeDef {
    const char* goName;    // as Go prints the type: "api.Cluster"
    const char* body;      // entries: the key of the body in the file ("cluster")
    std::vector<FieldDef> fields;
};

extern const TypeDef kCluster, kAuthInfo, kContext, kPreferences;

// SIMPLIFICATION: LocationOfOrigin ("-") is accepted as a field but changes nothing (kubectl
// would then write the entry to that file).
const TypeDef kCluster = {"api.Cluster", "cluster",
                          {{"-", Kind::String, nullptr, "", false},
                           {"server", Kind::String, nullptr, "server", true},
                           {"tls-server-name", Kind::String, nullptr, "tls-server-name", false},
                           {"insecure-skip-tls-verify", Kind::Bool, nullptr, "insecure-skip-tls-verify", false},
                           {"certificate-authority", Kind::String, nullptr, "certificate-authority", false},
                           {"certificate-authority-data", Kind::Bytes, nullptr, "certificate-authority-data", false},
                           {"proxy-url", Kind::String, nullptr, "proxy-url", false},
                           {"disable-compression", Kind::Bool, nullptr, "disable-compression", false},
                           {"extensions", Kind::ObjectMap, nullptr, "extensions", false}}};
const TypeDef kAuthInfo = {"api.AuthInfo", "user",
                           {{"-", Kind::String, nullptr, "", false},
                            {"client-certificate", Kind::String, nullptr, "client-certificate", false},
                            {"client-certificate-data", Kind::Bytes, nullptr, "client-certificate-data", false},
                            {"client-key", Kind::String, nullptr, "client-key", false},
                            {"client-key-data", Kind::Bytes, nullptr, "client-key-data", false},
                            {"token", Kind::String, nullptr, "token", false},
                            {"tokenFile", Kind::String, nullptr, "tokenFile", false},
                            {"act-as", Kind::String, nullptr, "as", false},
                            {"act-as-uid", Kind::String, nullptr, "as-uid", false},
                            {"act-as-groups", Kind::StringSlice, nullptr, "as-groups", false},
                            {"act-as-user-extra", Kind::StringSliceMap, nullptr, "as-user-extra", false},
                            {"username", Kind::String, nullptr, "username", false},
                            {"password", Kind::String, nullptr, "password", false},
                            {"auth-provider", Kind::Pointer, nullptr, "auth-provider", false},
                            {"exec", Kind::Pointer, nullptr, "exec", false},
                            {"extensions", Kind::ObjectMap, nullptr, "extensions", false}}};
const TypeDef kContext = {"api.Context", "context",
                          {{"-", Kind::String, nullptr, "", false},
                           {"cluster", Kind::String, nullptr, "cluster", true},
                           {"user", Kind::String, nullptr, "user", true},
                           {"namespace", Kind::String, nullptr, "namespace", false},
                           {"extensions", Kind::ObjectMap, nullptr, "extensions", false}}};
const TypeDef kPreferences = {"api.Preferences", "",
                              {{"colors", Kind::Bool, nullptr, "colors", false},
                               {"extensions", Kind::ObjectMap, nullptr, "extensions", false}}};
const TypeDef kConfig = {"api.Config", "",
                         {{"kind", Kind::String, nullptr, "", false},
                          {"apiVersion", Kind::String, nullptr, "", false},
                          {"preferences", Kind::Struct, &kPreferences, "preferences", true},
                          {"clusters", Kind::EntryMap, &kCluster, "clusters", true},
                          {"users", Kind::EntryMap, &kAuthInfo, "users", true},
                          {"contexts", Kind::EntryMap, &kContext, "contexts", true},
                          {"current-context", Kind::String, nullptr, "current-context", true},
                          {"extensions", Kind::ObjectMap, nullptr, "extensions", false}}};

const FieldDef* fieldOf(const TypeDef& t, const std::string& tag) {
    for (const FieldDef& f : t.fields)
        if (tag == f.tag)
            return &f;
    return nullptr;
}

bool isMap(Kind k) { return k == Kind::EntryMap || k == Kind::ObjectMap || k == Kind::StringSliceMap; }

// One step of a path: a field (field != nullptr) or the name of a map entry.
struct Step {
    std::string value;
    const FieldDef* field = nullptr;
};

// A Go panic: kubectl dies with the message and a stack trace, exit code 2.
// SIMPLIFICATION: the stack trace is left out.
struct Failure {
    std::string message;
    bool panic = false;
};

// Go's %v of the steps parsed so far, as the parser's error prints them: [{preferences 0x203acc0}].
// SIMPLIFICATION: the address of the step's reflect type is a fixed number.
std::string stepsText(const std::vector<Step>& steps) {
    std::string out;
    for (const Step& s : steps)
        out += (out.empty() ? "{" : " {") + s.value + " 0x203acc0}";
    return "[" + out + "]";
}

// newNavigationSteps: splits PROPERTY_NAME into steps. After a map, the entry name takes every
// part up to the next one that names a field of the entries' type.
bool parseSteps(const std::string& path, std::vector<Step>& steps, Failure& failure) {
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        const size_t dot = path.find('.', start);
        parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    const TypeDef* inStruct = &kConfig;
    const FieldDef* inMap = nullptr;
    for (size_t i = 0; i < parts.size();) {
        if (inMap) {
            if (inMap->kind == Kind::ObjectMap) {
                failure = {"reflect: Elem of invalid type runtime.Object", true};
                return false;
            }
            if (inMap->kind == Kind::StringSliceMap) {
                failure = {"string is not of type struct", false};
                return false;
            }
            const TypeDef& elem = *inMap->elem;
            size_t end = i + 1;
            while (end < parts.size() && !fieldOf(elem, parts[end]))
                ++end;
            std::string name;
            for (size_t j = i; j < end; ++j)
                name += (j > i ? "." : "") + parts[j];
            steps.push_back({name, nullptr});
            i = end;
            inStruct = &elem;
            inMap = nullptr;
            continue;
        }
        if (!inStruct) {
            failure = {"unable to parse one or more field values of " + path, false};
            return false;
        }
        const FieldDef* f = fieldOf(*inStruct, parts[i]);
        if (!f) {
            failure = {"unable to parse " + path + " after " + stepsText(steps) + " at " + inStruct->goName, false};
            return false;
        }
        steps.push_back({parts[i], f});
        ++i;
        inMap = isMap(f->kind) ? f : nullptr;
        inStruct = f->kind == Kind::Struct ? f->elem : nullptr;
    }
    return true;
}

// Go's %v of a map of pointers: map[a:0xc0002d7400 b:0xc0002d7480], keys sorted.
// SIMPLIFICATION: the addresses are made up (kubectl prints where the entries live in memory).
std::string mapText(const Json& list) {
    std::string out;
    if (list.is_array())
        for (size_t i = 0; i < list.size(); ++i) {
            char address[32];
            std::snprintf(address, sizeof address, "0xc0002d%04zx", 0x7400 + 0x80 * i);
            out += (i ? " " : "") + list[i].value("name", "") + ":" + address;
        }
    return "map[" + out + "]";
}

// The value of one set/unset, walking the steps as kubectl's modifyConfig does.
struct Edit {
    std::vector<Step> steps;
    std::string value;
    bool unset = false;
    bool rawBytes = false;
};

// A zero value where the field is not omitempty.
void clearField(Json& obj, const FieldDef& f) {
    const std::string key = f.fileKey;
    if (key.empty())
        return;
    if (!f.keep) {
        obj.erase(key);
        return;
    }
    if (f.kind == Kind::String)
        obj[key] = "";
    else if (f.kind == Kind::Struct)
        obj[key] = Json::object();
    else
        obj[key] = nullptr;
}

// Fields that are not omitempty appear in every entry the command writes.
void addKeptFields(Json& body, const TypeDef& t) {
    for (const FieldDef& f : t.fields)
        if (f.keep && f.kind == Kind::String && !body.contains(f.fileKey))
            body[f.fileKey] = "";
}

bool editStruct(Json& obj, const TypeDef& t, const Edit& edit, size_t at, Failure& failure);

bool editEntries(Json& config, const FieldDef& f, const Edit& edit, size_t at, Failure& failure) {
    Json& list = config[f.fileKey];
    if (at == edit.steps.size() || (at + 1 == edit.steps.size() && !edit.unset)) {
        failure = {"can't set a map to a value: " + mapText(list), false};
        return false;
    }
    const std::string& name = edit.steps[at].value;
    if (at + 1 == edit.steps.size()) {  // unset NAME: the whole entry
        if (list.is_array())
            list.erase(std::remove_if(list.begin(), list.end(), [&](const Json& e) { return e.value("name", "") == name; }),
                       list.end());
        return true;
    }
    if (!findNamedEntry(config, f.fileKey, name) && edit.unset) {
        failure = {"current map key `" + name + "` is invalid", false};
        return false;
    }
    Json& body = entryBody(config, f.fileKey, f.elem->body, name);
    if (!editStruct(body, *f.elem, edit, at + 1, failure))
        return false;
    addKeptFields(body, *f.elem);
    return true;
}

bool setBool(Json& obj, const FieldDef& f, const std::string& text, Failure& failure) {
    static const char* const kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char* const kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
    bool value = false;
    if (std::find(std::begin(kTrue), std::end(kTrue), text) != std::end(kTrue)) {
        value = true;
    } else if (std::find(std::begin(kFalse), std::end(kFalse), text) == std::end(kFalse)) {
        failure = {"strconv.ParseBool: parsing " + codec::quoteGo(text) + ": invalid syntax", false};
        return false;
    }
    if (value)
        obj[f.fileKey] = true;
    else
        obj.erase(f.fileKey);
    return true;
}

bool editStruct(Json& obj, const TypeDef& t, const Edit& edit, size_t at, Failure& failure) {
    if (at == edit.steps.size()) {
        // `set preferences X`: a struct cannot take a value.
        failure = {"unable to locate path config.navigationStep{stepValue:\"\", stepType:reflect.Type(nil)} under {" +
                       std::string(obj.value("colors", false) ? "true" : "false") + " map[]}",
                   false};
        (void)t;
        return false;
    }
    const FieldDef& f = *edit.steps[at].field;
    if (at + 1 == edit.steps.size() && edit.unset) {
        clearField(obj, f);
        return true;
    }
    if (f.kind == Kind::EntryMap)
        return editEntries(obj, f, edit, at + 1, failure);
    const std::string key = f.fileKey;
    switch (f.kind) {
    case Kind::String:
        if (!key.empty())
            obj[key] = edit.value;
        return true;
    case Kind::Bool:
        return setBool(obj, f, edit.value, failure);
    case Kind::Bytes:
        if (edit.rawBytes) {
            obj[key] = base64Encode(edit.value);
            return true;
        }
        if (std::string bad = schema::base64Error(edit.value); !bad.empty()) {
            failure = {"error decoding input value: " + bad, false};
            return false;
        }
        obj[key] = base64Encode(base64DecodeLenient(edit.value));
        return true;
    case Kind::StringSlice:
        failure = {"unrecognized slice type. string", false};
        return false;
    case Kind::Pointer:
        // SIMPLIFICATION: Go prints the value the pointer holds; here always as when unset.
        failure = {"unrecognized type: <nil>", true};
        return false;
    case Kind::Struct: {
        Json& inner = obj[key];
        if (!inner.is_object())
            inner = Json::object();
        return editStruct(inner, *f.elem, edit, at + 1, failure);
    }
    case Kind::ObjectMap:
    case Kind::StringSliceMap:
        // SIMPLIFICATION: the map is printed empty (kubectl prints the extension objects).
        failure = {"can't set a map to a value: map[]", false};
        return false;
    case Kind::EntryMap:
        break;
    }
    return true;
}

CommandResult failureResult(const Failure& failure) {
    if (failure.panic)
        return CommandResult::failure("panic: " + failure.message + "\n\ngoroutine 1 [running]:\n", 2);
    return errorResult(failure.message);
}

CommandResult setOrUnset(KubectlContext& ctx, const std::string& path, Edit edit) {
    Failure failure;
    Json config = readConfig(ctx);
    if (!parseSteps(path, edit.steps, failure))
        return failureResult(failure);
    if (!editStruct(config, kConfig, edit, 0, failure))
        return failureResult(failure);
    return writeConfig(ctx, config,
                       "Property " + codec::quoteGo(path) + (edit.unset ? " unset.\n" : " set.\n"));
}

}  // namespace

CommandResult configSet(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config set");
    flags.boolean("set-raw-bytes");
    flags.usage("set-raw-bytes", "Store the value of a data field as it is instead of reading it as base64.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 2)
        return helpError(flags, "Unexpected args: " + bracketList(flags.args()));
    const std::string& path = flags.args()[0];
    const std::string& value = flags.args()[1];
    if (value.empty())
        return errorResult("you cannot use set to unset a property");
    if (path.empty())
        return errorResult("you must specify a property");
    return setOrUnset(ctx, path, Edit{{}, value, false, flags.on("set-raw-bytes")});
}

CommandResult configUnset(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config unset");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 1)
        return helpError(flags, "Unexpected args: " + bracketList(flags.args()));
    const std::string& path = flags.args()[0];
    if (path.empty())
        return errorResult("you must specify a property");
    return setOrUnset(ctx, path, Edit{{}, "", true, false});
}

}  // namespace kp::cli
