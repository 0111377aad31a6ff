#include "cli/minikube/table_writer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>

#include "cli/minikube/text_width.h"

namespace kp::cli::minikube {
namespace {

constexpr int kMaxCellWidth = 30;
constexpr int64_t kTooLongPenalty = 100000;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t end = s.find(sep, start);
        parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

std::string join(const std::vector<std::string>& parts, size_t from, size_t to, const std::string& sep) {
    std::string out;
    for (size_t i = from; i < to; ++i) {
        if (i > from)
            out += sep;
        out += parts[i];
    }
    return out;
}

std::string trimSpace(const std::string& s) {
    const char* ws = " \t\n\r\v\f";
    size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos)
        return "";
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Numbers ("8080", "-1", "1,000", "2.5") are right-aligned.
bool looksDecimal(const std::string& raw) {
    std::string s = trimSpace(raw);
    size_t i = 0;
    if (i < s.size() && s[i] == '-')
        ++i;
    size_t digitsStart = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ','))
        ++i;
    std::string intPart = s.substr(digitsStart, i - digitsStart);
    if (intPart.empty() || intPart.front() == ',' || intPart.back() == ',')
        return false;
    if (intPart.find(',') != std::string::npos) {
        // Groups of three after a first group of one to three digits.
        std::vector<std::string> groups = split(intPart, ',');
        if (groups[0].size() > 3)
            return false;
        for (size_t g = 1; g < groups.size(); ++g)
            if (groups[g].size() != 3)
                return false;
    }
    if (i == s.size())
        return true;
    if (s[i] != '.' || i + 1 == s.size())
        return false;
    for (size_t j = i + 1; j < s.size(); ++j)
        if (!std::isdigit(static_cast<unsigned char>(s[j])))
            return false;
    return true;
}

bool isNumOrSpace(char c) { return (c >= '0' && c <= '9') || c == ' '; }

// Header auto-format: '_' and non-numeric '.' become spaces, trimmed, upper-cased.
std::string title(const std::string& name) {
    std::string s = name;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_')
            s[i] = ' ';
        else if (s[i] == '.' && ((i != 0 && !isNumOrSpace(name[i - 1])) || (i + 1 != s.size() && !isNumOrSpace(name[i + 1]))))
            s[i] = ' ';
    }
    s = trimSpace(s);
    if (s.empty() && !name.empty())
        s = " ";
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string padCenter(const std::string& s, int width) {
    int gap = width - displayWidth(s);
    if (gap <= 0)
        return s;
    int left = gap / 2;
    return std::string(left, ' ') + s + std::string(gap - left, ' ');
}

std::string padRight(const std::string& s, int width) {
    int gap = width - displayWidth(s);
    return gap > 0 ? s + std::string(gap, ' ') : s;
}

std::string padLeft(const std::string& s, int width) {
    int gap = width - displayWidth(s);
    return gap > 0 ? std::string(gap, ' ') + s : s;
}

// Word wrap with minimal raggedness: dynamic programming over break points, where a line's
// cost is the square of its slack and a line longer than the limit pays a large penalty.
// Upstream: github.com/olekukonko/tablewriter wrap.go#WrapWords.
std::vector<std::vector<std::string>> wrapWords(const std::vector<std::string>& words, int spc, int limit) {
    const size_t n = words.size();
    std::vector<std::vector<int64_t>> length(n, std::vector<int64_t>(n, 0));
    for (size_t i = 0; i < n; ++i) {
        length[i][i] = displayWidth(words[i]);
        for (size_t j = i + 1; j < n; ++j)
            length[i][j] = length[i][j - 1] + spc + displayWidth(words[j]);
    }
    std::vector<size_t> breakAt(n, n);
    std::vector<int64_t> cost(n, std::numeric_limits<int32_t>::max());
    for (size_t k = n; k-- > 0;) {
        if (length[k][n - 1] <= limit) {
            cost[k] = 0;
            breakAt[k] = n;
            continue;
        }
        for (size_t j = k + 1; j < n; ++j) {
            int64_t slack = limit - length[k][j - 1];
            int64_t c = slack * slack + cost[j];
            if (length[k][j - 1] > limit)
                c += kTooLongPenalty;
            if (c < cost[k]) {
                cost[k] = c;
                breakAt[k] = j;
            }
        }
    }
    std::vector<std::vector<std::string>> lines;
    for (size_t i = 0; i < n; i = breakAt[i])
        lines.emplace_back(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(breakAt[i]));
    return lines;
}

