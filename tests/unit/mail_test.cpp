#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "mail/message.hpp"
#include "mail/smtp.hpp"
#include "unit/support/mime_decode.hpp"
#include "unit/support/smtp_server.hpp"

namespace crm::mail {
namespace {

using namespace std::chrono_literals;

const std::string kArabicSubject = "دعوة إلى crm";
const std::string kBodyText =
    "مرحبا بكم في crm\n"
    "Grüße aus München — Straße\n"
    ".\n"
    ".leading dot\n"
    "trailing space \n"
    "a=b and =?utf-8?B?x?= stay literal\n" +
    std::string(200, 'x') + "\n" + "مرحبا " + std::string(40, 'y') + " نهاية\n";

Message sample() {
  Message m;
  m.from_address = "noreply@crm.example.org";
  m.from_name = "crm";
  m.to_address = "amira@example.org";
  m.to_name = "أميرة Jürgen";
  m.subject = kArabicSubject;
  m.text = kBodyText;
  m.html = "<p dir=\"auto\">مرحبا بكم في <b>crm</b></p>\n<p>Grüße</p>\n";
  m.message_id = "invite.42";
  return m;
}

// Independent decoders (unit/support/mime_decode.hpp), so the tests do not trust
// render()'s encoders.
using crm::test::base64_decode;
using crm::test::qp_decode;

// RFC 2047: encoded-words decoded, whitespace between adjacent ones dropped.
std::string decode_words(std::string_view v) {
  std::string out;
  size_t pos = 0;
  bool prev_word = false;
  while (pos < v.size()) {
    size_t start = v.find("=?", pos);
    std::string_view gap = v.substr(pos, start == std::string_view::npos ? v.npos : start - pos);
    if (start == std::string_view::npos) {
      out += gap;
      break;
    }
    if (!(prev_word && gap.find_first_not_of(" \t") == std::string_view::npos)) out += gap;
    size_t q1 = v.find('?', start + 2);
    size_t q2 = v.find('?', q1 + 1);
    size_t end = v.find("?=", q2 + 1);
    EXPECT_EQ(v.substr(start + 2, q1 - start - 2), "utf-8");
    EXPECT_EQ(v.substr(q1 + 1, 1), "B");
    out += base64_decode(v.substr(q2 + 1, end - q2 - 1));
    pos = end + 2;
    prev_word = true;
  }
  return out;
}

struct Entity {
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded
  std::string body;

  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (strcasecmp(n.c_str(), std::string(name).c_str()) == 0) return v;
    }
    return {};
  }
  size_t count(std::string_view name) const {
    size_t n = 0;
    for (const auto& h : headers) n += strcasecmp(h.first.c_str(), std::string(name).c_str()) == 0;
    return n;
  }
};

Entity parse(std::string_view raw) {
  Entity e;
  size_t end = raw.find("\r\n\r\n");
  EXPECT_NE(end, std::string_view::npos) << "no header/body separator";
  std::string head(raw.substr(0, end));
  e.body = raw.substr(end + 4);
  size_t line_start = 0;
  while (line_start < head.size()) {
    size_t line_end = head.find("\r\n", line_start);
    if (line_end == std::string::npos) line_end = head.size();
    std::string line = head.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    if (line[0] == ' ' || line[0] == '\t') {  // continuation: unfold
      e.headers.back().second += line;
      continue;
    }
    size_t colon = line.find(':');
    EXPECT_NE(colon, std::string::npos) << "header line without colon: " << line;
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    e.headers.emplace_back(line.substr(0, colon), value);
  }
  return e;
}

std::string decoded_body(const Entity& part) {
  std::string cte = part.header("Content-Transfer-Encoding");
  if (cte == "base64") return base64_decode(part.body);
  EXPECT_EQ(cte, "quoted-printable");
  return qp_decode(part.body);
}

std::vector<Entity> parts(const Entity& msg) {
  std::string ct = msg.header("Content-Type");
  size_t b = ct.find("boundary=\"");
  EXPECT_NE(b, std::string::npos) << ct;
  std::string boundary = ct.substr(b + 10, ct.find('"', b + 10) - b - 10);
  const std::string delim = "--" + boundary;
  std::vector<Entity> out;
  size_t pos = msg.body.find(delim);
  while (pos != std::string::npos) {
    pos += delim.size();
    if (msg.body.compare(pos, 2, "--") == 0) break;
    EXPECT_EQ(msg.body.compare(pos, 2, "\r\n"), 0);
    pos += 2;
    size_t next = msg.body.find("\r\n" + delim, pos);
    out.push_back(parse(std::string_view(msg.body).substr(pos, next - pos)));
    pos = next == std::string::npos ? next : next + 2;
  }
  return out;
}

