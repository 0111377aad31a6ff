// Shell arithmetic as bash 5.2 evaluates $((...)), ((...)) and let: 64-bit integers that wrap,
// C's operators and precedence (comma, assignments and op=, ?:, || &&, | ^ &, == !=, < > <= >=,
// << >>, + -, * / %, ** right-associative, unary ! ~ - +, ++/-- before and after a name),
// numbers in base 10, 0octal, 0xhex and BASE#digits, and names whose values are expressions
// themselves (x=3+4; $((x*2)) is 14; unset or empty is 0). Errors carry bash's text:
// `1/0: division by 0 (error token is "0")`.
// SIMPLIFICATION: no arrays (a[i]) and no `set -u` unbound-variable errors.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace kp::cli::sh {

struct ArithVariables {
    std::function<std::string(const std::string& name)> get;
    std::function<void(const std::string& name, const std::string& value)> set;
};

struct ArithResult {
    int64_t value = 0;
    std::string error;  // "" when fine; else bash's message without the "bash: " prefix
};

ArithResult evaluateArithmetic(const std::string& expression, const ArithVariables& vars);

}  // namespace kp::cli::sh
