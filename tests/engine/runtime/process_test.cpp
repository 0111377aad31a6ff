#include <catch2/catch.hpp>

#include "runtime/process.h"

using namespace kp;
using namespace kp::runtime;

namespace {

const Time kStart{1736935200000};

ResolvedImage image(const std::string& ref) {
    auto p = ImageCatalog::builtin().pull(*applyDefaultImageTag(ref, nullptr));
    REQUIRE(p.image);
    return *p.image;
}

}  // namespace

TEST_CASE("hello-world prints its greeting and exits 0", "[runtime]") {
    ResolvedImage img = image("hello-world");
    ProcessSpec spec;
    spec.image = &img;
    spec.start = kStart;
    spec.hostname = "hello";
    auto p = Process::start(spec, nullptr);
    REQUIRE(p);
    Time recheck;
    CHECK(p->predictExit(kStart, Duration::hours(1), &recheck) == kStart + Duration::millis(10));
    auto logs = p->logs(kStart + Duration::seconds(1));
    CHECK(p->exited());
    CHECK(p->exitCode() == 0);
    CHECK(p->exitReason() == "Completed");
    // The message starts and ends with an empty line; Docker logs every newline-terminated
    // chunk, empty ones included: 22 lines.
    REQUIRE(logs.size() == 22);
    CHECK(logs[0].line == "");
    CHECK(logs[1].line == "Hello from Docker!");
    CHECK(logs[20].line == " https://docs.docker.com/get-started/");
    CHECK(logs[21].line == "");
}

TEST_CASE("echoserver answers HTTP on 8080 with the request it received", "[runtime]") {
    ResolvedImage img = image("registry.cn-hangzhou.aliyuncs.com/google_containers/echoserver:1.10");
    ProcessSpec spec;
    spec.image = &img;
    spec.start = kStart;
    spec.hostname = "hello-minikube-7bc9d7884c-fks85";
    spec.podIP = "10.244.0.3";
    auto p = Process::start(spec, nullptr);
    REQUIRE(p);
    CHECK(p->listens(8080));
    HttpRequest req;
    req.host = "192.168.49.2:31234";
    req.clientIP = "10.244.0.1";
    req.userAgent = "curl/8.5.0";
    HttpResponse r = p->serve(req, 8080, kStart + Duration::seconds(5));
    CHECK(r.status == 200);
    CHECK(r.body ==
          "\n\nHostname: hello-minikube-7bc9d7884c-fks85\n\nPod Information:\n\t-no pod information available-\n\n"
          "Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n"
          "\tclient_address=10.244.0.1\n\tmethod=GET\n\treal path=/\n\tquery=\n\trequest_version=1.1\n"
          "\trequest_scheme=http\n\trequest_uri=http://192.168.49.2:8080/\n\nRequest Headers:\n\taccept=*/*\n"
          "\thost=192.168.49.2:31234\n\tuser-agent=curl/8.5.0\n\nRequest Body:\n\t-no body in request-\n\n");
    auto logs = p->logs(kStart + Duration::seconds(6));
    REQUIRE(logs.size() == 8);
    CHECK(logs[6].line == "Starting nginx");
    CHECK(logs[7].line == "10.244.0.1 - - [15/Jan/2025:10:00:05 +0000] \"GET / HTTP/1.1\" 200 " +
                              std::to_string(r.body.size()) + " \"-\" \"curl/8.5.0\"");
    CHECK(p->probe(8081, "/", kStart).status == 0);
}

TEST_CASE("commands an image does not have fail to start", "[runtime]") {
    ResolvedImage img = image("busybox:1.36");
    ProcessSpec spec;
    spec.image = &img;
    spec.start = kStart;
    spec.command = {"python", "app.py"};
    std::string err;
    CHECK(!Process::start(spec, &err));
    CHECK(err == "exec: \"python\": executable file not found in $PATH");
}

TEST_CASE("a shell ignores SIGTERM while nginx stops at once; mysql needs a password", "[runtime]") {
    ResolvedImage busybox = image("busybox:1.36");
    ProcessSpec spec;
    spec.image = &busybox;
    spec.start = kStart;
    spec.command = {"sleep", "3600"};
    auto sleeper = Process::start(spec, nullptr);
    REQUIRE(sleeper);
    CHECK(!sleeper->terminate(kStart + Duration::seconds(1)));
    sleeper->kill(kStart + Duration::seconds(31));
    CHECK(sleeper->exitCode() == 137);

    ResolvedImage nginx = image("nginx:1.25");
    spec.image = &nginx;
    spec.command.clear();
    auto web = Process::start(spec, nullptr);
    REQUIRE(web);
    CHECK(web->probe(80, "/", kStart).status == 200);
    CHECK(web->probe(80, "/missing", kStart).status == 404);
    CHECK(web->terminate(kStart + Duration::seconds(1)) == kStart + Duration::seconds(1));
    CHECK(web->exitReason() == "Completed");

    ResolvedImage mysql = image("mysql:8.0");
    spec.image = &mysql;
    auto db = Process::start(spec, nullptr);
    REQUIRE(db);
    db->advanceTo(kStart + Duration::seconds(2));
    CHECK(db->exited());
    CHECK(db->exitCode() == 1);
    auto logs = db->logs(kStart + Duration::seconds(2));
    CHECK(logs[1].line == "2025-01-15 10:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password "
                          "option is not specified");
}

TEST_CASE("stress over its memory limit is OOMKilled", "[runtime]") {
    ResolvedImage img = image("polinux/stress");
    ProcessSpec spec;
    spec.image = &img;
    spec.start = kStart;
    spec.command = {"stress"};
    spec.args = {"--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"};
    spec.memoryLimitBytes = 100 << 20;
    auto p = Process::start(spec, nullptr);
    REQUIRE(p);
    p->advanceTo(kStart + Duration::seconds(5));
    CHECK(p->exitCode() == 137);
    CHECK(p->exitReason() == "OOMKilled");
}
