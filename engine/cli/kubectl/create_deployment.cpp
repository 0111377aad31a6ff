// kubectl create deployment NAME --image=IMAGE [--image=...] [-r N] [--port=P] [-- COMMAND args...]
// The generated Deployment: labels and selector app=NAME, one container per image named after
// the image (repository basename without tag or digest; names with '.' or '_' get those turned
// into '-' and a random 5-character suffix), the command on every container, the port on the
// first one.
// Upstream: kubectl pkg/cmd/create/create_deployment.go (createDeployment, buildPodSpec,
// sanitizeAndUniquify).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/create_generated.h"

namespace kp::cli {
namespace {

// The container name kubectl derives from an image reference.
std::string containerNameForImage(const std::string& image, Rng& rng) {
    std::string name = image.substr(image.find_last_of('/') == std::string::npos ? 0 : image.find_last_of('/') + 1);
    name = name.substr(0, name.find(':'));
    name = name.substr(0, name.find('@'));
    if (name.find_first_of("_.") == std::string::npos)
        return name;
    for (char& c : name)
        if (c == '_' || c == '.')
            c = '-';
    return name + "-" + rng.nameSuffix(5);
}

}  // namespace

CommandResult createDeployment(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create deployment");
    addGeneratorFlags(flags);
    flags.stringSlice("image").required("image");
    flags.integer("port", "", -1);
    flags.integer("replicas", "r", 1);
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const std::vector<std::string> images = flags.list("image");
    const std::vector<std::string> command(flags.args().begin() + 1, flags.args().end());
    if (images.size() > 1 && !command.empty())
        return errorResult("cannot specify multiple --image options and command");

    const Json labels = {{"app", run.name}};
    Json containers = Json::array();
    for (const std::string& image : images) {
        Json c = {{"name", containerNameForImage(image, ctx.cluster.rng())}, {"image", image}, {"resources", Json::object()}};
        if (!command.empty())
            c["command"] = command;
        containers.push_back(std::move(c));
    }
    if (flags.num("port") >= 0 && !containers.empty())
        containers[0]["ports"] = Json::array({{{"containerPort", flags.num("port")}}});

    Json deploy = {
        {"apiVersion", "apps/v1"},
        {"kind", "Deployment"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}, {"labels", labels}}},
        {"spec",
         {{"replicas", flags.num("replicas")},
          {"selector", {{"matchLabels", labels}}},
          {"template",
           {{"metadata", {{"creationTimestamp", nullptr}, {"labels", labels}}}, {"spec", {{"containers", containers}}}}},
          {"strategy", Json::object()}}},
        {"status", Json::object()},
    };
    if (run.enforceNamespace)
        deploy["metadata"]["namespace"] = run.ns;
    return createGenerated(ctx, flags, run, std::move(deploy), "failed to create deployment: ");
}

}  // namespace kp::cli
