// The guestbook tutorial's applications: redis replication between a leader and its followers
// (what each side logs, READONLY writes on a replica, INFO replication, a lost master), and the
// PHP frontend's guestbook.php (JSON replies, where it reads and writes, PHP's errors, Apache's
// access log).
#include <catch2/catch.hpp>

#include <map>

#include "runtime/guestbook_frontend.h"
#include "runtime/image_catalog.h"
#include "runtime/redis_server.h"
#include "runtime/resp.h"

using namespace kp;
using runtime::DialResult;
using runtime::RedisServer;

namespace {

struct Logged {
    std::vector<std::string> lines;
    RedisServer::Logger logger() {
        return [this](Time, int pid, char role, char level, const std::string& message) {
            lines.push_back(std::to_string(pid) + ":" + role + " " + level + " " + message);
        };
    }
    bool has(const std::string& line) const { return std::find(lines.begin(), lines.end(), line) != lines.end(); }
};

// A network of named redis servers: "redis-leader" reaches whatever server is plugged in.
struct Network {
    std::map<std::string, RedisServer*> hosts;
    std::vector<std::string> connections;  // "host:port" of every dial, in order
    runtime::TcpDial dial() {
        return [this](const std::string& host, int port, const std::string& bytes, Time now) {
            connections.push_back(host + ":" + std::to_string(port));
            auto it = hosts.find(host);
            if (it == hosts.end())
                return DialResult{DialResult::Kind::Unresolved, ""};
            if (!it->second)
                return DialResult{DialResult::Kind::Refused, ""};
            return DialResult{DialResult::Kind::Reply, it->second->serve(bytes, now)};
        };
    }
};

std::string cmd(RedisServer& server, std::vector<std::string> argv, Time now = Time{}) {
    return server.serve(runtime::resp::encodeCommand(argv), now);
}

RedisServer::Options v6(const std::string& seed, int pid = 1) { return RedisServer::Options{"6.0.5", pid, seed}; }

}  // namespace

