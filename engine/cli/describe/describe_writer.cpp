#include "cli/describe/describe_writer.h"

#include <algorithm>

#include "api/owner_refs.h"
#include "api/quantity.h"

namespace kp::cli::describe {
namespace {

const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";
constexpr size_t kMaxAnnotationLen = 140;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos)
            return out;
        start = p + 1;
    }
}

std::string scalarText(const Json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer())
        return std::to_string(v.get<int64_t>());
    return v.dump();
}

// kubectl's shorten(): keep maxLength characters and mark the cut with "...".
std::string shorten(const std::string& s, size_t maxLength) {
    if (s.size() > maxLength)
        return s.substr(0, maxLength) + "...";
    return s;
}

std::string portList(const Json* ports, const char* field) {
    std::string out;
    if (!ports || !ports->is_array())
        return out;
    for (const Json& p : *ports) {
        if (!out.empty())
            out += ", ";
        out += std::to_string(p.value(field, int64_t{0})) + "/" + p.value("protocol", std::string("TCP"));
    }
    return out;
}

void describeResources(Writer& w, const Json* resources, int level) {
    if (!resources || !resources->is_object())
        return;
    for (const char* kind : {"limits", "requests"}) {
        const Json* list = findPath(*resources, kind);
        if (!list || !list->is_object() || list->empty())
            continue;
        w.write(level, std::string(kind[0] == 'l' ? "Limits" : "Requests") + ":\n");
        for (const auto& [name, q] : list->items())
            w.write(level + 1, name + ":\t" + scalarText(q) + "\n");
    }
}

std::string describeProbe(const Json& probe) {
    std::string attrs = "delay=" + std::to_string(probe.value("initialDelaySeconds", 0)) + "s timeout=" +
                        std::to_string(probe.value("timeoutSeconds", 1)) + "s period=" +
                        std::to_string(probe.value("periodSeconds", 10)) + "s #success=" +
                        std::to_string(probe.value("successThreshold", 1)) + " #failure=" +
                        std::to_string(probe.value("failureThreshold", 3));
    if (const Json* exec = findPath(probe, "exec")) {
        std::string cmd;
        for (const Json& c : exec->value("command", Json::array()))
            cmd += (cmd.empty() ? "" : " ") + c.get<std::string>();
        return "exec [" + cmd + "] " + attrs;
    }
    if (const Json* http = findPath(probe, "httpGet")) {
        std::string scheme = http->value("scheme", std::string("HTTP"));
        for (char& c : scheme)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string host = http->value("host", std::string(""));
        std::string port = http->contains("port") ? scalarText(http->at("port")) : "";
        std::string url = scheme + "://" + host + ":" + port + http->value("path", std::string(""));
        return "http-get " + url + " " + attrs;
    }
    if (const Json* tcp = findPath(probe, "tcpSocket"))
        return "tcp-socket " + tcp->value("host", std::string("")) + ":" +
               (tcp->contains("port") ? scalarText(tcp->at("port")) : "") + " " + attrs;
    if (const Json* grpc = findPath(probe, "grpc"))
        return "grpc <pod>:" + std::to_string(grpc->value("port", 0)) + " " + grpc->value("service", std::string("")) +
               " " + attrs;
    return "unknown " + attrs;
}

