// minikube v1.35.0's command line: golden transcripts of each verb in each machine state
// (absent, running, stopped, paused), the seed's quick-start sequence, and the formatting
// pieces (tables, boxes, wrapping). `kp_tests --update-golden` rewrites tests/golden/minikube_*;
// review every regeneration against minikube's real output.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/args.h"
#include "cli/kubectl/kubectl.h"
#include "cli/memory_file_system.h"
#include "cli/minikube/box.h"
#include "cli/minikube/minikube.h"
#include "cli/minikube/output.h"
#include "cli/minikube/sha1.h"
#include "cli/minikube/table_writer.h"
#include "cluster/machine_nodes.h"
#include "test_support.h"

using namespace kp;

namespace {

// A laptop with minikube installed and no cluster yet (the page's starting point).
ClusterConfig absentCluster() {
    ClusterConfig c = ClusterConfig::fullCluster();
    c.startRunning = false;
    return c;
}

// The learner's terminal: minikube plus a kubectl that needs a reachable apiserver, and shell
// variables for docker-env. Builds everything in one place so the lead can switch it to the
// Shell's own wiring.
struct Terminal {
    explicit Terminal(Cluster& c) : cluster(c) {}

    cli::MinikubeContext context() {
        cli::MinikubeContext ctx{cluster, state};
        ctx.kubectl = [this](const std::vector<std::string>& args) { return kubectl(args); };
        ctx.getenv = [this](const std::string& name) {
            auto it = env.find(name);
            return it == env.end() ? std::string() : it->second;
        };
        ctx.onAddonChanged = [this](const std::string& addon, bool on) {
            addonEvents.push_back(addon + (on ? "=on" : "=off"));
        };
        ctx.onNodeAdded = [this](int index) {
            nodesAdded.push_back(index);
            addMachineNode(cluster, index);  // as the Shell does: the new machine's kubelet
        };
        ctx.stdoutIsTerminal = stdoutIsTerminal;
        return ctx;
    }

    cli::CommandResult kubectl(const std::vector<std::string>& args) {
        if (!cluster.apiserverReachable())
            return cli::CommandResult::failure("The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
        cli::KubectlContext k{cluster, fs, ""};
        return cli::runKubectl(k, args);
    }

    cli::CommandResult run(const std::string& line) {
        // "sleep N": time passes while a command that keeps running (tunnel) prints;
        // "^C": the learner interrupts it.
        if (line.rfind("sleep ", 0) == 0 || line == "^C") {
            if (line != "^C")
                cluster.advance(Duration::seconds(std::stoi(line.substr(6))));
            terminal = foreground ? foreground->takeOutput() : "";
            if (line == "^C" && foreground) {
                terminal += foreground->interrupt();
                foreground.reset();
            }
            return {};
        }
        std::vector<std::string> words = *cli::splitWords(line);
        std::vector<std::string> args(words.begin() + 1, words.end());
        if (words[0] == "kubectl") {
            cli::CommandResult r = kubectl(args);
            terminal = r.terminalText();
            return r;
        }
        cli::MinikubeContext ctx = context();
        cli::CommandResult r = cli::runMinikube(ctx, args);
        terminal = ctx.terminal;
        if (ctx.foreground)
            foreground = ctx.foreground;
        return r;
    }

    // "$ line", what the terminal showed, and the exit code when not 0.
    std::string transcript(const std::string& script) {
        std::istringstream in(script);
        std::string line, out;
        while (std::getline(in, line)) {
            out += "$ " + line + "\n";
            cli::CommandResult r = run(line);
            out += terminal;
            if (r.exitCode != 0)
                out += "[exit " + std::to_string(r.exitCode) + "]\n";
        }
        return out;
    }

    Cluster& cluster;
    cli::MinikubeState state;
    cli::MemoryFileSystem fs;
    std::map<std::string, std::string> env;
    bool stdoutIsTerminal = true;
    std::string terminal;
    std::vector<std::string> addonEvents;
    std::vector<int> nodesAdded;  // machine indexes (2 = m03)
    cli::ForegroundPtr foreground;  // what keeps the terminal (minikube tunnel)
};

// A Service and a Running pod behind it, written straight to the API (the workload
// controllers are not what these tests are about).
void exposeHello(Cluster& cluster, const std::string& type) {
    Client client = cluster.client("test");
    Json svc = {{"apiVersion", "v1"},
                {"kind", "Service"},
                {"metadata", {{"name", "hello-minikube"}, {"namespace", "default"}}},
                {"spec",
                 {{"type", type},
                  {"selector", {{"app", "hello-minikube"}}},
                  {"ports", Json::array({{{"port", 8080}, {"protocol", "TCP"}, {"targetPort", 8080}}})}}}};
    REQUIRE(client.create(svc).ok());
}

void runningPod(Cluster& cluster, const std::string& name, const std::string& app) {
    Client client = cluster.client("test");
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", app}}}}},
                {"spec", {{"nodeName", "minikube"}, {"containers", Json::array({{{"name", "c"}, {"image", "k8s.gcr.io/echoserver:1.10"}}})}}}};
    ApiResponse created = client.create(pod);
    REQUIRE(created.ok());
    Json withStatus = created.object;
    withStatus["status"] = {{"phase", "Running"}};
    REQUIRE(client.updateStatus(withStatus).ok());
}

bool golden(const std::string& name, const std::string& actual) {
    bool ok = test::matchesGolden(name, actual);
    if (!ok)
        UNSCOPED_INFO("golden " << name << " differs; actual:\n" << actual);
    return ok;
}

}  // namespace

