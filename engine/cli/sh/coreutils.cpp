#include "cli/sh/coreutils.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>

#include "cli/unified_diff.h"

namespace kp::cli::sh {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::string cur;
    for (char c : text) {
        if (c == '\n') {
            lines.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        lines.push_back(std::move(cur));
    return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

// Flags (single-dash letters, grouped) and operands, for the small utilities below.
struct Options {
    std::string letters;                        // every single-letter flag seen
    std::map<std::string, std::string> values;  // flags with values: "n" -> "3"
    std::vector<std::string> operands;
    bool has(char c) const { return letters.find(c) != std::string::npos; }
};

Options parseOptions(const std::vector<std::string>& args, const std::string& withValue) {
    Options o;
    bool operandsOnly = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (operandsOnly || a == "-" || a.size() < 2 || a[0] != '-') {
            o.operands.push_back(a);
            continue;
        }
        if (a == "--") {
            operandsOnly = true;
            continue;
        }
        if (a[1] == '-') {  // --long or --long=value
            size_t eq = a.find('=');
            o.values[a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2)] =
                eq == std::string::npos ? "" : a.substr(eq + 1);
            continue;
        }
        for (size_t k = 1; k < a.size(); ++k) {
            char c = a[k];
            if (std::isdigit(static_cast<unsigned char>(c)) && k == 1 && withValue.find('n') != std::string::npos) {
                o.values["n"] = a.substr(1);  // head -3
                break;
            }
            o.letters += c;
            if (withValue.find(c) != std::string::npos) {
                std::string v = k + 1 < a.size() ? a.substr(k + 1) : (i + 1 < args.size() ? args[++i] : "");
                o.values[std::string(1, c)] = v;
                break;
            }
        }
    }
    return o;
}

// Concatenated input from the operands (or stdin); missing files are reported GNU-style.
std::string readInputs(const Invocation& inv, const std::vector<std::string>& files, CommandResult& res) {
    if (files.empty())
        return inv.stdinText;
    std::string all;
    for (const std::string& f : files) {
        if (f == "-") {
            all += inv.stdinText;
            continue;
        }
        if (inv.fs.isDirectory(f)) {
            res.err += inv.name + ": " + f + ": Is a directory\n";
            res.exitCode = 1;
            continue;
        }
        auto content = inv.fs.readFile(f);
        if (!content) {
            res.err += inv.name + ": " + f + ": No such file or directory\n";
            res.exitCode = inv.name == "grep" ? 2 : 1;
            continue;
        }
        all += *content;
    }
    return all;
}

CommandResult cat(const Invocation& inv) {
    Options o = parseOptions(inv.args, "");
    CommandResult res;
    res.out = readInputs(inv, o.operands, res);
    return res;
}

CommandResult grep(const Invocation& inv) {
    Options o = parseOptions(inv.args, "eABC");
    CommandResult res;
    // Every -e PATTERN counts (a line matches when one of them does); without -e, the first
    // operand is the pattern.
    std::vector<std::string> patterns;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        const std::string& a = inv.args[i];
        if (a == "--")
            break;
        if (a == "-e" && i + 1 < inv.args.size())
            patterns.push_back(inv.args[++i]);
        else if (a.rfind("--regexp=", 0) == 0)
            patterns.push_back(a.substr(9));
        else if (a.size() > 2 && a.rfind("-e", 0) == 0)
            patterns.push_back(a.substr(2));
    }
    if (patterns.empty() && o.values.count("e")) {
        patterns.push_back(o.values["e"]);
    } else if (patterns.empty() && !o.operands.empty()) {
        patterns.push_back(o.operands.front());
        o.operands.erase(o.operands.begin());
    } else if (patterns.empty()) {
        return CommandResult::failure("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    }
    auto flags = (o.has('E') ? std::regex::extended : std::regex::basic);
    if (o.has('i') || o.values.count("ignore-case"))
        flags |= std::regex::icase;
    if (o.has('F'))
        flags = std::regex::basic | (o.has('i') ? std::regex::icase : std::regex::basic);
    std::vector<std::regex> regexes;
    for (std::string pattern : patterns) {
        try {
            if (o.has('F')) {
                std::string escaped;
                for (char c : pattern) {
                    if (std::string("\\.[]*^$").find(c) != std::string::npos)
                        escaped += '\\';
                    escaped += c;
                }
                pattern = escaped;
            }
            if (o.has('w'))
                pattern = o.has('E') ? "(^|[^[:alnum:]_])(" + pattern + ")([^[:alnum:]_]|$)"
                                     : "\\(^\\|[^[:alnum:]_]\\)\\(" + pattern + "\\)\\([^[:alnum:]_]\\|$\\)";
            regexes.emplace_back(pattern, flags);
        } catch (const std::regex_error&) {
            return CommandResult::failure("grep: Unmatched ( or \\(\n", 2);
        }
    }
    auto search = [&](const std::string& line) {
        return std::any_of(regexes.begin(), regexes.end(), [&](const std::regex& re) { return std::regex_search(line, re); });
    };
    std::string input = readInputs(inv, o.operands, res);
    const bool invert = o.has('v'), count = o.has('c'), quiet = o.has('q'), number = o.has('n'), only = o.has('o');
    // -A/-B/-C: lines of context after and before each match; groups apart are split by "--".
    long after = 0, before = 0;
    for (const char* flag : {"C", "A", "B"}) {
        if (!o.values.count(flag))
            continue;
        long n = 0;
        const std::string& v = o.values[flag];
        char* end = nullptr;
        n = std::strtol(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || n < 0)
            return CommandResult::failure("grep: " + v + ": invalid context length argument\n", 2);
        if (*flag != 'B')
            after = n;
        if (*flag != 'A')
            before = n;
    }
    const std::vector<std::string> lines = splitLines(input);
    int matches = 0;
    long lastShown = -1, afterLeft = 0;
    auto show = [&](long i, bool match) {
        if ((after > 0 || before > 0) && lastShown >= 0 && i > lastShown + 1)
            res.out += "--\n";
        res.out += (number ? std::to_string(i + 1) + (match ? ":" : "-") : "") + lines[static_cast<size_t>(i)] + "\n";
        lastShown = i;
    };
    for (long i = 0; i < static_cast<long>(lines.size()); ++i) {
        const std::string& line = lines[static_cast<size_t>(i)];
        bool hit = search(line);
        if (hit == invert) {
            if (afterLeft > 0 && !count && !quiet && !only) {
                show(i, false);
                --afterLeft;
            }
            continue;
        }
        ++matches;
        if (count || quiet)
            continue;
        if (only && !invert) {
            std::string prefix = number ? std::to_string(i + 1) + ":" : "";
            // SIMPLIFICATION: with several patterns, the matches of each pattern in turn (GNU grep
            // reports them in the order they occur in the line).
            for (const std::regex& re : regexes)
                for (auto it = std::sregex_iterator(line.begin(), line.end(), re); it != std::sregex_iterator(); ++it)
                    if (!it->str().empty())
                        res.out += prefix + it->str() + "\n";
            continue;
        }
        for (long j = std::max(lastShown + 1, i - before); j < i; ++j)
            show(j, false);
        show(i, true);
        afterLeft = after;
    }
    if (count)
        res.out += std::to_string(matches) + "\n";
    if (res.exitCode == 0)
        res.exitCode = matches > 0 ? 0 : 1;
    return res;
}

bool parseCount(const std::string& text, long& n) {
    if (text.empty())
        return false;
    char* end = nullptr;
    n = std::strtol(text.c_str(), &end, 10);
    return *end == '\0';
}

CommandResult headOrTail(const Invocation& inv) {
    Options o = parseOptions(inv.args, "n");
    CommandResult res;
    long n = 10;
    std::string text = o.values.count("n") ? o.values["n"] : (o.values.count("lines") ? o.values["lines"] : "10");
    bool fromStart = inv.name == "tail" && !text.empty() && text[0] == '+';
    if (!parseCount(fromStart ? text.substr(1) : text, n))
        return CommandResult::failure(inv.name + ": invalid number of lines: '" + text + "'\n");
    std::vector<std::string> lines = splitLines(readInputs(inv, o.operands, res));
    size_t count = static_cast<size_t>(std::max(0L, n < 0 ? -n : n));
    std::vector<std::string> out;
    if (inv.name == "head") {
        if (n < 0)
            out.assign(lines.begin(), lines.end() - std::min(count, lines.size()));
        else
            out.assign(lines.begin(), lines.begin() + std::min(count, lines.size()));
    } else if (fromStart) {
        size_t skip = count > 0 ? count - 1 : 0;
        if (skip < lines.size())
            out.assign(lines.begin() + skip, lines.end());
    } else {
        out.assign(lines.end() - std::min(count, lines.size()), lines.end());
    }
    res.out = joinLines(out);
    return res;
}

CommandResult wc(const Invocation& inv) {
    Options o = parseOptions(inv.args, "");
    CommandResult res;
    std::string text = readInputs(inv, o.operands, res);
    long lines = std::count(text.begin(), text.end(), '\n');
    long words = 0, bytes = static_cast<long>(text.size());
    std::istringstream in(text);
    for (std::string w; in >> w;)
        ++words;
    bool l = o.has('l'), w = o.has('w'), c = o.has('c');
    if (!l && !w && !c) {
        // GNU wc pads every count to the width of the largest when it prints several.
        std::string ls = std::to_string(lines), ws = std::to_string(words), bs = std::to_string(bytes);
        size_t width = o.operands.empty() ? 7 : std::max({ls.size(), ws.size(), bs.size()});
        auto pad = [&](const std::string& s) { return std::string(width > s.size() ? width - s.size() : 0, ' ') + s; };
        res.out = pad(ls) + " " + pad(ws) + " " + pad(bs);
    } else {
        std::vector<std::string> parts;
        if (l)
            parts.push_back(std::to_string(lines));
        if (w)
            parts.push_back(std::to_string(words));
        if (c)
            parts.push_back(std::to_string(bytes));
        for (size_t i = 0; i < parts.size(); ++i)
            res.out += (i ? " " : "") + parts[i];
    }
    if (!o.operands.empty())
        res.out += " " + o.operands.front();
    res.out += "\n";
    return res;
}

CommandResult sortLines(const Invocation& inv) {
    Options o = parseOptions(inv.args, "k");
    CommandResult res;
    std::vector<std::string> lines = splitLines(readInputs(inv, o.operands, res));
    if (o.has('n'))
        std::stable_sort(lines.begin(), lines.end(),
                         [](const std::string& a, const std::string& b) { return std::atof(a.c_str()) < std::atof(b.c_str()); });
    else
        std::sort(lines.begin(), lines.end());
    if (o.has('r'))
        std::reverse(lines.begin(), lines.end());
    if (o.has('u'))
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    res.out = joinLines(lines);
    return res;
}

CommandResult uniq(const Invocation& inv) {
    Options o = parseOptions(inv.args, "");
    CommandResult res;
    std::vector<std::string> lines = splitLines(readInputs(inv, o.operands, res));
    std::vector<std::pair<std::string, int>> runs;
    for (auto& l : lines) {
        if (!runs.empty() && runs.back().first == l)
            ++runs.back().second;
        else
            runs.push_back({l, 1});
    }
    for (auto& [l, n] : runs) {
        if (o.has('c')) {
            std::string num = std::to_string(n);
            res.out += std::string(num.size() < 7 ? 7 - num.size() : 0, ' ') + num + " " + l + "\n";
        } else {
            res.out += l + "\n";
        }
    }
    return res;
}

// cut's LIST: "N", "N-", "-M", "N-M", separated by commas or blanks. Positions are 1-based;
// overlapping ranges merge (adjacent ones stay apart: --output-delimiter goes between them).
struct CutRange {
    size_t lo, hi;  // inclusive; hi == SIZE_MAX for "N-"
};

// "" or GNU cut's message for a bad list. `fields`: the -f wording, else the -b/-c one.
// Upstream: coreutils src/set-fields.c#set_fields (messages only).
std::string parseCutList(const std::string& list, bool fields, std::vector<CutRange>& ranges) {
    const std::string numbered = fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1";
    auto quoted = [](const std::string& s) { return "\u2018" + s + "\u2019"; };
    bool dash = false, haveLo = false, haveValue = false;
    size_t lo = 1, value = 0, digitsStart = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
        const char c = i < list.size() ? list[i] : ',';
        if (c == '-') {
            if (dash)
                return fields ? "invalid field range" : "invalid byte or character range";
            dash = true;
            if (haveValue && value == 0)
                return numbered;
            haveLo = haveValue;
            lo = haveValue ? value : 1;
            value = 0;
            haveValue = false;
        } else if (c == ',' || c == ' ' || c == '\t') {
            if (dash) {
                if (!haveValue && !haveLo)
                    return "invalid range with no endpoint: -";
                if (!haveValue)
                    ranges.push_back({lo, SIZE_MAX});
                else if (value < lo)
                    return "invalid decreasing range";
                else
                    ranges.push_back({lo, value});
            } else {
                if (!haveValue || value == 0)
                    return numbered;
                ranges.push_back({value, value});
            }
            dash = haveLo = haveValue = false;
            lo = 1;
            value = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (!haveValue)
                digitsStart = i;
            haveValue = true;
            if (value > (SIZE_MAX / 2 - 9) / 10) {
                size_t end = i;
                while (end < list.size() && std::isdigit(static_cast<unsigned char>(list[end])))
                    ++end;
                const std::string digits = quoted(list.substr(digitsStart, end - digitsStart));
                return fields ? "field number " + digits + " is too large"
                              : "byte/character offset " + digits + " is too large";
            }
            value = value * 10 + static_cast<size_t>(c - '0');
        } else {
            return (fields ? "invalid field value " : "invalid byte/character position ") + quoted(list.substr(i));
        }
    }
    std::sort(ranges.begin(), ranges.end(), [](const CutRange& a, const CutRange& b) { return a.lo < b.lo; });
    std::vector<CutRange> merged;
    for (const CutRange& r : ranges) {
        if (!merged.empty() && r.lo <= merged.back().hi)
            merged.back().hi = std::max(merged.back().hi, r.hi);
        else
            merged.push_back(r);
    }
    ranges = std::move(merged);
    return "";
}

// The positions a sorted, merged range list leaves out (--complement).
std::vector<CutRange> complementRanges(const std::vector<CutRange>& ranges) {
    std::vector<CutRange> out;
    size_t next = 1;
    for (const CutRange& r : ranges) {
        if (r.lo > next)
            out.push_back({next, r.lo - 1});
        if (r.hi == SIZE_MAX)
            return out;
        next = r.hi + 1;
    }
    out.push_back({next, SIZE_MAX});
    return out;
}

// cut -b|-c|-f LIST [-d DELIM] [-s] [--complement] [--output-delimiter=STR] [FILE...].
// -c works on bytes, as GNU cut does (it has no multibyte support).
CommandResult cut(const Invocation& inv) {
    auto usage = [](const std::string& message) {
        return CommandResult::failure("cut: " + message + "\nTry 'cut --help' for more information.\n");
    };
    // Long forms with "=" become their letters; a value-taking letter at the end lacks its value.
    std::vector<std::string> args;
    for (const std::string& a : inv.args) {
        static const std::pair<const char*, const char*> longs[] = {
            {"--bytes=", "-b"}, {"--characters=", "-c"}, {"--fields=", "-f"}, {"--delimiter=", "-d"}};
        bool mapped = false;
        for (const auto& [prefix, letter] : longs)
            if (a.rfind(prefix, 0) == 0) {
                args.push_back(letter);
                args.push_back(a.substr(std::strlen(prefix)));
                mapped = true;
            }
        if (!mapped)
            args.push_back(a == "--only-delimited" ? "-s" : a);
    }
    if (!args.empty() && args.back().size() == 2 && args.back()[0] == '-' &&
        std::string("bcfd").find(args.back()[1]) != std::string::npos)
        return usage(std::string("option requires an argument -- '") + args.back()[1] + "'");
    int lists = 0;
    for (size_t i = 0; i < args.size(); ++i)
        if (args[i].size() >= 2 && args[i][0] == '-' && args[i][1] != '-' &&
            std::string("bcf").find(args[i][1]) != std::string::npos)
            ++lists;
    Options o = parseOptions(args, "bcfd");
    if (lists > 1)
        return usage("only one list may be specified");
    const bool fields = o.values.count("f") > 0;
    const char listFlag = fields ? 'f' : o.values.count("c") ? 'c' : 'b';
    if (!o.values.count(std::string(1, listFlag)))
        return usage("you must specify a list of bytes, characters, or fields");
    std::vector<CutRange> ranges;
    if (std::string err = parseCutList(o.values[std::string(1, listFlag)], fields, ranges); !err.empty())
        return usage(err);
    if (o.values.count("d") && !fields)
        return usage("an input delimiter may be specified only when operating on fields");
    if (o.has('s') && !fields)
        return usage("suppressing non-delimited lines makes sense\n\tonly when operating on fields");
    const std::string delimText = o.values.count("d") ? o.values["d"] : "\t";
    if (delimText.size() > 1)
        return usage("the delimiter must be a single character");
    const char delim = delimText.empty() ? '\0' : delimText[0];
    if (o.values.count("complement"))
        ranges = complementRanges(ranges);
    const bool customOutputDelimiter = o.values.count("output-delimiter") > 0;
    const std::string outDelim = customOutputDelimiter ? o.values["output-delimiter"] : std::string(1, delim);
    auto selected = [&ranges](size_t pos) {
        return std::any_of(ranges.begin(), ranges.end(), [pos](const CutRange& r) { return pos >= r.lo && pos <= r.hi; });
    };
    CommandResult res;
    for (const std::string& line : splitLines(readInputs(inv, o.operands, res))) {
        std::string out;
        if (!fields) {
            bool printed = false;
            for (const CutRange& r : ranges) {
                if (r.lo > line.size())
                    break;
                if (printed && customOutputDelimiter)
                    out += outDelim;
                out += line.substr(r.lo - 1, r.hi == SIZE_MAX ? std::string::npos : r.hi - r.lo + 1);
                printed = true;
            }
            res.out += out + "\n";
            continue;
        }
        if (line.find(delim) == std::string::npos) {
            if (!o.has('s'))
                res.out += line + "\n";
            continue;
        }
        bool first = true;
        size_t index = 1, start = 0;
        while (true) {
            const size_t end = line.find(delim, start);
            if (selected(index)) {
                out += (first ? "" : outDelim) + line.substr(start, end == std::string::npos ? end : end - start);
                first = false;
            }
            if (end == std::string::npos)
                break;
            start = end + 1;
            ++index;
        }
        res.out += out + "\n";
    }
    return res;
}

CommandResult tr(const Invocation& inv) {
    Options o = parseOptions(inv.args, "");
    if (o.operands.empty())
        return CommandResult::failure("tr: missing operand\nTry 'tr --help' for more information.\n");
    auto expandSet = [](const std::string& s) {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (i + 2 < s.size() && s[i + 1] == '-') {
                for (char c = s[i]; c <= s[i + 2]; ++c)
                    out += c;
                i += 2;
            } else if (s[i] == '\\' && i + 1 < s.size()) {
                char n = s[++i];
                out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
            } else {
                out += s[i];
            }
        }
        return out;
    };
    std::string from = expandSet(o.operands[0]);
    std::string to = o.operands.size() > 1 ? expandSet(o.operands[1]) : "";
    CommandResult res;
    for (char c : inv.stdinText) {
        size_t k = from.find(c);
        if (k == std::string::npos)
            res.out += c;
        else if (o.has('d'))
            continue;
        else if (!to.empty())
            res.out += to[std::min(k, to.size() - 1)];
    }
    return res;
}

