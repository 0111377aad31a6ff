// Master-replica replication of RedisServer (see redis_server.h): the master's side (REPLCONF,
// PSYNC, the backlog of propagated writes, INFO replication) and the replica's (connecting,
// the handshake, full and partial resynchronization, losing the link), with redis 6.0's log
// lines. Upstream: redis src/replication.c (syncCommand, masterTryPartialResynchronization,
// syncWithMaster, slaveTryPartialResynchronization, replicationCron), src/rdb.c (BGSAVE and
// loading lines), src/server.c (genRedisInfoString).
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/text.h"
#include "runtime/image_catalog.h"
#include "runtime/redis_server.h"

namespace kp::runtime {
namespace {

constexpr const char* kNoReplid2 = "0000000000000000000000000000000000000000";
constexpr int64_t kBacklogSize = 1048576;  // repl-backlog-size 1mb

std::string replicaName(const std::string& ip, int port) { return ip + ":" + std::to_string(port); }

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < text.size()) {
        const size_t space = text.find(' ', start);
        words.push_back(text.substr(start, space == std::string::npos ? std::string::npos : space - start));
        if (space == std::string::npos)
            break;
        start = space + 1;
    }
    return words;
}

// Splits what a server wrote back into its replies; the snapshot after +FULLRESYNC is a bulk
// string without the final CRLF (as an RDB payload is sent), which resp::parse would wait for.
std::optional<resp::Value> readReply(const std::string& bytes, size_t& pos) {
    if (pos < bytes.size() && bytes[pos] == '$') {
        const size_t eol = bytes.find("\r\n", pos);
        if (eol == std::string::npos)
            return std::nullopt;
        const long long len = std::atoll(bytes.c_str() + pos + 1);
        if (len < 0 || eol + 2 + static_cast<size_t>(len) > bytes.size())
            return len < 0 ? std::optional<resp::Value>(resp::nil()) : std::nullopt;
        resp::Value v = resp::bulk(bytes.substr(eol + 2, static_cast<size_t>(len)));
        pos = eol + 2 + static_cast<size_t>(len);
        if (bytes.compare(pos, 2, "\r\n") == 0)
            pos += 2;
        return v;
    }
    return resp::parse(bytes, pos);
}

}  // namespace

void RedisServer::log(Time at, char level, const std::string& message, int pid, char role) {
    if (logger_)
        logger_(at, pid ? pid : options_.pid, role ? role : this->role(), level, message);
}

bool RedisServer::isWriteCommand(const std::string& name) const {
    static const std::vector<std::string> writes = {"set",    "del",   "incr",  "decr",     "incrby", "decrby",
                                                    "append", "mset",  "expire", "persist", "lpush",  "rpush",
                                                    "lpop",   "rpop",  "flushall", "flushdb"};
    return std::find(writes.begin(), writes.end(), name) != writes.end();
}

// [SECTION] master side

// The replication ID a server gets when it starts (a random one upstream).
std::string RedisServer::startupReplid() const { return pseudoHex64(options_.seed + "/start").substr(0, 40); }

// A write is appended to the replication backlog once a replica has asked for one: the stream
// starts with SELECT 0, as the master's first propagated command names the database.
// SIMPLIFICATION: a write that changes nothing (SET NX on an existing key) is propagated too.
void RedisServer::propagate(const std::vector<std::string>& argv) {
    if (replid_.empty())
        return;
    std::string bytes;
    if (!selectedDb_) {
        bytes += resp::encodeCommand({"SELECT", "0"});
        selectedDb_ = true;
    }
    bytes += resp::encodeCommand(argv);
    backlog_ += bytes;
    masterOffset_ += static_cast<int64_t>(bytes.size());
    if (static_cast<int64_t>(backlog_.size()) > kBacklogSize)
        backlog_.erase(0, backlog_.size() - static_cast<size_t>(kBacklogSize));
}