class Table {
public:
    explicit Table(bool autoFormatHeaders) : autoFormat_(autoFormatHeaders) {}

    void setHeader(const std::vector<std::string>& header) {
        for (size_t i = 0; i < header.size(); ++i)
            headers_.push_back(parseDimension(header[i], static_cast<int>(i), kHeaderRow));
    }

    void append(const std::vector<std::string>& row) {
        const int n = static_cast<int>(lines_.size());
        std::vector<std::vector<std::string>> cells;
        for (size_t i = 0; i < row.size(); ++i)
            cells.push_back(parseDimension(row[i], static_cast<int>(i), n));
        lines_.push_back(std::move(cells));
    }

    std::string render() const {
        std::string out = line();
        out += heading();
        for (size_t r = 0; r < lines_.size(); ++r)
            out += printRow(lines_[r], static_cast<int>(r));
        out += line();
        return out;
    }

private:
    static constexpr int kHeaderRow = -1;

    // Splits a cell into lines and records the column width and row height it needs.
    std::vector<std::string> parseDimension(const std::string& text, int col, int row) {
        std::vector<std::string> raw = split(text, '\n');
        int maxWidth = 0;
        for (const std::string& l : raw)
            maxWidth = std::max(maxWidth, displayWidth(l));
        maxWidth = std::min(maxWidth, kMaxCellWidth);
        // All lines of a cell are re-flowed as one paragraph.
        std::vector<std::string> lines = wrapString(join(raw, 0, raw.size(), " "), maxWidth);
        int newMaxWidth = maxWidth;
        for (const std::string& l : lines)
            newMaxWidth = std::max(newMaxWidth, displayWidth(l));
        auto cs = widths_.find(col);
        if (cs == widths_.end() || cs->second < newMaxWidth || cs->second == 0)
            widths_[col] = newMaxWidth;
        auto rs = heights_.find(row);
        int h = static_cast<int>(lines.size());
        if (rs == heights_.end() || rs->second < h || rs->second == 0)
            heights_[row] = h;
        return lines;
    }

    std::string line() const {
        std::string out = "|";
        for (const auto& [col, width] : widths_)
            out += std::string(static_cast<size_t>(width) + 2, '-') + "|";
        return out + "\n";
    }

    std::string heading() const {
        if (headers_.empty())
            return "";
        std::string out;
        const int height = heights_.at(kHeaderRow);
        for (int x = 0; x < height; ++x) {
            out += "|";
            for (const auto& [col, width] : widths_) {
                std::string h;
                if (col < static_cast<int>(headers_.size()) && x < static_cast<int>(headers_[col].size()))
                    h = headers_[col][x];
                if (autoFormat_)
                    h = title(h);
                out += " " + padCenter(h, width) + " |";
            }
            out += "\n";
        }
        return out + line();
    }

    std::string printRow(std::vector<std::vector<std::string>> columns, int row) const {
        const int height = heights_.at(row);
        for (auto& c : columns)
            while (static_cast<int>(c.size()) < height)
                c.push_back("  ");
        std::string out;
        for (int x = 0; x < height; ++x) {
            for (size_t y = 0; y < columns.size(); ++y) {
                const std::string& s = columns[y][x];
                const int width = widths_.at(static_cast<int>(y));
                out += "| " + (looksDecimal(s) ? padLeft(s, width) : padRight(s, width)) + " ";
            }
            out += "|\n";
        }
        return out;
    }

    bool autoFormat_;
    std::vector<std::vector<std::string>> headers_;
    std::vector<std::vector<std::vector<std::string>>> lines_;
    std::map<int, int> widths_;
    std::map<int, int> heights_;
};

}  // namespace

std::vector<std::string> wrapString(const std::string& text, int limit) {
    std::string flat = text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    std::vector<std::string> words = split(flat, ' ');
    for (const std::string& w : words)
        limit = std::max(limit, displayWidth(w));
    std::vector<std::string> lines;
    for (const auto& ws : wrapWords(words, 1, limit))
        lines.push_back(join(ws, 0, ws.size(), " "));
    return lines;
}

std::string renderTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        bool autoFormatHeaders) {
    Table t(autoFormatHeaders);
    t.setHeader(header);
    for (const auto& r : rows)
        t.append(r);
    return t.render();
}

}  // namespace kp::cli::minikube