std::string crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// --- render() ---

TEST(MailRender, ArabicSubjectIsEncodedAndDecodesBack) {
  std::string raw = render(sample(), 1700000000);
  Entity msg = parse(raw);
  std::string subject = msg.header("Subject");
  EXPECT_EQ(subject.find("=?utf-8?B?"), 0u) << subject;
  EXPECT_TRUE(
      std::all_of(subject.begin(), subject.end(), [](unsigned char c) { return c < 0x80; }));
  EXPECT_EQ(decode_words(subject), kArabicSubject);
}

TEST(MailRender, LongSubjectsAndNamesFoldAndDecodeBack) {
  Message m = sample();
  m.subject.clear();
  for (int i = 0; i < 12; ++i) m.subject += kArabicSubject + " ";
  m.subject += "Ende";
  m.to_name = "Jürgen Müller-Lüdenscheidt von und zu Großbeeren-Überlingen und Söhne GmbH";
  std::string raw = render(m, 0);
  Entity msg = parse(raw);
  EXPECT_EQ(decode_words(msg.header("Subject")), m.subject);
  std::string to = msg.header("To");
  ASSERT_NE(to.rfind(" <amira@example.org>"), std::string::npos) << to;
  EXPECT_EQ(decode_words(to.substr(0, to.rfind(" <"))), m.to_name);
  std::string head = raw.substr(0, raw.find("\r\n\r\n"));
  EXPECT_GT(std::count(head.begin(), head.end(), '\n'), 10) << "expected folded lines";
}

TEST(MailRender, PlainAsciiHeadersStayReadable) {
  Message m = sample();
  m.subject = "Your  invitation to crm";
  m.from_name = "CRM Team";
  m.to_name = "Doe, Jane \"JD\"";
  Entity msg = parse(render(m, 0));
  EXPECT_EQ(msg.header("Subject"), "Your  invitation to crm");
  EXPECT_EQ(msg.header("From"), "CRM Team <noreply@crm.example.org>");
  EXPECT_EQ(msg.header("To"), "\"Doe, Jane \\\"JD\\\"\" <amira@example.org>");
}

TEST(MailRender, AsciiLookingLikeEncodedWordIsEncoded) {
  Message m = sample();
  m.subject = "=?utf-8?B?SGk=?=";
  Entity msg = parse(render(m, 0));
  EXPECT_EQ(decode_words(msg.header("Subject")), m.subject);
}

TEST(MailRender, NoDisplayNameGivesBareAddress) {
  Message m = sample();
  m.to_name = "";
  EXPECT_EQ(parse(render(m, 0)).header("To"), "amira@example.org");
}

TEST(MailRender, HeaderInjectionIsStripped) {
  Message m = sample();
  m.subject = "Hello\r\nBcc: evil@example.net\r\n\r\nfake body";
  m.from_name = "crm\nBcc: evil@example.net";
  m.to_name = "Bob\rBcc: evil@example.net";
  m.to_address = "amira@example.org\r\nBcc: evil@example.net";
  m.message_id = "id\r\nBcc: evil@example.net";
  std::string raw = render(m, 0);
  Entity msg = parse(raw);
  EXPECT_EQ(msg.count("Bcc"), 0u) << raw;
  for (const char* h : {"Date", "From", "To", "Subject", "Message-ID", "MIME-Version"}) {
    EXPECT_EQ(msg.count(h), 1u) << h;
  }
  EXPECT_EQ(msg.header("Subject"), "HelloBcc: evil@example.netfake body");
  EXPECT_EQ(msg.header("To"),
            "\"BobBcc: evil@example.net\" <amira@example.orgBccevil@example.net>");
  EXPECT_EQ(msg.header("Message-ID"), "<idBccevilexample.net@crm.example.org>");
}

TEST(MailRender, CrlfEverywhereAndShortLines) {
  Message m = sample();
  m.text = "lone\rcr and lone\nlf and\r\ncrlf\n" + std::string(500, 'z') + "\n" + kBodyText;
  std::string raw = render(m, 0);
  size_t line_start = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(raw[i - 1], '\r') << "bare LF at " << i;
      EXPECT_LE(i - 1 - line_start, 76u) << raw.substr(line_start, i - line_start);
      line_start = i + 1;
    } else if (raw[i] == '\r') {
      ASSERT_LT(i + 1, raw.size());
      EXPECT_EQ(raw[i + 1], '\n') << "bare CR at " << i;
    }
  }
  EXPECT_EQ(raw.substr(raw.size() - 2), "\r\n");
}

