#include "surveys/expression.hpp"

#include <fmt/format.h>
#include <cmath>
#include <cstdlib>

#include "core/i18n.hpp"

namespace crm::surveys {

struct Expression::Node {
  enum class Kind { text, number, ref, self, unary_minus, binary, call } kind = Kind::text;
  std::string text;  // text literal, ref name, operator or function name
  double number = 0;
  std::vector<int> args;
};

Expression::Expression() = default;
Expression::~Expression() = default;
Expression::Expression(const Expression&) = default;
Expression& Expression::operator=(const Expression&) = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

namespace {

using Node = Expression::Node;

struct Value {
  enum class Kind { text, number, boolean } kind = Kind::text;
  std::string s;
  double n = 0;
  bool b = false;
};

Value text(std::string s) {
  return Value{Value::Kind::text, std::move(s), 0, false};
}
Value number(double n) {
  return Value{Value::Kind::number, {}, n, false};
}
Value boolean(bool b) {
  return Value{Value::Kind::boolean, {}, 0, b};
}

double to_number(const Value& v) {
  switch (v.kind) {
    case Value::Kind::number:
      return v.n;
    case Value::Kind::boolean:
      return v.b ? 1 : 0;
    case Value::Kind::text:
      break;
  }
  // XPath's number(): optional spaces, an optional minus, digits with at most
  // one point; anything else is not a number.
  std::string_view s = v.s;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return NAN;
  size_t i = s.front() == '-' ? 1 : 0;
  bool digits = false, point = false;
  for (size_t j = i; j < s.size(); ++j) {
    if (s[j] >= '0' && s[j] <= '9')
      digits = true;
    else if (s[j] == '.' && !point)
      point = true;
    else
      return NAN;
  }
  if (!digits) return NAN;
  return std::strtod(std::string(s).c_str(), nullptr);
}

bool to_bool(const Value& v) {
  switch (v.kind) {
    case Value::Kind::boolean:
      return v.b;
    case Value::Kind::number:
      return v.n != 0 && !std::isnan(v.n);
    case Value::Kind::text:
      return !v.s.empty();
  }
  return false;
}

std::string to_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::text:
      return v.s;
    case Value::Kind::boolean:
      return v.b ? "true" : "false";
    case Value::Kind::number:
      if (std::isnan(v.n)) return "NaN";
      if (v.n == std::floor(v.n) && std::fabs(v.n) < 1e15) return fmt::format("{}", (long long)v.n);
      return fmt::format("{}", v.n);
  }
  return {};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// The words a space-separated multiple-choice answer holds.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

// Recursive descent over the text; nodes go into the expression's vector.
struct ExpressionParser {
  std::string_view src;
  size_t pos = 0;
  int depth = 0;
  Expression& out;
  std::string error;
  size_t error_at = 0;

  bool fail(const char* key, size_t at) {
    if (error.empty()) {
      error = key;
      error_at = at;
    }
    return false;
  }
  void skip() {
    while (pos < src.size() && is_space(src[pos])) ++pos;
  }
  bool at_end() {
    skip();
    return pos >= src.size();
  }
  bool peek(std::string_view s) {
    skip();
    return src.substr(pos, s.size()) == s;
  }
  // A keyword operator (and, or, div, mod) standing as a word of its own.
  bool peek_word(std::string_view w) {
    skip();
    if (src.substr(pos, w.size()) != w) return false;
    size_t end = pos + w.size();
    return end >= src.size() || !is_name_char(src[end]);
  }
  void finish(int root) { out.root_ = root; }
  int add(Node n) {
    out.nodes_.push_back(std::move(n));
    return static_cast<int>(out.nodes_.size() - 1);
  }
  int binary(std::string op, int l, int r) {
    Node n;
    n.kind = Node::Kind::binary;
    n.text = std::move(op);
    n.args = {l, r};
    return add(std::move(n));
  }