CommandResult base64(const Invocation& inv) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    Options o = parseOptions(inv.args, "");
    CommandResult res;
    std::string input = readInputs(inv, o.operands, res);
    if (o.has('d') || o.values.count("decode")) {
        int val = 0, bits = -8;
        for (char c : input) {
            if (c == '\n' || c == '\r' || c == ' ')
                continue;
            if (c == '=')
                break;
            const char* p = std::strchr(alphabet, c);
            if (!p || c == '\0')
                return {1, res.out, "base64: invalid input\n"};
            val = (val << 6) + static_cast<int>(p - alphabet);
            bits += 6;
            if (bits >= 0) {
                res.out += static_cast<char>((val >> bits) & 0xFF);
                bits -= 8;
            }
        }
        return res;
    }
    std::string enc;
    int val = 0, bits = -6;
    for (unsigned char c : input) {
        val = (val << 8) + c;
        bits += 8;
        while (bits >= 0) {
            enc += alphabet[(val >> bits) & 0x3F];
            bits -= 6;
        }
    }
    if (bits > -6)
        enc += alphabet[((val << 8) >> (bits + 8)) & 0x3F];
    while (enc.size() % 4)
        enc += '=';
    for (size_t i = 0; i < enc.size(); i += 76)  // GNU wraps at 76 columns
        res.out += enc.substr(i, 76) + "\n";
    return res;
}

