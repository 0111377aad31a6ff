// [SECTION] index: starting (which program runs) · time and exit · signals · logs · HTTP · exec.
#include "runtime/process.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>

#include "runtime/clock_text.h"
#include "runtime/guestbook_frontend.h"

namespace kp::runtime {
namespace {

constexpr Time kNever{INT64_MAX};
constexpr size_t kMaxLogLines = 10000;

std::string baseName(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether `command[0]` starts the image's own application rather than something else.
bool isAppBinary(const ImageRepository& repo, const std::string& cmd) {
    std::string b = baseName(cmd);
    switch (repo.kind) {
    case AppKind::WebServer:
        return b == "nginx" || b == "docker-entrypoint.sh" || b == "httpd-foreground" || b == "httpd" ||
               b == "run.sh" || b == "node" || b == "hello-app" || b == "docker-php-entrypoint" ||
               b == "apache2-foreground";
    case AppKind::Redis: return b == "redis-server" || b == "docker-entrypoint.sh";
    case AppKind::Agnhost: return b == "agnhost";
    case AppKind::Pause: return b == "pause";
    case AppKind::Daemon: return true;
    case AppKind::Stress: return b == "stress";
    case AppKind::Mysql: return b == "mysqld" || b == "docker-entrypoint.sh";
    case AppKind::HelloWorld: return b == "hello";
    case AppKind::Task: return b == "kube-webhook-certgen";
    case AppKind::Shell: return false;
    }
    return false;
}

// stress --vm-bytes units: B, K, M, G (powers of 1024), plain number = bytes.
int64_t parseStressBytes(const std::string& s) {
    if (s.empty())
        return 0;
    int64_t v = 0;
    size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        v = v * 10 + (s[i++] - '0');
    char unit = i < s.size() ? static_cast<char>(std::toupper(static_cast<unsigned char>(s[i]))) : 'B';
    switch (unit) {
    case 'K': return v << 10;
    case 'M': return v << 20;
    case 'G': return v << 30;
    default: return v;
    }
}

using Env = std::vector<std::pair<std::string, std::string>>;
using NetworkCommand = decltype(ProcessSpec::networkCommand);

// One shared copy of each environment list that running containers hold: the replicas of a
// Deployment get the same PATH, service variables and HOME. The table only holds weak
// references; lists nobody uses any more are dropped when it has doubled.
std::shared_ptr<const Env> internEnv(Env env) {
    static std::mutex mu;
    static std::map<size_t, std::vector<std::weak_ptr<const Env>>> table;
    static size_t pruneAt = 64;
    std::string flat;
    for (const auto& [k, v] : env) {
        flat += k;
        flat += '\0';
        flat += v;
        flat += '\0';
    }
    const size_t hash = std::hash<std::string>()(flat);
    std::lock_guard<std::mutex> lock(mu);
    std::vector<std::weak_ptr<const Env>>& bucket = table[hash];
    for (const std::weak_ptr<const Env>& w : bucket)
        if (std::shared_ptr<const Env> shared = w.lock(); shared && *shared == env)
            return shared;
    auto shared = std::make_shared<const Env>(std::move(env));
    bucket.push_back(shared);
    if (table.size() >= pruneAt) {
        for (auto it = table.begin(); it != table.end();) {
            auto& ws = it->second;
            ws.erase(std::remove_if(ws.begin(), ws.end(), [](const auto& w) { return w.expired(); }), ws.end());
            it = ws.empty() ? table.erase(it) : std::next(it);
        }
        pruneAt = std::max<size_t>(64, table.size() * 2);
    }
    return shared;
}

// The Kubernetes Basics app: gcr.io's v1 and the tutorial's update, jocatalin's v2.
bool isBootcamp(const std::string& repo) {
    return repo == "gcr.io/google-samples/kubernetes-bootcamp" || repo == "jocatalin/kubernetes-bootcamp";
}

bool hasEnv(const std::vector<std::pair<std::string, std::string>>& env, const std::string& name) {
    for (const auto& [k, v] : env)
        if (k == name)
            return true;
    return false;
}

const char* const kHelloWorld =
    "\n"
    "Hello from Docker!\n"
    "This message shows that your installation appears to be working correctly.\n"
    "\n"
    "To generate this message, Docker took the following steps:\n"
    " 1. The Docker client contacted the Docker daemon.\n"
    " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n"
    "    (amd64)\n"
    " 3. The Docker daemon created a new container from that image which runs the\n"
    "    executable that produces the output you are currently reading.\n"
    " 4. The Docker daemon streamed that output to the Docker client, which sent it\n"
    "    to your terminal.\n"
    "\n"
    "To try something more ambitious, you can run an Ubuntu container with:\n"
    " $ docker run -it ubuntu bash\n"
    "\n"
    "Share images, automate workflows, and more with a free Docker ID:\n"
    " https://hub.docker.com/\n"
    "\n"
    "For more examples and ideas, visit:\n"
    " https://docs.docker.com/get-started/\n"
    "\n";

const char* const kNginxWelcome =
    "<!DOCTYPE html>\n"
    "<html>\n"
    "<head>\n"
    "<title>Welcome to nginx!</title>\n"
    "<style>\n"
    "html { color-scheme: light dark; }\n"
    "body { width: 35em; margin: 0 auto;\n"
    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Welcome to nginx!</h1>\n"
    "<p>If you see this page, the nginx web server is successfully installed and\n"
    "working. Further configuration is required.</p>\n"
    "\n"
    "<p>For online documentation and support please refer to\n"
    "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
    "Commercial support is available at\n"
    "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n"
    "\n"
    "<p><em>Thank you for using nginx.</em></p>\n"
    "</body>\n"
    "</html>\n";

std::vector<std::string> splitText(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

}  // namespace

// [SECTION] starting

// Docker's rule: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD.
std::unique_ptr<Process> Process::start(const ProcessSpec& spec, std::string* startError) {
    const ImageRepository& repo = *spec.image->repo;
    std::vector<std::string> argv;
    if (!spec.command.empty()) {
        argv = spec.command;
        argv.insert(argv.end(), spec.args.begin(), spec.args.end());
    } else {
        argv = repo.entrypoint;
        const std::vector<std::string>& cmd = spec.args.empty() ? repo.cmd : spec.args;
        argv.insert(argv.end(), cmd.begin(), cmd.end());
    }
    if (argv.empty()) {
        if (startError)
            *startError = "no command specified";
        return nullptr;
    }

    std::unique_ptr<Process> p(new Process());
    p->image_ = spec.image;
    p->app_ = repo.kind;
    p->hostname_ = spec.hostname;
    p->podIP_ = spec.podIP;
    p->start_ = p->now_ = spec.start;
    p->nodeCpus_ = spec.nodeCpus;
    p->kernel_ = spec.kernelRelease;
    Env env;
    env.reserve(spec.env.size() + 3);
    env.emplace_back("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.emplace_back("HOSTNAME", spec.hostname);
    for (const auto& kv : spec.env) {
        auto it = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == kv.first; });
        if (it != env.end())
            it->second = kv.second;
        else
            env.push_back(kv);
    }
    if (!hasEnv(env, "HOME"))
        env.emplace_back("HOME", "/root");
    if (env[1].second != spec.hostname)
        p->hostnameEnv_ = env[1].second;
    env.erase(env.begin() + 1);
    p->env_ = internEnv(std::move(env));

    // What the kubelet provides. The shell's hooks are built from them when a script or an exec
    // first needs a shell (hooks()): most containers run a server nobody execs into.
    p->podFiles_ = spec.podFiles;
    p->sharedPath_ = spec.sharedPath;
    p->writeShared_ = spec.writeShared;
    if (spec.networkCommand) {
        p->network_ = std::make_shared<const NetworkCommand>(spec.networkCommand);
        Process* self = p.get();
        p->dial_ = [self](const std::string& host, int port, const std::string& bytes, Time now) {
            sh::CommandIO io;
            io.input = bytes;
            std::string out, err;
            std::optional<int> code =
                (*self->network_)({std::string(kAppTcpTool), host, std::to_string(port), self->podIP_}, io, now, out, err);
            if (!code || *code < 0 || *code > 3)
                return DialResult{DialResult::Kind::Unresolved, ""};  // no network model: nothing resolves
            return DialResult{static_cast<DialResult::Kind>(*code), out};
        };
    }

    bool runsApp = repo.kind != AppKind::Shell && (spec.command.empty() || isAppBinary(repo, spec.command[0]));
    if (!runsApp) {
        // The pod runs a command of its own: it must exist in the image.
        if (!p->image_->holds(argv[0]) || !sh::Interpreter::isCommand(argv[0])) {
            if (startError)
                *startError = "exec: \"" + argv[0] + "\": executable file not found in $PATH";
            return nullptr;
        }
        std::vector<std::string> run = argv;
        std::string b = baseName(argv[0]);
        bool bareShell = (b == "sh" || b == "bash" || b == "ash") && argv.size() == 1;
        if (bareShell && spec.stdinOpen)
            run = {"sleep", "infinity"};  // an interactive shell waits for its terminal
        auto program = sh::fromArgv(run);
        sh::Flavour flavour = (repo.name == "ubuntu" || repo.name == "debian") ? sh::Flavour::Gnu : sh::Flavour::Busybox;
        p->mode_ = Mode::Script;
        p->neverExits_ = sh::Interpreter::neverExits(*program);
        p->script_ = std::make_unique<sh::Interpreter>(program, p->env(), spec.start, flavour, p->hooks());
        return p;
    }

    p->mode_ = Mode::Server;
    p->ports_ = repo.ports;
    // Arguments the application reads (after its own binary when the pod gave a command).
    std::vector<std::string> appArgs = spec.command.empty() ? (spec.args.empty() ? repo.cmd : spec.args)
                                                            : std::vector<std::string>(argv.begin() + 1, argv.end());
    switch (repo.kind) {
    case AppKind::Redis:
        p->startRedis(appArgs, spec.start);
        break;
    case AppKind::HelloWorld:
        p->plannedExit_ = spec.start + Duration::millis(10);
        p->plannedCode_ = 0;
        break;
    case AppKind::Task:
        // kube-webhook-certgen's API work (a certificate in a Secret, a patched webhook) is done
        // by network/ingress.cpp when the pod succeeds. SIMPLIFICATION: it logs nothing; it
        // takes a moment and succeeds.
        p->plannedExit_ = spec.start + Duration::millis(1500);
        p->plannedCode_ = 0;
        p->ports_.clear();
        break;
    case AppKind::Mysql:
        if (!hasEnv(spec.env, "MYSQL_ROOT_PASSWORD") && !hasEnv(spec.env, "MYSQL_ALLOW_EMPTY_PASSWORD") &&
            !hasEnv(spec.env, "MYSQL_RANDOM_ROOT_PASSWORD")) {
            p->plannedExit_ = spec.start + Duration::millis(600);
            p->plannedCode_ = 1;
            p->ports_.clear();
        }
        break;
    case AppKind::Stress: {
        int64_t workers = 0, bytes = 256 << 20;
        for (size_t i = 0; i + 1 < appArgs.size(); ++i) {
            if (appArgs[i] == "--vm" || appArgs[i] == "-m")
                workers = std::stoll("0" + appArgs[i + 1]);
            else if (appArgs[i] == "--vm-bytes")
                bytes = parseStressBytes(appArgs[i + 1]);
        }
        if (workers > 0 && spec.memoryLimitBytes > 0 && workers * bytes > spec.memoryLimitBytes) {
            p->plannedExit_ = spec.start + Duration::millis(1200);
            p->plannedCode_ = 137;
            p->plannedReason_ = "OOMKilled";
        }
        break;
    }
    case AppKind::Agnhost: {
        p->agnhostMode_ = appArgs.empty() ? "pause" : appArgs[0];
        int port = 0;
        for (const std::string& a : appArgs) {
            if (a.rfind("--http-port=", 0) == 0)
                port = std::stoi("0" + a.substr(12));
            if (a.rfind("--port=", 0) == 0)
                port = std::stoi("0" + a.substr(7));
        }
        if (p->agnhostMode_ == "netexec" || p->agnhostMode_ == "liveness") {
            p->ports_ = {port ? port : 8080};
        } else if (p->agnhostMode_ == "serve-hostname") {
            p->ports_ = {port ? port : 9376};
        } else if (p->agnhostMode_ != "pause") {
            p->plannedExit_ = spec.start;
            p->plannedCode_ = 1;
            p->plannedReason_ = "Error";
        }
        break;
    }
    default:
        break;
    }
    return p;
}

// The redis images. redis-server reads its options from the command line: `--replicaof HOST
// PORT` (or the older --slaveof) makes it a replica. The guestbook's follower image runs
// `/bin/sh -c /run.sh`, whose script starts `redis-server --replicaof redis-leader 6379`
// ($REDIS_LEADER_SERVICE_HOST instead when GET_HOSTS_FROM=env); sh stays PID 1 and redis-server
// gets pid 10, as its logs on a real cluster show.
void Process::startRedis(const std::vector<std::string>& appArgs, Time start) {
    const std::string& name = image_->repo->name;
    const bool follower = name.find("gb-redis-follower") != std::string::npos;
    const bool runsScript = std::find(appArgs.begin(), appArgs.end(), "/run.sh") != appArgs.end();
    redisVersion_ = follower || name == "registry.k8s.io/redis" || image_->ref.tag.rfind("6.0", 0) == 0 ? "6.0.5" : "7.4.1";
    redisPid_ = follower && runsScript ? 10 : 1;
    std::string host;
    int port = 0;
    // Options after the program name (the entrypoint adds `redis-server` before options).
    std::vector<std::string> options;
    for (const std::string& a : appArgs)
        if (!options.empty() || (baseName(a) != "redis-server" && baseName(a) != "docker-entrypoint.sh"))
            options.push_back(a);
    for (size_t i = 0; i + 2 < options.size(); ++i)
        if (options[i] == "--replicaof" || options[i] == "--slaveof") {
            host = options[i + 1];
            port = std::atoi(options[i + 2].c_str());
        }
    if (follower && runsScript) {
        const Env& env = *env_;
        const auto hostsFrom = std::find_if(env.begin(), env.end(), [](const auto& e) { return e.first == "GET_HOSTS_FROM"; });
        const auto leaderHost =
            std::find_if(env.begin(), env.end(), [](const auto& e) { return e.first == "REDIS_LEADER_SERVICE_HOST"; });
        const bool fromEnv = hostsFrom != env.end() && hostsFrom->second == "env";
        host = fromEnv ? (leaderHost != env.end() ? leaderHost->second : "") : "redis-leader";
        port = 6379;
    }
    redisConfigured_ = !options.empty() || (follower && runsScript);
    redis_ = std::make_unique<RedisServer>(
        RedisServer::Options{redisVersion_, redisPid_, hostname_ + "@" + std::to_string(start.ms)});
    redis_->setLogger([this](Time at, int pid, char role, char level, const std::string& message) {
        appendLog(at, Stream::Stdout,
                  std::to_string(pid) + ":" + role + " " + formatTime(at, "%d %b %Y %H:%M:%S.") +
                      std::to_string(1000 + at.ms % 1000).substr(1) + " " + level + " " + message);
    });
    if (!host.empty())
        redis_->replicaOf(host, port, podIP_, dial_, start);
}

bool Process::isGuestbookFrontend() const {
    return image_->repo && image_->repo->name.find("gb-frontend") != std::string::npos;
}

void Process::pollApp(Time t) {
    if (redis_ && !exited_)
        redis_->pollReplication(t);
}

// [SECTION] time and exit

std::string Process::exitReason() const {
    if (!reason_.empty())
        return reason_;
    return exitCode_ == 0 ? "Completed" : "Error";
}

void Process::finish(Time t, int code, std::string reason) {
    if (exited_)
        return;
    exited_ = true;
    exitTime_ = t;
    exitCode_ = code;
    reason_ = std::move(reason);
    ports_.clear();
}

void Process::record(const std::vector<sh::OutputLine>& lines) {
    if (!lines.empty() && !log_)
        log_ = std::make_unique<std::deque<LogEntry>>();
    for (const sh::OutputLine& l : lines) {
        if (log_->size() >= kMaxLogLines)
            log_->pop_front();  // SIMPLIFICATION: a container keeps its last 10,000 log lines
        log_->push_back(LogEntry{l.time, l.fd == 2 ? Stream::Stderr : Stream::Stdout, l.text});
    }
}

void Process::advanceTo(Time t) {
    if (exited_ || t < now_)
        return;
    now_ = t;
    if (mode_ == Mode::Script) {
        script_->runUntil(t);
        record(script_->takeOutput());
        if (script_->state() == sh::Interpreter::State::Exited)
            finish(script_->exitTime(), script_->exitCode(), "");
        return;
    }
    if (plannedExit_ && *plannedExit_ <= t)
        finish(*plannedExit_, plannedCode_, plannedReason_);
}

std::optional<Time> Process::predictExit(Time now, Duration horizon, Time* recheck) const {
    if (recheck)
        *recheck = kNever;
    if (exited_)
        return exitTime_;
    if (mode_ == Mode::Server)
        return plannedExit_;
    if (neverExits_)
        return std::nullopt;
    sh::Interpreter copy = *script_;
    copy.setQuiet(true);
    Time until = now + horizon;
    copy.runUntil(until, 20000);
    switch (copy.state()) {
    case sh::Interpreter::State::Exited:
        return copy.exitTime();
    case sh::Interpreter::State::BlockedForever:
        return std::nullopt;
    case sh::Interpreter::State::Sleeping:
        if (recheck)
            *recheck = std::min(copy.wakeAt(), until);
        return std::nullopt;
    case sh::Interpreter::State::Ready:
        if (recheck)
            *recheck = std::max(copy.clock(), now + Duration::millis(1));
        return std::nullopt;
    }
    return std::nullopt;
}

// [SECTION] signals

std::optional<Time> Process::terminate(Time t) {
    advanceTo(t);
    if (exited_)
        return exitTime_;
    if (mode_ == Mode::Script) {
        // A shell running as PID 1 has no default SIGTERM action: only a trap makes it stop.
        if (!script_->handlesTerm())
            return std::nullopt;
        int code = script_->termExitCode();
        script_->kill(t, code);
        record(script_->takeOutput());
        finish(t, code, "");
        return t;
    }
    int code = image_->repo->sigtermExitCode;
    if (code < 0)
        return std::nullopt;
    finish(t, code, "");
    return t;
}

void Process::kill(Time t) {
    advanceTo(t);
    if (exited_)
        return;
    if (script_ && mode_ == Mode::Script) {
        script_->kill(t, 137);
        record(script_->takeOutput());
    }
    finish(t, 137, "Error");
}

// [SECTION] logs

std::string Process::nginxVersion() const {
    const std::string& tag = image_->ref.tag;
    if (tag == "stable" || tag == "1.26")
        return "1.26.2";
    if (tag.rfind("1.25", 0) == 0)
        return "1.25.5";
    if (tag == "1.24")
        return "1.24.0";
    if (tag == "1.23")
        return "1.23.4";
    if (tag == "1.21")
        return "1.21.6";
    if (tag == "1.19")
        return "1.19.10";
    if (tag == "1.16")
        return "1.16.1";
    if (tag == "1.14.2" || tag == "1.7.9")
        return tag;
    return "1.27.3";
}

// What the application prints when it starts, stamped with its start time.
std::vector<LogEntry> Process::startupLines() const {
    std::vector<LogEntry> out;
    auto add = [&](Duration after, Stream s, std::string line) { out.push_back(LogEntry{start_ + after, s, std::move(line)}); };
    const std::string& name = image_->repo->name;
    if (mode_ != Mode::Server)
        return out;
    if (name == "nginx") {
        std::string v = nginxVersion();
        int minor = std::stoi(v.substr(2, v.find('.', 2) - 2));
        if (minor < 19)
            return out;  // before 1.19 the image had no entrypoint script and nginx logs nothing
        const Stream o = Stream::Stdout;
        add({}, o, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
        add({}, o, "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
        add({}, o, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
        add({}, o, "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf");
        add({}, o, "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
        if (minor >= 25)
            add({}, o, "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
        add({}, o, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
        if (minor >= 21)
            add({}, o, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
        add({}, o, "/docker-entrypoint.sh: Configuration complete; ready for start up");
        std::string stamp = formatTime(start_, "%Y/%m/%d %H:%M:%S") + " [notice] 1#1: ";
        const Stream e = Stream::Stderr;
        bool alpine = image_->ref.tag.find("alpine") != std::string::npos;
        add({}, e, stamp + "using the \"epoll\" event method");
        add({}, e, stamp + "nginx/" + v);
        add({}, e, stamp + (alpine ? "built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) "
                                   : "built by gcc 12.2.0 (Debian 12.2.0-14) "));
        add({}, e, stamp + "OS: Linux " + kernel_);
        add({}, e, stamp + "getrlimit(RLIMIT_NOFILE): 1048576:1048576");
        add({}, e, stamp + "start worker processes");
        for (int i = 0; i < std::max(1, nodeCpus_); ++i)
            add({}, e, stamp + "start worker process " + std::to_string(29 + i));
        return out;
    }
    if (name == "httpd") {
        std::string ah = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using " +
                         podIP_ + ". Set the 'ServerName' directive globally to suppress this message";
        add({}, Stream::Stderr, ah);
        add({}, Stream::Stderr, ah);
        std::string stamp = formatTime(start_, "[%a %b %d %H:%M:%S.") +
                            std::to_string(100000 + (start_.ms % 1000) * 1000).substr(1) + formatTime(start_, " %Y]");
        add({}, Stream::Stderr, stamp + " [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations");
        add({}, Stream::Stderr, stamp + " [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'");
        return out;
    }
    if (name == "k8s.gcr.io/echoserver" && image_->ref.tag == "1.10") {
        for (const char* l : {"Generating self-signed cert", "Generating a 2048 bit RSA private key",
                              "..............................+++", ".....+++",
                              "writing new private key to '/certs/privateKey.key'", "-----", "Starting nginx"})
            add({}, Stream::Stdout, l);
        return out;
    }
    if (name == "kicbase/echo-server") {
        add({}, Stream::Stdout, "Echo server listening on port 8080.");
        return out;
    }
    if (isBootcamp(name)) {
        add({}, Stream::Stdout,
            "Kubernetes Bootcamp App Started At: " + formatTime(start_, "%Y-%m-%dT%H:%M:%S.") +
                std::to_string(1000 + start_.ms % 1000).substr(1) + "Z | Running On:  " + hostname_ + " ");
        return out;
    }
    if (name == "gcr.io/google-samples/hello-app") {
        add({}, Stream::Stderr, formatTime(start_, "%Y/%m/%d %H:%M:%S") + " Server listening on port 8080");
        return out;
    }
    if (app_ == AppKind::Redis) {
        // redis-server logs before initServer() as a child ('C': its pid is not yet the server's),
        // then as master 'M' or replica 'S'.
        const std::string ms = std::to_string(1000 + start_.ms % 1000).substr(1);
        const std::string pid = std::to_string(redisPid_);
        const std::string c = pid + ":C " + formatTime(start_, "%d %b %Y %H:%M:%S.") + ms + " ";
        const std::string m = pid + (redis_ && redis_->isReplica() ? ":S " : ":M ") +
                              formatTime(start_, "%d %b %Y %H:%M:%S.") + ms + " ";
        const std::string configLine = redisConfigured_
                                           ? "Configuration loaded"
                                           : "Warning: no config file specified, using the default config. In order to "
                                             "specify a config file use redis-server /path/to/redis.conf";
        if (redisVersion_.rfind("6.", 0) == 0) {
            // Upstream: redis 6.0.5 src/server.c main(), redisAsciiArt(), linuxMemoryWarnings().
            add({}, Stream::Stdout, c + "# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
            add({}, Stream::Stdout, c + "# Redis version=" + redisVersion_ + ", bits=64, commit=00000000, modified=0, pid=" +
                                        pid + ", just started");
            add({}, Stream::Stdout, c + "# " + configLine);
            add({}, Stream::Stdout, m + "* Running mode=standalone, port=6379.");
            add({}, Stream::Stdout, m + "# Server initialized");
            // minikube's node shares the host's kernel, where vm.overcommit_memory is 0 (Ubuntu's default).
            add({}, Stream::Stdout, m + "# WARNING overcommit_memory is set to 0! Background save may fail under low "
                                        "memory condition. To fix this issue add 'vm.overcommit_memory = 1' to "
                                        "/etc/sysctl.conf and then reboot or run the command 'sysctl "
                                        "vm.overcommit_memory=1' for this to take effect.");
            add({}, Stream::Stdout, m + "* Ready to accept connections");
            return out;
        }
        add({}, Stream::Stdout, c + "* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
        add({}, Stream::Stdout, c + "* Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=" + pid + ", just started");
        add({}, Stream::Stdout, c + (redisConfigured_ ? "* " : "# ") + configLine);
        add({}, Stream::Stdout, m + "* monotonic clock: POSIX clock_gettime");
        add({}, Stream::Stdout, m + "* Running mode=standalone, port=6379.");
        add({}, Stream::Stdout, m + "* Server initialized");
        add({}, Stream::Stdout, m + "* Ready to accept connections tcp");
        return out;
    }
    if (isGuestbookFrontend()) {
        for (std::string& l : guestbook::startupLines(podIP_, start_))
            add({}, Stream::Stderr, std::move(l));
        return out;
    }
    if (name == "hello-world") {
        for (std::string& l : splitText(kHelloWorld))
            add(Duration::millis(5), Stream::Stdout, std::move(l));
        return out;
    }
    if (name == "mysql") {
        std::string stamp = formatTime(start_, "%Y-%m-%d %H:%M:%S+00:00");
        add({}, Stream::Stdout, stamp + " [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.");
        if (plannedExit_) {
            add(Duration::millis(500), Stream::Stderr,
                stamp + " [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified");
            for (const char* l : {"    You need to specify one of the following as an environment variable:",
                                  "    - MYSQL_ROOT_PASSWORD", "    - MYSQL_ALLOW_EMPTY_PASSWORD",
                                  "    - MYSQL_RANDOM_ROOT_PASSWORD"})
                add(Duration::millis(500), Stream::Stderr, l);
        } else {
            add(Duration::millis(500), Stream::Stdout,
                stamp + " [Note] [Entrypoint]: Switching to dedicated user 'mysql'");
        }
        return out;
    }
    if (name == "polinux/stress") {
        add({}, Stream::Stdout, "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd");
        return out;
    }
    if (app_ == AppKind::Agnhost && plannedExit_) {
        add({}, Stream::Stderr, "Error: unknown command \"" + agnhostMode_ + "\" for \"agnhost\"");
        add({}, Stream::Stderr, "Run 'agnhost --help' for usage.");
        return out;
    }
    if (app_ == AppKind::Agnhost && agnhostMode_ == "netexec") {
        add({}, Stream::Stderr, formatTime(start_, "I%m%d %H:%M:%S.000000       1 log.go:245] Started HTTP server on port ") +
                                    std::to_string(ports_.empty() ? 8080 : ports_[0]));
        return out;
    }
    return out;
}

std::vector<LogEntry> Process::logs(Time now) {
    advanceTo(now);
    pollApp(now);
    std::vector<LogEntry> out;
    for (LogEntry& e : startupLines())
        if (e.time <= now && (!exited_ || e.time <= exitTime_))
            out.push_back(std::move(e));
    if (log_)
        for (const LogEntry& e : *log_)
            if (e.time <= now)
                out.push_back(e);
    return out;
}

void Process::appendLog(Time t, Stream stream, std::string line) {
    if (!log_)
        log_ = std::make_unique<std::deque<LogEntry>>();
    if (log_->size() >= kMaxLogLines)
        log_->pop_front();
    log_->push_back(LogEntry{t, stream, std::move(line)});
}

// [SECTION] HTTP

bool Process::listens(int port) const {
    return !exited_ && std::find(ports_.begin(), ports_.end(), port) != ports_.end();
}

std::optional<std::string> Process::imageFile(const std::string& path) const {
    if (path == "/etc/hostname")
        return hostname_ + "\n";
    const std::string& name = image_->repo->name;
    if (name == "nginx" || name == "k8s.gcr.io/echoserver") {
        if (path == "/usr/share/nginx/html/index.html")
            return std::string(kNginxWelcome);
        if (path == "/usr/share/nginx/html/50x.html")
            return std::string("<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n"
                               "<h1>An error occurred.</h1>\n</body>\n</html>\n");
    }
    if (name == "httpd" && path == "/usr/local/apache2/htdocs/index.html")
        return std::string("<html><body><h1>It works!</h1></body></html>\n");
    if (isBootcamp(name) && path == "/server.js") {
        // The app the image runs (`node server.js` from /), which Kubernetes Basics module 3 shows
        // with `cat server.js`. SIMPLIFICATION: our own few lines doing what the app does.
        const std::string version = image_->ref.tag == "v2" ? "2" : "1";
        return "var http = require('http');\n"
               "var os = require('os');\n"
               "var startedAt = new Date();\n"
               "var requests = 0;\n"
               "console.log('Kubernetes Bootcamp App Started At: ' + startedAt.toISOString() + ' | Running On:  ' + os.hostname() + ' ');\n"
               "http.createServer(function (request, response) {\n"
               "  requests++;\n"
               "  response.end('Hello Kubernetes bootcamp! | Running on: ' + os.hostname() + ' | v=" + version + "\\n');\n"
               "  console.log('Running On: ' + os.hostname() + ' | Total Requests: ' + requests +\n"
               "              ' | App Uptime: ' + Math.floor((new Date() - startedAt) / 1000) + ' seconds | Log Time: ' + new Date().toISOString());\n"
               "}).listen(8080);\n";
    }
    if (isGuestbookFrontend())
        return guestbook::documentRootFile(path);
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> Process::env() const {
    Env out;
    out.reserve(env_->size() + 1);
    out.push_back(env_->front());
    out.emplace_back("HOSTNAME", hostnameEnv_ ? *hostnameEnv_ : hostname_);
    out.insert(out.end(), env_->begin() + 1, env_->end());
    return out;
}

std::optional<std::string> Process::readFile(const std::string& path) const {
    if (script_)
        return script_->readFile(path);
    return hostFile(path);
}

std::optional<std::string> Process::hostFile(const std::string& path) const {
    if (podFiles_)
        if (auto f = podFiles_(path))
            return f;
    if (sharedPath_ && sharedPath_(path))
        return std::nullopt;  // a volume mounted over the image's folder hides its files
    return imageFile(path);
}

// Scripts and `kubectl exec` reach the image's tools; the application's own connections
// (tcp_dial.h) are not a command they can run.
std::optional<int> Process::hostCommand(const std::vector<std::string>& argv, const sh::CommandIO& io, Time now,
                                        std::string& out, std::string& err) const {
    if (!network_ || (!argv.empty() && argv[0] == kAppTcpTool))
        return std::nullopt;
    return (*network_)(argv, io, now, out, err);
}

std::shared_ptr<const sh::HostHooks> Process::hooks() {
    if (hooks_)
        return hooks_;
    auto hooks = std::make_shared<sh::HostHooks>();
    Process* self = this;
    hooks->readFile = [self](const std::string& path) { return self->hostFile(path); };
    hooks->shared = sharedPath_;
    hooks->writeShared = writeShared_;
    if (network_)
        hooks->command = [self](const std::vector<std::string>& argv, const sh::CommandIO& io, Time now,
                                std::string& out, std::string& err) { return self->hostCommand(argv, io, now, out, err); };
    // `kill 1` from `kubectl exec` (the page's "crash a container"): PID 1 stops on SIGTERM as
    // on a pod deletion, when it handles the signal. The kernel drops SIGKILL sent to a
    // namespace's init from inside it, so `kill -9 1` changes nothing.
    // The main script signalling itself is not modelled.
    hooks->signalInit = [self](const std::string& signal, Time t) {
        if (self->inExec_ && (signal == "TERM" || signal == "15"))
            self->terminate(t);
    };
    hooks_ = hooks;
    return hooks_;
}

HttpResponse Process::answer(const HttpRequest& req, int port, Time t) {
    HttpResponse r;
    if (!listens(port))
        return r;  // connection refused
    std::string path = req.target.substr(0, req.target.find('?'));
    std::string query = req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1);
    const std::string& name = image_->repo->name;
    if (isGuestbookFrontend())
        return guestbook::serveFrontend(req, port, env(), dial_, t);
    r.status = 200;
    if (name == "nginx") {
        std::string file = "/usr/share/nginx/html" + (path == "/" ? std::string("/index.html") : path);
        if (auto body = readFile(file)) {
            r.body = *body;
            r.contentType = "text/html";
            return r;
        }
        r.status = path == "/" ? 403 : 404;
        std::string title = r.status == 403 ? "403 Forbidden" : "404 Not Found";
        r.body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
                 "</h1></center>\r\n<hr><center>nginx/" + nginxVersion() + "</center>\r\n</body>\r\n</html>\r\n";
        r.contentType = "text/html";
        return r;
    }
    if (name == "httpd") {
        if (path == "/" || path == "/index.html") {
            r.body = *imageFile("/usr/local/apache2/htdocs/index.html");
            r.contentType = "text/html";
            return r;
        }
        r.status = 404;
        r.body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                 "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";
        r.contentType = "text/html";
        return r;
    }
    if (name == "k8s.gcr.io/echoserver") {
        // echoserver 1.10's Lua page (the text hello-minikube prints for `curl <url>`).
        std::string hostHeader = req.host.empty() ? podIP_ + ":" + std::to_string(port) : req.host;
        std::string hostOnly = hostHeader.substr(0, hostHeader.rfind(':') == std::string::npos ? hostHeader.size()
                                                                                               : hostHeader.rfind(':'));
        std::vector<std::pair<std::string, std::string>> headers = req.headers;
        headers.emplace_back("accept", "*/*");
        headers.emplace_back("host", hostHeader);
        headers.emplace_back("user-agent", req.userAgent);
        std::sort(headers.begin(), headers.end());
        headers.erase(std::unique(headers.begin(), headers.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      headers.end());
        std::string b;
        if (image_->ref.tag == "1.4") {
            b = "CLIENT VALUES:\nclient_address=" + req.clientIP + "\ncommand=" + req.method + "\nreal path=" + path +
                "\nquery=" + (query.empty() ? "nil" : query) + "\nrequest_version=1.1\nrequest_uri=http://" + hostOnly +
                ":" + std::to_string(port) + req.target + "\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\n"
                "HEADERS RECEIVED:\n";
            for (const auto& [k, v] : headers)
                b += k + "=" + v + "\n";
            b += "BODY:\n" + (req.body.empty() ? std::string("-no body in request-") : req.body);
        } else {
            b = "\n\nHostname: " + hostname_ + "\n\nPod Information:\n\t-no pod information available-\n\n"
                "Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address=" +
                req.clientIP + "\n\tmethod=" + req.method + "\n\treal path=" + path + "\n\tquery=" + query +
                "\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://" + hostOnly + ":" +
                std::to_string(port) + req.target + "\n\nRequest Headers:\n";
            for (const auto& [k, v] : headers)
                b += "\t" + k + "=" + v + "\n";
            b += "\nRequest Body:\n\t" + (req.body.empty() ? std::string("-no body in request-") : req.body) + "\n\n";
        }
        r.body = b;
        return r;
    }
    if (name == "kicbase/echo-server") {
        // The request line, Host, then the other headers.
        // SIMPLIFICATION: Go ranges over the header map in random order; we print curl's order.
        r.body = "Request served by " + hostname_ + "\n\nHTTP/1.1 " + req.method + " " + req.target + "\n\nHost: " +
                 (req.host.empty() ? podIP_ + ":" + std::to_string(port) : req.host) + "\nUser-Agent: " + req.userAgent +
                 "\nAccept: */*\n";
        for (const auto& [k, v] : req.headers) {
            // Go keeps header names canonical (textproto.CanonicalMIMEHeaderKey): X-Real-Ip.
            std::string key = k;
            for (size_t i = 0; i < key.size(); ++i)
                key[i] = static_cast<char>(i == 0 || key[i - 1] == '-' ? std::toupper(static_cast<unsigned char>(key[i]))
                                                                       : std::tolower(static_cast<unsigned char>(key[i])));
            r.body += key + ": " + v + "\n";
        }
        if (!req.body.empty())
            r.body += "\n" + req.body;
        return r;
    }
    if (isBootcamp(name)) {
        // v2 is the rolling update of Kubernetes Basics module 6 (jocatalin/kubernetes-bootcamp:v2).
        r.body = "Hello Kubernetes bootcamp! | Running on: " + hostname_ + " | v=" + (image_->ref.tag == "v2" ? "2" : "1") + "\n";
        return r;
    }
    if (name == "gcr.io/google-samples/hello-app") {
        r.body = "Hello, world!\nVersion: " + std::string(image_->ref.tag == "2.0" ? "2.0.0" : "1.0.0") +
                 "\nHostname: " + hostname_ + "\n";
        return r;
    }
    if (app_ == AppKind::Agnhost) {
        if (agnhostMode_ == "liveness") {
            Duration up = t - start_;
            if (path == "/healthz" && up > Duration::seconds(10)) {
                r.status = 500;
                r.body = "error: " + std::to_string(up.ms / 1000) + "." + std::to_string(1000 + up.ms % 1000).substr(1) + "s";
            } else {
                r.body = "ok";
            }
            return r;
        }
        if (agnhostMode_ == "serve-hostname") {
            r.body = hostname_;
            return r;
        }
        if (path == "/hostname") {
            r.body = hostname_;
        } else if (path == "/healthz") {
            r.body = "";
        } else if (path == "/echo") {
            std::string msg = query.rfind("msg=", 0) == 0 ? query.substr(4) : "";
            r.body = msg;
        } else {
            r.body = "NOW: " + formatTime(t, "%Y-%m-%d %H:%M:%S.000000000 +0000 UTC m=+") +
                     std::to_string((t - start_).ms / 1000) + ".000000001";
        }
        return r;
    }
    if (app_ == AppKind::Redis || app_ == AppKind::Mysql) {
        r.status = -1;  // a TCP server that does not speak HTTP
        return r;
    }
    r.body = "ok";
    return r;
}

std::optional<std::string> Process::serveTcp(const std::string& input, int port, Time t, bool* closed) {
    advanceTo(t);
    if (app_ != AppKind::Redis || exited_ || !listens(port))
        return std::nullopt;
    if (!redis_)
        redis_ = std::make_unique<RedisServer>();
    return redis_->serve(input, t, closed);
}

HttpResponse Process::serve(const HttpRequest& req, int port, Time t) {
    advanceTo(t);
    pollApp(t);
    HttpResponse r = answer(req, port, t);
    if (r.status <= 0)
        return r;
    ++requests_;
    const std::string& name = image_->repo->name;
    std::string stamp = formatTime(t, "[%d/%b/%Y:%H:%M:%S +0000]");
    std::string requestLine = "\"" + req.method + " " + req.target + " HTTP/1.1\"";
    if (name == "nginx")
        appendLog(t, Stream::Stdout, req.clientIP + " - - " + stamp + " " + requestLine + " " + std::to_string(r.status) +
                                         " " + std::to_string(r.body.size()) + " \"-\" \"" + req.userAgent + "\" \"-\"");
    else if (name == "k8s.gcr.io/echoserver")
        appendLog(t, Stream::Stdout, req.clientIP + " - - " + stamp + " " + requestLine + " " + std::to_string(r.status) +
                                         " " + std::to_string(r.body.size()) + " \"-\" \"" + req.userAgent + "\"");
    else if (name == "kicbase/echo-server")  // SIMPLIFICATION: the client's ephemeral port is made up
        appendLog(t, Stream::Stdout, req.clientIP + ":" + std::to_string(40000 + requests_) + " | " + req.method + " " + req.target);
    else if (isGuestbookFrontend())
        appendLog(t, Stream::Stdout, guestbook::accessLogLine(req, r, t));
    else if (name == "httpd")
        appendLog(t, Stream::Stdout, req.clientIP + " - - " + stamp + " " + requestLine + " " + std::to_string(r.status) +
                                         " " + std::to_string(r.body.size()));
    else if (isBootcamp(name))
        appendLog(t, Stream::Stdout, "Running On: " + hostname_ + " | Total Requests: " + std::to_string(requests_) +
                                         " | App Uptime: " + std::to_string((t - start_).ms / 1000) +
                                         " seconds | Log Time: " + formatTime(t, "%Y-%m-%dT%H:%M:%S.000Z"));
    return r;
}

HttpResponse Process::probe(int port, const std::string& path, Time t) {
    advanceTo(t);
    HttpRequest req;
    req.target = path;
    req.userAgent = "kube-probe/1.32";
    return answer(req, port, t);
}

// [SECTION] exec

sh::Interpreter& Process::shell() {
    if (!script_) {
        sh::Flavour flavour = image_->ref.tag.find("alpine") != std::string::npos ? sh::Flavour::Busybox : sh::Flavour::Gnu;
        script_ = std::make_unique<sh::Interpreter>(nullptr, env(), now_, flavour, hooks());
    }
    return *script_;
}

int Process::exec(const std::vector<std::string>& argv, Time t, std::string& out, std::string& err, bool* found,
                  const sh::CommandIO& io) {
    advanceTo(t);
    pollApp(t);
    if (found)
        *found = true;
    if (argv.empty() || !image_->holds(argv[0])) {
        if (found)
            *found = false;
        return 127;
    }
    if (!sh::Interpreter::isCommand(argv[0])) {
        // The image's own network tools (wget, nslookup, curl) are answered by the host.
        if (std::optional<int> code = hostCommand(argv, io, t, out, err))
            return *code;
        if (found)
            *found = false;
        return 127;
    }
    inExec_ = true;
    const int code = shell().executeArgv(argv, out, err, io.tty);
    inExec_ = false;
    return code;
}

Time Process::nextChangeAfter(Time t) {
    advanceTo(t);
    if (exited_)
        return kNever;
    if (mode_ == Mode::Script) {
        if (script_->state() == sh::Interpreter::State::Sleeping)
            return std::max(script_->wakeAt(), t + Duration::millis(1));
        return script_->state() == sh::Interpreter::State::Ready ? t + Duration::millis(1) : kNever;
    }
    if (plannedExit_ && *plannedExit_ > t)
        return *plannedExit_;
    if (app_ == AppKind::Agnhost && agnhostMode_ == "liveness" && t <= start_ + Duration::seconds(10))
        return start_ + Duration::seconds(10) + Duration::millis(1);
    return kNever;
}

}  // namespace kp::runtime
