#include <catch2/catch.hpp>

#include "runtime/shell_interpreter.h"

using namespace kp;
using namespace kp::runtime::sh;

namespace {

const Time kStart{1736935200000};  // 2025-01-15T10:00:00Z

Interpreter run(const std::string& script, Flavour flavour = Flavour::Busybox) {
    std::string err;
    auto prog = parse(script, &err);
    INFO(err);
    REQUIRE(prog);
    return Interpreter(prog, {{"PATH", "/bin"}, {"HOSTNAME", "web-1"}, {"GREETING", "hi there"}}, kStart, flavour,
                       std::make_shared<HostHooks>());
}

std::vector<std::string> texts(const std::vector<OutputLine>& lines) {
    std::vector<std::string> out;
    for (const OutputLine& l : lines)
        out.push_back(l.text);
    return out;
}

}  // namespace

TEST_CASE("a script prints over virtual time and ends with its exit code", "[runtime]") {
    Interpreter sh = run("echo start; sleep 2; echo $GREETING; exit 3");
    sh.runUntil(kStart + Duration::seconds(1));
    CHECK(sh.state() == Interpreter::State::Sleeping);
    CHECK(texts(sh.takeOutput()) == std::vector<std::string>{"start"});
    sh.runUntil(kStart + Duration::seconds(5));
    CHECK(sh.state() == Interpreter::State::Exited);
    CHECK(sh.exitCode() == 3);
    CHECK(sh.exitTime() == kStart + Duration::seconds(2));
    auto out = sh.takeOutput();
    REQUIRE(out.size() == 1);
    CHECK(out[0].text == "hi there");
    CHECK(out[0].time == kStart + Duration::seconds(2));
}

TEST_CASE("the documentation's counter loop prints one dated line a second", "[runtime]") {
    Interpreter sh = run("i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done");
    sh.runUntil(kStart + Duration::millis(2500));
    CHECK(texts(sh.takeOutput()) == std::vector<std::string>{"0: Wed Jan 15 10:00:00 UTC 2025",
                                                             "1: Wed Jan 15 10:00:01 UTC 2025",
                                                             "2: Wed Jan 15 10:00:02 UTC 2025"});
    std::string err;
    CHECK(Interpreter::neverExits(*parse("i=0; while true; do echo $i; sleep 1; done", &err)));
    CHECK(!Interpreter::neverExits(*parse("while true; do sleep 1; exit 2; done", &err)));
}

TEST_CASE("files, tests, redirections and command errors behave like busybox", "[runtime]") {
    Interpreter sh = run(
        "touch /tmp/healthy; [ -f /tmp/healthy ] && echo yes; rm -f /tmp/healthy; cat /tmp/healthy; "
        "echo one > /tmp/x; echo two >> /tmp/x; cat /tmp/x | wc -l; echo err 1>&2; nosuch; echo $?; "
        "for i in a b; do printf '%s-' $i; done; echo; if [ 2 -gt 1 ]; then echo big; else echo small; fi");
    sh.runUntil(kStart + Duration::seconds(1));
    auto out = sh.takeOutput();
    std::vector<std::string> stdoutLines, stderrLines;
    for (const OutputLine& l : out)
        (l.fd == 1 ? stdoutLines : stderrLines).push_back(l.text);
    CHECK(stdoutLines == std::vector<std::string>{"yes", "2", "127", "a-b-", "big"});
    CHECK(stderrLines == std::vector<std::string>{"cat: can't open '/tmp/healthy': No such file or directory", "err",
                                                  "sh: nosuch: not found"});
    CHECK(sh.exitCode() == 0);
}

TEST_CASE("exec runs a command against the script's files at the current time", "[runtime]") {
    Interpreter sh = run("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
    sh.runUntil(kStart + Duration::seconds(10));
    std::string out, err;
    CHECK(sh.executeArgv({"cat", "/tmp/healthy"}, out, err) == 0);
    sh.runUntil(kStart + Duration::seconds(31));
    out.clear();
    CHECK(sh.executeArgv({"cat", "/tmp/healthy"}, out, err) == 1);
    CHECK(err == "cat: can't open '/tmp/healthy': No such file or directory\n");
}

TEST_CASE("syntax errors read like the shell's", "[runtime]") {
    std::string err;
    CHECK(!parse("while true; do echo", &err));
    CHECK(err == "sh: syntax error: unexpected end of file (expecting \"done\")");
    CHECK(!parse("echo 'oops", &err));
    CHECK(err == "sh: syntax error: unterminated quoted string");
}