// awk with the one program shape tutorials use: '{print $N, $M}' (and NR==k conditions).
// SIMPLIFICATION: not a general awk.
CommandResult awk(const Invocation& inv) {
    Options o = parseOptions(inv.args, "F");
    if (o.operands.empty())
        return CommandResult::failure("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n", 2);
    std::string prog = o.operands[0];
    std::vector<std::string> files(o.operands.begin() + 1, o.operands.end());
    std::smatch m;
    static const std::regex shape(R"(^\s*(NR\s*==\s*(\d+)\s*)?\{\s*print\s*([^}]*)\}\s*$)");
    if (!std::regex_match(prog, m, shape))
        return CommandResult::failure("awk: kubeplay's awk only runs '{print $N}' programs\n", 2);
    long onlyLine = m[2].matched ? std::atol(m[2].str().c_str()) : 0;
    std::vector<std::string> items;
    std::stringstream list(m[3].str());
    for (std::string item; std::getline(list, item, ',');) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        items.push_back(item);
    }
    CommandResult res;
    std::string fs = o.values.count("F") ? o.values["F"] : "";
    long nr = 0;
    for (const std::string& line : splitLines(readInputs(inv, files, res))) {
        ++nr;
        if (onlyLine && nr != onlyLine)
            continue;
        std::vector<std::string> fields;
        if (fs.empty()) {
            std::istringstream in(line);
            for (std::string f; in >> f;)
                fields.push_back(f);
        } else {
            std::stringstream ss(line);
            for (std::string f; std::getline(ss, f, fs[0]);)
                fields.push_back(f);
        }
        std::string out;
        for (size_t i = 0; i < items.size(); ++i) {
            const std::string& it = items[i];
            std::string v;
            if (it == "$0" || it.empty())
                v = line;
            else if (it[0] == '$') {
                size_t k = static_cast<size_t>(std::atol(it.c_str() + 1));
                v = it == "$NF" ? (fields.empty() ? "" : fields.back()) : (k >= 1 && k <= fields.size() ? fields[k - 1] : "");
            } else if (it == "NR")
                v = std::to_string(nr);
            else if (it.size() >= 2 && it.front() == '"' && it.back() == '"')
                v = it.substr(1, it.size() - 2);
            out += (i ? " " : "") + v;
        }
        res.out += out + "\n";
    }
    return res;
}

