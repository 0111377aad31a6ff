// Liveness, readiness and startup probes against the simulated process.
//
// Each probe of each container ticks every periodSeconds from the moment the kubelet admitted
// the pod (the prober worker's ticker); a tick is skipped while the container runs for less
// than initialDelaySeconds, and liveness/readiness wait for the startup probe to succeed.
// successThreshold/failureThreshold consecutive results change the state; every failure
// records an `Unhealthy` event ("Readiness probe failed: HTTP probe failed with statuscode:
// 404"); a liveness or startup failure gets the container killed and restarted.
// Upstream: pkg/kubelet/prober/worker.go (doProbe), prober.go (runProbe, event texts),
// pkg/probe/http, pkg/probe/tcp, pkg/probe/exec.
//
// SIMPLIFICATION: a probe that keeps succeeding against a process whose answers cannot change
// (a web server nobody touched) is not re-run every period; it wakes up again when the
// process could answer differently (a script changes its files, agnhost liveness turns 500)
// or when containerChanged() says something changed from outside.
// SIMPLIFICATION: the ticker starts at admission without the random initial sleep a recently
// started kubelet adds, and a status update does not trigger an extra readiness probe of a
// running container that has no result yet (both depend on real timing; ticks stay predictable).
#include <algorithm>

#include "kubelet/kubelets.h"

