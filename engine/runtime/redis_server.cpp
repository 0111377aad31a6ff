#include "runtime/redis_server.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>

#include "base/text.h"

namespace kp::runtime {
namespace {

bool toInteger(const std::string& s, int64_t& out) {
    if (s.empty() || s.size() > 20)
        return false;
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || std::isspace(static_cast<unsigned char>(s[0])))
        return false;
    out = v;
    return true;
}

// Glob matching as KEYS does it: * ? [abc] [^a] [a-z] and \ escapes.
bool globMatch(const std::string& p, size_t pi, const std::string& s, size_t si) {
    while (pi < p.size()) {
        const char c = p[pi];
        if (c == '*') {
            while (pi + 1 < p.size() && p[pi + 1] == '*')
                ++pi;
            if (pi + 1 == p.size())
                return true;
            for (size_t k = si; k <= s.size(); ++k)
                if (globMatch(p, pi + 1, s, k))
                    return true;
            return false;
        }
        if (si == s.size())
            return false;
        if (c == '?') {
            ++pi;
            ++si;
            continue;
        }
        if (c == '[') {
            size_t k = pi + 1;
            const bool negate = k < p.size() && p[k] == '^';
            if (negate)
                ++k;
            bool matched = false;
            for (; k < p.size() && p[k] != ']'; ++k) {
                if (p[k] == '\\' && k + 1 < p.size()) {
                    matched |= p[++k] == s[si];
                } else if (k + 2 < p.size() && p[k + 1] == '-' && p[k + 2] != ']') {
                    char lo = p[k], hi = p[k + 2];
                    if (lo > hi)
                        std::swap(lo, hi);
                    matched |= s[si] >= lo && s[si] <= hi;
                    k += 2;
                } else {
                    matched |= p[k] == s[si];
                }
            }
            if (matched == negate)
                return false;
            pi = k < p.size() ? k + 1 : k;
            ++si;
            continue;
        }
        const char literal = c == '\\' && pi + 1 < p.size() ? p[++pi] : c;
        if (literal != s[si])
            return false;
        ++pi;
        ++si;
    }
    return si == s.size();
}

resp::Value wrongType() { return resp::error("WRONGTYPE Operation against a key holding the wrong kind of value"); }
resp::Value notInteger() { return resp::error("ERR value is not an integer or out of range"); }
resp::Value syntaxError() { return resp::error("ERR syntax error"); }

// Command name -> arity as redis declares it (negative: at least that many).
const std::map<std::string, int>& arities() {
    static const std::map<std::string, int> table = {
        {"ping", -1},   {"echo", 2},    {"set", -3},     {"get", 2},     {"del", -2},    {"exists", -2},
        {"incr", 2},    {"decr", 2},    {"incrby", 3},   {"decrby", 3},  {"append", 3},  {"strlen", 2},
        {"keys", 2},    {"dbsize", 1},  {"flushall", -1}, {"flushdb", -1}, {"expire", -3}, {"ttl", 2},
        {"persist", 2}, {"type", 2},    {"quit", -1},    {"lpush", -3},  {"rpush", -3},  {"lpop", -2},
        {"rpop", -2},   {"llen", 2},    {"lrange", 4},   {"select", 2},  {"mget", -2},   {"mset", -3},
        {"info", -1},   {"replconf", -1}, {"psync", 3},
    };
    return table;
}

}  // namespace

RedisServer::Entry* RedisServer::find(const std::string& key, Time now) {
    auto it = data_.find(key);
    if (it == data_.end())
        return nullptr;
    if (it->second.expireAt && *it->second.expireAt <= now) {
        data_.erase(it);
        return nullptr;
    }
    return &it->second;
}

resp::Value RedisServer::incrementBy(const std::string& key, int64_t by, Time now) {
    Entry* e = find(key, now);
    int64_t value = 0;
    if (e) {
        if (e->isList)
            return wrongType();
        if (!toInteger(e->text, value))
            return notInteger();
    }
    if ((by > 0 && value > LLONG_MAX - by) || (by < 0 && value < LLONG_MIN - by))
        return resp::error("ERR increment or decrement would overflow");
    value += by;
    if (!e)
        e = &data_[key];
    e->text = std::to_string(value);
    return resp::integer(value);
}