void describeState(Writer& w, const std::string& title, const Json& state, Time now) {
    (void)now;
    if (const Json* r = findPath(state, "running")) {
        w.write(2, title + ":\tRunning\n");
        auto t = parseRFC3339(r->value("startedAt", std::string("")));
        w.write(3, "Started:\t" + (t ? formatRFC1123Z(*t) : std::string("Mon, 01 Jan 0001 00:00:00 +0000")) + "\n");
        return;
    }
    if (const Json* wt = findPath(state, "waiting")) {
        w.write(2, title + ":\tWaiting\n");
        w.write(3, "Reason:\t" + wt->value("reason", std::string("")) + "\n");
        if (std::string msg = wt->value("message", std::string("")); !msg.empty())
            w.write(3, "Message:\t" + msg + "\n");
        return;
    }
    if (const Json* t = findPath(state, "terminated")) {
        w.write(2, title + ":\tTerminated\n");
        w.write(3, "Reason:\t" + t->value("reason", std::string("")) + "\n");
        if (std::string msg = t->value("message", std::string("")); !msg.empty())
            w.write(3, "Message:\t" + msg + "\n");
        w.write(3, "Exit Code:\t" + std::to_string(t->value("exitCode", 0)) + "\n");
        if (t->value("signal", 0) > 0)
            w.write(3, "Signal:\t" + std::to_string(t->value("signal", 0)) + "\n");
        auto s = parseRFC3339(t->value("startedAt", std::string("")));
        auto f = parseRFC3339(t->value("finishedAt", std::string("")));
        w.write(3, "Started:\t" + (s ? formatRFC1123Z(*s) : std::string("Mon, 01 Jan 0001 00:00:00 +0000")) + "\n");
        w.write(3, "Finished:\t" + (f ? formatRFC1123Z(*f) : std::string("Mon, 01 Jan 0001 00:00:00 +0000")) + "\n");
        return;
    }
    w.write(2, title + ":\tWaiting\n");
}

void describeEnv(Writer& w, const Json& container) {
    const Json* env = findPath(container, "env");
    bool none = !env || !env->is_array() || env->empty();
    w.write(2, std::string("Environment:") + (none ? "\t<none>" : "") + "\n");
    if (none)
        return;
    for (const Json& e : *env) {
        std::string name = e.value("name", std::string(""));
        const Json* from = findPath(e, "valueFrom");
        if (!from) {
            std::vector<std::string> lines = split(e.value("value", std::string("")), '\n');
            for (size_t i = 0; i < lines.size(); ++i)
                w.write(3, (i == 0 ? name + ":\t" : std::string("\t")) + lines[i] + "\n");
            continue;
        }
        if (const Json* f = findPath(*from, "fieldRef")) {
            // SIMPLIFICATION: kubectl resolves the value from the pod; we print it empty like
            // templates do.
            w.write(3, name + ":\t (" + f->value("apiVersion", std::string("v1")) + ":" +
                           f->value("fieldPath", std::string("")) + ")\n");
        } else if (const Json* r = findPath(*from, "resourceFieldRef")) {
            w.write(3, name + ":\t (" + r->value("resource", std::string("")) + ")\n");
        } else if (const Json* s = findPath(*from, "secretKeyRef")) {
            bool optional = s->value("optional", false);
            w.write(3, name + ":\t<set to the key '" + s->value("key", std::string("")) + "' in secret '" +
                           s->value("name", std::string("")) + "'>\tOptional: " + (optional ? "true" : "false") + "\n");
        } else if (const Json* c = findPath(*from, "configMapKeyRef")) {
            bool optional = c->value("optional", false);
            w.write(3, name + ":\t<set to the key '" + c->value("key", std::string("")) + "' of config map '" +
                           c->value("name", std::string("")) + "'>\tOptional: " + (optional ? "true" : "false") + "\n");
        }
    }
}

void describeMounts(Writer& w, const Json& container) {
    const Json* mounts = findPath(container, "volumeMounts");
    bool none = !mounts || !mounts->is_array() || mounts->empty();
    w.write(2, std::string("Mounts:") + (none ? "\t<none>" : "") + "\n");
    if (none)
        return;
    std::vector<Json> sorted(mounts->begin(), mounts->end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
        return a.value("mountPath", std::string("")) < b.value("mountPath", std::string(""));
    });
    for (const Json& m : sorted) {
        std::string flags = m.value("readOnly", false) ? "ro" : "rw";
        if (std::string sub = m.value("subPath", std::string("")); !sub.empty())
            flags += ",path=\"" + sub + "\"";
        w.write(3, m.value("mountPath", std::string("")) + " from " + m.value("name", std::string("")) + " (" + flags + ")\n");
    }
}

}  // namespace

void Writer::write(int level, const std::string& text) {
    std::string prefix(static_cast<size_t>(level) * 2, ' ');
    tw_.write(prefix + text);
}