// REPLCONF listening-port / ip-address / capa during the handshake; REPLCONF ACK afterwards.
// SIMPLIFICATION: a replica's ACK carries its replication ID and address and the master answers
// with the writes after the acknowledged offset (the stream a real master pushes unasked).
resp::Value RedisServer::replconf(const std::vector<std::string>& argv, Time now) {
    if (argv.size() % 2 == 0)
        return resp::error("ERR syntax error");
    for (size_t i = 1; i + 1 < argv.size(); i += 2) {
        const std::string option = asciiLower(argv[i]);
        if (option == "listening-port") {
            conn_.listeningPort = std::atoi(argv[i + 1].c_str());
        } else if (option == "ip-address") {
            conn_.ip = argv[i + 1];
        } else if (option == "ack") {
            const int64_t offset = std::atoll(argv[i + 1].c_str());
            const std::string replid = i + 2 < argv.size() ? argv[i + 2] : "";
            const std::string ip = i + 3 < argv.size() ? argv[i + 3] : "";
            auto replica = std::find_if(replicas_.begin(), replicas_.end(), [&](const Replica& r) { return r.ip == ip; });
            const int64_t first = masterOffset_ - static_cast<int64_t>(backlog_.size());
            if (replid != replid_ || replica == replicas_.end() || offset < first || offset > masterOffset_)
                return resp::error("ERR no replication stream for this replica");  // the link broke
            replica->ackOffset = masterOffset_;
            replica->ackTime = now;
            return resp::bulk(backlog_.substr(static_cast<size_t>(offset - first)));
        } else if (option != "capa") {
            return resp::error("ERR Unrecognized REPLCONF option: " + argv[i]);
        }
    }
    return resp::status("OK");
}

std::string RedisServer::snapshot(Time now) const {
    std::string out;
    for (const auto& [key, e] : data_) {
        if (e.expireAt && *e.expireAt <= now)
            continue;
        if (e.isList) {
            std::vector<std::string> argv = {"RPUSH", key};
            argv.insert(argv.end(), e.list.begin(), e.list.end());
            out += resp::encodeCommand(argv);
        } else {
            out += resp::encodeCommand({"SET", key, e.text});
        }
        if (e.expireAt)
            out += resp::encodeCommand({"PEXPIRE", key, std::to_string((*e.expireAt - now).ms)});
    }
    return out;
}

// The RDB file's size: 175 bytes of header and auxiliary fields (redis 6.0.5 with an empty data
// set), then per key its type byte, length-prefixed key and value, and an expire when set.
// SIMPLIFICATION: an estimate; string encodings (integers, LZF) and list ziplists are ignored.
int64_t RedisServer::rdbSizeEstimate(Time now) const {
    int64_t size = 175;
    for (const auto& [key, e] : data_) {
        if (e.expireAt && *e.expireAt <= now)
            continue;
        size += 1 + 1 + static_cast<int64_t>(key.size());
        if (e.isList)
            for (const std::string& item : e.list)
                size += 1 + static_cast<int64_t>(item.size());
        else
            size += 1 + static_cast<int64_t>(e.text.size());
        if (e.expireAt)
            size += 9;
    }
    return size;
}