std::optional<resp::Value> RedisServer::rejectCommand(const std::vector<std::string>& argv) const {
    const std::string name = asciiLower(argv[0]);
    auto arity = arities().find(name);
    if (arity == arities().end()) {
        // redis 6.0 quotes the command name in backquotes, redis 7 in single quotes.
        const bool v6 = options_.version.rfind("6.", 0) == 0;
        std::string args;
        for (size_t i = 1; i < argv.size() && args.size() < 128; ++i)
            args += (v6 ? "`" : "'") + argv[i].substr(0, 128 - args.size()) + (v6 ? "`, " : "' ");
        std::string msg = (v6 ? "ERR unknown command `" : "ERR unknown command '") + argv[0].substr(0, 128) +
                          (v6 ? "`" : "'") + ", with args beginning with: " + args;
        std::replace(msg.begin(), msg.end(), '\r', ' ');
        std::replace(msg.begin(), msg.end(), '\n', ' ');
        return resp::error(msg);
    }
    const int n = static_cast<int>(argv.size());
    if ((arity->second > 0 && arity->second != n) || n < -arity->second)
        return resp::error("ERR wrong number of arguments for '" + name + "' command");
    // A replica refuses clients' writes (replica-read-only yes, the default).
    if (isReplica() && isWriteCommand(name))
        return resp::error("READONLY You can't write against a read only replica.");
    return std::nullopt;
}

resp::Value RedisServer::execute(const std::vector<std::string>& argv, Time now, bool* quit) {
    if (std::optional<resp::Value> rejected = rejectCommand(argv))
        return *rejected;
    const std::string name = asciiLower(argv[0]);
    if (name == "info") {
        // SIMPLIFICATION: the Server and Replication sections only.
        const std::string section = argv.size() > 1 ? asciiLower(argv[1]) : "default";
        std::string text;
        if (section == "server" || section == "default" || section == "all" || section == "everything")
            text += "# Server\r\nredis_version:" + options_.version + "\r\nredis_mode:standalone\r\nos:Linux\r\n"
                    "arch_bits:64\r\nprocess_id:" + std::to_string(options_.pid) + "\r\ntcp_port:6379\r\n";
        if (section == "replication" || section == "default" || section == "all" || section == "everything")
            text += (text.empty() ? "" : "\r\n") + infoReplication(now);
        return resp::bulk(text);
    }
    if (name == "replconf")
        return replconf(argv, now);
    resp::Value reply = apply(argv, now, quit);
    if (reply.type != resp::Value::Type::Error && isWriteCommand(name))
        propagate(argv);
    return reply;
}

