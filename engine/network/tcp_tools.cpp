#include "network/tcp_tools.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "base/text.h"
#include "runtime/resp.h"

namespace kp::network {
namespace {

// A port operand: digits up to 65535, or nullopt.
std::optional<int64_t> numericPort(const std::string& s) {
    if (!allDigits(s) || s.size() > 5)
        return std::nullopt;
    const int64_t port = std::atoll(s.c_str());
    if (port > 65535)
        return std::nullopt;
    return port;
}

const char* kBusyboxNcUsage =
    "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n"
    "Usage: nc [OPTIONS] HOST PORT  - connect\n"
    "nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n"
    "\t-e PROG\tRun PROG after connect (must be last)\n"
    "\t-l\tListen mode, for inbound connects\n"
    "\t-lk\tWith -e, provides persistent server\n"
    "\t-p PORT\tLocal port\n"
    "\t-s ADDR\tLocal address\n"
    "\t-w SEC\tTimeout for connects and final net reads\n"
    "\t-i SEC\tDelay interval for lines sent\n"
    "\t-n\tDon't do DNS resolution\n"
    "\t-u\tUDP mode\n"
    "\t-b\tAllow broadcasts\n"
    "\t-v\tVerbose\n"
    "\t-o FILE\tHex dump traffic\n"
    "\t-z\tZero-I/O mode (scanning)\n";

// Options parsed getopt-style: flags may be grouped ("-zv"), a value may follow its letter
// ("-w5") or be the next word. Returns the operands; *bad is the offending letter.
struct ShortOptions {
    std::string flags;                       // one char per flag occurrence, in order
    std::map<char, std::string> values;      // the last value of each option with a value
    std::vector<std::string> operands;
    char bad = 0;
    bool missingValue = false;
};

ShortOptions parseShort(const std::vector<std::string>& args, const std::string& withValue, const std::string& flags) {
    ShortOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            o.operands.insert(o.operands.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (a.size() < 2 || a[0] != '-') {
            o.operands.push_back(a);
            continue;
        }
        for (size_t k = 1; k < a.size(); ++k) {
            const char c = a[k];
            if (withValue.find(c) != std::string::npos) {
                if (k + 1 < a.size()) {
                    o.values[c] = a.substr(k + 1);
                } else if (i + 1 < args.size()) {
                    o.values[c] = args[++i];
                } else {
                    o.bad = c;
                    o.missingValue = true;
                    return o;
                }
                o.flags += c;
                break;
            }
            if (flags.find(c) == std::string::npos) {
                o.bad = c;
                return o;
            }
            o.flags += c;
        }
    }
    return o;
}

size_t count(const std::string& flags, char c) {
    size_t n = 0;
    for (char f : flags)
        n += f == c ? 1 : 0;
    return n;
}

// /etc/services names on Ubuntu 22.04 (netbase) for the ports learners meet.
const char* serviceName(int64_t port) {
    switch (port) {
    case 22: return "ssh";
    case 53: return "domain";
    case 80: return "http";
    case 443: return "https";
    case 3306: return "mysql";
    case 5432: return "postgresql";
    case 6379: return "redis";
    case 8080: return "http-alt";
    default: return nullptr;
    }
}

// sdscatrepr: a quoted string with C escapes, as redis-cli prints bulk replies on a terminal.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        default:
            if (std::isprint(c)) {
                out += static_cast<char>(c);
            } else {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                out += hex;
            }
        }
    }
    return out + "\"";
}

// cliFormatReplyTTY.
std::string formatTty(const runtime::resp::Value& v, const std::string& prefix) {
    using Type = runtime::resp::Value::Type;
    switch (v.type) {
    case Type::Error: return "(error) " + v.text + "\n";
    case Type::Status: return v.text + "\n";
    case Type::Integer: return "(integer) " + std::to_string(v.integer) + "\n";
    case Type::Bulk: return quoted(v.text) + "\n";
    case Type::Nil: return "(nil)\n";
    case Type::Array: {
        if (v.elements.empty())
            return "(empty array)\n";
        const int width = static_cast<int>(std::to_string(v.elements.size()).size());
        const std::string inner = prefix + std::string(static_cast<size_t>(width) + 2, ' ');
        std::string out;
        for (size_t i = 0; i < v.elements.size(); ++i) {
            char index[32];
            std::snprintf(index, sizeof index, "%*zu) ", width, i + 1);
            out += (i == 0 ? "" : prefix) + index + formatTty(v.elements[i], inner);
        }
        return out;
    }
    }
    return "";
}

// cliFormatReplyRaw (without the command delimiter).
std::string formatRaw(const runtime::resp::Value& v) {
    using Type = runtime::resp::Value::Type;
    switch (v.type) {
    case Type::Error: return v.text + "\n";
    case Type::Status:
    case Type::Bulk: return v.text;
    case Type::Integer: return std::to_string(v.integer);
    case Type::Nil: return "";
    case Type::Array: {
        std::string out;
        for (size_t i = 0; i < v.elements.size(); ++i)
            out += (i ? "\n" : "") + formatRaw(v.elements[i]);
        return out;
    }
    }
    return "";
}