// The replica sent PING, REPLCONF and PSYNC <replid> <offset> ("?" -1 without a cached master).
std::string RedisServer::psync(const std::vector<std::string>& argv, Time now) {
    if (isReplica())
        return resp::encode(resp::error("ERR Can't SYNC while not connected with my master"));
    const std::string name = replicaName(conn_.ip.empty() ? "?" : conn_.ip, conn_.listeningPort ? conn_.listeningPort : 6379);
    log(now, '*', "Replica " + name + " asks for synchronization");
    const std::string& wantedId = argv[1];
    const int64_t wantedOffset = std::atoll(argv[2].c_str());
    const int64_t first = masterOffset_ - static_cast<int64_t>(backlog_.size()) + 1;
    auto registerReplica = [&] {
        auto it = std::find_if(replicas_.begin(), replicas_.end(), [&](const Replica& r) { return r.ip == conn_.ip; });
        if (it == replicas_.end())
            it = replicas_.insert(replicas_.end(), Replica{conn_.ip, conn_.listeningPort ? conn_.listeningPort : 6379, 0, now});
        it->ackOffset = masterOffset_;
        it->ackTime = now;
    };
    if (wantedId != "?" && !replid_.empty() && wantedId == replid_ && wantedOffset >= first &&
        wantedOffset <= masterOffset_ + 1) {
        const std::string missing = backlog_.substr(static_cast<size_t>(wantedOffset - first));
        log(now, '*', "Partial resynchronization request from " + name + " accepted. Sending " +
                          std::to_string(missing.size()) + " bytes of backlog starting from offset " +
                          std::to_string(wantedOffset) + ".");
        registerReplica();
        return "+CONTINUE\r\n$" + std::to_string(missing.size()) + "\r\n" + missing;
    }
    if (wantedId == "?")
        log(now, '*', "Full resync requested by replica " + name);
    else
        log(now, '*', "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '" + wantedId +
                          "', my replication IDs are '" + (replid_.empty() ? startupReplid() : replid_) +
                          "' and '" + kNoReplid2 + "')");
    if (replid_.empty()) {
        // The first replica: a new replication ID and the backlog (createReplicationBacklog).
        replid_ = pseudoHex64(options_.seed + "/replid").substr(0, 40);
        log(now, '*', "Replication backlog created, my new replication IDs are '" + replid_ + "' and '" + kNoReplid2 + "'");
    }
    // BGSAVE to disk: a forked child writes the RDB file, then the master sends it.
    const int child = options_.pid + 16 + (bgsaves_++);
    log(now, '*', "Starting BGSAVE for SYNC with target: disk");
    log(now, '*', "Background saving started by pid " + std::to_string(child));
    log(now + Duration::millis(2), '*', "DB saved on disk", child, 'C');
    log(now + Duration::millis(2), '*', "RDB: 0 MB of memory used by copy-on-write", child, 'C');
    log(now + Duration::millis(100), '*', "Background saving terminated with success");
    log(now + Duration::millis(100), '*', "Synchronization with replica " + name + " succeeded");
    registerReplica();
    const std::string data = snapshot(now);
    return "+FULLRESYNC " + replid_ + " " + std::to_string(masterOffset_) + "\r\n$" + std::to_string(data.size()) +
           "\r\n" + data;
}

std::string RedisServer::infoReplication(Time now) const {
    std::string out = "# Replication\r\nrole:" + std::string(isReplica() ? "slave" : "master") + "\r\n";
    if (isReplica()) {
        out += "master_host:" + masterHost_ + "\r\nmaster_port:" + std::to_string(masterPort_) +
               "\r\nmaster_link_status:" + (linkUp_ ? "up" : "down") + "\r\nmaster_last_io_seconds_ago:" +
               (linkUp_ ? std::to_string((now - lastIo_).ms / 1000) : "-1") +
               "\r\nmaster_sync_in_progress:0\r\nslave_repl_offset:" +
               std::to_string(masterReplid_.empty() ? 1 : replicaOffset_) + "\r\n";
        if (!linkUp_)
            out += "master_link_down_since_seconds:" + std::to_string((now - linkDownSince_).ms / 1000) + "\r\n";
        out += "slave_priority:100\r\nslave_read_only:1\r\n";
    }
    out += "connected_slaves:" + std::to_string(replicas_.size()) + "\r\n";
    for (size_t i = 0; i < replicas_.size(); ++i)
        out += "slave" + std::to_string(i) + ":ip=" + replicas_[i].ip + ",port=" + std::to_string(replicas_[i].port) +
               ",state=online,offset=" + std::to_string(replicas_[i].ackOffset) +
               ",lag=" + std::to_string((now - replicas_[i].ackTime).ms / 1000) + "\r\n";
    const bool follows = isReplica() && !masterReplid_.empty();
    const std::string id = follows ? masterReplid_ : replid_.empty() ? startupReplid() : replid_;
    const int64_t offset = follows ? replicaOffset_ : masterOffset_;
    const bool backlog = follows || !replid_.empty();
    out += "master_replid:" + id + "\r\nmaster_replid2:" + kNoReplid2 + "\r\nmaster_repl_offset:" +
           std::to_string(offset) + "\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:" + (backlog ? "1" : "0") +
           "\r\nrepl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:" + (backlog ? "1" : "0") +
           "\r\nrepl_backlog_histlen:" + std::to_string(backlog ? offset : 0) + "\r\n";
    return out;
}