TEST(MailRender, BothAlternativesPresentAndDecode) {
  Message m = sample();
  Entity msg = parse(render(m, 0));
  EXPECT_EQ(msg.header("MIME-Version"), "1.0");
  EXPECT_EQ(msg.header("Content-Type").rfind("multipart/alternative;", 0), 0u);
  std::vector<Entity> p = parts(msg);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(p[1].header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(decoded_body(p[0]), crlf(m.text));
  EXPECT_EQ(decoded_body(p[1]), crlf(m.html));
}

TEST(MailRender, PicksQuotedPrintableForAsciiAndBase64ForArabic) {
  Message m = sample();
  m.text = "Hello,\n\nyou are invited.  See you=soon.\n.\n";
  m.html = std::string("<p>") + "مرحبا بكم في crm، نتمنى لكم يوما سعيدا" + "</p>";
  std::vector<Entity> p = parts(parse(render(m, 0)));
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(p[1].header("Content-Transfer-Encoding"), "base64");
  EXPECT_NE(p[0].body.find("\r\n=2E\r\n"), std::string::npos) << "leading dot protected";
  EXPECT_EQ(decoded_body(p[0]), crlf(m.text));
  EXPECT_EQ(decoded_body(p[1]), m.html);
}

TEST(MailRender, WithoutHtmlIsSingleTextPart) {
  Message m = sample();
  m.html.clear();
  Entity msg = parse(render(m, 0));
  EXPECT_EQ(msg.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(decoded_body(msg), crlf(m.text));
}

TEST(MailRender, DateAndMessageId) {
  Entity msg = parse(render(sample(), 1700000000));
  EXPECT_EQ(msg.header("Date"), "Tue, 14 Nov 2023 22:13:20 +0000");
  EXPECT_EQ(msg.header("Message-ID"), "<invite.42@crm.example.org>");
  EXPECT_EQ(parse(render(sample(), 0)).header("Date"), "Thu, 01 Jan 1970 00:00:00 +0000");

  Message m = sample();
  m.message_id.clear();
  std::string a = parse(render(m, 0)).header("Message-ID");
  std::string b = parse(render(m, 0)).header("Message-ID");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), std::string("<@crm.example.org>").size() + 32) << a;
}

TEST(MailRender, BoundaryIsRandom) {
  EXPECT_NE(parse(render(sample(), 0)).header("Content-Type"),
            parse(render(sample(), 0)).header("Content-Type"));
}

std::string unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

// Cross-check with a mature MIME parser (Python's email package): what a
// real mail client's parser makes of render()'s output.
TEST(MailRender, PythonEmailParserReadsItBack) {
  Message m = sample();
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("crm-mail-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "m.eml", std::ios::binary) << render(m, 1700000000);
    std::ofstream(dir / "parse.py") << R"(import sys, email, email.policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
def out(s): print(s.encode('utf-8').hex())
out(str(m['subject']))
out(m['from'].addresses[0].display_name)
out(m['to'].addresses[0].display_name)
out(m['to'].addresses[0].addr_spec)
out(m.get_body(('plain',)).get_content().replace('\r\n', '\n'))
out(m.get_body(('html',)).get_content().replace('\r\n', '\n'))
print(sum(len(p.defects) for p in m.walk()))
)";
  }
  std::string cmd = crm::test::python_interpreter() + " " + (dir / "parse.py").string() + " " +
                    (dir / "m.eml").string();
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::vector<std::string> lines;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, p)) {
    std::string line(buf);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    lines.push_back(line);
  }
  EXPECT_EQ(::pclose(p), 0);
  fs::remove_all(dir);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(unhex(lines[0]), m.subject);
  EXPECT_EQ(unhex(lines[1]), m.from_name);
  EXPECT_EQ(unhex(lines[2]), m.to_name);
  EXPECT_EQ(unhex(lines[3]), m.to_address);
  EXPECT_EQ(unhex(lines[4]), m.text);
  EXPECT_EQ(unhex(lines[5]), m.html);
  EXPECT_EQ(lines[6], "0") << "parser reported defects";
}

// --- send() against a real SMTP server ---

SmtpConfig config_for(const crm::test::SmtpServer& server) {
  SmtpConfig cfg;
  cfg.url = server.url();
  cfg.timeout_seconds = 10;
  return cfg;
}