  int parse_or() {
    int l = parse_and();
    while (l >= 0 && peek_word("or")) {
      pos += 2;
      int r = parse_and();
      if (r < 0) return -1;
      l = binary("or", l, r);
    }
    return l;
  }
  int parse_and() {
    int l = parse_compare();
    while (l >= 0 && peek_word("and")) {
      pos += 3;
      int r = parse_compare();
      if (r < 0) return -1;
      l = binary("and", l, r);
    }
    return l;
  }
  int parse_compare() {
    int l = parse_add();
    if (l < 0) return -1;
    for (const char* op : {"!=", "<=", ">=", "=", "<", ">"}) {
      if (peek(op)) {
        pos += std::string_view(op).size();
        int r = parse_add();
        if (r < 0) return -1;
        return binary(op, l, r);
      }
    }
    return l;
  }
  int parse_add() {
    int l = parse_mul();
    while (l >= 0) {
      if (peek("+") || peek("-")) {
        std::string op(1, src[pos++]);
        int r = parse_mul();
        if (r < 0) return -1;
        l = binary(op, l, r);
      } else {
        break;
      }
    }
    return l;
  }
  int parse_mul() {
    int l = parse_unary();
    while (l >= 0) {
      std::string op;
      if (peek("*"))
        op = "*", pos += 1;
      else if (peek_word("div"))
        op = "div", pos += 3;
      else if (peek_word("mod"))
        op = "mod", pos += 3;
      else
        break;
      int r = parse_unary();
      if (r < 0) return -1;
      l = binary(op, l, r);
    }
    return l;
  }
  int parse_unary() {
    if (peek("-")) {
      ++pos;
      if (++depth > kMaxExpressionDepth)
        return fail(N_("The expression is nested too deeply."), pos), -1;
      int c = parse_unary();
      --depth;
      if (c < 0) return -1;
      Node n;
      n.kind = Node::Kind::unary_minus;
      n.args = {c};
      return add(std::move(n));
    }
    return parse_primary();
  }
  int parse_primary() {
    if (at_end()) return fail(N_("Something is missing at the end of the expression."), pos), -1;
    const size_t start = pos;
    const char c = src[pos];
    if (c == '\'' || c == '"') {
      size_t end = src.find(c, pos + 1);
      if (end == std::string_view::npos) return fail(N_("A quote is not closed."), start), -1;
      Node n;
      n.kind = Node::Kind::text;
      n.text = std::string(src.substr(pos + 1, end - pos - 1));
      pos = end + 1;
      return add(std::move(n));
    }
    if ((c >= '0' && c <= '9') ||
        (c == '.' && pos + 1 < src.size() && src[pos + 1] >= '0' && src[pos + 1] <= '9')) {
      size_t end = pos;
      bool point = false;
      while (end < src.size() &&
             ((src[end] >= '0' && src[end] <= '9') || (src[end] == '.' && !point))) {
        if (src[end] == '.') point = true;
        ++end;
      }
      Node n;
      n.kind = Node::Kind::number;
      n.number = std::strtod(std::string(src.substr(pos, end - pos)).c_str(), nullptr);
      pos = end;
      return add(std::move(n));
    }
    if (c == '$') {
      if (src.substr(pos, 2) != "${") return fail(N_("This is not understood here."), start), -1;
      size_t end = src.find('}', pos + 2);
      if (end == std::string_view::npos)
        return fail(N_("A question name ${…} is not closed or is empty."), start), -1;
      std::string_view name = src.substr(pos + 2, end - pos - 2);
      bool ok = !name.empty() && is_name_start(name[0]);
      for (char ch : name) ok = ok && is_name_char(ch);
      if (!ok) return fail(N_("A question name ${…} is not closed or is empty."), start), -1;
      Node n;
      n.kind = Node::Kind::ref;
      n.text = std::string(name);
      bool seen = false;
      for (const auto& known : out.names_) seen = seen || known == name;
      if (!seen) out.names_.push_back(n.text);
      pos = end + 1;
      return add(std::move(n));
    }
    if (c == '.') {
      ++pos;
      Node n;
      n.kind = Node::Kind::self;
      return add(std::move(n));
    }
    if (c == '(') {
      ++pos;
      if (++depth > kMaxExpressionDepth)
        return fail(N_("The expression is nested too deeply."), start), -1;
      int inner = parse_or();
      --depth;
      if (inner < 0) return -1;
      if (!peek(")")) return fail(N_("A bracket is not closed."), start), -1;
      ++pos;
      return inner;
    }
    if (is_name_start(c)) {
      size_t end = pos;
      while (end < src.size() && is_name_char(src[end])) ++end;
      std::string fn(src.substr(pos, end - pos));
      pos = end;
      if (!peek("(")) return fail(N_("This is not understood here."), start), -1;
      size_t arity;
      if (fn == "selected")
        arity = 2;
      else if (fn == "count-selected" || fn == "string-length" || fn == "not")
        arity = 1;
      else if (fn == "true" || fn == "false")
        arity = 0;
      else
        return fail(N_("Unknown function; supported: selected, count-selected, string-length, "
                       "not, true, false."),
                    start),
               -1;
      ++pos;  // (
      if (++depth > kMaxExpressionDepth)
        return fail(N_("The expression is nested too deeply."), start), -1;
      Node n;
      n.kind = Node::Kind::call;
      n.text = fn;
      if (!peek(")")) {
        for (;;) {
          int a = parse_or();
          if (a < 0) return -1;
          n.args.push_back(a);
          if (peek(",")) {
            ++pos;
            continue;
          }
          break;
        }
      }
      --depth;
      if (!peek(")")) return fail(N_("A bracket is not closed."), start), -1;
      ++pos;
      if (n.args.size() != arity)
        return fail(N_("Wrong number of arguments for this function."), start), -1;
      return add(std::move(n));
    }
    return fail(N_("This is not understood here."), start), -1;
  }
};

ParsedExpression parse_expression(std::string_view text) {
  ParsedExpression result;
  if (text.size() > kMaxExpressionBytes) {
    result.error_key = N_("The expression is too long.");
    return result;
  }
  Expression e;
  ExpressionParser p{text, 0, 0, e, {}, 0};
  if (p.at_end()) {
    result.expression = std::move(e);
    return result;
  }
  int root = p.parse_or();
  if (root >= 0 && !p.at_end()) p.fail(N_("This is not understood here."), p.pos);
  if (!p.error.empty()) {
    result.error_key = p.error;
    result.error_at = p.error_at;
    return result;
  }
  p.finish(root);
  result.expression = std::move(e);
  return result;
}

namespace {

struct Evaluator {
  const std::vector<Node>& nodes;
  const AnswerValues& answers;
  std::string_view self;

