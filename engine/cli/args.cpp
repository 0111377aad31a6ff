#include "cli/args.h"

#include <algorithm>

namespace kp::cli {

std::optional<std::vector<std::string>> splitWords(std::string_view line) {
    std::vector<std::string> words;
    std::string cur;
    bool inWord = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord)
                words.push_back(std::move(cur));
            cur.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == '\'') {
            size_t end = line.find('\'', i + 1);
            if (end == std::string_view::npos)
                return std::nullopt;
            cur.append(line.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            size_t j = i + 1;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\' && j + 1 < line.size() &&
                    (line[j + 1] == '"' || line[j + 1] == '\\' || line[j + 1] == '$' || line[j + 1] == '`')) {
                    cur.push_back(line[++j]);
                    continue;
                }
                cur.push_back(line[j]);
            }
            if (j >= line.size())
                return std::nullopt;
            i = j;
        } else if (c == '\\' && i + 1 < line.size()) {
            cur.push_back(line[++i]);
        } else {
            cur.push_back(c);
        }
    }
    if (inWord)
        words.push_back(std::move(cur));
    return words;
}

bool ParsedArgs::has(std::string_view name) const {
    return std::any_of(flags.begin(), flags.end(), [&](const auto& f) { return f.first == name; });
}

bool ParsedArgs::on(std::string_view name) const { return has(name) && get(name) != "false"; }

std::string ParsedArgs::get(std::string_view name, std::string_view fallback) const {
    for (auto it = flags.rbegin(); it != flags.rend(); ++it)
        if (it->first == name)
            return it->second;
    return std::string(fallback);
}

std::vector<std::string> ParsedArgs::getAll(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& f : flags)
        if (f.first == name)
            out.push_back(f.second);
    return out;
}

ParsedArgs parseArgs(const std::vector<std::string>& words, const std::vector<std::string>& booleanFlags,
                     std::string& error) {
    ParsedArgs out;
    error.clear();
    auto isBool = [&](const std::string& n) {
        return std::find(booleanFlags.begin(), booleanFlags.end(), n) != booleanFlags.end();
    };
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "--") {
            out.afterDashDash.assign(words.begin() + static_cast<long>(i) + 1, words.end());
            break;
        }
        if (w.size() < 2 || w[0] != '-') {
            out.positional.push_back(w);
            continue;
        }
        std::string body = w.substr(w[1] == '-' ? 2 : 1);
        size_t eq = body.find('=');
        if (eq != std::string::npos) {
            out.flags.emplace_back(body.substr(0, eq), body.substr(eq + 1));
            continue;
        }
        if (isBool(body)) {
            out.flags.emplace_back(body, "true");
            continue;
        }
        if (i + 1 >= words.size()) {
            error = "flag needs an argument: " + std::string(w[1] == '-' ? "--" : "-") + body;
            return out;
        }
        out.flags.emplace_back(body, words[++i]);
    }
    return out;
}

}  // namespace kp::cli