namespace kp::kubelet {
namespace {

struct Outcome {
    bool ok = false;
    std::string output;
};

Time firstTick(Time origin, Duration period, Time atOrAfter) {
    if (atOrAfter <= origin)
        return origin;
    int64_t k = (atOrAfter.ms - origin.ms + period.ms - 1) / period.ms;
    return origin + Duration::millis(k * period.ms);
}

// A named port ("http") resolves through the container's ports.
int resolvePort(const Json& port, const Json& container) {
    if (port.is_number_integer())
        return port.get<int>();
    if (!port.is_string())
        return 0;
    std::string name = port.get<std::string>();
    if (container.contains("ports") && container["ports"].is_array())
        for (const Json& p : container["ports"])
            if (p.value("name", "") == name)
                return p.value("containerPort", 0);
    return std::atoi(name.c_str());
}

Outcome runProbe(const Json& probe, const Json& container, runtime::Process& proc, const std::string& ip, Time now) {
    Outcome o;
    if (probe.contains("exec")) {
        std::vector<std::string> argv;
        for (const Json& a : probe["exec"].value("command", Json::array()))
            if (a.is_string())
                argv.push_back(a.get<std::string>());
        std::string out, err;
        bool found = true;
        int code = proc.exec(argv, now, out, err, &found);
        if (!found) {
            o.output = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" +
                       (argv.empty() ? std::string() : argv[0]) + "\": executable file not found in $PATH: unknown";
            return o;
        }
        o.ok = code == 0;
        o.output = out + err;
        return o;
    }
    if (probe.contains("httpGet")) {
        const Json& h = probe["httpGet"];
        int port = resolvePort(h.value("port", Json()), container);
        std::string path = h.value("path", "/");
        std::string host = h.value("host", ip);
        std::string url = std::string(h.value("scheme", "HTTP") == "HTTPS" ? "https" : "http") + "://" + host + ":" +
                          std::to_string(port) + path;
        runtime::HttpResponse r = proc.probe(port, path, now);
        if (r.status == 0) {
            o.output = "Get \"" + url + "\": dial tcp " + host + ":" + std::to_string(port) + ": connect: connection refused";
            return o;
        }
        if (r.status < 0) {
            o.output = "Get \"" + url + "\": net/http: HTTP/1.x transport connection broken: malformed HTTP response";
            return o;
        }
        o.ok = r.status >= 200 && r.status < 400;
        if (!o.ok)
            o.output = "HTTP probe failed with statuscode: " + std::to_string(r.status);
        return o;
    }
    if (probe.contains("tcpSocket") || probe.contains("grpc")) {
        const Json& t = probe.contains("tcpSocket") ? probe["tcpSocket"] : probe["grpc"];
        int port = resolvePort(t.value("port", Json()), container);
        std::string host = t.value("host", ip);
        o.ok = proc.listens(port);
        if (!o.ok)
            o.output = "dial tcp " + host + ":" + std::to_string(port) + ": connect: connection refused";
        return o;
    }
    o.ok = true;  // no handler: validation rejects it; count it as success
    return o;
}

}  // namespace

void Kubelets::resetProbes(PodState& pod, ContainerState& c, const Json& spec, Time now) {
    struct Kind {
        ProbeState* state;
        const char* key;
        bool initial;
    };
    for (Kind k : {Kind{&c.startup, "startupProbe", false}, Kind{&c.liveness, "livenessProbe", true},
                   Kind{&c.readiness, "readinessProbe", false}}) {
        *k.state = ProbeState{};
        if (!spec.contains(k.key) || !spec[k.key].is_object() || (c.init && !c.sidecar))
            continue;
        const Json& p = spec[k.key];
        k.state->defined = true;
        k.state->ok = k.initial;
        k.state->containerID = c.current ? c.current->id : "";
        Duration period = Duration::seconds(std::max<int64_t>(1, p.value("periodSeconds", 10)));
        Time earliest = now + Duration::seconds(p.value("initialDelaySeconds", 0));
        k.state->next = c.running() ? firstTick(pod.admittedAt, period, earliest) : kNever;
    }
}

bool Kubelets::runProbes(PodState& pod, NodeState& node, const Json& obj, Time now) {
    bool statusChanged = false;
    const std::string ip = pod.hostNetwork ? node.config.internalIP : pod.podIP;
    for (size_t i = 0; i < pod.containers.size(); ++i) {
        ContainerState& c = pod.containers[i];
        if (!c.running() || (c.init && !c.sidecar))
            continue;
        const Json& spec = containerSpec(obj, pod, i);
        const std::string fieldPath =
            std::string(i < pod.initCount ? "spec.initContainers{" : "spec.containers{") + c.name + "}";
        struct Kind {
            ProbeState* state;
            const char* key;
            const char* label;
        };
        for (Kind k : {Kind{&c.startup, "startupProbe", "Startup"}, Kind{&c.liveness, "livenessProbe", "Liveness"},
                       Kind{&c.readiness, "readinessProbe", "Readiness"}}) {
            ProbeState& ps = *k.state;
            if (!ps.defined || ps.next > now || ps.containerID != c.current->id)
                continue;
            const Json& p = spec.value(k.key, Json::object());
            Duration period = Duration::seconds(std::max<int64_t>(1, p.value("periodSeconds", 10)));
            ps.next = firstTick(pod.admittedAt, period, now + Duration::millis(1));
            if (&ps == &c.startup && c.startup.ok) {
                ps.next = kNever;  // a started container is not probed for startup again
                continue;
            }
            if (&ps != &c.startup && c.startup.defined && !c.startup.ok)
                continue;
            if (&ps != &c.readiness && c.restartRequested)
                continue;  // on hold until the new container runs
            // Liveness and startup are not probed once deletion started (a quiet shutdown).
            if (&ps != &c.readiness && pod.terminating)
                continue;
            Outcome o = runProbe(p, spec, *c.current->process, ip, now);
            int threshold = o.ok ? static_cast<int>(p.value("successThreshold", 1))
                                 : static_cast<int>(p.value("failureThreshold", 3));
            if (o.ok) {
                ++ps.successes;
                ps.failures = 0;
            } else {
                ++ps.failures;
                ps.successes = 0;
                event(node, obj, "Warning", "Unhealthy", std::string(k.label) + " probe failed: " + o.output, fieldPath);
            }
            int run = o.ok ? ps.successes : ps.failures;
            if (run < threshold)
                continue;
            bool before = ps.ok;
            ps.ok = o.ok;
            if (&ps == &c.readiness || &ps == &c.startup)
                statusChanged = statusChanged || before != ps.ok;
            if (&ps == &c.startup && ps.ok)
                ps.next = kNever;
            if (!o.ok && &ps != &c.readiness) {
                // A failed liveness or startup probe: kill (and usually restart) the container.
                bool restart = c.sidecar || stringAt(obj, "spec.restartPolicy", "Always") != "Never";
                std::string what = &ps == &c.liveness ? "liveness" : "startup";
                c.restartRequested = true;
                c.restartMessage = "Container " + c.name + " failed " + what + " probe" + (restart ? ", will be restarted" : "");
                ps.failures = 0;
                pod.needsSync = true;
                continue;
            }
            // Nothing more can change until the process does: wait for that.
            if (o.ok && ps.ok) {
                Time change = c.current->process->nextChangeAfter(now);
                if (change != kNever && change > ps.next)
                    ps.next = firstTick(pod.admittedAt, period, change);
                else if (change == kNever)
                    ps.next = kNever;
            }
        }
    }
    return statusChanged;
}

Time Kubelets::nextProbeTime(const PodState& pod) const {
    Time next = kNever;
    for (const ContainerState& c : pod.containers) {
        if (!c.running())
            continue;
        for (const ProbeState* p : {&c.startup, &c.liveness, &c.readiness})
            if (p->defined && p->containerID == c.current->id)
                next = std::min(next, p->next);
    }
    return next;
}

}  // namespace kp::kubelet