std::string connectError(const Outcome& o) {
    switch (o.kind) {
    case Outcome::Kind::Unresolved: return "Name or service not known";
    case Outcome::Kind::Refused: return "Connection refused";
    case Outcome::Kind::Timeout: return "Connection timed out";
    case Outcome::Kind::Response: break;
    }
    return "";
}

}  // namespace

ToolRun busyboxNc(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                  Time now) {
    ToolRun r;
    ShortOptions o = parseShort(args, "epswio", "nubvlkz");
    if (o.bad) {
        r.err = std::string("nc: ") + (o.missingValue ? "option requires an argument -- '" : "invalid option -- '") + o.bad +
                "'\n" + kBusyboxNcUsage;
        r.exitCode = 1;
        return r;
    }
    if (o.operands.size() > 2 || o.operands.empty()) {
        if (o.operands.empty() && count(o.flags, 'l')) {
            // SIMPLIFICATION: listen mode waits for a connection nobody in the simulation makes;
            // it ends at once instead of blocking.
            return r;
        }
        r.err = kBusyboxNcUsage;
        r.exitCode = 1;
        return r;
    }
    const std::string& host = o.operands[0];
    int64_t port = 0;
    if (o.operands.size() == 2) {
        std::optional<int64_t> p = numericPort(o.operands[1]);
        if (!p) {
            r.err = "nc: bad port '" + o.operands[1] + "'\n";
            r.exitCode = 1;
            return r;
        }
        port = *p;
    }
    const size_t verbose = count(o.flags, 'v');
    const bool zero = count(o.flags, 'z') > 0;
    // One lookup: the connection resolves the name (and records it) before it connects.
    Outcome c = traffic.tcp(origin, host, port, zero ? std::string() : input, now);
    if (c.kind == Outcome::Kind::Unresolved) {
        r.err = "nc: bad address '" + host + "'\n";
        r.exitCode = 1;
        return r;
    }
    const std::string& ip = c.ip;
    if (c.kind != Outcome::Kind::Response) {
        // -v alone stays quiet about a refused port (a scan's closed ports); -vv reports it.
        // SIMPLIFICATION: a connect timeout is reported at once, without the virtual wait.
        if (verbose > 1 || (verbose == 1 && c.kind != Outcome::Kind::Refused))
            r.err = "nc: " + host + " (" + ip + "): " + connectError(c) + "\n";
        if (verbose > 1)
            r.err += "sent 0, rcvd 0\n";
        r.exitCode = 1;
        return r;
    }
    if (verbose)
        r.err = host + " (" + ip + ") open\n";
    // busybox's nc closes its sending side at the end of its input, so the server answers and
    // closes too.
    if (!zero)
        r.out = c.bytes;
    if (verbose > 1)
        r.err += "sent " + std::to_string(zero ? 0 : input.size()) + ", rcvd " + std::to_string(r.out.size()) + "\n";
    return r;
}

ToolRun openbsdNc(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                  Time now) {
    ToolRun r;
    ShortOptions o = parseShort(args, "IiMmOPpqsTVWwXx", "46bCDdFhklNnrStUuvZz");
    const std::string usage =
        "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
        "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
        "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
        "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
        "\t  [destination] [port]\n";
    if (o.bad) {
        r.err = std::string("nc: ") + (o.missingValue ? "option requires an argument -- '" : "invalid option -- '") + o.bad +
                "'\n" + usage;
        r.exitCode = 1;
        return r;
    }
    if (o.operands.size() != 2) {
        // SIMPLIFICATION: listen mode (-l) is not simulated; it prints the usage like a bad
        // command line.
        r.err = usage;
        r.exitCode = 1;
        return r;
    }
    const std::string& host = o.operands[0];
    const std::optional<int64_t> port = numericPort(o.operands[1]);
    if (!port) {
        r.err = "nc: port number invalid: " + o.operands[1] + "\n";
        r.exitCode = 1;
        return r;
    }
    const bool verbose = count(o.flags, 'v') > 0, zero = count(o.flags, 'z') > 0;
    // One lookup: the connection resolves the name (and records it) before it connects.
    Outcome c = traffic.tcp(origin, host, *port, zero ? std::string() : input, now);
    if (c.kind == Outcome::Kind::Unresolved) {
        r.err = "nc: getaddrinfo for host \"" + host + "\" port " + o.operands[1] + ": Name or service not known\n";
        r.exitCode = 1;
        return r;
    }
    if (c.kind != Outcome::Kind::Response) {
        // SIMPLIFICATION: a connect timeout is reported at once, without the virtual wait.
        if (verbose)
            r.err = "nc: connect to " + host + " port " + o.operands[1] + " (tcp) failed: " + connectError(c) + "\n";
        r.exitCode = 1;
        return r;
    }
    if (verbose || zero) {
        const char* service = count(o.flags, 'n') ? nullptr : serviceName(*port);
        r.err = "Connection to " + host + (host != c.ip ? " (" + c.ip + ")" : "") + " " + o.operands[1] + " port [tcp/" +
                (service ? service : "*") + "] succeeded!\n";
    }
    if (zero)
        return r;
    r.out = c.bytes;
    // Without -N (shut the sending side down at the end of the input) or -q, nc keeps the
    // connection open after its input ends; a server that waits for the client (redis, an
    // HTTP/1.1 keep-alive request) then never closes, and nc waits for Ctrl+C or its -w idle
    // timeout.
    const bool halfCloses = count(o.flags, 'N') > 0;
    if (!c.serverCloses && !halfCloses) {
        if (o.values.count('q') && std::atoll(o.values['q'].c_str()) >= 0) {
            r.keepsRunning = true;
            r.after = Duration::seconds(std::atoll(o.values['q'].c_str()));
        } else if (o.values.count('w')) {
            r.keepsRunning = true;
            r.after = Duration::seconds(std::max<int64_t>(1, std::atoll(o.values['w'].c_str())));
        } else {
            r.keepsRunning = true;
        }
    }
    return r;
}