// sed: the stream edits tutorials use to change a manifest before re-applying it
// (`sed -i 's/replicas: 1/replicas: 3/' web.yaml`, `sed -n '/image:/p'`, `sed '/^#/d'`).
// SIMPLIFICATION: commands s, d and p with an optional line-number, `$` or /regex/ address;
// no ranges, hold space, branches or y///.
struct SedCommand {
    enum class Address { All, Line, Last, Regex } address = Address::All;
    long line = 0;
    std::regex addressRegex;
    char op = 's';
    std::regex pattern;
    std::string replacement;  // in std::regex_replace's format
    bool global = false;
    bool print = false;       // s///p
};

// A basic (or, with -E, extended) POSIX regular expression as an ECMAScript one.
std::string sedRegex(const std::string& re, bool extended) {
    if (extended)
        return re;
    std::string out;
    for (size_t i = 0; i < re.size(); ++i) {
        const char c = re[i];
        if (c == '\\' && i + 1 < re.size()) {
            const char n = re[++i];
            if (std::string("(){}+?|").find(n) != std::string::npos)
                out += n;
            else
                out += std::string("\\") + n;
        } else if (std::string("(){}+?|").find(c) != std::string::npos) {
            out += std::string("\\") + c;
        } else {
            out += c;
        }
    }
    return out;
}

// `&` and `\1`..`\9` as std::regex_replace writes them ($&, $1).
std::string sedReplacement(const std::string& rep) {
    std::string out;
    for (size_t i = 0; i < rep.size(); ++i) {
        const char c = rep[i];
        if (c == '\\' && i + 1 < rep.size()) {
            const char n = rep[++i];
            if (std::isdigit(static_cast<unsigned char>(n)))
                out += std::string("$") + n;
            else if (n == 'n')
                out += '\n';
            else if (n == 't')
                out += '\t';
            else
                out += n;
        } else if (c == '&') {
            out += "$&";
        } else if (c == '$') {
            out += "$$";
        } else {
            out += c;
        }
    }
    return out;
}

