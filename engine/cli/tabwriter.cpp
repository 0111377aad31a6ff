#include "cli/tabwriter.h"

#include <algorithm>

namespace kp::cli {

int TabWriter::runeCount(std::string_view s) {
    int n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

void TabWriter::terminateCell() {
    Cell c;
    c.width = runeCount(cell_);
    c.text = std::move(cell_);
    cell_.clear();
    lines_.back().push_back(std::move(c));
}

void TabWriter::write(std::string_view text) {
    for (char ch : text) {
        if (ch == '\t') {
            terminateCell();
        } else if (ch == '\n') {
            terminateCell();
            size_t cells = lines_.back().size();
            lines_.push_back(Line{});
            // A line with one cell cannot shape later columns: Go flushes right away.
            if (cells == 1)
                flush();
        } else {
            cell_ += ch;
        }
    }
}

void TabWriter::writeLines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; ++i) {
        const Line& line = lines_[i];
        for (size_t j = 0; j < line.size(); ++j) {
            const Cell& c = line[j];
            out_ += c.text;
            if (j < widths_.size())
                out_.append(static_cast<size_t>(std::max(0, widths_[j] - c.width)), ' ');
        }
        if (i + 1 == lines_.size())
            return;  // the open last line has no newline yet
        out_ += '\n';
    }
}

void TabWriter::format(size_t line0, size_t line1) {
    const size_t column = widths_.size();
    for (size_t row = line0; row < line1; ++row) {
        // The last cell of a line is not tab-terminated and never part of a column.
        if (column + 1 >= lines_[row].size())
            continue;
        // A block of this column starts here: print the lines before it first.
        writeLines(line0, row);
        line0 = row;
        int width = minWidth_;
        for (; row < line1 && column + 1 < lines_[row].size(); ++row)
            width = std::max(width, lines_[row][column].width + padding_);
        widths_.push_back(width);
        format(line0, row);
        widths_.pop_back();
        line0 = row;
        if (row == line1)
            break;
    }
    writeLines(line0, line1);
}

void TabWriter::flush() {
    // The open last line (cells not yet ended by a newline) is formatted too, as Go's Flush does.
    if (!cell_.empty())
        terminateCell();
    format(0, lines_.size());
    lines_.assign(1, Line{});
}

std::string TabWriter::str() {
    flush();
    return out_;
}

}  // namespace kp::cli
