// The TCP clients learners use besides curl and wget: nc (busybox's, inside pods; Ubuntu's
// OpenBSD netcat, on the laptop) and redis-cli (in the redis image). Each opens one connection
// through Traffic::tcp, writes its input, and prints what the server writes back.
// Upstream: busybox networking/nc_bloaty.c (busybox images build it: NC_110_COMPAT is on by
// default), netcat-openbsd netcat.c, redis src/redis-cli.c.
#pragma once
#include <string>
#include <vector>

#include "base/time.h"
#include "network/traffic.h"

namespace kp::network {

struct ToolRun {
    int exitCode = 0;
    std::string out, err;
    // OpenBSD nc only: the connection stays open after the output (the server waits for the
    // client to close, which nc does not do by itself): Ctrl+C ends it, or -w/-q after `after`.
    bool keepsRunning = false;
    Duration after;  // 0: until Ctrl+C
};

// busybox nc HOST PORT (-v -z -w SEC -n ...): args without the program name.
ToolRun busyboxNc(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                  Time now);
// Ubuntu 22.04's nc (netcat-openbsd 1.218) on the laptop.
ToolRun openbsdNc(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                  Time now);
// How redis-cli's error starts when it cannot connect ("...Redis at HOST:PORT: Connection refused").
inline constexpr const char* kRedisConnectFailure = "Could not connect to Redis at ";

// redis-cli's command line: its options, then the command (from `commandAt` on; none when
// commandAt == args.size()). `error` is redis-cli's complaint about a bad option.
struct RedisCliOptions {
    std::string host = "127.0.0.1";
    int64_t port = 6379, db = 0;
    bool raw = false, fromStdin = false, version = false;
    std::string error;
    size_t commandAt = 0;
};
RedisCliOptions parseRedisCliArgs(const std::vector<std::string>& args, bool tty);

// redis-cli [-h HOST] [-p PORT] [-n DB] [-a PASSWORD] [--raw|--no-raw] [-x] [COMMAND ARGS...]; with no command
// it reads one command per line of its input. `tty`: the output is a terminal (replies quoted,
// "(integer) 1"); otherwise raw, as when piped.
ToolRun redisCli(Traffic& traffic, const Origin& origin, const std::vector<std::string>& args, const std::string& input,
                 bool tty, Time now);

}  // namespace kp::network