void printLabels(Writer& w, const std::string& title, const Json* labels, const std::string& indent) {
    w.write(0, indent + title + ":\t");
    if (!labels || !labels->is_object() || labels->empty()) {
        w.write(0, "<none>\n");
        return;
    }
    bool first = true;
    for (const auto& [k, v] : labels->items()) {
        if (!first)
            w.write(0, indent + "\t");
        first = false;
        w.write(0, k + "=" + scalarText(v) + "\n");
    }
}

void printAnnotations(Writer& w, const std::string& title, const Json* annotations) {
    w.write(0, title + ":\t");
    std::vector<std::pair<std::string, std::string>> items;
    if (annotations && annotations->is_object())
        for (const auto& [k, v] : annotations->items())
            if (k != kLastApplied)
                items.push_back({k, scalarText(v)});
    if (items.empty()) {
        w.write(0, "<none>\n");
        return;
    }
    bool first = true;
    for (auto& [key, value] : items) {
        if (!first)
            w.write(0, "\t");
        first = false;
        while (!value.empty() && value.back() == '\n')
            value.pop_back();
        if (value.size() + key.size() + 2 > kMaxAnnotationLen || value.find('\n') != std::string::npos) {
            w.write(0, key + ":\n");
            for (const std::string& line : split(value, '\n'))
                w.write(0, "\t  " + shorten(line, kMaxAnnotationLen - 2) + "\n");
        } else {
            w.write(0, key + ": " + value + "\n");
        }
    }
}

void printTolerations(Writer& w, const std::string& title, const Json* tolerations, const std::string& indent) {
    w.write(0, indent + title + ":\t");
    if (!tolerations || !tolerations->is_array() || tolerations->empty()) {
        w.write(0, "<none>\n");
        return;
    }
    std::vector<Json> sorted(tolerations->begin(), tolerations->end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
        return a.value("key", std::string("")) < b.value("key", std::string(""));
    });
    bool first = true;
    for (const Json& t : sorted) {
        if (!first)
            w.write(0, indent + "\t");
        first = false;
        std::string key = t.value("key", std::string("")), value = t.value("value", std::string(""));
        std::string effect = t.value("effect", std::string(""));
        std::string line = key;
        if (!value.empty())
            line += "=" + value;
        if (!effect.empty())
            line += ":" + effect;
        if (t.value("operator", std::string("")) == "Exists" && value.empty())
            line += (!key.empty() || !effect.empty()) ? " op=Exists" : "op=Exists";
        if (const Json* secs = findPath(t, "tolerationSeconds"); secs && secs->is_number())
            line += " for " + std::to_string(secs->get<int64_t>()) + "s";
        w.write(0, line + "\n");
    }
}