TEST_CASE("minikube start, status, stop, restart, pause and delete read like minikube v1.35.0", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    const Time before = cluster.now();
    std::string out = t.transcript(R"(minikube start
minikube status
minikube start
minikube pause
minikube status
minikube start
minikube stop
minikube status
minikube ip
minikube start
minikube ip
minikube pause
minikube unpause
minikube status -o json
minikube delete
minikube status)");
    CHECK(golden("minikube_lifecycle.txt", out));
    CHECK(cluster.machineState() == MachineState::Absent);
    // Virtual time moved as real starts, stops and deletes would take.
    CHECK(cluster.now() - before >= Duration::seconds(60));
}

TEST_CASE("a fresh docker start moves virtual time and leaves a running machine", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    const Time before = cluster.now();
    cli::CommandResult r = t.run("minikube start");
    REQUIRE(r.exitCode == 0);
    CHECK(cluster.machineState() == MachineState::Running);
    CHECK(cluster.now() - before == Duration::seconds(40));
    CHECK(t.state.addons["storage-provisioner"]);
    CHECK(t.state.addons["default-storageclass"]);
    // Steps go to stdout, so `minikube start > log` captures them.
    CHECK(r.out.find("🏄  Done! kubectl is now configured to use \"minikube\" cluster and \"default\" namespace by default\n") !=
          std::string::npos);
}

TEST_CASE("the seed's quick-start: VirtualBox with the Aliyun mirror, docker-env, dashboard, service --url, stop, delete", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    std::string out = t.transcript(
        R"(minikube help
minikube start --vm-driver=virtualbox --image-repository=registry.cn-hangzhou.aliyuncs.com/google_containers
minikube docker-env
minikube dashboard)");
    REQUIRE(cluster.machineState() == MachineState::Running);
    CHECK(cluster.minikubeConfig().driver == "virtualbox");
    CHECK(cluster.minikubeConfig().imageRepository == "registry.cn-hangzhou.aliyuncs.com/google_containers");
    CHECK(t.addonEvents == std::vector<std::string>{"dashboard=on"});
    exposeHello(cluster, "NodePort");
    runningPod(cluster, "hello-minikube-5d8b8f8b7-abcde", "hello-minikube");
    out += t.transcript(R"(minikube service hello-minikube --url
minikube service hello-minikube
minikube start --vm-driver=virtualbox
minikube stop
minikube start
minikube delete
minikube docker-env)");
    CHECK(golden("minikube_seed.txt", out));
}