RedisCliOptions parseRedisCliArgs(const std::vector<std::string>& args, bool tty) {
    RedisCliOptions o;
    o.raw = !tty;
    size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasNext = i + 1 < args.size();
        if (a == "-h" && hasNext) {
            o.host = args[++i];
        } else if (a == "-p" && hasNext) {
            o.port = std::atoll(args[++i].c_str());
        } else if (a == "-n" && hasNext) {
            o.db = std::atoll(args[++i].c_str());
        } else if (a == "-a" && hasNext) {
            ++i;
        } else if (a == "--raw") {
            o.raw = true;
        } else if (a == "--no-raw") {
            o.raw = false;
        } else if (a == "-x") {
            o.fromStdin = true;
        } else if (a == "-v" || a == "--version") {
            o.version = true;
            break;
        } else if (!a.empty() && a[0] == '-') {
            o.error = "Unrecognized option or bad number of args for: '" + a + "'\n";
            break;
        } else {
            break;
        }
    }
    o.commandAt = i;
    return o;
}

ToolRun redisCli(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                 bool tty, Time now) {
    ToolRun r;
    const RedisCliOptions o = parseRedisCliArgs(args, tty);
    if (o.version) {
        r.out = "redis-cli 7.4.1\n";
        return r;
    }
    if (!o.error.empty()) {
        r.err = o.error;
        r.exitCode = 1;
        return r;
    }
    // SIMPLIFICATION: -a's password is not sent (the servers here have none) and redis-cli's
    // warning about a password on the command line is not printed.
    const std::string& host = o.host;
    const int64_t port = o.port, db = o.db;
    const bool raw = o.raw, fromStdin = o.fromStdin;
    const size_t i = o.commandAt;
    std::vector<std::vector<std::string>> commands;
    if (i < args.size()) {
        std::vector<std::string> argv(args.begin() + static_cast<long>(i), args.end());
        if (fromStdin) {
            std::string last = input;
            argv.push_back(last);
        }
        commands.push_back(argv);
    } else {
        // No command: one per line of the input (what the REPL reads when it is not a terminal).
        // SIMPLIFICATION: an interactive `kubectl exec -it ... -- redis-cli` session is not
        // simulated; with no input it ends at once.
        size_t pos = 0;
        std::string lines = input;
        if (!lines.empty() && lines.back() != '\n')
            lines += '\n';
        std::string ignored;
        while (std::optional<std::vector<std::string>> argv = runtime::resp::nextCommand(lines, pos, &ignored)) {
            const std::string name = asciiLower((*argv)[0]);
            if (name == "quit" || name == "exit")
                break;
            commands.push_back(*argv);
        }
    }
    std::string wire;
    if (db != 0)
        wire += runtime::resp::encodeCommand({"SELECT", std::to_string(db)});
    for (const auto& argv : commands)
        wire += runtime::resp::encodeCommand(argv);
    Outcome c = traffic.tcp(origin, host, port, wire, now);
    if (c.kind != Outcome::Kind::Response) {
        // SIMPLIFICATION: a connect timeout is reported at once, without the virtual wait.
        r.err = kRedisConnectFailure + host + ":" + std::to_string(port) + ": " + connectError(c) + "\n";
        r.exitCode = 1;
        return r;
    }
    size_t pos = 0;
    if (db != 0)
        runtime::resp::parse(c.bytes, pos);
    for (size_t k = 0; k < commands.size(); ++k) {
        std::optional<runtime::resp::Value> reply = runtime::resp::parse(c.bytes, pos);
        if (!reply) {
            r.err += "Error: Server closed the connection\n";
            r.exitCode = 1;
            return r;
        }
        r.out += raw ? formatRaw(*reply) + "\n" : formatTty(*reply, "");
    }
    return r;
}

}  // namespace kp::network