bool parseSedScript(const std::string& script, int expression, bool extended, std::vector<SedCommand>& out,
                    std::string& error) {
    size_t i = 0;
    auto fail = [&](const std::string& what) {
        error = "sed: -e expression #" + std::to_string(expression) + ", char " + std::to_string(i + 1) + ": " + what + "\n";
        return false;
    };
    // The text up to the next unescaped delimiter; i ends on the delimiter.
    auto until = [&](char delim, std::string& part) {
        for (; i < script.size(); ++i) {
            if (script[i] == '\\' && i + 1 < script.size() && script[i + 1] == delim) {
                part += delim;
                ++i;
            } else if (script[i] == '\\' && i + 1 < script.size()) {
                part += script[i];
                part += script[++i];
            } else if (script[i] == delim) {
                return true;
            } else {
                part += script[i];
            }
        }
        return false;
    };
    try {
        while (i < script.size()) {
            while (i < script.size() && (script[i] == ' ' || script[i] == ';' || script[i] == '\n'))
                ++i;
            if (i >= script.size())
                break;
            SedCommand cmd;
            if (std::isdigit(static_cast<unsigned char>(script[i]))) {
                cmd.address = SedCommand::Address::Line;
                while (i < script.size() && std::isdigit(static_cast<unsigned char>(script[i])))
                    cmd.line = cmd.line * 10 + (script[i++] - '0');
            } else if (script[i] == '$') {
                cmd.address = SedCommand::Address::Last;
                ++i;
            } else if (script[i] == '/') {
                ++i;
                std::string re;
                if (!until('/', re))
                    return fail("unterminated address regex");
                ++i;
                cmd.address = SedCommand::Address::Regex;
                cmd.addressRegex = std::regex(sedRegex(re, extended));
            }
            if (i >= script.size())
                return fail("missing command");
            cmd.op = script[i++];
            if (cmd.op == 's') {
                if (i >= script.size())
                    return fail("unterminated `s' command");
                const char delim = script[i++];
                std::string re, rep;
                if (!until(delim, re))
                    return fail("unterminated `s' command");
                ++i;
                if (!until(delim, rep))
                    return fail("unterminated `s' command");
                ++i;
                for (; i < script.size() && script[i] != ';' && script[i] != '\n'; ++i) {
                    if (script[i] == 'g')
                        cmd.global = true;
                    else if (script[i] == 'p')
                        cmd.print = true;
                    else if (script[i] != ' ')
                        return fail("unknown option to `s'");
                }
                cmd.pattern = std::regex(sedRegex(re, extended));
                cmd.replacement = sedReplacement(rep);
            } else if (cmd.op != 'd' && cmd.op != 'p') {
                --i;
                return fail(std::string("unknown command: `") + cmd.op + "'");
            }
            out.push_back(std::move(cmd));
        }
    } catch (const std::regex_error&) {
        return fail("invalid regular expression");
    }
    return true;
}

std::string runSed(const std::vector<SedCommand>& commands, const std::string& text, bool quiet) {
    std::vector<std::string> lines = splitLines(text);
    std::string out;
    for (size_t n = 0; n < lines.size(); ++n) {
        std::string line = lines[n];
        bool deleted = false;
        for (const SedCommand& c : commands) {
            const bool selected = c.address == SedCommand::Address::All ||
                                  (c.address == SedCommand::Address::Line && static_cast<long>(n + 1) == c.line) ||
                                  (c.address == SedCommand::Address::Last && n + 1 == lines.size()) ||
                                  (c.address == SedCommand::Address::Regex && std::regex_search(line, c.addressRegex));
            if (!selected)
                continue;
            if (c.op == 'd') {
                deleted = true;
                break;
            }
            if (c.op == 'p') {
                out += line + "\n";
                continue;
            }
            if (!std::regex_search(line, c.pattern))
                continue;
            line = std::regex_replace(line, c.pattern, c.replacement,
                                      c.global ? std::regex_constants::format_default
                                               : std::regex_constants::format_first_only);
            if (c.print)
                out += line + "\n";
        }
        if (!deleted && !quiet)
            out += line + "\n";
    }
    return out;
}

CommandResult sed(const Invocation& inv) {
    bool inPlace = false, quiet = false, extended = false;
    std::vector<std::string> scripts, files;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        const std::string& a = inv.args[i];
        if (a == "-i" || a == "--in-place")
            inPlace = true;
        else if (a == "-n" || a == "--quiet" || a == "--silent")
            quiet = true;
        else if (a == "-E" || a == "-r" || a == "--regexp-extended")
            extended = true;
        else if (a == "-e" && i + 1 < inv.args.size())
            scripts.push_back(inv.args[++i]);
        else if (a.size() > 1 && a[0] == '-' && a != "-")
            return CommandResult::failure("sed: invalid option -- '" + a.substr(1, 1) + "'\n", 1);
        else if (scripts.empty() && files.empty() && !inv.args.empty() &&
                 std::find(inv.args.begin(), inv.args.end(), "-e") == inv.args.end())
            scripts.push_back(a);
        else
            files.push_back(a);
    }
    if (scripts.empty())
        return CommandResult::failure("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n", 1);
    std::vector<SedCommand> commands;
    for (size_t k = 0; k < scripts.size(); ++k) {
        std::string error;
        if (!parseSedScript(scripts[k], static_cast<int>(k + 1), extended, commands, error))
            return CommandResult::failure(error, 1);
    }
    CommandResult res;
    if (!inPlace) {
        res.out = runSed(commands, readInputs(inv, files, res), quiet);
        return res;
    }
    if (files.empty())
        return CommandResult::failure("sed: no input files\n", 1);
    for (const std::string& f : files) {
        std::optional<std::string> content = inv.fs.readFile(f);
        if (!content) {
            res.err += "sed: can't read " + f + ": No such file or directory\n";
            res.exitCode = 2;
            continue;
        }
        inv.fs.writeFile(f, runSed(commands, *content, quiet));
    }
    return res;
}