TEST_CASE("commands on a machine that does not exist say so with minikube's exit codes", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    std::string out = t.transcript(R"(minikube status
minikube stop
minikube ip
minikube pause
minikube dashboard
minikube service hello-minikube --url
minikube docker-env
minikube node list
minikube addons enable metrics-server
minikube addons list
minikube profile list
minikube kubectl -- get pods
minikube delete
minikube delete --all)");
    CHECK(golden("minikube_absent.txt", out));
}

TEST_CASE("minikube addons list, enable and disable", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start").exitCode == 0);
    std::string out = t.transcript(R"(minikube addons list
minikube addons enable metrics-server
minikube addons enable ingress
minikube addons enable dashboard
minikube addons enable kong
minikube addons enable heapster
minikube addons enable nope
minikube addons disable nope
minikube addons disable metrics-server
minikube addons disable metrics-server
minikube addons list -o json
minikube pause
minikube addons enable metrics-server
minikube unpause
minikube stop
minikube addons enable registry
minikube start)");
    CHECK(golden("minikube_addons.txt", out));
    CHECK(t.addonEvents ==
          std::vector<std::string>{"metrics-server=on", "ingress=on", "dashboard=on", "kong=on", "metrics-server=off"});
    CHECK(t.state.addons["registry"]);
}

TEST_CASE("the Aliyun mirror rewrites the images addons print", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start --image-mirror-country=cn").exitCode == 0);
    CHECK(t.terminal.find("✅  Using image repository registry.cn-hangzhou.aliyuncs.com/google_containers\n") != std::string::npos);
    CHECK(t.terminal.find("    ▪ Using image registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5\n") !=
          std::string::npos);
    REQUIRE(t.run("minikube addons enable ingress").exitCode == 0);
    CHECK(t.terminal.find("    ▪ Using image registry.cn-hangzhou.aliyuncs.com/google_containers/nginx-ingress-controller:v1.11.3\n") !=
          std::string::npos);
    REQUIRE(t.run("minikube addons enable dashboard").exitCode == 0);
    // Docker Hub images have no mirror entry and stay on docker.io.
    CHECK(t.terminal.find("    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0\n") != std::string::npos);
}

TEST_CASE("any other image repository prefixes addon images as a global repository", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start --image-repository=https://mirror.example.com/k8s/").exitCode == 0);
    CHECK(t.terminal.find("    ▪ The --image-repository flag your provided ended with a trailing / that could cause conflict in kubernetes, removed automatically\n") !=
          std::string::npos);
    CHECK(t.terminal.find("    ▪ The --image-repository flag you provided contains Scheme: https, which will be removed automatically\n") !=
          std::string::npos);
    CHECK(t.terminal.find("✅  Using image repository mirror.example.com/k8s\n") != std::string::npos);
    CHECK(t.terminal.find("    ▪ Using image mirror.example.com/k8s/k8s-minikube/storage-provisioner:v5 (global image repository)\n") !=
          std::string::npos);
}

