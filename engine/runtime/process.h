// A container's main process over virtual time: what the image's application does with the
// pod's command, args and environment. Servers (nginx, echoserver, redis...) print their
// start-up lines and run until stopped; distribution images run their shell command through the
// tiny interpreter; hello-world prints and exits 0; mysql without a root password exits 1.
//
// Nothing runs eagerly: advanceTo(t) catches the process up when someone looks (logs, exec,
// probes), and predictExit() dry-runs a copy so the kubelet can wake up when it ends.
//
// SIMPLIFICATION: one process per container; start-up lines are generated from the start time
// instead of being stored (they cost nothing for 150,000 nginx pods); HTTP requests from probes
// leave no access-log line.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "runtime/image_catalog.h"
#include "runtime/redis_server.h"
#include "runtime/shell_interpreter.h"
#include "runtime/tcp_dial.h"

namespace kp::runtime {

enum class Stream { Stdout, Stderr };

struct LogEntry {
    Time time;
    Stream stream = Stream::Stdout;
    std::string line;
};

struct ProcessSpec {
    const ResolvedImage* image = nullptr;  // must outlive the process (the kubelet's container record)
    std::vector<std::string> command;  // pod spec `command` (replaces ENTRYPOINT)
    std::vector<std::string> args;     // pod spec `args` (replaces CMD)
    std::vector<std::pair<std::string, std::string>> env;  // resolved, in order
    std::string hostname;              // the pod's hostname
    std::string podIP;
    Time start;
    bool stdinOpen = false;            // container `stdin: true`: a shell waits for input
    int64_t memoryLimitBytes = 0;      // resources.limits.memory (0: none)
    int nodeCpus = 2;
    std::string kernelRelease = "5.15.0-127-generic";
    // Files the kubelet provides (/etc/hosts, /etc/resolv.conf, volumes) and commands the
    // network layer answers (wget, curl, nslookup).
    std::function<std::optional<std::string>(const std::string& path)> podFiles;
    // The container's mounts of volumes shared by the pod (emptyDir): what is under them comes
    // from podFiles only, and writes go to writeShared.
    std::function<bool(const std::string& path)> sharedPath;
    std::function<void(const std::string& path, const std::string& content)> writeShared;
    std::function<std::optional<int>(const std::vector<std::string>& argv, const sh::CommandIO& io, Time now,
                                     std::string& out, std::string& err)>
        networkCommand;
};

// An HTTP request reaching the process (from curl on the laptop, another pod, a kubelet probe).
struct HttpRequest {
    std::string method = "GET";
    std::string target = "/";          // path and query: "/hello?x=1"
    std::string host;                  // Host header: "192.168.49.2:31234"
    std::string userAgent = "curl/8.5.0";
    std::string clientIP;              // as the server sees it
    std::vector<std::pair<std::string, std::string>> headers;  // others, lower-case names
    std::string body;
};

// What an HTTP request to the process gets.
struct HttpResponse {
    int status = 0;  // 0: connection refused
    std::string body;
    std::string contentType = "text/plain";
    std::string reason;  // the status line's reason phrase when the server words it its own way ("" = the usual)
};

class Process {
public:
    // Starts the process, or explains why the runtime could not (the message Docker returns,
    // e.g. `exec: "foo": executable file not found in $PATH`).
    static std::unique_ptr<Process> start(const ProcessSpec& spec, std::string* startError);

    // Catches the process up to time t (output, files, exit).
    void advanceTo(Time t);
    bool exited() const { return exited_; }
    Time exitTime() const { return exitTime_; }
    int exitCode() const { return exitCode_; }
    // Terminated reason as the runtime reports it: Completed (0), Error, OOMKilled.
    std::string exitReason() const;

    // When the process will end on its own, as far as `horizon` (nullopt: not by then, or
    // never). *recheck is set to when it is worth asking again (never: Time{INT64_MAX}).
    std::optional<Time> predictExit(Time now, Duration horizon, Time* recheck) const;
    // SIGTERM at t (graceful stop). Returns when it exits by itself, or nullopt when it ignores
    // the signal and only SIGKILL (kill()) ends it.
    std::optional<Time> terminate(Time t);
    // SIGKILL at t: exit code 137.
    void kill(Time t);

    // Output up to `now`: generated start-up lines, then what was recorded.
    std::vector<LogEntry> logs(Time now);
    void appendLog(Time t, Stream stream, std::string line);

