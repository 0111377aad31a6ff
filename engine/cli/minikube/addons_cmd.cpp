// `minikube addons list|enable|disable` (cmd/minikube/cmd/config/addons_list.go, enable.go,
// disable.go; pkg/addons/addons.go#EnableOrDisableAddon).
//
// The enabled state lives in MinikubeState::addons. Enabling on a running machine prints the
// images the addon uses and reports through MinikubeContext::onAddonChanged so that its objects
// can be created; on a stopped machine minikube only records the choice for the next start.
#include "cli/minikube/addons.h"
#include "cli/minikube/commands.h"
#include "cli/minikube/table_writer.h"
#include "cli/minikube/timings.h"

namespace kp::cli::minikube {
namespace {

int addonsList(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"output", 'o', FlagType::String, "list"}, {"docs", 'd', FlagType::Bool, "false"}}, code))
        return code;
    Output& out = inv.out;
    if (!inv.flags.positional.empty())
        return out.exitMessage(reason::usage(), "usage: minikube addons list");
    const std::string profile = inv.profile();
    const bool exists = profileExists(inv.ctx, profile);
    const bool docs = inv.flags.getBool("docs");
    std::string output = inv.flags.get("output");
    for (char& c : output)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

    if (output == "json") {
        // encoding/json of a map: keys sorted, and so are the inner maps' keys.
        Json j = Json::object();
        for (const Addon& a : addonRegistry()) {
            Json entry = Json::object();
            if (exists) {
                entry["Profile"] = profile;
                entry["Status"] = isAddonEnabled(inv.state(), a) ? "enabled" : "disabled";
                if (docs) {
                    entry["Maintainer"] = a.maintainer;
                    entry["Docs"] = a.docs;
                }
            }
            j[a.name] = entry;
        }
        out.ln(j.dump());
        return 0;
    }
    if (output != "list")
        return out.exitMessage(reason::usage(), "invalid output format: " + output + ". Valid values: 'list', 'json'");

    std::vector<std::string> header = exists ? std::vector<std::string>{"Addon Name", "Profile", "Status", "Maintainer"}
                                             : std::vector<std::string>{"Addon Name", "Maintainer"};
    if (docs)
        header.push_back("Docs");
    std::vector<std::vector<std::string>> rows;
    for (const Addon& a : addonRegistry()) {
        const std::string maintainer = a.maintainer.empty() ? "3rd party (unknown)" : a.maintainer;
        std::vector<std::string> row = {a.name};
        if (exists) {
            // The icon column is padded with spaces when disabled, as minikube does.
            const bool on = isAddonEnabled(inv.state(), a);
            row.push_back(profile);
            row.push_back(on ? "enabled ✅" : "disabled    ");
        }
        row.push_back(maintainer);
        if (docs)
            row.push_back(a.docs.empty() ? "n/a" : a.docs);
        rows.push_back(row);
    }
    out.stdoutText(renderTable(header, rows));
    return 0;
}

// Upstream: pkg/addons/addons.go#VerifyNotPaused.
int verifyNotPaused(Invocation& inv, bool enable) {
    if (inv.cluster().machineState() != MachineState::Paused)
        return 0;
    const std::string msg = std::string("Can't ") + (enable ? "enable" : "disable") +
                            " addon on a paused cluster, please unpause the cluster first.";
    inv.out.step(Style::Shrug, msg);
    return inv.out.exitError(reason::kind(enable ? "MK_ADDON_ENABLE_PAUSED" : "MK_ADDON_DISABLE_PAUSED", 11),
                             enable ? "enabled failed" : "disable failed", msg);
}

// "Verifying ingress addon...": every pod labelled app.kubernetes.io/name=ingress-nginx in
// ingress-nginx must be Running or Succeeded; polled every 500 ms for up to 6 minutes.
// SIMPLIFICATION: the other verified addons (registry, gvisor, gcp-auth, csi-hostpath-driver)
// have no objects here; they wait a fixed time.
// Upstream: pkg/addons/addons.go#verifyAddonStatusInternal, pkg/kapi/kapi.go#WaitForPods.
bool waitForAddonPods(Invocation& inv, const std::string& name) {
    // Without the addon's objects (a caller that does not create them) there is nothing to
    // watch: a fixed wait.
    if (name != "ingress" || !inv.cluster().store().get("namespaces", "", "ingress-nginx")) {
        inv.cluster().advance(timing::kAddonVerify);
        return true;
    }
    auto settled = [&] {
        int found = 0;
        for (const ObjectPtr& pod : inv.cluster().store().list("pods", "ingress-nginx")) {
            const Json* labels = findPath(*pod, "metadata.labels");
            if (!labels || !labels->is_object() || labels->value("app.kubernetes.io/name", std::string("")) != "ingress-nginx")
                continue;
            ++found;
            const std::string phase = stringAt(*pod, "status.phase");
            if (phase != "Running" && phase != "Succeeded")
                return false;
        }
        return found > 0;
    };
    for (Duration waited; waited < Duration::minutes(6); waited = waited + Duration::millis(500)) {
        if (settled())
            return true;
        inv.cluster().advance(Duration::millis(500));
    }
    return settled();
}