// diff [-u|-U N] [-q] [-s] FILE1 FILE2 ("-" for stdin): GNU diff's normal or unified output;
// exit 0 when the files are the same, 1 when they differ, 2 for trouble.
// SIMPLIFICATION: the learner's files have no modification times; -u's headers show the
// laptop's current time. Folders are not compared.
CommandResult diff(const Invocation& inv) {
    Options o = parseOptions(inv.args, "U");
    auto trouble = [](const std::string& message) {
        return CommandResult::failure("diff: " + message + "\ndiff: Try 'diff --help' for more information.\n", 2);
    };
    if (o.operands.size() < 2)
        return trouble(o.operands.empty() ? "missing operand after 'diff'"
                                          : "missing operand after '" + o.operands[0] + "'");
    if (o.operands.size() > 2)
        return trouble("extra operand '" + o.operands[2] + "'");
    std::string texts[2];
    for (int i = 0; i < 2; ++i) {
        const std::string& f = o.operands[static_cast<size_t>(i)];
        if (f == "-") {
            texts[i] = inv.stdinText;
            continue;
        }
        std::optional<std::string> content = inv.fs.isDirectory(f) ? std::nullopt : inv.fs.readFile(f);
        if (!content)
            return CommandResult::failure("diff: " + f + ": " +
                                              (inv.fs.isDirectory(f) ? "Is a directory" : "No such file or directory") +
                                              "\n",
                                          2);
        texts[i] = *content;
    }
    const std::string& a = o.operands[0];
    const std::string& b = o.operands[1];
    CommandResult res;
    if (texts[0] == texts[1]) {
        if (o.has('s') || o.values.count("report-identical-files"))
            res.out = "Files " + a + " and " + b + " are identical\n";
        return res;
    }
    res.exitCode = 1;
    if (o.has('q') || o.values.count("brief")) {
        res.out = "Files " + a + " and " + b + " differ\n";
    } else if (o.has('u') || o.has('U') || o.values.count("unified")) {
        const int context = o.values.count("U") ? std::atoi(o.values["U"].c_str()) : 3;
        const std::string when = diffTime(inv.now);
        res.out = "--- " + a + "\t" + when + "\n+++ " + b + "\t" + when + "\n" + unifiedHunks(texts[0], texts[1], context);
    } else {
        res.out = normalDiff(texts[0], texts[1]);
    }
    return res;
}

// ls: the learner's files, one name a line, sorted.
// SIMPLIFICATION: options (-l, -a, ...) are ignored; names print one per line even on a terminal.
CommandResult ls(const Invocation& inv) {
    std::vector<std::string> operands;
    bool all = false;   // -a / -A: names starting with "." too
    bool dots = false;  // -a (not -A): "." and ".." as well
    for (const std::string& a : inv.args) {
        if (a.empty() || a[0] != '-')
            operands.push_back(a);
        else if (a == "--all")
            all = dots = true;
        else if (a == "--almost-all")
            all = true;
        else if (a.rfind("--", 0) != 0 && (a.find('a') != std::string::npos || a.find('A') != std::string::npos)) {
            all = true;
            dots = dots || a.find('a') != std::string::npos;
        }
    }
    if (operands.empty())
        operands.push_back(".");
    CommandResult res;
    for (const std::string& path : operands) {
        if (path != "." && !inv.fs.isDirectory(path)) {
            if (inv.fs.readFile(path))
                res.out += path + "\n";
            else {
                res.err += "ls: cannot access '" + path + "': No such file or directory\n";
                res.exitCode = 2;
            }
            continue;
        }
        if (operands.size() > 1)
            res.out += path + ":\n";
        if (dots)
            res.out += ".\n..\n";
        for (const std::string& name : inv.fs.listDirectory(path))
            // The virtual home also holds absolute paths (/root/.kube/config): not a name here.
            if (!name.empty() && (all || name[0] != '.'))
                res.out += name + "\n";
    }
    return res;
}

// mkdir [-p] DIR...: coreutils' texts. SIMPLIFICATION: -m MODE and -v are not simulated.
CommandResult mkdir(const Invocation& inv) {
    bool parents = false;
    std::vector<std::string> dirs;
    for (const std::string& a : inv.args) {
        if (a == "-p" || a == "--parents")
            parents = true;
        else if (a.size() > 1 && a[0] == '-')
            return CommandResult::failure("mkdir: invalid option -- '" + a.substr(1, 1) +
                                          "'\nTry 'mkdir --help' for more information.\n");
        else
            dirs.push_back(a);
    }
    if (dirs.empty())
        return CommandResult::failure("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    CommandResult res;
    auto fail = [&](const std::string& dir, const char* why) {
        res.err += "mkdir: cannot create directory '" + dir + "': " + why + "\n";
        res.exitCode = 1;
    };
    for (std::string dir : dirs) {
        while (dir.size() > 1 && dir.back() == '/')
            dir.pop_back();
        const bool exists = inv.fs.isDirectory(dir) || inv.fs.readFile(dir);
        if (exists) {
            if (!parents || !inv.fs.isDirectory(dir))
                fail(dir, "File exists");
            continue;
        }
        if (!parents) {
            const size_t slash = dir.rfind('/');
            const std::string parent = slash == std::string::npos || slash == 0 ? "" : dir.substr(0, slash);
            if (!parent.empty() && !inv.fs.isDirectory(parent))
                fail(dir, inv.fs.readFile(parent) ? "Not a directory" : "No such file or directory");
            else if (!inv.fs.makeDirectory(dir))
                fail(dir, "Permission denied");
            continue;
        }
        // -p: each missing ancestor in turn.
        for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
            const std::string part = dir.substr(0, at);
            if (inv.fs.readFile(part) && !inv.fs.isDirectory(part)) {
                fail(dir, part == dir ? "File exists" : "Not a directory");
                break;
            }
            if (!inv.fs.isDirectory(part) && !inv.fs.makeDirectory(part)) {
                fail(part, "Permission denied");
                break;
            }
            if (at == std::string::npos)
                break;
        }
    }
    return res;
}