    // Probes and traffic.
    bool listens(int port) const;
    // Serves a request on `port` at time t, writing the application's access-log line.
    HttpResponse serve(const HttpRequest& request, int port, Time t);
    // Raw bytes to `port` from a client that then closes its side (nc, redis-cli): the reply
    // bytes of a server with its own protocol (redis), or nullopt when it speaks HTTP.
    // *closed: the server closed the connection itself (redis QUIT).
    std::optional<std::string> serveTcp(const std::string& input, int port, Time t, bool* closed = nullptr);
    // A kubelet HTTP probe: same answer, no access-log line.
    HttpResponse probe(int port, const std::string& path, Time t);
    // Runs a command in the container (exec probe, `kubectl exec`): exit code and output.
    // `found` is false when the command does not exist in the image.
    // `io` reaches the image's network tools (`echo PING | kubectl exec -i redis -- redis-cli`).
    int exec(const std::vector<std::string>& argv, Time t, std::string& out, std::string& err, bool* found = nullptr,
             const sh::CommandIO& io = {});
    // Earliest time after t when a probe could answer differently (a script changes its files,
    // agnhost liveness starts failing); Time{INT64_MAX} when never.
    Time nextChangeAfter(Time t);

    const ResolvedImage& image() const { return *image_; }
    Time startTime() const { return start_; }
    // The process environment in order: PATH, HOSTNAME, the container's variables, HOME.
    std::vector<std::pair<std::string, std::string>> env() const;
    std::optional<std::string> readFile(const std::string& path) const;

private:
    enum class Mode { Script, Server };
    Process() = default;
    void record(const std::vector<sh::OutputLine>& lines);
    void finish(Time t, int code, std::string reason);
    sh::Interpreter& shell();
    std::shared_ptr<const sh::HostHooks> hooks();
    // A file the image's filesystem does not have from the script: the kubelet's, or the image's.
    std::optional<std::string> hostFile(const std::string& path) const;
    // A network tool the host answers (wget, curl, nslookup), or nullopt.
    std::optional<int> hostCommand(const std::vector<std::string>& argv, const sh::CommandIO& io, Time now,
                                   std::string& out, std::string& err) const;
    std::vector<LogEntry> startupLines() const;
    HttpResponse answer(const HttpRequest& request, int port, Time t);
    std::optional<std::string> imageFile(const std::string& path) const;
    std::string nginxVersion() const;
    // The guestbook images: redis 6.0.5 (the leader) and gb-redis-follower (a replica of
    // redis-leader), gb-frontend (guestbook.php).
    void startRedis(const std::vector<std::string>& appArgs, Time start);
    bool isGuestbookFrontend() const;
    // A redis replica (re)connects to its master or catches up before it is looked at.
    void pollApp(Time t);

    Mode mode_ = Mode::Server;
    const ResolvedImage* image_ = nullptr;  // ProcessSpec::image
    AppKind app_ = AppKind::Daemon;
    // The environment without HOSTNAME (second in env()), shared by the containers whose lists
    // are equal (the replicas of a Deployment); HOSTNAME is hostname_ unless the pod set its own.
    std::shared_ptr<const std::vector<std::pair<std::string, std::string>>> env_;
    std::optional<std::string> hostnameEnv_;
    std::string hostname_, podIP_;
    Time start_, now_;
    int nodeCpus_ = 2;
    std::string kernel_;
    bool neverExits_ = false;
    std::vector<int> ports_;
    std::string agnhostMode_;            // netexec, liveness, serve-hostname, pause
    std::optional<Time> plannedExit_;    // hello-world, mysql without password, OOM
    int plannedCode_ = 0;
    std::string plannedReason_;
    // From ProcessSpec: the kubelet's files, shared volumes and network commands.
    std::function<std::optional<std::string>(const std::string& path)> podFiles_;
    std::function<bool(const std::string& path)> sharedPath_;
    std::function<void(const std::string& path, const std::string& content)> writeShared_;
    std::shared_ptr<const decltype(ProcessSpec::networkCommand)> network_;
    std::shared_ptr<const sh::HostHooks> hooks_;  // built by hooks() when a shell first needs them
    std::unique_ptr<sh::Interpreter> script_;  // the main script, or a shell for `exec`
    bool exited_ = false;
    Time exitTime_;
    int exitCode_ = 0;
    std::string reason_;
    std::unique_ptr<std::deque<LogEntry>> log_;  // recorded lines; allocated with the first one
    int64_t requests_ = 0;
    std::unique_ptr<RedisServer> redis_;  // the redis image's server, from its first connection
    int redisPid_ = 1;                    // redis-server's pid in the container
    std::string redisVersion_ = "7.4.1";
    bool redisConfigured_ = false;        // started with options (logs "Configuration loaded")
    TcpDial dial_;                        // the application's own outgoing connections
    bool inExec_ = false;  // a `kubectl exec` command is running in the container
};

}  // namespace kp::runtime