resp::Value RedisServer::apply(const std::vector<std::string>& argv, Time now, bool* quit) {
    const std::string name = asciiLower(argv[0]);
    const int n = static_cast<int>(argv.size());

    if (name == "ping") {
        if (n > 2)
            return resp::error("ERR wrong number of arguments for 'ping' command");
        return n == 1 ? resp::status("PONG") : resp::bulk(argv[1]);
    }
    if (name == "echo")
        return resp::bulk(argv[1]);
    if (name == "quit") {
        if (quit)
            *quit = true;
        return resp::status("OK");
    }
    if (name == "select") {
        int64_t db = 0;
        if (!toInteger(argv[1], db))
            return notInteger();
        if (db != 0)
            // SIMPLIFICATION: one database (redis has 16); SELECT 1..15 is refused.
            return resp::error("ERR DB index is out of range");
        return resp::status("OK");
    }
    if (name == "set") {
        bool nx = false, xx = false, get = false, keepTtl = false;
        std::optional<Time> expireAt;
        for (int i = 3; i < n; ++i) {
            const std::string opt = asciiLower(argv[i]);
            if (opt == "nx" && !xx) {
                nx = true;
            } else if (opt == "xx" && !nx) {
                xx = true;
            } else if (opt == "get") {
                get = true;
            } else if (opt == "keepttl" && !expireAt) {
                keepTtl = true;
            } else if ((opt == "ex" || opt == "px") && !expireAt && !keepTtl && i + 1 < n) {
                int64_t amount = 0;
                if (!toInteger(argv[++i], amount))
                    return notInteger();
                if (amount <= 0)
                    return resp::error("ERR invalid expire time in 'set' command");
                expireAt = now + (opt == "ex" ? Duration::seconds(amount) : Duration::millis(amount));
            } else {
                return syntaxError();
            }
        }
        Entry* e = find(argv[1], now);
        if (get && e && e->isList)
            return wrongType();
        resp::Value old = get ? (e ? resp::bulk(e->text) : resp::nil()) : resp::nil();
        if ((nx && e) || (xx && !e))
            return get ? old : resp::nil();
        std::optional<Time> keep = keepTtl && e ? e->expireAt : std::nullopt;
        Entry& slot = data_[argv[1]];
        slot = Entry{};
        slot.text = argv[2];
        slot.expireAt = expireAt ? expireAt : keep;
        return get ? old : resp::status("OK");
    }
    if (name == "get") {
        Entry* e = find(argv[1], now);
        if (!e)
            return resp::nil();
        return e->isList ? wrongType() : resp::bulk(e->text);
    }
    if (name == "mget") {
        std::vector<resp::Value> values;
        for (int i = 1; i < n; ++i) {
            Entry* e = find(argv[i], now);
            values.push_back(e && !e->isList ? resp::bulk(e->text) : resp::nil());
        }
        return resp::array(std::move(values));
    }
    if (name == "mset") {
        if (n % 2 == 0)
            return resp::error("ERR wrong number of arguments for 'mset' command");
        for (int i = 1; i + 1 < n; i += 2) {
            Entry& slot = data_[argv[i]];
            slot = Entry{};
            slot.text = argv[i + 1];
        }
        return resp::status("OK");
    }
    if (name == "del" || name == "exists") {
        int64_t count = 0;
        for (int i = 1; i < n; ++i)
            if (find(argv[i], now)) {
                ++count;
                if (name == "del")
                    data_.erase(argv[i]);
            }
        return resp::integer(count);
    }
    if (name == "incr" || name == "decr")
        return incrementBy(argv[1], name == "incr" ? 1 : -1, now);
    if (name == "incrby" || name == "decrby") {
        int64_t by = 0;
        if (!toInteger(argv[2], by))
            return notInteger();
        if (name == "decrby") {
            if (by == LLONG_MIN)
                return resp::error("ERR decrement would overflow");
            by = -by;
        }
        return incrementBy(argv[1], by, now);
    }
    if (name == "append" || name == "strlen") {
        Entry* e = find(argv[1], now);
        if (e && e->isList)
            return wrongType();
        if (name == "strlen")
            return resp::integer(e ? static_cast<int64_t>(e->text.size()) : 0);
        if (!e)
            e = &data_[argv[1]];
        e->text += argv[2];
        return resp::integer(static_cast<int64_t>(e->text.size()));
    }
    if (name == "keys") {
        // SIMPLIFICATION: keys come in sorted order; redis walks its hash table.
        std::vector<resp::Value> keys;
        for (auto it = data_.begin(); it != data_.end();) {
            const std::string key = (it++)->first;
            if (find(key, now) && globMatch(argv[1], 0, key, 0))
                keys.push_back(resp::bulk(key));
        }
        return resp::array(std::move(keys));
    }
    if (name == "dbsize") {
        int64_t count = 0;
        for (auto it = data_.begin(); it != data_.end();)
            count += find((it++)->first, now) ? 1 : 0;
        return resp::integer(count);
    }
    if (name == "flushall" || name == "flushdb") {
        if (n > 2 || (n == 2 && asciiLower(argv[1]) != "sync" && asciiLower(argv[1]) != "async"))
            return syntaxError();
        data_.clear();
        return resp::status("OK");
    }
    if (name == "expire") {
        int64_t seconds = 0;
        if (!toInteger(argv[2], seconds))
            return notInteger();
        Entry* e = find(argv[1], now);
        if (!e)
            return resp::integer(0);
        if (seconds <= 0)
            data_.erase(argv[1]);
        else
            e->expireAt = now + Duration::seconds(seconds);
        return resp::integer(1);
    }
    if (name == "ttl") {
        Entry* e = find(argv[1], now);
        if (!e)
            return resp::integer(-2);
        if (!e->expireAt)
            return resp::integer(-1);
        // Rounded to the nearest second, as ttlGenericCommand does.
        return resp::integer(((*e->expireAt - now).ms + 500) / 1000);
    }
    if (name == "persist") {
        Entry* e = find(argv[1], now);
        if (!e || !e->expireAt)
            return resp::integer(0);
        e->expireAt.reset();
        return resp::integer(1);
    }
    if (name == "type") {
        Entry* e = find(argv[1], now);
        return resp::status(!e ? "none" : e->isList ? "list" : "string");
    }
    // Lists.
    Entry* e = find(argv[1], now);
    if (e && !e->isList)
        return wrongType();
    if (name == "lpush" || name == "rpush") {
        if (!e) {
            e = &data_[argv[1]];
            e->isList = true;
        }
        for (int i = 2; i < n; ++i) {
            if (name == "lpush")
                e->list.push_front(argv[i]);
            else
                e->list.push_back(argv[i]);
        }
        return resp::integer(static_cast<int64_t>(e->list.size()));
    }
    if (name == "llen")
        return resp::integer(e ? static_cast<int64_t>(e->list.size()) : 0);
    if (name == "lpop" || name == "rpop") {
        int64_t count = -1;
        if (n > 3)
            return syntaxError();
        if (n == 3 && (!toInteger(argv[2], count) || count < 0))
            return resp::error("ERR value is out of range, must be positive");
        if (!e)
            return resp::nil();
        std::vector<resp::Value> popped;
        const int64_t take = count < 0 ? 1 : count;
        for (int64_t i = 0; i < take && !e->list.empty(); ++i) {
            if (name == "lpop") {
                popped.push_back(resp::bulk(e->list.front()));
                e->list.pop_front();
            } else {
                popped.push_back(resp::bulk(e->list.back()));
                e->list.pop_back();
            }
        }
        if (e->list.empty())
            data_.erase(argv[1]);
        if (count < 0)
            return popped.front();
        return resp::array(std::move(popped));
    }
    // lrange
    int64_t start = 0, stop = 0;
    if (!toInteger(argv[2], start) || !toInteger(argv[3], stop))
        return notInteger();
    std::vector<resp::Value> items;
    if (e) {
        const int64_t len = static_cast<int64_t>(e->list.size());
        if (start < 0)
            start = std::max<int64_t>(len + start, 0);
        if (stop < 0)
            stop = len + stop;
        stop = std::min(stop, len - 1);
        for (int64_t i = start; i <= stop; ++i)
            items.push_back(resp::bulk(e->list[static_cast<size_t>(i)]));
    }
    return resp::array(std::move(items));
}

std::string RedisServer::serve(const std::string& input, Time now, bool* closed) {
    // A replica answers a client with what its master has written so far.
    if (isReplica()) {
        if (linkUp_)
            nextAttempt_ = now;
        pollReplication(now);
    }
    conn_ = Connection{};
    std::string out;
    size_t pos = 0;
    while (true) {
        std::string protocolError;
        std::optional<std::vector<std::string>> argv = resp::nextCommand(input, pos, &protocolError);
        if (!protocolError.empty()) {
            out += resp::encode(resp::error(protocolError));
            if (closed)
                *closed = true;
            break;
        }
        if (!argv)
            break;
        if (asciiLower((*argv)[0]) == "psync" && !rejectCommand(*argv)) {
            out += psync(*argv, now);  // a raw reply: a status line, then the snapshot's bytes
            continue;
        }
        bool quit = false;
        out += resp::encode(execute(*argv, now, &quit));
        if (quit) {
            if (closed)
                *closed = true;
            break;
        }
    }
    return out;
}

}  // namespace kp::runtime