void describeContainers(Writer& w, const std::string& label, const Json* containers, const Json* statuses,
                        const std::string& space, Time now) {
    bool none = !containers || !containers->is_array() || containers->empty();
    w.write(0, space + label + ":" + (none ? " <none>" : "") + "\n");
    if (none)
        return;
    for (const Json& c : *containers) {
        std::string name = c.value("name", std::string(""));
        const Json* status = nullptr;
        if (statuses && statuses->is_array())
            for (const Json& s : *statuses)
                if (s.value("name", std::string("")) == name)
                    status = &s;
        w.write(1, (space.empty() ? "" : " ") + name + ":\n");
        if (status)
            w.write(2, "Container ID:\t" + status->value("containerID", std::string("")) + "\n");
        w.write(2, "Image:\t" + c.value("image", std::string("")) + "\n");
        if (status)
            w.write(2, "Image ID:\t" + status->value("imageID", std::string("")) + "\n");
        std::string ports = portList(findPath(c, "ports"), "containerPort");
        std::string hostPorts = portList(findPath(c, "ports"), "hostPort");
        w.write(2, std::string(ports.find(',') != std::string::npos ? "Ports:\t" : "Port:\t") +
                       (ports.empty() ? "<none>" : ports) + "\n");
        w.write(2, std::string(hostPorts.find(',') != std::string::npos ? "Host Ports:\t" : "Host Port:\t") +
                       (hostPorts.empty() ? "<none>" : hostPorts) + "\n");
        for (const char* field : {"command", "args"}) {
            const Json* list = findPath(c, field);
            if (!list || !list->is_array() || list->empty())
                continue;
            w.write(2, std::string(field[0] == 'c' ? "Command" : "Args") + ":\n");
            for (const Json& item : *list)
                for (const std::string& line : split(scalarText(item), '\n'))
                    w.write(3, line + "\n");
        }
        if (status) {
            describeState(w, "State", status->value("state", Json::object()), now);
            if (const Json* last = findPath(*status, "lastState.terminated"))
                describeState(w, "Last State", Json{{"terminated", *last}}, now);
            w.write(2, std::string("Ready:\t") + (status->value("ready", false) ? "True" : "False") + "\n");
            w.write(2, "Restart Count:\t" + std::to_string(status->value("restartCount", 0)) + "\n");
        }
        describeResources(w, findPath(c, "resources"), 2);
        if (const Json* p = findPath(c, "livenessProbe"))
            w.write(2, "Liveness:\t" + describeProbe(*p) + "\n");
        if (const Json* p = findPath(c, "readinessProbe"))
            w.write(2, "Readiness:\t" + describeProbe(*p) + "\n");
        if (const Json* p = findPath(c, "startupProbe"))
            w.write(2, "Startup:\t" + describeProbe(*p) + "\n");
        if (const Json* from = findPath(c, "envFrom"); from && from->is_array() && !from->empty()) {
            w.write(2, "Environment Variables from:\n");
            for (const Json& f : *from) {
                std::string prefix = f.value("prefix", std::string(""));
                bool isCm = f.contains("configMapRef");
                const Json& ref = isCm ? f.at("configMapRef") : f.value("secretRef", Json::object());
                std::string line = ref.value("name", std::string("")) + "\t" + (isCm ? "ConfigMap" : "Secret");
                if (!prefix.empty())
                    line += " with prefix '" + prefix + "'";
                line += std::string("\tOptional: ") + (ref.value("optional", false) ? "true" : "false");
                w.write(3, line + "\n");
            }
        }
        describeEnv(w, c);
        describeMounts(w, c);
    }
}

void describeVolumes(Writer& w, const Json* volumes, const std::string& space) {
    if (!volumes || !volumes->is_array() || volumes->empty()) {
        w.write(0, space + "Volumes:\t<none>\n");
        return;
    }
    w.write(0, space + "Volumes:\n");
    for (const Json& v : *volumes) {
        w.write(1, (space.empty() ? "" : " ") + v.value("name", std::string("")) + ":\n");
        if (const Json* p = findPath(v, "projected")) {
            w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for (const Json& s : p->value("sources", Json::array())) {
                if (const Json* sec = findPath(s, "secret"))
                    w.write(2, "SecretName:\t" + sec->value("name", std::string("")) + "\n    SecretOptionalName:\t" +
                                   (sec->contains("optional") ? scalarText(sec->at("optional")) : "<nil>") + "\n");
                else if (findPath(s, "downwardAPI"))
                    w.write(2, "DownwardAPI:\ttrue\n");
                else if (const Json* cm = findPath(s, "configMap"))
                    w.write(2, "ConfigMapName:\t" + cm->value("name", std::string("")) + "\n    ConfigMapOptional:\t" +
                                   (cm->contains("optional") ? scalarText(cm->at("optional")) : "<nil>") + "\n");
                else if (const Json* tok = findPath(s, "serviceAccountToken"))
                    w.write(2, "TokenExpirationSeconds:\t" + std::to_string(tok->value("expirationSeconds", 3600)) + "\n");
            }
        } else if (const Json* e = findPath(v, "emptyDir")) {
            std::string medium = e->value("medium", std::string(""));
            std::string limit = e->contains("sizeLimit") ? scalarText(e->at("sizeLimit")) : "<unset>";
            w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" + medium +
                           "\n    SizeLimit:\t" + limit + "\n");
        } else if (const Json* cm = findPath(v, "configMap")) {
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + cm->value("name", std::string("")) +
                           "\n    Optional:\t" + (cm->value("optional", false) ? "true" : "false") + "\n");
        } else if (const Json* sec = findPath(v, "secret")) {
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                           sec->value("secretName", std::string("")) + "\n    Optional:\t" +
                           (sec->value("optional", false) ? "true" : "false") + "\n");
        } else if (const Json* hp = findPath(v, "hostPath")) {
            w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + hp->value("path", std::string("")) +
                           "\n    HostPathType:\t" + hp->value("type", std::string("")) + "\n");
        } else if (const Json* pvc = findPath(v, "persistentVolumeClaim")) {
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    "
                       "ClaimName:\t" + pvc->value("claimName", std::string("")) + "\n    ReadOnly:\t" +
                           (pvc->value("readOnly", false) ? "true" : "false") + "\n");
        } else {
            w.write(2, "<unknown>\n");
        }
    }
}

