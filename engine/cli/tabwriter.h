// Go's text/tabwriter, which kubectl formats every table and `describe` block with: cells end
// at a tab, a column is as wide as its widest cell plus padding within a block of consecutive
// lines that have that column, and a line without tabs ends every block (it flushes).
// kubectl get uses (minwidth 0, padding 3); describe uses (minwidth 0, padding 2).
// Upstream: go/src/text/tabwriter/tabwriter.go (format, writeLines; padchar ' ', flags 0).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp::cli {

class TabWriter {
public:
    explicit TabWriter(int padding, int minWidth = 0) : padding_(padding), minWidth_(minWidth) {}

    void write(std::string_view text);
    // Formats what is buffered (a line still open stays open, as in Go).
    void flush();
    // Flushes and returns everything written so far.
    std::string str();

private:
    struct Cell {
        std::string text;
        int width = 0;  // in runes
    };
    using Line = std::vector<Cell>;

    void terminateCell();
    void format(size_t line0, size_t line1);
    void formatColumn(size_t& line0, size_t line1);
    void writeLines(size_t line0, size_t line1);
    static int runeCount(std::string_view s);

    int padding_;
    int minWidth_;
    std::vector<Line> lines_{Line{}};
    std::string cell_;
    std::vector<int> widths_;
    std::string out_;
};

}  // namespace kp::cli