// [SECTION] replica side

void RedisServer::replicaOf(std::string host, int port, std::string ownIP, TcpDial dial, Time now) {
    masterHost_ = std::move(host);
    masterPort_ = port;
    ownIP_ = std::move(ownIP);
    dial_ = std::move(dial);
    linkDownSince_ = now;
    nextAttempt_ = now;
    pollReplication(now);
}

void RedisServer::pollReplication(Time now) {
    // A replica of itself (--replicaof localhost 6379) would poll again from inside its own
    // connection.
    if (!isReplica() || !dial_ || polling_)
        return;
    polling_ = true;
    pollOnce(now);
    polling_ = false;
}

void RedisServer::pollOnce(Time now) {
    if (!linkUp_) {
        if (now >= nextAttempt_)
            connectToMaster(now);
        return;
    }
    // Catch up: the writes after our offset (the replication stream), at most once a second as
    // a replica sends REPLCONF ACK, unless a client's command needs them now (serve()).
    if (now < nextAttempt_)
        return;
    nextAttempt_ = now + Duration::seconds(1);
    DialResult r = dial_(masterHost_, masterPort_,
                         resp::encodeCommand({"REPLCONF", "ACK", std::to_string(replicaOffset_), masterReplid_, ownIP_}), now);
    size_t pos = 0;
    std::optional<resp::Value> reply = r.kind == DialResult::Kind::Reply ? readReply(r.bytes, pos) : std::nullopt;
    if (!reply || reply->type != resp::Value::Type::Bulk) {
        masterLinkLost(now);
        connectToMaster(now);
        return;
    }
    applyStream(reply->text, now);
    replicaOffset_ += static_cast<int64_t>(reply->text.size());
    lastIo_ = now;
}

void RedisServer::masterLinkLost(Time now) {
    linkUp_ = false;
    linkDownSince_ = now;
    log(now, '#', "Connection with master lost.");
    log(now, '*', "Caching the disconnected master state.");
}

void RedisServer::applyStream(const std::string& commands, Time now) {
    size_t pos = 0;
    std::string error;
    while (std::optional<std::vector<std::string>> argv = resp::nextCommand(commands, pos, &error)) {
        const std::string name = asciiLower((*argv)[0]);
        if (name == "pexpire" && argv->size() == 3) {
            if (Entry* e = find((*argv)[1], now))
                e->expireAt = now + Duration::millis(std::atoll((*argv)[2].c_str()));
            continue;
        }
        if (name != "select")
            apply(*argv, now);
    }
}