void describePodTemplate(Writer& w, const Json& templ, Time now) {
    w.write(0, "Pod Template:\n");
    printLabels(w, "Labels", findPath(templ, "metadata.labels"), "  ");
    if (const Json* a = findPath(templ, "metadata.annotations"); a && a->is_object() && !a->empty())
        printAnnotations(w, "  Annotations", a);
    const Json spec = templ.value("spec", Json::object());
    if (std::string sa = spec.value("serviceAccountName", std::string("")); !sa.empty())
        w.write(1, "Service Account:\t" + sa + "\n");
    if (const Json* init = findPath(spec, "initContainers"); init && !init->empty())
        describeContainers(w, "Init Containers", init, nullptr, "  ", now);
    describeContainers(w, "Containers", findPath(spec, "containers"), nullptr, "  ", now);
    describeVolumes(w, findPath(spec, "volumes"), "  ");
    if (std::string pc = spec.value("priorityClassName", std::string("")); !pc.empty())
        w.write(1, "Priority Class Name:\t" + pc + "\n");
    printLabels(w, "Node-Selectors", findPath(spec, "nodeSelector"), "  ");
    printTolerations(w, "Tolerations", findPath(spec, "tolerations"), "  ");
}

void describeEvents(Writer& w, std::vector<Json> events, Time now) {
    if (events.empty()) {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    auto lastTime = [](const Json& e) {
        auto t = parseRFC3339(e.value("lastTimestamp", Json()).is_string() ? e.value("lastTimestamp", std::string("")) : "");
        return t ? t->ms : int64_t{0};
    };
    std::stable_sort(events.begin(), events.end(), [&](const Json& a, const Json& b) { return lastTime(a) < lastTime(b); });
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    auto since = [&](const Json& v) {
        auto t = v.is_string() ? parseRFC3339(v.get<std::string>()) : std::nullopt;
        return t ? translateTimestampSince(*t, now) : std::string("<unknown>");
    };
    for (const Json& e : events) {
        const Json eventTime = e.value("eventTime", Json());
        std::string first = eventTime.is_string() ? since(eventTime) : since(e.value("firstTimestamp", Json()));
        std::string interval = first;
        int64_t count = e.value("count", int64_t{0});
        if (const Json* series = findPath(e, "series"); series && series->is_object())
            interval = since(series->value("lastObservedTime", Json())) + " (x" +
                       std::to_string(series->value("count", 0)) + " over " + first + ")";
        else if (count > 1)
            interval = since(e.value("lastTimestamp", Json())) + " (x" + std::to_string(count) + " over " + first + ")";
        std::string source = stringAt(e, "source.component");
        if (source.empty())
            source = e.value("reportingComponent", std::string(""));
        std::string message = e.value("message", std::string(""));
        size_t b = message.find_first_not_of(" \t\n"), end = message.find_last_not_of(" \t\n");
        message = b == std::string::npos ? "" : message.substr(b, end - b + 1);
        w.write(1, e.value("type", std::string("")) + "\t" + e.value("reason", std::string("")) + "\t" + interval + "\t" +
                       source + "\t" + message + "\n");
    }
}

std::string controlledBy(const Json& obj) {
    const Json* ref = owner::controllerRef(obj);
    return ref ? ref->value("kind", std::string("")) + "/" + ref->value("name", std::string("")) : "";
}

}  // namespace kp::cli::describe
