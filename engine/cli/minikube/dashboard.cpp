// `minikube dashboard [--url]`: enables the dashboard addon if needed, starts `kubectl proxy`
// on a random local port and prints (or opens) the dashboard's URL through the proxy
// (cmd/minikube/cmd/dashboard.go). Status lines go to stderr so that the URL alone is on stdout.
#include "cli/minikube/addons.h"
#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"

namespace kp::cli::minikube {

int runDashboard(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"url", 0, FlagType::Bool, "false"}, {"port", 0, FlagType::Int, "0"}}, code))
        return code;
    Output& out = inv.out;
    const std::string profile = inv.profile();
    if (int c = mustLoadHealthy(inv, profile))
        return c;
    const int requestedPort = std::stoi(inv.flags.get("port"));
    if (requestedPort < 0 || requestedPort > 65535)
        return out.exitMessage(reason::kind("HOST_KUBECTL_PROXY", 30), "Invalid port");

    const Addon& dashboard = *findAddon("dashboard");
    if (!isAddonEnabled(inv.state(), dashboard)) {
        out.errStep(Style::Enabling, "Enabling dashboard ...");
        for (const std::string& line : addonImageLines(dashboard, inv.cluster().minikubeConfig().imageRepository))
            out.info(line);
        addonPostStartMessages(out, "dashboard", profile);
        inv.state().addons["dashboard"] = true;
        if (inv.ctx.onAddonChanged)
            inv.ctx.onAddonChanged("dashboard", true);
    }
    out.errStep(Style::Verifying, "Verifying dashboard health ...");
    out.errStep(Style::Launch, "Launching proxy ...");
    // `kubectl proxy --port 0` listens on a free port the kernel picks (32768-60999 on Linux).
    const int port = requestedPort ? requestedPort : static_cast<int>(32768 + inv.cluster().rng().uniform(28232));
    out.errStep(Style::Verifying, "Verifying proxy health ...");
    inv.cluster().advance(timing::kDashboard);
    const std::string url = "http://127.0.0.1:" + std::to_string(port) +
                            "/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/";
    // As root (the playground's user) minikube prints the URL even without --url.
    if (inv.flags.getBool("url") || inv.ctx.host.user == "root") {
        out.ln(url);
    } else {
        out.step(Style::Celebrate, "Opening " + url + " in your default browser...");
    }
    // The page shows its dashboard view whichever way minikube reports the URL: the learner has
    // no other browser to paste it into.
    if (inv.ctx.openBrowser && !inv.flags.getBool("url"))
        inv.ctx.openBrowser(url);
    // minikube now waits on its kubectl proxy until Ctrl+C.
    inv.ctx.foreground = std::make_shared<UntilInterrupted>();
    return 0;
}

}  // namespace kp::cli::minikube
