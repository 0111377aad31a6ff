// The bordered tables minikube prints (service, service list, addons list, profile list): the
// github.com/olekukonko/tablewriter v0.0.5 layout with minikube's settings.
//
//  - header cells are centred and, unless `autoFormatHeaders` is off, upper-cased ("Target
//    Port" -> "TARGET PORT"); the header is framed by "|---|" lines;
//  - a cell that looks like a number ("8080", "1") is right-aligned, every other cell left-aligned;
//  - a cell wider than 30 columns is wrapped at spaces (a single longer word stays whole), and
//    a cell with several lines ("80\n443") is re-flowed to the width of its widest line;
//  - columns are as wide as their widest line, measured in terminal columns (emoji count 2).
#pragma once
#include <string>
#include <vector>

namespace kp::cli::minikube {

std::string renderTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        bool autoFormatHeaders = true);

// The minimal-raggedness word wrap the table uses (tablewriter WrapString): lines of at most
// `limit` columns where possible. Exposed for tests.
std::vector<std::string> wrapString(const std::string& text, int limit);

}  // namespace kp::cli::minikube