TEST(MailSend, DeliversToEnvelopeRecipientWithDecodableBody) {
  crm::test::SmtpServer server;
  Message m = sample();
  SendResult r = send(config_for(server), m, render(m, 1700000000));
  ASSERT_TRUE(r.ok) << r.detail;
  EXPECT_NE(r.detail.find("250"), std::string::npos) << r.detail;

  std::optional<std::string> raw = server.wait_for_message(0, 5s);
  ASSERT_TRUE(raw);
  Entity msg = parse(*raw);
  EXPECT_EQ(msg.header("X-Envelope-To"), "<amira@example.org>");
  EXPECT_EQ(msg.header("X-Envelope-From"), "<noreply@crm.example.org>");
  EXPECT_EQ(decode_words(msg.header("Subject")), kArabicSubject);
  std::vector<Entity> p = parts(msg);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(decoded_body(p[0]), crlf(kBodyText));
  EXPECT_EQ(decoded_body(p[1]), crlf(m.html));
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST(MailSend, ConcurrentSendsAllArrive) {
  crm::test::SmtpServer server;
  constexpr int kThreads = 6;
  std::vector<SendResult> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Message m = sample();
      m.to_address = "user" + std::to_string(i) + "@example.org";
      results[i] = send(config_for(server), m, render(m, 0));
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok) << r.detail;
  ASSERT_TRUE(server.wait_for_message(kThreads - 1, 5s));
  std::vector<std::string> got;
  for (const auto& raw : server.messages()) got.push_back(parse(raw).header("X-Envelope-To"));
  std::sort(got.begin(), got.end());
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(got[i], "<user" + std::to_string(i) + "@example.org>");
  }
}

// A bound socket that never listens: connecting to it is refused, and
// unlike a closed port nobody else can take it during the test.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(MailSend, ConnectionRefusedIsTemporary) {
  RefusingPort closed;
  SmtpConfig cfg;
  cfg.url = "smtp://127.0.0.1:" + std::to_string(closed.port());
  cfg.timeout_seconds = 5;
  Message m = sample();
  SendResult r = send(cfg, m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.permanent);
  EXPECT_NE(r.detail.find("onnect"), std::string::npos) << r.detail;
}

TEST(MailSend, SilentServerTimesOutAsTemporary) {
  RefusingPort silent;
  ASSERT_EQ(::listen(silent.fd(), 1), 0);  // the kernel accepts; nobody says 220
  SmtpConfig cfg;
  cfg.url = "smtp://127.0.0.1:" + std::to_string(silent.port());
  cfg.timeout_seconds = 1;
  Message m = sample();
  auto started = std::chrono::steady_clock::now();
  SendResult r = send(cfg, m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.permanent);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(MailSend, RejectedRecipientIsPermanent) {
  crm::test::SmtpServer server({.reject_recipients = "^nobody@"});
  Message m = sample();
  m.to_address = "nobody@example.org";
  SendResult r = send(config_for(server), m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.permanent);
  EXPECT_NE(r.detail.find("550"), std::string::npos) << r.detail;
  EXPECT_NE(r.detail.find("recipient rejected"), std::string::npos) << r.detail;

  m.to_address = "somebody@example.org";  // the same server still accepts others
  SendResult ok = send(config_for(server), m, render(m, 0));
  EXPECT_TRUE(ok.ok) << ok.detail;
  ASSERT_TRUE(server.wait_for_message(0, 5s));
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST(MailSend, TemporaryRejectionIsNotPermanent) {
  crm::test::SmtpServer server({.tempfail_recipients = "^later@"});
  Message m = sample();
  m.to_address = "later@example.org";
  SendResult r = send(config_for(server), m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.permanent);
  EXPECT_NE(r.detail.find("451"), std::string::npos) << r.detail;
  EXPECT_FALSE(server.wait_for_message(0, 300ms));
}

// A wrong SMTP password is a setting to fix, not a reason to drop the mail.
TEST(MailSend, AuthenticationFailureIsNotPermanent) {
  crm::test::SmtpServer server({.auth = "crm:right password"});
  SmtpConfig cfg = config_for(server);
  cfg.username = "crm";
  cfg.password = "wrong password";
  Message m = sample();
  SendResult r = send(cfg, m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.permanent) << r.detail;
  EXPECT_NE(r.detail.find("535"), std::string::npos) << r.detail;
  EXPECT_FALSE(server.wait_for_message(0, 300ms));

  cfg.password = "right password";
  SendResult ok = send(cfg, m, render(m, 0));
  EXPECT_TRUE(ok.ok) << ok.detail;
  EXPECT_TRUE(server.wait_for_message(0, 5s));
}

TEST(MailSend, SmtpCommandInjectionInEnvelopeIsRefused) {
  crm::test::SmtpServer server;
  Message m = sample();
  m.to_address = "amira@example.org>\r\nRCPT TO:<evil@example.net";
  SendResult r = send(config_for(server), m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.permanent);
  EXPECT_FALSE(server.wait_for_message(0, 300ms));
}

TEST(MailSend, NonSmtpUrlIsRefused) {
  SmtpConfig cfg;
  cfg.url = "file:///etc/passwd";
  Message m = sample();
  SendResult r = send(cfg, m, render(m, 0));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.detail.empty());
}

}  // namespace
}  // namespace crm::mail