TEST_CASE("minikube service prints NodePort URLs, tables and the ClusterIP tunnel", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start").exitCode == 0);
    exposeHello(cluster, "NodePort");
    std::string out = t.transcript("minikube service hello-minikube --url");
    runningPod(cluster, "hello-minikube-1", "hello-minikube");
    Client client = cluster.client("test");
    Json web = {{"apiVersion", "v1"},
                {"kind", "Service"},
                {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                {"spec", {{"selector", {{"app", "web"}}}, {"ports", Json::array({{{"port", 80}}})}}}};
    REQUIRE(client.create(web).ok());
    Json lb = {{"apiVersion", "v1"},
               {"kind", "Service"},
               {"metadata", {{"name", "shop"}, {"namespace", "default"}}},
               {"spec",
                {{"type", "LoadBalancer"},
                 {"selector", {{"app", "shop"}}},
                 {"ports", Json::array({{{"name", "http"}, {"port", 80}}, {{"name", "https"}, {"port", 443}}})}}}};
    REQUIRE(client.create(lb).ok());
    runningPod(cluster, "shop-1", "shop");
    out += t.transcript(R"(minikube service hello-minikube --url
minikube service hello-minikube
minikube service hello-minikube --https --url
minikube service hello-minikube --url --format={{.IP}}:{{.Port}}
minikube service web --url
minikube service web
minikube service shop --url
minikube service shop
minikube service nope
minikube service
minikube service list
minikube service list -n default -o json
minikube tunnel
sleep 4
sleep 1
sleep 30)");
    CHECK(golden("minikube_service.txt", out));
    // The first check comes 5 s after start; the status is printed again only when it changes.
    CHECK(out.find("$ sleep 4\n$ sleep 1\nStatus:") != std::string::npos);
    CHECK(out.substr(out.rfind("$ sleep 30\n")) == "$ sleep 30\n");
    ObjectPtr shop = cluster.store().get("services", "default", "shop");
    REQUIRE(shop);
    CHECK((*shop)["status"]["loadBalancer"]["ingress"] == Json::array({{{"ip", (*shop)["spec"]["clusterIP"]}}}));
    // Ctrl+C removes the ingress IPs again.
    t.run("^C");
    shop = cluster.store().get("services", "default", "shop");
    CHECK(findPath(*shop, "status.loadBalancer.ingress") == nullptr);
}

TEST_CASE("several nodes: start --nodes, node add, node list, status and stop", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    std::string out = t.transcript(R"(minikube start --nodes=2
minikube status
minikube node list
minikube node add
minikube node list
minikube docker-env
minikube stop
minikube status
minikube start
minikube delete)");
    CHECK(golden("minikube_multinode.txt", out));
    CHECK(t.nodesAdded == std::vector<int>{2});
}

TEST_CASE("node add to a single-node cluster warns about its CNI", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start").exitCode == 0);
    std::string out = t.transcript(R"(minikube node add
minikube status
minikube ip -n m02)");
    CHECK(golden("minikube_node_add.txt", out));
}

TEST_CASE("minikube version, help, config, profiles, flags and unknown commands", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    std::string out = t.transcript(R"(minikube version
minikube version --short
minikube version -o json
minikube
minikube stat
minikube foo
minikube start --foo
minikube start --nodes=x
minikube start -p aged --kubernetes-version=v1.16.1
minikube start --kubernetes-version=v1.40.0
minikube start --driver=hyperkit
minikube start --driver=kvm2
minikube start --driver=docker --vm-driver=virtualbox --dry-run-nope
minikube config set memory 9001
minikube config set cpus zero
minikube config set nope 1
minikube config get memory
minikube config get cpus
minikube config view
minikube start --kubernetes-version=v1.28
minikube start --vm-driver=virtualbox
minikube profile list
minikube profile
minikube update-context
minikube addons
minikube kubectl get pods -A
minikube ssh)");
    CHECK(golden("minikube_misc.txt", out));
}

TEST_CASE("docker-env follows the shell and fails an eval when the machine is missing", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    t.stdoutIsTerminal = false;
    cli::CommandResult r = t.run("minikube docker-env");
    CHECK(r.exitCode == 85);
    // What `eval $(minikube docker-env)` evaluates: a command that fails.
    CHECK(r.out == "false exit code 85\n");
    t.stdoutIsTerminal = true;
    REQUIRE(t.run("minikube start").exitCode == 0);
    std::string out = t.transcript(R"(minikube docker-env --shell fish
minikube docker-env --shell powershell
minikube docker-env --no-proxy
minikube docker-env --unset)");
    CHECK(golden("minikube_docker_env.txt", out));
    t.env["MINIKUBE_ACTIVE_DOCKERD"] = "minikube";
    t.run("minikube status");
    CHECK(t.terminal == "minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\n"
                        "kubeconfig: Configured\ndocker-env: in-use\n\n");
}

TEST_CASE("a start on another driver than the profile's is refused with GUEST_DRIVER_MISMATCH", "[minikube]") {
    Cluster cluster(absentCluster());
    Terminal t(cluster);
    REQUIRE(t.run("minikube start").exitCode == 0);
    cli::CommandResult r = t.run("minikube start --vm-driver=virtualbox");
    CHECK(r.exitCode == 81);
    CHECK(t.terminal ==
          "😄  minikube v1.35.0 on Ubuntu 22.04\n\n"
          "💢  Exiting due to GUEST_DRIVER_MISMATCH: The existing \"minikube\" cluster was created using the \"docker\" "
          "driver, which is incompatible with requested \"virtualbox\" driver.\n"
          "💡  Suggestion: Delete the existing 'minikube' cluster using: 'minikube delete', or start the existing "
          "'minikube' cluster using: 'minikube start --driver=docker'\n\n");
}

TEST_CASE("the minikube state survives a snapshot as JSON", "[minikube]") {
    cli::MinikubeState s;
    s.addons["dashboard"] = true;
    s.settings["memory"] = "9001";
    s.addedNodes = 2;
    s.kubeContextActive = true;
    cli::MinikubeState back;
    REQUIRE(back.fromJson(s.toJson()));
    CHECK(back.addons == s.addons);
    CHECK(back.settings == s.settings);
    CHECK(back.addedNodes == 2);
    CHECK(back.kubeContextActive);
}

TEST_CASE("minikube's tables follow tablewriter: centred headers, numbers right-aligned, emoji two columns wide", "[minikube]") {
    using cli::minikube::renderTable;
    CHECK(renderTable({"Namespace", "Name", "Target Port", "URL"},
                      {{"default", "hello-minikube", "8080", "http://192.168.49.2:31234"}}) ==
          "|-----------|----------------|-------------|---------------------------|\n"
          "| NAMESPACE |      NAME      | TARGET PORT |            URL            |\n"
          "|-----------|----------------|-------------|---------------------------|\n"
          "| default   | hello-minikube |        8080 | http://192.168.49.2:31234 |\n"
          "|-----------|----------------|-------------|---------------------------|\n");
    CHECK(renderTable({"Addon Name", "Status"}, {{"a", "enabled ✅"}, {"b", "disabled    "}}) ==
          "|------------|--------------|\n"
          "| ADDON NAME |    STATUS    |\n"
          "|------------|--------------|\n"
          "| a          | enabled ✅   |\n"
          "| b          | disabled     |\n"
          "|------------|--------------|\n");
    // A cell with several lines becomes several table lines.
    CHECK(renderTable({"Port"}, {{"80\n443"}}) == "|------|\n| PORT |\n|------|\n|   80 |\n|  443 |\n|------|\n");
    // Wider than 30 columns: wrapped at spaces with the least raggedness.
    CHECK(cli::minikube::wrapString("Configures the addon w/ADDON_NAME within minikube", 30) ==
          std::vector<std::string>{"Configures the addon", "w/ADDON_NAME within minikube"});
}

TEST_CASE("minikube's boxes and reason blocks", "[minikube]") {
    CHECK(cli::minikube::roundBox("😿  hi\nlonger line") ==
          "╭───────────────────╮\n"
          "│                   │\n"
          "│    😿  hi         │\n"
          "│    longer line    │\n"
          "│                   │\n"
          "╰───────────────────╯\n");
    CHECK(cli::minikube::indentMultiLine("one\n\t\ttwo\n") == "\n\n    one\n    two\n    ");
    CHECK(cli::minikube::sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(cli::minikube::sha1Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}