// rm [-f] [-r] FILE...: coreutils' texts.
// SIMPLIFICATION: no prompts (-i), -d, -v, and no refusal to remove "." or "/".
CommandResult rm(const Invocation& inv) {
    bool force = false, recursive = false, endOfOptions = false;
    std::vector<std::string> files;
    for (const std::string& a : inv.args) {
        if (endOfOptions || a.size() < 2 || a[0] != '-') {
            files.push_back(a);
        } else if (a == "--") {
            endOfOptions = true;
        } else if (a == "--force") {
            force = true;
        } else if (a == "--recursive") {
            recursive = true;
        } else if (a.rfind("--", 0) == 0) {
            return CommandResult::failure("rm: unrecognized option '" + a +
                                          "'\nTry 'rm --help' for more information.\n");
        } else {
            for (char c : a.substr(1)) {
                if (c == 'f')
                    force = true;
                else if (c == 'r' || c == 'R')
                    recursive = true;
                else
                    return CommandResult::failure(std::string("rm: invalid option -- '") + c +
                                                  "'\nTry 'rm --help' for more information.\n");
            }
        }
    }
    if (files.empty())
        return force ? CommandResult{}
                     : CommandResult::failure("rm: missing operand\nTry 'rm --help' for more information.\n");
    CommandResult res;
    for (const std::string& f : files) {
        const bool directory = inv.fs.isDirectory(f);
        if (!directory && !inv.fs.readFile(f)) {
            if (!force) {
                res.err += "rm: cannot remove '" + f + "': No such file or directory\n";
                res.exitCode = 1;
            }
            continue;
        }
        if (directory && !recursive) {
            res.err += "rm: cannot remove '" + f + "': Is a directory\n";
            res.exitCode = 1;
            continue;
        }
        if (!inv.fs.removeFile(f)) {
            res.err += "rm: cannot remove '" + f + "': Permission denied\n";
            res.exitCode = 1;
        }
    }
    return res;
}

// seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCREMENT]] LAST, as GNU coreutils 9.1: integers when
// every operand is one; else decimals printed with as many fraction digits as FIRST and
// INCREMENT have. -w pads with zeros to the width of the widest of FIRST and LAST.
// SIMPLIFICATION: at most kMaxSeqNumbers numbers (then a note), so `seq inf` ends; -f takes one
// %e %f %g (or %a) directive, formatted through C's printf.
constexpr int64_t kMaxSeqNumbers = 1000000;

CommandResult seq(const Invocation& inv) {
    auto usage = [](const std::string& message) {
        return CommandResult::failure("seq: " + message + "\nTry 'seq --help' for more information.\n");
    };
    bool equalWidth = false;
    std::string separator = "\n", format;
    bool hasFormat = false;
    std::vector<std::string> operands;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        const std::string& a = inv.args[i];
        const bool negativeNumber = a.size() > 1 && a[0] == '-' &&
                                    (std::isdigit(static_cast<unsigned char>(a[1])) || a[1] == '.');
        if (!operands.empty() || a.size() < 2 || a[0] != '-' || negativeNumber) {
            operands.push_back(a);
            continue;
        }
        if (a == "--") {
            operands.insert(operands.end(), inv.args.begin() + static_cast<long>(i) + 1, inv.args.end());
            break;
        }
        if (a.rfind("--", 0) == 0) {
            const size_t eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            if (name == "help")
                return {0,
                        "Usage: seq [OPTION]... LAST\n"
                        "  or:  seq [OPTION]... FIRST LAST\n"
                        "  or:  seq [OPTION]... FIRST INCREMENT LAST\n"
                        "Print numbers from FIRST to LAST, in steps of INCREMENT.\n"
                        "\n"
                        "Mandatory arguments to long options are mandatory for short options too.\n"
                        "  -f, --format=FORMAT      use printf style floating-point FORMAT\n"
                        "  -s, --separator=STRING   use STRING to separate numbers (default: \\n)\n"
                        "  -w, --equal-width        equalize width by padding with leading zeroes\n"
                        "      --help        display this help and exit\n"
                        "      --version     output version information and exit\n"
                        "\n"
                        "If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an\n"
                        "omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.\n"
                        "The sequence of numbers ends when the sum of the current number and\n"
                        "INCREMENT would become greater than LAST.\n"
                        "FIRST, INCREMENT, and LAST are interpreted as floating point values.\n"
                        "INCREMENT is usually positive if FIRST is smaller than LAST, and\n"
                        "INCREMENT is usually negative if FIRST is greater than LAST.\n"
                        "INCREMENT must not be 0; none of FIRST, INCREMENT and LAST may be NaN.\n"
                        "FORMAT must be suitable for printing one argument of type 'double';\n"
                        "it defaults to %.PRECf if FIRST, INCREMENT, and LAST are all fixed point\n"
                        "decimal numbers with maximum precision PREC, and to %g otherwise.\n"
                        "\n"
                        "GNU coreutils online help: <https://www.gnu.org/software/coreutils/>\n"
                        "Report any translation bugs to <https://translationproject.org/team/>\n"
                        "Full documentation <https://www.gnu.org/software/coreutils/seq>\n"
                        "or available locally via: info '(coreutils) seq invocation'\n",
                        ""};
            if (name == "equal-width" && eq == std::string::npos) {
                equalWidth = true;
                continue;
            }
            if (name == "separator" || name == "format") {
                std::string value;
                if (eq != std::string::npos)
                    value = a.substr(eq + 1);
                else if (i + 1 < inv.args.size())
                    value = inv.args[++i];
                else
                    return usage("option '--" + name + "' requires an argument");
                if (name == "separator")
                    separator = value;
                else {
                    format = value;
                    hasFormat = true;
                }
                continue;
            }
            return usage("unrecognized option '" + a + "'");
        }
        for (size_t k = 1; k < a.size(); ++k) {
            const char c = a[k];
            if (c == 'w') {
                equalWidth = true;
                continue;
            }
            if (c != 's' && c != 'f')
                return usage("invalid option -- '" + std::string(1, c) + "'");
            std::string value;
            if (k + 1 < a.size())
                value = a.substr(k + 1);
            else if (i + 1 < inv.args.size())
                value = inv.args[++i];
            else
                return usage("option requires an argument -- '" + std::string(1, c) + "'");
            if (c == 's')
                separator = value;
            else {
                format = value;
                hasFormat = true;
            }
            break;
        }
    }
    if (operands.empty())
        return usage("missing operand");
    if (operands.size() > 3)
        return usage("extra operand '" + operands[3] + "'");
    // Each operand: a number, and whether it is written as an integer.
    std::vector<long double> values;
    bool integers = true;
    std::vector<int> fractionDigits;
    for (const std::string& op : operands) {
        char* end = nullptr;
        const long double v = std::strtold(op.c_str(), &end);
        if (op.empty() || end == op.c_str() || *end != '\0' || v != v)
            return usage("invalid floating point argument: '" + op + "'");
        values.push_back(v);
        const size_t dot = op.find('.');
        const bool integral = op.find_first_not_of("+-0123456789") == std::string::npos;
        integers = integers && integral;
        fractionDigits.push_back(dot == std::string::npos || op.find_first_of("eEpPxX") != std::string::npos
                                     ? 0
                                     : static_cast<int>(op.size() - dot - 1));
    }
    const long double first = operands.size() > 1 ? values[0] : 1;
    const long double step = operands.size() == 3 ? values[1] : 1;
    const long double last = values.back();
    if (step == 0)
        return usage("invalid Zero increment value: '" + operands[1] + "'");
    if (hasFormat && equalWidth)
        return usage("format string may not be specified when printing equal width strings");
    if (hasFormat) {
        size_t directives = 0;
        for (size_t k = 0; k < format.size(); ++k) {
            if (format[k] != '%')
                continue;
            if (k + 1 < format.size() && format[k + 1] == '%') {
                ++k;
                continue;
            }
            size_t e = k + 1;
            while (e < format.size() && std::strchr("-+ #0'", format[e]))
                ++e;
            while (e < format.size() && (std::isdigit(static_cast<unsigned char>(format[e])) || format[e] == '.'))
                ++e;
            if (e >= format.size() || !std::strchr("aAeEfFgG", format[e]))
                return CommandResult::failure("seq: format '" + format + "' has unknown %" +
                                              format.substr(k + 1, e + 1 - k - 1) + " directive\n");
            if (++directives > 1)
                return CommandResult::failure("seq: format '" + format + "' has too many % directives\n");
            format.insert(e, "L");
            k = e + 1;
        }
        if (directives == 0)
            return CommandResult::failure("seq: format '" + format + "' has no % directive\n");
    }
    const int precision = std::max(operands.size() > 1 ? fractionDigits[0] : 0,
                                   operands.size() == 3 ? fractionDigits[1] : 0);
    auto text = [&](long double v) {
        char buf[128];
        if (hasFormat)
            std::snprintf(buf, sizeof buf, format.c_str(), v);
        else if (integers)
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
        else
            std::snprintf(buf, sizeof buf, "%.*Lf", precision, v);
        return std::string(buf);
    };
    size_t width = 0;
    if (equalWidth)
        width = std::max(text(first).size(), text(last).size());
    CommandResult res;
    int64_t count = 0;
    std::string previous;
    for (long double v = first;; ++count) {
        std::string t = text(v);
        if (step > 0 ? v > last : v < last) {
            // Past LAST by rounding only (0.1 + 2 * 0.1 > 0.3): GNU seq still prints a number
            // that prints as LAST and differs from the one before, whatever the precision of
            // long double (x87's 80 bits natively, 128 bits in WebAssembly).
            if (count == 0 || t != text(last) || t == previous)
                break;
        }
        if (count == kMaxSeqNumbers) {
            res.err = "seq: output stopped after " + std::to_string(kMaxSeqNumbers) + " numbers (kubeplay limit)\n";
            break;
        }
        previous = t;
        if (t.size() < width)
            t.insert(t[0] == '-' ? 1 : 0, width - t.size(), '0');
        if (count > 0)
            res.out += separator;
        res.out += t;
        if (step > 0 ? v > last : v < last)
            break;  // the number that printed as LAST
        v = first + static_cast<long double>(count + 1) * step;
    }
    if (count > 0)
        res.out += "\n";
    return res;
}