int addonsEnable(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"images", 0, FlagType::String, ""},
                    {"registries", 0, FlagType::String, ""},
                    {"force", 0, FlagType::Bool, "false"},
                    {"refresh", 0, FlagType::Bool, "false"}},
                   code))
        return code;
    Output& out = inv.out;
    if (inv.flags.positional.size() != 1)
        return out.exitMessage(reason::usage(), "usage: minikube addons enable ADDON_NAME");
    const std::string profile = inv.profile();
    if (int c = mustLoadPartial(inv, profile))
        return c;
    if (int c = verifyNotPaused(inv, true))
        return c;

    std::string name = inv.flags.positional[0];
    std::string replacement, message;
    if (addonDeprecation(name, replacement, message)) {
        if (replacement.empty())
            return out.exitMessage(reason::kind("MK_ADDON_ENABLE", 10), message);
        out.step(Style::Waiting, message);
        name = replacement;
    }
    const Addon* addon = findAddon(name);
    if (!addon)
        return out.exitError(reason::kind("MK_ADDON_ENABLE", 10), "enable failed",
                             "run callbacks: " + name + " is not a valid addon");
    if (isOfficialMaintainer(addon->maintainer)) {
        out.step(Style::Tip, name + " is an addon maintained by " + addon->maintainer +
                                 ". For any concerns contact minikube on GitHub.\nYou can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS");
    } else {
        out.step(Style::Warning, name + " is a 3rd party addon and is not maintained or verified by minikube maintainers, enable at your own risk.");
        if (!addon->verifiedMaintainer.empty())
            out.step(Style::Tip, name + " is maintained by " + addon->maintainer + " for any concerns contact " +
                                     addon->verifiedMaintainer + " on GitHub.");
        else
            out.step(Style::Warning, name + " does not currently have an associated maintainer.");
    }
    // Upstream: pkg/addons/addons.go#preStartMessages.
    if (name == "ambassador")
        out.step(Style::Warning, "The ambassador addon has stopped working as of v1.23.0, for more details visit: https://github.com/datawire/ambassador-operator/issues/73");
    if (name == "olm")
        out.step(Style::Warning, "The OLM addon has stopped working, for more details visit: https://github.com/operator-framework/operator-lifecycle-manager/issues/2534");

    const bool running = inv.cluster().machineState() == MachineState::Running;
    const bool wasOn = isAddonEnabled(inv.state(), *addon);
    inv.state().addons[name] = true;
    if (running) {
        for (const std::string& line : addonImageLines(*addon, inv.cluster().minikubeConfig().imageRepository))
            out.info(line);
        // minikube applies the addon's manifests, then verifies its pods.
        inv.cluster().advance(timing::kAddonEnable);
        if (inv.ctx.onAddonChanged && !wasOn)
            inv.ctx.onAddonChanged(name, true);
        if (addonIsVerified(name)) {
            out.step(Style::HealthCheck, "Verifying " + name + " addon...");
            if (!waitForAddonPods(inv, name)) {
                inv.state().addons[name] = wasOn;
                return out.exitError(reason::kind("MK_ADDON_ENABLE", 10), "enable failed",
                                     "run callbacks: running callbacks: [waiting for app.kubernetes.io/name=ingress-nginx "
                                     "pods: context deadline exceeded]");
            }
        }
    }
    addonPostStartMessages(out, name, profile);
    out.step(Style::AddonEnable, "The '" + name + "' addon is enabled");
    return 0;
}

int addonsDisable(Invocation& inv) {
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    Output& out = inv.out;
    if (inv.flags.positional.size() != 1)
        return out.exitMessage(reason::usage(), "usage: minikube addons disable ADDON_NAME");
    const std::string profile = inv.profile();
    if (int c = mustLoadPartial(inv, profile))
        return c;
    if (int c = verifyNotPaused(inv, false))
        return c;
    const std::string name = inv.flags.positional[0];
    if (name == "heapster")
        return out.exitMessage(reason::kind("SVC_ADDON_UNSUPPORTED", 116),
                               "The heapster addon is depreciated. please try to disable metrics-server instead");
    const Addon* addon = findAddon(name);
    if (!addon)
        return out.exitMessage(reason::kind("SVC_ADDON_UNSUPPORTED", 116), "\"'" + name + "' is not a valid minikube addon");
    if (isAddonEnabled(inv.state(), *addon)) {
        inv.state().addons[name] = false;
        if (inv.cluster().machineState() == MachineState::Running) {
            inv.cluster().advance(timing::kAddonEnable);
            if (inv.ctx.onAddonChanged)
                inv.ctx.onAddonChanged(name, false);
        }
    }
    // The stray leading quote is minikube's.
    out.step(Style::AddonDisable, "\"The '" + name + "' addon is disabled");
    return 0;
}

}  // namespace

int runAddons(Invocation& inv) {
    const std::string sub = inv.takeSubcommand();
    if (sub == "list" || sub == "enable" || sub == "disable") {
        inv.commandPath += " " + sub;
        if (sub == "list")
            return addonsList(inv);
        if (sub == "enable")
            return addonsEnable(inv);
        return addonsDisable(inv);
    }
    if (sub == "images" || sub == "configure" || sub == "open") {
        // SIMPLIFICATION: these addon subcommands are not simulated.
        inv.out.stderrText("minikube addons " + sub + ": not available in kubeplay\n");
        return 1;
    }
    return verbHelp(inv, "addons");
}

}  // namespace kp::cli::minikube