TEST_CASE("a redis replica copies its master and follows its writes", "[runtime][redis][guestbook]") {
    Network net;
    Logged leaderLog, followerLog;
    RedisServer leader(v6("redis-leader-abc"));
    leader.setLogger(leaderLog.logger());
    net.hosts["redis-leader"] = &leader;
    const Time t0 = Time{} + Duration::seconds(100);
    CHECK(cmd(leader, {"SET", "guestbook", "hello"}, t0) == "+OK\r\n");

    RedisServer follower(v6("redis-follower-xyz", 10));
    follower.setLogger(followerLog.logger());
    follower.replicaOf("redis-leader", 6379, "10.244.0.7", net.dial(), t0);

    SECTION("the first sync is a full resync, logged on both sides as redis 6.0 does") {
        CHECK(followerLog.has("10:S * Connecting to MASTER redis-leader:6379"));
        CHECK(followerLog.has("10:S * Master replied to PING, replication can continue..."));
        CHECK(followerLog.has("10:S * Partial resynchronization not possible (no cached master)"));
        CHECK(followerLog.has("10:S * MASTER <-> REPLICA sync: Finished with success"));
        CHECK(leaderLog.has("1:M * Replica 10.244.0.7:6379 asks for synchronization"));
        CHECK(leaderLog.has("1:M * Full resync requested by replica 10.244.0.7:6379"));
        CHECK(leaderLog.has("1:M * Starting BGSAVE for SYNC with target: disk"));
        CHECK(leaderLog.has("17:C * DB saved on disk"));
        CHECK(leaderLog.has("1:M * Synchronization with replica 10.244.0.7:6379 succeeded"));
        CHECK(cmd(follower, {"GET", "guestbook"}, t0) == "$5\r\nhello\r\n");
    }
    SECTION("writes through the master show on the replica; the replica refuses writes") {
        CHECK(cmd(leader, {"SET", "guestbook", "hello,world"}, t0 + Duration::seconds(5)) == "+OK\r\n");
        CHECK(cmd(leader, {"RPUSH", "list", "a", "b"}, t0 + Duration::seconds(5)) == ":2\r\n");
        follower.pollReplication(t0 + Duration::seconds(6));
        CHECK(cmd(follower, {"GET", "guestbook"}, t0 + Duration::seconds(6)) == "$11\r\nhello,world\r\n");
        CHECK(cmd(follower, {"LRANGE", "list", "0", "-1"}, t0 + Duration::seconds(6)) == "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        CHECK(cmd(follower, {"SET", "guestbook", "x"}, t0) == "-READONLY You can't write against a read only replica.\r\n");
        CHECK(cmd(follower, {"NOPE"}, t0) == "-ERR unknown command `NOPE`, with args beginning with: \r\n");
    }
    SECTION("INFO replication on both sides") {
        cmd(leader, {"SET", "k", "v"}, t0 + Duration::seconds(1));
        follower.pollReplication(t0 + Duration::seconds(2));
        const std::string master = cmd(leader, {"INFO", "replication"}, t0 + Duration::seconds(3));
        CHECK(master.find("role:master\r\nconnected_slaves:1\r\nslave0:ip=10.244.0.7,port=6379,state=online,") !=
              std::string::npos);
        const std::string replica = cmd(follower, {"INFO", "replication"}, t0 + Duration::seconds(3));
        CHECK(replica.find("role:slave\r\nmaster_host:redis-leader\r\nmaster_port:6379\r\nmaster_link_status:up\r\n") !=
              std::string::npos);
        // Both report the same offset: the replica is in sync.
        auto offset = [](const std::string& info) {
            const size_t at = info.find("master_repl_offset:");
            return info.substr(at, info.find("\r\n", at) - at);
        };
        CHECK(offset(master) == offset(replica));
        CHECK(offset(master) != "master_repl_offset:0");
    }
    SECTION("a lost master: the replica logs it, retries and serves its last copy") {
        net.hosts["redis-leader"] = nullptr;  // connection refused
        follower.pollReplication(t0 + Duration::seconds(10));
        CHECK(followerLog.has("10:S # Connection with master lost."));
        CHECK(followerLog.has("10:S * Caching the disconnected master state."));
        CHECK(followerLog.has("10:S # Error condition on socket for SYNC: Connection refused"));
        CHECK(cmd(follower, {"GET", "guestbook"}, t0 + Duration::seconds(10)) == "$5\r\nhello\r\n");
        CHECK(cmd(follower, {"INFO", "replication"}, t0 + Duration::seconds(12)).find("master_link_status:down") !=
              std::string::npos);
        // Not again within the second.
        const size_t attempts = net.connections.size();
        follower.pollReplication(t0 + Duration::millis(10500));
        CHECK(net.connections.size() == attempts);

        SECTION("a new, empty master: partial resync refused, full resync, the copy is replaced") {
            RedisServer fresh(v6("redis-leader-new"));
            Logged freshLog;
            fresh.setLogger(freshLog.logger());
            net.hosts["redis-leader"] = &fresh;
            // The INFO above (a client's command) made the last attempt, at 12 s.
            follower.pollReplication(t0 + Duration::seconds(13));
            CHECK(followerLog.lines.back() == "10:S * MASTER <-> REPLICA sync: Finished with success");
            CHECK(std::any_of(followerLog.lines.begin(), followerLog.lines.end(), [](const std::string& l) {
                return l.rfind("10:S * Trying a partial resynchronization (request ", 0) == 0;
            }));
            CHECK(followerLog.has("10:S * Discarding previously cached master state."));
            CHECK(std::any_of(freshLog.lines.begin(), freshLog.lines.end(), [](const std::string& l) {
                return l.rfind("1:M * Partial resynchronization not accepted: Replication ID mismatch", 0) == 0;
            }));
            CHECK(cmd(follower, {"GET", "guestbook"}, t0 + Duration::seconds(13)) == "$-1\r\n");
        }
    }
    SECTION("an unknown master name: redis' resolver error") {
        RedisServer lost(v6("lost", 10));
        Logged lostLog;
        lost.setLogger(lostLog.logger());
        lost.replicaOf("nowhere", 6379, "10.244.0.9", net.dial(), t0);
        CHECK(lostLog.lines == std::vector<std::string>{"10:S * Connecting to MASTER nowhere:6379",
                                                         "10:S # Unable to connect to MASTER: Resource temporarily unavailable"});
    }
}

TEST_CASE("guestbook.php writes to redis-leader and reads from redis-follower", "[runtime][guestbook]") {
    Network net;
    RedisServer leader(v6("leader"));
    net.hosts["redis-leader"] = &leader;
    net.hosts["redis-follower"] = &leader;  // one server is enough to check where each call goes
    const runtime::guestbook::Env env = {{"GET_HOSTS_FROM", "dns"}};
    auto get = [&](const std::string& target) {
        runtime::HttpRequest req;
        req.target = target;
        req.clientIP = "127.0.0.1";
        return runtime::guestbook::serveFrontend(req, 80, env, net.dial(), Time{});
    };

    runtime::HttpResponse r = get("/guestbook.php?cmd=get");
    CHECK(r.status == 200);
    CHECK(r.contentType == "application/json");
    CHECK(r.body == "{\"data\": \"\"}");
    CHECK(net.connections.back() == "redis-follower:6379");

    r = get("/guestbook.php?cmd=set&key=messages&value=Hello+world%21,second");
    CHECK(r.body == "{\"message\": \"Updated\"}");
    CHECK(net.connections.back() == "redis-leader:6379");
    // v5 keeps everything under the key "guestbook", whatever key= says.
    CHECK(cmd(leader, {"GET", "guestbook"}) == "$19\r\nHello world!,second\r\n");
    CHECK(get("/guestbook.php?cmd=get&key=messages").body == "{\"data\": \"Hello world!,second\"}");

    SECTION("the page and its script") {
        r = get("/");
        CHECK(r.contentType == "text/html");
        CHECK(r.body.find("<title>Guestbook</title>") != std::string::npos);
        CHECK(r.body.find("controllers.js") != std::string::npos);
        CHECK(get("/controllers.js").body.find("guestbook.php?cmd=get") != std::string::npos);
        r = get("/nothing");
        CHECK(r.status == 404);
        CHECK(r.body.find("<address>Apache/2.4.38 (Debian) Server at localhost Port 80</address>") != std::string::npos);
    }
    SECTION("a redis it cannot reach: PHP's fatal error inside the JSON reply") {
        net.hosts.erase("redis-follower");
        r = get("/guestbook.php?cmd=get");
        CHECK(r.status == 200);
        CHECK(r.body.rfind("<br />\n<b>Fatal error</b>:  Uncaught Predis\\Connection\\ConnectionException: "
                           "php_network_getaddresses: getaddrinfo failed: Name or service not known "
                           "[tcp://redis-follower:6379]",
                           0) == 0);
        net.hosts["redis-leader"] = nullptr;
        CHECK(get("/guestbook.php?cmd=set&value=x").body.find("Connection refused [tcp://redis-leader:6379]") !=
              std::string::npos);
    }
    SECTION("GET_HOSTS_FROM=env uses the Service environment variables") {
        net.hosts["10.96.10.10"] = &leader;
        const runtime::guestbook::Env fromEnv = {{"GET_HOSTS_FROM", "env"}, {"REDIS_LEADER_SERVICE_HOST", "10.96.10.10"}};
        runtime::HttpRequest req;
        req.target = "/guestbook.php?cmd=set&value=v";
        CHECK(runtime::guestbook::serveFrontend(req, 80, fromEnv, net.dial(), Time{}).body == "{\"message\": \"Updated\"}");
        CHECK(net.connections.back() == "10.96.10.10:6379");
    }
    SECTION("Apache's access log line (combined format)") {
        runtime::HttpRequest req;
        req.target = "/guestbook.php?cmd=get";
        req.clientIP = "127.0.0.1";
        req.userAgent = "curl/7.81.0";
        const Time at = Time{} + Duration::seconds(86400 * 365);
        runtime::HttpResponse resp = runtime::guestbook::serveFrontend(req, 80, env, net.dial(), at);
        CHECK(runtime::guestbook::accessLogLine(req, resp, at) ==
              "127.0.0.1 - - [01/Jan/1971:00:00:00 +0000] \"GET /guestbook.php?cmd=get HTTP/1.1\" 200 253 \"-\" "
              "\"curl/7.81.0\"");
    }
}

TEST_CASE("the guestbook images are in the catalog under every name the tutorial used", "[runtime][guestbook]") {
    const auto& catalog = runtime::ImageCatalog::builtin();
    for (const char* image : {"docker.io/redis:6.0.5",
                              "registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee",
                              "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2",
                              "gcr.io/google_samples/gb-redis-follower:v2",
                              "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5",
                              "docker.io/corelab/gb-frontend:v5", "gcr.io/google-samples/gb-frontend:v5"}) {
        INFO(image);
        auto ref = runtime::parseImageReference(image, nullptr);
        REQUIRE(ref);
        runtime::ImageCatalog::PullResult pulled = catalog.pull(*ref);
        CHECK(pulled.image);
        CHECK(pulled.error.empty());
    }
    auto follower = runtime::parseImageReference("us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2", nullptr);
    const runtime::ImageRepository* repo = catalog.repository(*follower);
    REQUIRE(repo);
    CHECK(repo->cmd == std::vector<std::string>{"/bin/sh", "-c", "/run.sh"});
    CHECK(repo->sigtermExitCode == -1);  // sh as PID 1 ignores SIGTERM
}