// yes [STRING...]: the line over and over, for a reader such as `yes | head -3`.
// SIMPLIFICATION: it stops after kMaxYesLines lines (a real yes runs until its reader goes or
// Ctrl+C); the shell notes the stop when the lines go to the terminal.
constexpr size_t kMaxYesLines = 10000;

CommandResult yes(const Invocation& inv) {
    std::vector<std::string> words;
    bool operandsOnly = false;
    for (const std::string& a : inv.args) {
        if (!operandsOnly && a == "--") {
            operandsOnly = true;
            continue;
        }
        if (!operandsOnly && a.size() > 1 && a[0] == '-') {
            if (a == "--help")
                return {0,
                        "Usage: yes [STRING]...\n"
                        "  or:  yes OPTION\n"
                        "Repeatedly output a line with all specified STRING(s), or 'y'.\n"
                        "\n"
                        "      --help        display this help and exit\n"
                        "      --version     output version information and exit\n"
                        "\n"
                        "GNU coreutils online help: <https://www.gnu.org/software/coreutils/>\n"
                        "Report any translation bugs to <https://translationproject.org/team/>\n"
                        "Full documentation <https://www.gnu.org/software/coreutils/yes>\n"
                        "or available locally via: info '(coreutils) yes invocation'\n",
                        ""};
            const std::string what = a[1] == '-' ? "unrecognized option '" + a + "'" : "invalid option -- '" + a.substr(1, 1) + "'";
            return CommandResult::failure("yes: " + what + "\nTry 'yes --help' for more information.\n");
        }
        words.push_back(a);
    }
    std::string line;
    for (size_t i = 0; i < words.size(); ++i)
        line += (i ? " " : "") + words[i];
    line = (words.empty() ? "y" : line) + "\n";
    std::string out;
    out.reserve(line.size() * kMaxYesLines);
    for (size_t i = 0; i < kMaxYesLines; ++i)
        out += line;
    return {0, out, ""};
}

}  // namespace

namespace {

const std::map<std::string, Utility>& utilityTable() {
    static const std::map<std::string, Utility> table = {
        {"awk", awk},   {"base64", base64}, {"cat", cat},   {"cut", cut},  {"diff", diff}, {"grep", grep},
        {"head", headOrTail}, {"ls", ls}, {"mkdir", mkdir}, {"rm", rm}, {"sed", sed}, {"seq", seq}, {"sort", sortLines}, {"tail", headOrTail}, {"tr", tr}, {"uniq", uniq}, {"wc", wc}, {"yes", yes},
    };
    return table;
}

}  // namespace

Utility findUtility(const std::string& name) {
    auto it = utilityTable().find(name);
    return it == utilityTable().end() ? nullptr : it->second;
}

std::vector<std::string> utilityNames() {
    std::vector<std::string> names;
    for (const auto& [name, utility] : utilityTable())
        names.push_back(name);
    return names;
}

}  // namespace kp::cli::sh
