// "Show if" conditions and answer constraints in XLSForm's expression syntax
// (the form standard of KoboToolbox and ODK), the one representation the
// builder writes, the XLSForm import reads and the answering form evaluates.
//
// Supported (the common forms):
//   ${name}                         the answer to question `name`
//   .                               the answer being checked (constraints)
//   'text' "text" 12 3.5            literals
//   = != < <= > >=                  comparisons (numbers when either side is
//                                   a number, else text)
//   and or not(…)                   logic
//   + - * div mod                   arithmetic
//   selected(${q}, 'choice')        a choice among the answers of a multiple choice
//   count-selected(${q})            how many were chosen
//   string-length(…)                characters of a text
//   true() false()
// Anything else (other functions, paths like /data/x, ${} without a name)
// does not parse: the error says what and where.
//
// Evaluation follows XPath 1.0's conversions: an unanswered question is the
// empty text, which is not a number (so ${age} > 18 is false while age is
// unanswered) and is false as a truth value.
//
// Thread safety: an Expression is immutable after parse(); any thread may
// evaluate it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::surveys {

// The answers so far, as XLSForm writes them: question name → value (a
// multiple choice: chosen names separated by spaces; a number as written; a
// date as YYYY-MM-DD). A question that is absent is unanswered.
using AnswerValues = std::map<std::string, std::string, std::less<>>;

class Expression {
 public:
  struct Node;
  Expression();
  ~Expression();
  Expression(const Expression&);
  Expression& operator=(const Expression&);
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  // The expression as a truth value. `self`: the value "." stands for.
  bool test(const AnswerValues& answers, std::string_view self = {}) const;
  // The question names it reads (${…}), each once, in order of appearance.
  const std::vector<std::string>& names() const { return names_; }
  // True for the empty expression (always true).
  bool empty() const { return root_ < 0; }

 private:
  friend struct ExpressionParser;
  std::vector<Node> nodes_;
  int root_ = -1;
  std::vector<std::string> names_;
};

struct ParsedExpression {
  std::optional<Expression> expression;  // set when it parsed
  std::string error_key;                 // msgid of what is wrong
  size_t error_at = 0;                   // byte offset where it went wrong
};

// Parses `text` (an empty or blank text is the empty expression). At most
// kMaxExpressionBytes bytes and kMaxExpressionDepth nested levels.
ParsedExpression parse_expression(std::string_view text);

inline constexpr size_t kMaxExpressionBytes = 2000;
inline constexpr int kMaxExpressionDepth = 32;

}  // namespace crm::surveys
