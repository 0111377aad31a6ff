// What redis-server (the redis image) answers on its TCP port: the string and list commands
// learners try (PING, SET/GET, INCR, DEL, KEYS, EXPIRE/TTL, LPUSH/LRANGE...), with redis 7's
// replies and error texts (redis 6.0's where they differ, for the 6.0.5 images of the guestbook
// tutorial). The data lives as long as the container: a restart starts empty, as the image's
// default (no persistence volume) does.
//
// Replication (redis_replication.cpp): a server started with `--replicaof HOST PORT` is a
// read-only replica. It connects to its master through the pod's network (cluster DNS, the
// Service VIP), gets a full copy (PSYNC -> FULLRESYNC and a snapshot) and then follows the
// master's writes; both sides log what redis 6.0 logs. When the master cannot be reached the
// replica logs the failure, retries, and keeps serving its last copy.
//
// SIMPLIFICATION: replication is pulled, not streamed. redis-server's replicationCron retries
// once per second and the master pushes every write down the open connection; here the replica
// (re)connects and catches up when someone looks at it (a request, a log read, an exec), through
// one short connection each time: what it serves is always what the master had at that moment.
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "runtime/resp.h"
#include "runtime/tcp_dial.h"

namespace kp::runtime {

class RedisServer {
public:
    struct Options {
        std::string version = "7.4.1";  // redis_version: error texts and RDB lines follow it
        int pid = 1;                     // redis-server's pid in its container (log prefixes)
        std::string seed;                // makes the replication IDs of this instance (its pod's name)
    };
    // A log line as redis prints it: "<pid>:<role> <time> <level> <message>", role M (master),
    // S (replica) or C (a BGSAVE child), level '*' (notice) or '#' (warning).
    using Logger = std::function<void(Time at, int pid, char role, char level, const std::string& message)>;

    RedisServer() = default;
    explicit RedisServer(Options options) : options_(std::move(options)) {}
    void setLogger(Logger logger) { logger_ = std::move(logger); }

    // Makes this server a replica of host:port (`--replicaof`), announcing `ownIP` to the master
    // and reaching it through `dial`. The first connection attempt happens at `now`.
    void replicaOf(std::string host, int port, std::string ownIP, TcpDial dial, Time now);
    bool isReplica() const { return !masterHost_.empty(); }
    // A replica connects when its link is down (at most once a second) and catches up with its
    // master when it is up. Nothing for a master.
    void pollReplication(Time now);

    // One connection: the client sent `input` and then closed its side (nc, redis-cli), so the
    // server answers every complete command in it and closes. Returns the reply bytes.
    // *closed: the server itself closed the connection (QUIT, a protocol error).
    std::string serve(const std::string& input, Time now, bool* closed = nullptr);
    // One command (argv[0] is the command name in any case).
    resp::Value execute(const std::vector<std::string>& argv, Time now, bool* quit = nullptr);

private:
    struct Replica {  // a replica as its master knows it
        std::string ip;
        int port = 6379;
        int64_t ackOffset = 0;
        Time ackTime;
    };
    struct Connection {  // what one client connection announced (REPLCONF)
        std::string ip;
        int listeningPort = 0;
    };
    struct Entry {
        bool isList = false;
        std::string text;
        std::deque<std::string> list;
        std::optional<Time> expireAt;
    };
    // The error a command gets before it runs (unknown, wrong arity, a write on a replica).
    std::optional<resp::Value> rejectCommand(const std::vector<std::string>& argv) const;
    // Runs a known command with the right arity (a replica applies its master's writes here).
    resp::Value apply(const std::vector<std::string>& argv, Time now, bool* quit = nullptr);
    Entry* find(const std::string& key, Time now);  // nullptr when absent or expired
    resp::Value incrementBy(const std::string& key, int64_t by, Time now);

    // [replication] redis_replication.cpp
    void log(Time at, char level, const std::string& message, int pid = 0, char role = 0);
    char role() const { return isReplica() ? 'S' : 'M'; }
    bool isWriteCommand(const std::string& name) const;
    void propagate(const std::vector<std::string>& argv);
    resp::Value replconf(const std::vector<std::string>& argv, Time now);
    // PSYNC on a master: the raw reply (+FULLRESYNC and a snapshot, or +CONTINUE and the backlog).
    std::string psync(const std::vector<std::string>& argv, Time now);
    std::string startupReplid() const;
    std::string snapshot(Time now) const;  // the data set as the commands that rebuild it
    int64_t rdbSizeEstimate(Time now) const;
    std::string infoReplication(Time now) const;
    void pollOnce(Time now);
    void connectToMaster(Time now);
    void masterLinkLost(Time now);
    void applyStream(const std::string& commands, Time now);

    Options options_;
    Logger logger_;
    std::map<std::string, Entry> data_;
    Connection conn_;

    // Master side.
    std::string replid_;          // "" until the first replica asks (no backlog yet)
    int64_t masterOffset_ = 0;    // master_repl_offset: bytes of write commands propagated
    std::string backlog_;         // the propagated commands, from offset 1
    bool selectedDb_ = false;     // the stream starts with SELECT 0
    std::vector<Replica> replicas_;
    int bgsaves_ = 0;

    // Replica side.
    std::string masterHost_, ownIP_;
    int masterPort_ = 0;
    TcpDial dial_;
    bool linkUp_ = false;
    std::string masterReplid_;    // the master's replication ID this copy follows ("" = none)
    int64_t replicaOffset_ = 0;   // slave_repl_offset
    Time nextAttempt_, linkDownSince_, lastIo_;
    bool polling_ = false;
};

}  // namespace kp::runtime