  Value eval(int i) const {
    const Node& n = nodes[static_cast<size_t>(i)];
    switch (n.kind) {
      case Node::Kind::text:
        return text(n.text);
      case Node::Kind::number:
        return number(n.number);
      case Node::Kind::ref: {
        auto it = answers.find(n.text);
        return text(it == answers.end() ? std::string() : it->second);
      }
      case Node::Kind::self:
        return text(std::string(self));
      case Node::Kind::unary_minus:
        return number(-to_number(eval(n.args[0])));
      case Node::Kind::binary:
        return binary(n);
      case Node::Kind::call:
        return call(n);
    }
    return text({});
  }

  Value binary(const Node& n) const {
    const std::string& op = n.text;
    if (op == "and") return boolean(to_bool(eval(n.args[0])) && to_bool(eval(n.args[1])));
    if (op == "or") return boolean(to_bool(eval(n.args[0])) || to_bool(eval(n.args[1])));
    Value a = eval(n.args[0]), b = eval(n.args[1]);
    if (op == "+") return number(to_number(a) + to_number(b));
    if (op == "-") return number(to_number(a) - to_number(b));
    if (op == "*") return number(to_number(a) * to_number(b));
    if (op == "div") return number(to_number(a) / to_number(b));
    if (op == "mod") return number(std::fmod(to_number(a), to_number(b)));
    if (op == "=" || op == "!=") {
      bool eq;
      if (a.kind == Value::Kind::boolean || b.kind == Value::Kind::boolean)
        eq = to_bool(a) == to_bool(b);
      else if (a.kind == Value::Kind::number || b.kind == Value::Kind::number)
        eq = to_number(a) == to_number(b);
      else
        eq = a.s == b.s;
      return boolean(op == "=" ? eq : !eq);
    }
    // < <= > >=: numbers (NaN compares false), as XPath 1.0 does.
    const double x = to_number(a), y = to_number(b);
    if (op == "<") return boolean(x < y);
    if (op == "<=") return boolean(x <= y);
    if (op == ">") return boolean(x > y);
    return boolean(x >= y);
  }

  Value call(const Node& n) const {
    const std::string& fn = n.text;
    if (fn == "true") return boolean(true);
    if (fn == "false") return boolean(false);
    if (fn == "not") return boolean(!to_bool(eval(n.args[0])));
    if (fn == "string-length")
      return number(static_cast<double>(utf8_length(to_text(eval(n.args[0])))));
    if (fn == "count-selected")
      return number(static_cast<double>(words(to_text(eval(n.args[0]))).size()));
    // selected(answers, choice)
    const std::string all = to_text(eval(n.args[0])), one = to_text(eval(n.args[1]));
    for (auto w : words(all))
      if (w == one) return boolean(true);
    return boolean(false);
  }
};

}  // namespace

bool Expression::test(const AnswerValues& answers, std::string_view self) const {
  if (root_ < 0) return true;
  return to_bool(Evaluator{nodes_, answers, self}.eval(root_));
}

}  // namespace crm::surveys
