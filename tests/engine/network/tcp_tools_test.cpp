// TCP beyond HTTP: the redis image's server (RESP and inline commands, redis 7's replies and
// errors, keys that expire in virtual time), and the clients learners use on it: busybox nc and
// redis-cli in pods, Ubuntu's nc on the laptop against a NodePort. Golden transcript.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "network/pod_tools.h"
#include "network/tcp_tools.h"
#include "runtime/redis_server.h"
#include "runtime/resp.h"
#include "test_support.h"

using namespace kp;
using runtime::RedisServer;

namespace {

std::string run(RedisServer& server, const std::string& input, Time now = Time{}) { return server.serve(input, now); }

}  // namespace

TEST_CASE("redis answers inline and RESP commands as redis 7 does", "[network][redis]") {
    RedisServer redis;
    CHECK(run(redis, "PING\r\n") == "+PONG\r\n");
    CHECK(run(redis, "ping hello\n") == "$5\r\nhello\r\n");
    CHECK(run(redis, runtime::resp::encodeCommand({"SET", "greeting", "hello world"})) == "+OK\r\n");
    CHECK(run(redis, "GET greeting\r\n") == "$11\r\nhello world\r\n");
    CHECK(run(redis, "set \"two words\" 'it''s'\r\n") == "-ERR Protocol error: unbalanced quotes in request\r\n");
    CHECK(run(redis, "set \"two words\" \"a\\x41\"\r\nget \"two words\"\r\n") == "+OK\r\n$2\r\naA\r\n");
    CHECK(run(redis, "GET nothing\r\n") == "$-1\r\n");
    CHECK(run(redis, "INCR counter\r\nINCR counter\r\nINCRBY counter 10\r\n") == ":1\r\n:2\r\n:12\r\n");
    CHECK(run(redis, "INCR greeting\r\n") == "-ERR value is not an integer or out of range\r\n");
    CHECK(run(redis, "RPUSH list a b\r\nLPUSH list z\r\nLRANGE list 0 -1\r\n") ==
          ":2\r\n:3\r\n*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\nb\r\n");
    CHECK(run(redis, "GET list\r\n") == "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    CHECK(run(redis, "GET\r\n") == "-ERR wrong number of arguments for 'get' command\r\n");
    CHECK(run(redis, "HELLOO a b\r\n") == "-ERR unknown command 'HELLOO', with args beginning with: 'a' 'b' \r\n");
    CHECK(run(redis, "KEYS *\r\n") == "*4\r\n$7\r\ncounter\r\n$8\r\ngreeting\r\n$4\r\nlist\r\n$9\r\ntwo words\r\n");
    CHECK(run(redis, "KEYS g?eet*\r\n") == "*1\r\n$8\r\ngreeting\r\n");
    // A command cut short waits for more bytes; when the client closes, nothing is answered.
    CHECK(run(redis, "PING") == "");
    CHECK(run(redis, "*2\r\n$3\r\nGET\r\n$8\r\ngree") == "");
    // QUIT answers and closes: what follows is never read.
    CHECK(run(redis, "QUIT\r\nPING\r\n") == "+OK\r\n");
}

TEST_CASE("redis keys expire in virtual time", "[network][redis]") {
    RedisServer redis;
    const Time t0 = Time{} + Duration::seconds(100);
    CHECK(run(redis, "SET session abc EX 10\r\n", t0) == "+OK\r\n");
    CHECK(run(redis, "TTL session\r\n", t0 + Duration::seconds(3)) == ":7\r\n");
    CHECK(run(redis, "GET session\r\n", t0 + Duration::millis(9999)) == "$3\r\nabc\r\n");
    CHECK(run(redis, "GET session\r\n", t0 + Duration::seconds(10)) == "$-1\r\n");
    CHECK(run(redis, "TTL session\r\n", t0 + Duration::seconds(10)) == ":-2\r\n");
    CHECK(run(redis, "SET k v EX 0\r\n", t0) == "-ERR invalid expire time in 'set' command\r\n");
    CHECK(run(redis, "SET k v NX\r\nSET k w NX\r\nGET k\r\n", t0) == "+OK\r\n$-1\r\n$1\r\nv\r\n");
}

TEST_CASE("RESP replies parse back into values", "[network][redis]") {
    const std::string bytes = "*3\r\n:1\r\n$-1\r\n*1\r\n+OK\r\n-ERR x\r\n";
    size_t pos = 0;
    std::optional<runtime::resp::Value> v = runtime::resp::parse(bytes, pos);
    REQUIRE(v);
    REQUIRE(v->elements.size() == 3);
    CHECK(v->elements[0].integer == 1);
    CHECK(v->elements[1].type == runtime::resp::Value::Type::Nil);
    CHECK(v->elements[2].elements[0].text == "OK");
    std::optional<runtime::resp::Value> e = runtime::resp::parse(bytes, pos);
    REQUIRE(e);
    CHECK(e->type == runtime::resp::Value::Type::Error);
    CHECK(pos == bytes.size());
    size_t cut = 0;
    CHECK_FALSE(runtime::resp::parse("$5\r\nab", cut));
}

TEST_CASE("images have nc and redis-cli where their distributions ship them", "[network][pod-tools]") {
    CHECK(network::imageHasTool("busybox:1.37", "nc"));
    CHECK(network::imageHasTool("alpine", "nc"));
    CHECK(network::imageHasTool("redis:7.4", "redis-cli"));
    CHECK_FALSE(network::imageHasTool("redis", "nc"));
    CHECK_FALSE(network::imageHasTool("nginx", "nc"));
}

// One parser for redis-cli's options: the tool itself and the interactive `kubectl exec -it`
// session (its prompt) read the same host, port and database.
TEST_CASE("redis-cli options parse once for the tool and its prompt", "[network][pod-tools]") {
    network::RedisCliOptions o = network::parseRedisCliArgs({"-h", "redis", "-p", "6380", "-n", "2", "-a", "pw", "GET", "k"}, true);
    CHECK(o.host == "redis");
    CHECK(o.port == 6380);
    CHECK(o.db == 2);
    CHECK(!o.raw);
    CHECK(o.commandAt == 8);
    CHECK(o.error.empty());
    o = network::parseRedisCliArgs({"--raw", "-x", "SET", "k"}, true);
    CHECK(o.raw);
    CHECK(o.fromStdin);
    CHECK(o.commandAt == 2);
    CHECK(network::parseRedisCliArgs({}, false).raw);
    CHECK(network::parseRedisCliArgs({"-q"}, true).error == "Unrecognized option or bad number of args for: '-q'\n");
    CHECK(network::parseRedisCliArgs({"-p"}, true).error == "Unrecognized option or bad number of args for: '-p'\n");
    CHECK(network::parseRedisCliArgs({"--version"}, true).version);
}

TEST_CASE("nc and redis-cli talk to redis through Services, pods and NodePorts", "[network][pod-tools][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl run redis --image=redis --port=6379
kubectl expose pod redis --name=redis-master
kubectl run client --image=busybox:1.37 --restart=Never -- sleep 3600
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80 --type=NodePort
sleep 30
kubectl exec redis -- redis-cli ping
kubectl exec redis -- redis-cli set greeting "hello world"
kubectl exec redis -- redis-cli get greeting
kubectl exec -it redis -- redis-cli get greeting
kubectl exec redis -- redis-cli get missing
kubectl exec -t redis -- redis-cli get missing
kubectl exec redis -- redis-cli incr visits
kubectl exec -t redis -- redis-cli incr visits
kubectl exec redis -- redis-cli rpush queue a b c
kubectl exec -t redis -- redis-cli lrange queue 0 -1
kubectl exec redis -- redis-cli lrange queue 0 -1
kubectl exec -t redis -- redis-cli lrange none 0 -1
kubectl exec -t redis -- redis-cli incr greeting
kubectl exec redis -- redis-cli nosuchcommand x
kubectl exec redis -- redis-cli -h redis-master -p 6379 get greeting
kubectl exec redis -- redis-cli -h nowhere ping
kubectl exec redis -- redis-cli -p 6380 ping
printf 'set a 1\nincr a\nget a\n' | kubectl exec -i redis -- redis-cli
kubectl exec client -- sh -c 'echo PING | nc redis-master 6379'
kubectl exec client -- sh -c 'printf "GET greeting\r\n" | nc redis-master 6379'
kubectl exec client -- nc -zv redis-master 6379
kubectl exec client -- nc -zv redis-master 6380
kubectl exec client -- nc -w 2 -zvv 10.244.0.250 6379
kubectl exec client -- nc -z nothing-here 6379
kubectl exec client -- nc redis-master http
kubectl exec client -- sh -c 'printf "GET / HTTP/1.0\r\n\r\n" | nc web 80' | head -1
kubectl exec client -- nc
nc -zv $(minikube ip) $(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')
nc -zv 192.168.49.2 30999
nc -v 192.168.49.2 30999
printf 'GET / HTTP/1.0\r\n\r\n' | nc $(minikube ip) $(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}') | head -3
kubectl expose pod redis --name=redis-np --type=NodePort
echo PING | nc -N $(minikube ip) $(kubectl get svc redis-np -o jsonpath='{.spec.ports[0].nodePort}')
echo PING | nc -q 2 $(minikube ip) $(kubectl get svc redis-np -o jsonpath='{.spec.ports[0].nodePort}')
nc nowhere 80
nc 192.168.49.2)");
    CHECK(test::matchesGolden("tcp_tools.txt", out));
}

TEST_CASE("nc and wget look a name up once per connection and record the lookup", "[network][pod-tools][flow]") {
    test::Laptop laptop;
    cli::Shell& shell = laptop.shell;
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("kubectl create deployment redis --image=redis").exitCode == 0);
    REQUIRE(shell.run("kubectl expose deployment redis --port=6379").exitCode == 0);
    REQUIRE(shell.run("kubectl run bb --image=busybox -- sleep 3600").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(30));
    auto flowsOf = [&](const std::string& command) {
        const size_t from = laptop.cluster.eventLog().records().size();
        shell.run(command);
        std::vector<std::string> flows;
        const auto& records = laptop.cluster.eventLog().records();
        for (size_t i = from; i < records.size(); ++i)
            if (records[i].type == "flow")
                flows.push_back(records[i].verb.str() + " " + records[i].detail.str().substr(0, records[i].detail.find(" ")));
        return flows;
    };
    const std::vector<std::string> nc = flowsOf("kubectl exec bb -- nc -v redis 6379");
    REQUIRE(nc.size() == 2);
    CHECK(nc[0] == "dns query=redis");
    CHECK(nc[1].rfind("tcp dst=10.", 0) == 0);
    CHECK(flowsOf("kubectl exec bb -- nc nowhere 6379") == std::vector<std::string>{"dns query=nowhere", "tcp dst=nowhere:6379"});
    CHECK(flowsOf("kubectl exec bb -- wget -q -O- http://nowhere/") ==
          std::vector<std::string>{"dns query=nowhere", "http dst=nowhere:80"});
    CHECK(flowsOf("nc -zv nowhere.example 6379") == std::vector<std::string>{"dns query=nowhere.example", "tcp dst=nowhere.example:6379"});
}
