// RESP, the Redis serialization protocol (RESP2, what redis-cli and redis-server speak by
// default): `+OK`, `-ERR ...`, `:1`, `$3 foo` bulk strings, `$-1` nil and `*N` arrays, each line
// ending in CRLF. Clients send commands as arrays of bulk strings; redis-server also reads
// "inline" commands, one line of space-separated words (what `echo PING | nc` sends).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kp::runtime::resp {

struct Value {
    enum class Type { Status, Error, Integer, Bulk, Nil, Array } type = Type::Nil;
    std::string text;  // Status, Error, Bulk
    int64_t integer = 0;
    std::vector<Value> elements;
};

Value status(std::string s);
Value error(std::string s);
Value integer(int64_t n);
Value bulk(std::string s);
Value nil();
Value array(std::vector<Value> elements);

std::string encode(const Value& v);
// A command as a client sends it: an array of bulk strings.
std::string encodeCommand(const std::vector<std::string>& argv);

// Parses one reply starting at `pos` and moves `pos` past it; nullopt when the bytes end
// before the reply does (or are not RESP).
std::optional<Value> parse(const std::string& bytes, size_t& pos);

// The next command in a client's bytes from `pos`: a RESP array of bulk strings or an inline
// line (words split as redis-server's sdssplitargs does: spaces, "double" and 'single' quotes).
// nullopt when no complete command is left. `*protocolError` is set to redis-server's reply when
// the bytes cannot be a command (the server then closes the connection).
std::optional<std::vector<std::string>> nextCommand(const std::string& bytes, size_t& pos, std::string* protocolError);

}  // namespace kp::runtime::resp