// One pass of the handshake (syncWithMaster): connect, PING, REPLCONF, PSYNC, then load the
// snapshot or the missing part of the stream. A failure is retried a second later at the
// earliest (replicationCron).
void RedisServer::connectToMaster(Time now) {
    nextAttempt_ = now + Duration::seconds(1);
    log(now, '*', "Connecting to MASTER " + masterHost_ + ":" + std::to_string(masterPort_));
    const bool cached = !masterReplid_.empty();
    const std::string handshake =
        resp::encodeCommand({"PING"}) + resp::encodeCommand({"REPLCONF", "listening-port", "6379"}) +
        // SIMPLIFICATION: the replica announces its address (replica-announce-ip) so that the
        // master can name it; a real master reads it from the socket.
        resp::encodeCommand({"REPLCONF", "ip-address", ownIP_}) +
        resp::encodeCommand({"REPLCONF", "capa", "eof", "capa", "psync2"}) +
        resp::encodeCommand({"PSYNC", cached ? masterReplid_ : "?", cached ? std::to_string(replicaOffset_ + 1) : "-1"});
    DialResult r = dial_(masterHost_, masterPort_, handshake, now);
    switch (r.kind) {
    case DialResult::Kind::Unresolved:
        // getaddrinfo fails inside connect(): connectWithMaster reports errno, which glibc's
        // resolver leaves at EAGAIN when every search domain answers NXDOMAIN.
        log(now, '#', "Unable to connect to MASTER: Resource temporarily unavailable");
        return;
    case DialResult::Kind::Refused:
        log(now, '*', "MASTER <-> REPLICA sync started");
        log(now, '#', "Error condition on socket for SYNC: Connection refused");
        return;
    case DialResult::Kind::Timeout:
        log(now, '*', "MASTER <-> REPLICA sync started");
        log(now + Duration::seconds(60), '#', "Timeout connecting to the MASTER...");  // repl-timeout 60
        nextAttempt_ = now + Duration::seconds(61);
        return;
    case DialResult::Kind::Reply:
        break;
    }
    log(now, '*', "MASTER <-> REPLICA sync started");
    log(now, '*', "Non blocking connect for SYNC fired the event.");
    size_t pos = 0;
    std::optional<resp::Value> pong = readReply(r.bytes, pos);
    if (!pong || pong->type != resp::Value::Type::Status) {
        log(now, '#', "Error reply to PING from master: '" + (pong ? "-" + pong->text : std::string("")) + "'");
        return;
    }
    log(now, '*', "Master replied to PING, replication can continue...");
    for (int i = 0; i < 3; ++i)
        readReply(r.bytes, pos);  // the three REPLCONF replies (+OK)
    if (cached)
        log(now, '*', "Trying a partial resynchronization (request " + masterReplid_ + ":" +
                          std::to_string(replicaOffset_ + 1) + ").");
    else
        log(now, '*', "Partial resynchronization not possible (no cached master)");
    std::optional<resp::Value> answer = readReply(r.bytes, pos);
    std::optional<resp::Value> payload = readReply(r.bytes, pos);
    if (!answer || answer->type != resp::Value::Type::Status || !payload) {
        log(now, '#', "Unexpected reply to PSYNC from master: " + (answer ? answer->text : std::string("")));
        return;
    }
    const Time done = now + Duration::millis(100);
    if (answer->text == "CONTINUE") {
        log(now, '*', "Successful partial resynchronization with master.");
        log(now, '*', "MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
        applyStream(payload->text, now);
        replicaOffset_ += static_cast<int64_t>(payload->text.size());
    } else {
        // "+FULLRESYNC <replid> <offset>", then the snapshot.
        const std::vector<std::string> words = splitWords(answer->text);
        masterReplid_ = words.size() > 1 ? words[1] : "";
        replicaOffset_ = words.size() > 2 ? std::atoll(words[2].c_str()) : 0;
        log(now, '*', "Full resync from master: " + masterReplid_ + ":" + std::to_string(replicaOffset_));
        if (cached)
            log(now, '*', "Discarding previously cached master state.");
        data_.clear();
        applyStream(payload->text, now);
        char memory[32];
        std::snprintf(memory, sizeof memory, "%.2f", 0.77 + static_cast<double>(payload->text.size()) / (1024 * 1024));
        log(done, '*', "MASTER <-> REPLICA sync: receiving " + std::to_string(rdbSizeEstimate(now)) +
                           " bytes from master to disk");
        log(done, '*', "MASTER <-> REPLICA sync: Flushing old data");
        log(done, '*', "MASTER <-> REPLICA sync: Loading DB in memory");
        log(done, '*', "Loading RDB produced by version " + options_.version);
        log(done, '*', "RDB age 0 seconds");
        log(done, '*', "RDB memory usage when created " + std::string(memory) + " Mb");
        log(done, '*', "MASTER <-> REPLICA sync: Finished with success");
    }
    linkUp_ = true;
    lastIo_ = now;
}

}  // namespace kp::runtime
