// The funder's indicator report (AMIF): the three indicators computed on a
// fixture whose numbers are worked out by hand below, the anonymity
// threshold (a group of 4 hidden, one of 5 shown, and the figures that would
// give a hidden one away hidden too), the period, the XLSX and PDF downloads,
// the drill-down with the page's numbers, who may see it, and bad input that
// changes nothing.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"
#include "surveys/instruments.hpp"

namespace crm::test {
namespace {

using ll = long long;
namespace ps = programme::store;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

ll at(int y, int m, int d, int hour = 0) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = hour;
  return static_cast<ll>(timegm(&tm));
}

// The text of the section of indicator `key`.
std::string section(const std::string& html, std::string_view key) {
  auto start = html.find("data-indicator=\"" + std::string(key) + "\"");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

// The row of `label` in the table data-dimension="d" of `html`.
std::string row(const std::string& html, std::string_view dimension, std::string_view label) {
  auto t = html.find("data-dimension=\"" + std::string(dimension) + "\"");
  if (t == std::string::npos) return {};
  auto end = html.find("</table>", t);
  auto l = html.find(">" + std::string(label) + "<", t);
  if (l == std::string::npos || l > end) return {};
  return html.substr(l, html.find("</tr>", l) - l);
}

std::string unzip_member(const std::string& zip, const std::string& member) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-indicators-test-" + std::to_string(::getpid()) + ".bin");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (FILE* p = popen(("unzip -p '" + path.string() + "' '" + member + "'").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

std::string pdf_text(const std::string& pdf) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-indicators-test-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen(("pdftotext -layout '" + path.string() + "' -").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

constexpr ll kNow = 1767225600;  // 2026-01-01

// The fixture, a programme of its own (threshold 5) with the demo staff
// member on its team; the period asked for is 2026-01-01 to 2026-06-30.
//
// Countries: DE destination; TR origin, transit and destination; MA origin;
// SN none.
// Cohort A: sessions a1 (2026-03-10, in the period) and a0 (2025-11-10,
// before it). Present at a1: 5 from DE (ngo), 4 from MA (male), 3 from SN —
// 12. Not counted: one present only at a0, one excused at a1, one withdrawn
// present at a1, one applicant present at a1.
// Cohort B: session b1 (2026-04-02): 6 from TR present — 6.
// (1) A 12, B 6, total 18. Countries in total: DE 5 (shown), MA 4 and SN 3
// (fewer than 5), TR 6. Gender in total: female 14 (DE 5 + SN 3 + TR 6),
// male 4: male is fewer than 5, so female is hidden too (18 − 14 = 4).
//
// (2) "useful" survey (identified), round for cohort A open in the period,
// 14 invitations sent. Responses in the period: DE 5 agree, MA 4 strongly
// agree, SN 3 agree — 12 counted; one DE "disagree" (answered, not counted);
// one DE "agree" submitted 2025-12-15 (outside: neither counted nor
// answered). A 12 (answered 13, asked 14).
//
// (3) "follow_up" survey (anonymous): a graduates round of cohort B three
// months after, 8 invitations sent: 6 TR "regularly"/"sometimes" and one TR
// "no" — 6 counted, 7 answered. A graduates round one month after with a
// "regularly" is not the indicator's: not counted, not answered.
class IndicatorReportTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_a_ = 0, cohort_b_ = 0, de_first_ = 0;

  ll person(const std::string& name, const std::string& country, const std::string& gender,
            ll organisation) {
    programme::Person p;
    p.name = name;
    p.email = name + "@indicators.example.org";
    for (auto& c : p.email)
      if (c == ' ') c = '.';
    p.country = country;
    p.gender = gender;
    p.organisation_id = organisation;
    p.created_at = kNow;
    return ps::insert_person(sql(), p);
  }
  void enrol(ll person, ll cohort, const std::string& status = "participant") {
    ps::insert_enrolment(sql(), {0, person, cohort, "participant", status, kNow});
  }
  ll session(ll cohort, ll starts, const std::string& uid) {
    ll id = 0, ends = starts + 3 * 3600, now = kNow;
    sql().sql() << "INSERT INTO course_session (cohort_id, kind, starts_at, ends_at, time_zone, "
                   "uid, created_at, updated_at) VALUES (:c, 'online', :s, :e, 'UTC', :u, :t, "
                   ":t2) RETURNING id",
        soci::use(cohort), soci::use(starts), soci::use(ends), soci::use(uid), soci::use(now),
        soci::use(now), soci::into(id);
    return id;
  }
  void attend(ll session, ll person, const std::string& status = "present") {
    ll now = kNow;
    sql().sql() << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES "
                   "(:s, :p, :st, :t)",
        soci::use(session), soci::use(person), soci::use(status), soci::use(now);
  }
  void invitations(ll round, const std::vector<ll>& people, bool sent = true) {
    for (ll p : people) {
      const std::string hash = "h-" + std::to_string(round) + "-" + std::to_string(p);
      ll send = kNow, sent_at = kNow;
      soci::indicator ind = sent ? soci::i_ok : soci::i_null;
      sql().sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, "
                     "sent_at) VALUES (:r, :p, :h, :s, :sa)",
          soci::use(round), soci::use(p), soci::use(hash), soci::use(send), soci::use(sent_at, ind);
    }
  }
  void set_round(ll round, const std::string& audience, ll months) {
    sql().sql() << "UPDATE survey_round SET audience = :a, months_after = :m WHERE id = :r",
        soci::use(audience), soci::use(months), soci::use(round);
  }

  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql();
    programme_ = ps::insert_programme(db, "indicators", 5, kNow);
    ps::insert_programme_text(db, programme_, "en", "Indicator programme", "");
    ll staff = account_id(demo("staff").email);
    ps::insert_programme_staff(db, programme_, staff);
    for (auto [country, role] :
         std::vector<std::pair<std::string, std::string>>{{"DE", "destination"},
                                                          {"TR", "origin"},
                                                          {"TR", "transit"},
                                                          {"TR", "destination"},
                                                          {"MA", "origin"}})
      db.sql() << "INSERT INTO programme_country (programme_id, country, role) VALUES (:p, :c, :r)",
          soci::use(programme_), soci::use(country), soci::use(role);
    programme::Cohort a;
    a.programme_id = programme_;
    a.number = 1;
    a.name = "Round A";
    a.starts_on = at(2025, 11, 1);
    a.ends_on = at(2026, 5, 31);
    a.status = "running";
    cohort_a_ = ps::insert_cohort(db, a);
    programme::Cohort b = a;
    b.number = 2;
    b.name = "Round B";
    cohort_b_ = ps::insert_cohort(db, b);
    programme::Organisation ngo;
    ngo.name = "Helping Hands";
    ngo.country = "DE";
    ngo.type = "ngo";
    ll org = ps::insert_organisation(db, ngo);

    ll a0 = session(cohort_a_, at(2025, 11, 10, 9), "ind-a0");
    ll a1 = session(cohort_a_, at(2026, 3, 10, 9), "ind-a1");
    ll b1 = session(cohort_b_, at(2026, 4, 2, 9), "ind-b1");
    std::vector<ll> de, ma, sn, tr;
    for (int i = 1; i <= 5; ++i)
      de.push_back(person("Anna De" + std::to_string(i), "DE", "female", org));
    for (int i = 1; i <= 4; ++i)
      ma.push_back(person("Omar Ma" + std::to_string(i), "MA", "male", 0));
    for (int i = 1; i <= 3; ++i)
      sn.push_back(person("Awa Sn" + std::to_string(i), "SN", "female", 0));
    for (int i = 1; i <= 6; ++i)
      tr.push_back(person("Elif Tr" + std::to_string(i), "TR", "female", 0));
    de_first_ = de.front();
    for (auto v : {&de, &ma, &sn})
      for (ll p : *v) {
        enrol(p, cohort_a_);
        attend(a1, p);
      }
    for (ll p : tr) {
      enrol(p, cohort_b_, "graduate");
      attend(b1, p);
    }
    ll before = person("Before Period", "DE", "female", 0);
    enrol(before, cohort_a_);
    attend(a0, before);
    ll excused = person("Excused Once", "DE", "female", 0);
    enrol(excused, cohort_a_);
    attend(a1, excused, "excused");
    ll withdrawn = person("Withdrawn Person", "DE", "female", 0);
    enrol(withdrawn, cohort_a_, "withdrawn");
    attend(a1, withdrawn);
    ll applicant = person("Applicant Person", "DE", "female", 0);
    enrol(applicant, cohort_a_, "applicant");
    attend(a1, applicant);

    // (2)
    auto useful =
        survey_insert(db, programme_, "useful", false, *surveys::instrument("useful"), kNow);
    ll round = survey_round_insert(db, useful.survey, cohort_a_, at(2026, 5, 1), at(2026, 5, 31));
    std::vector<ll> asked = de;
    asked.insert(asked.end(), ma.begin(), ma.end());
    asked.insert(asked.end(), sn.begin(), sn.end());
    asked.push_back(before);
    asked.push_back(excused);
    invitations(round, asked);
    auto respond = [&](ll r, ll version, ll who, const std::string& country,
                       const std::string& gender, const std::string& org_type,
                       const std::string& question, const std::string& choice, ll on, ll cohort) {
      surveys::RespondentFacts f;
      f.cohort_id = cohort;
      f.country = country;
      f.gender = gender;
      f.organisation_type = org_type;
      survey_response_insert(db, programme_, r, version, who, f, {{question, "", choice, {}, {}}},
                             on);
    };
    for (ll p : de)
      respond(round, useful.version, p, "DE", "female", "ngo", "useful", "4", at(2026, 5, 10),
              cohort_a_);
    for (ll p : ma)
      respond(round, useful.version, p, "MA", "male", "", "useful", "5", at(2026, 5, 11),
              cohort_a_);
    for (ll p : sn)
      respond(round, useful.version, p, "SN", "female", "", "useful", "4", at(2026, 5, 12),
              cohort_a_);
    respond(round, useful.version, excused, "DE", "female", "", "useful", "2", at(2026, 5, 12),
            cohort_a_);
    ll early = survey_round_insert(db, useful.survey, cohort_a_, at(2025, 12, 1), at(2025, 12, 20));
    respond(early, useful.version, before, "DE", "female", "", "useful", "4", at(2025, 12, 15),
            cohort_a_);

    // (3)
    auto follow =
        survey_insert(db, programme_, "follow_up", true, *surveys::instrument("follow_up"), kNow);
    ll three = survey_round_insert(db, follow.survey, cohort_b_, at(2026, 6, 1), at(2026, 6, 30));
    set_round(three, "graduates", 3);
    std::vector<ll> graduates = tr;
    graduates.push_back(ma[0]);
    graduates.push_back(ma[1]);
    invitations(three, graduates);
    for (int i = 0; i < 6; ++i)
      respond(three, follow.version, 0, "TR", "female", "", "using_skills",
              i % 2 ? "sometimes" : "regularly", at(2026, 6, 10), cohort_b_);
    respond(three, follow.version, 0, "TR", "female", "", "using_skills", "no", at(2026, 6, 11),
            cohort_b_);
    ll one = survey_round_insert(db, follow.survey, cohort_b_, at(2026, 4, 1), at(2026, 4, 30));
    set_round(one, "graduates", 1);
    respond(one, follow.version, 0, "TR", "female", "", "using_skills", "regularly",
            at(2026, 4, 10), cohort_b_);
  }

  std::string path(const std::string& rest = {}) {
    return "/reports/indicators" + rest + "?programme=" + std::to_string(programme_) +
           "&from=2026-01-01&to=2026-06-30";
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch to English");
    return c;
  }
  std::string cohort(ll id) { return std::to_string(id); }
};

TEST_F(IndicatorReportTest, TheThreeIndicatorsAsWorkedOutByHand) {
  auto c = english("staff");
  auto res = c.get(path());
  ASSERT_EQ(res.status, 200) << res.body;
  auto one = section(res.body, "participants");
  auto two = section(res.body, "useful");
  auto three = section(res.body, "using_skills");
  ASSERT_FALSE(one.empty());
  // Definitions beside the numbers.
  EXPECT_TRUE(has(one, "marked present at least once at a session of that cohort"));
  EXPECT_TRUE(has(three, "three months or more"));
  // Totals and cohorts.
  EXPECT_TRUE(has(one, "data-total=\"18\"")) << one.substr(0, 3000);
  EXPECT_TRUE(has(one, "cohort=" + cohort(cohort_a_) + "\" data-count=\"12\""));
  EXPECT_TRUE(has(one, "cohort=" + cohort(cohort_b_) + "\" data-count=\"6\""));
  EXPECT_TRUE(has(two, "data-total=\"12\""));
  EXPECT_TRUE(has(three, "data-total=\"6\""));
  // Asked and answered beside (2) and (3).
  auto total_row = [](const std::string& s) { return s.substr(s.find("class=\"total\"")); };
  EXPECT_TRUE(has(total_row(two),
                  "class=\"number\">14</td><td data-label=\"Answered\" class=\"number\">13<"))
      << total_row(two).substr(0, 400);
  EXPECT_TRUE(has(total_row(three),
                  "class=\"number\">8</td><td data-label=\"Answered\" class=\"number\">7<"));
  // A group of 5 shown (a link), one of 4 and one of 3 hidden.
  EXPECT_TRUE(has(row(one, "country", "Germany"), "data-count=\"5\""));
  EXPECT_TRUE(has(row(one, "country", "Morocco"), "fewer than 5"));
  EXPECT_FALSE(has(row(one, "country", "Morocco"), "data-count"));
  EXPECT_TRUE(has(row(one, "country", "Senegal"), "fewer than 5"));
  EXPECT_TRUE(has(row(one, "country", "Türkiye"), "data-count=\"6\"") ||
              has(row(one, "country", "Turkey"), "data-count=\"6\""));
  // Male 4 is hidden, and female 14 with it: 18 − 14 would give it away.
  EXPECT_TRUE(has(row(one, "gender", "Male"), "fewer than 5"));
  EXPECT_TRUE(has(row(one, "gender", "Female"), ">hidden<"));
  EXPECT_FALSE(has(row(one, "gender", "Female"), "data-count=\"14\""));
  EXPECT_FALSE(has(row(one, "gender", "Female"), "data-count=\"8\""));
  // Organisation type: 5 of an NGO in cohort A.
  EXPECT_TRUE(
      has(row(one, "organisation_type", "Non-governmental organisation"), "data-count=\"5\""));
  // Responses: the same groups, by the facts they were submitted with.
  EXPECT_TRUE(has(row(two, "country", "Germany"), "data-count=\"5\""));
  EXPECT_TRUE(has(row(two, "country", "Morocco"), "fewer than 5"));
  EXPECT_TRUE(has(row(three, "country", "Türkiye"), "data-count=\"6\"") ||
              has(row(three, "country", "Turkey"), "data-count=\"6\""));
  // In the navigation.
  EXPECT_TRUE(has(res.body, "href=\"/reports/indicators\""));
}

TEST_F(IndicatorReportTest, ThePeriodDecidesWhatIsCounted) {
  auto c = english("staff");
  // From 2025-11-01: the session before 2026 and the early response count too.
  auto res = c.get("/reports/indicators?programme=" + std::to_string(programme_) +
                   "&from=2025-11-01&to=2026-06-30");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(section(res.body, "participants"), "data-total=\"19\""));
  EXPECT_TRUE(has(section(res.body, "useful"), "data-total=\"13\""));
  // Only March: no responses, 12 participants of cohort A.
  res = c.get("/reports/indicators?programme=" + std::to_string(programme_) +
              "&from=2026-03-01&to=2026-03-31");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(section(res.body, "participants"), "data-total=\"12\""));
  EXPECT_TRUE(has(section(res.body, "useful"), "data-total=\"0\""));
  // One cohort only.
  res = c.get(path() + "&cohort=" + cohort(cohort_b_));
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(has(section(res.body, "participants"), "Round A"));
  EXPECT_TRUE(has(section(res.body, "participants"), "data-count=\"6\""));
}

TEST_F(IndicatorReportTest, DrillDownShowsTheFiguresRecords) {
  auto c = english("staff");
  const std::string base = "/reports/indicators/records?programme=" + std::to_string(programme_) +
                           "&from=2026-01-01&to=2026-06-30";
  // (1) Germany in total: the 5 people, by name.
  auto res = c.get(base + "&indicator=participants&group=country%3ADE");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(has(res.body, "data-count=\"5\""));
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(has(res.body, "Anna De" + std::to_string(i)));
  EXPECT_FALSE(has(res.body, "Omar Ma1"));
  EXPECT_FALSE(has(res.body, "Excused Once"));
  // Every link on the page leads to as many records as it says.
  auto page = c.get(path());
  size_t links = 0;
  for (const auto& link : links_of(page.body)) {
    if (!link.starts_with("/reports/indicators/records?")) continue;
    ++links;
    auto drill = c.get(link);
    ASSERT_EQ(drill.status, 200) << link;
    std::string escaped;
    for (char ch : link) escaped += ch == '&' ? std::string("&amp;") : std::string(1, ch);
    const auto key = "<a href=\"" + escaped + "\" data-count=\"";
    auto p = page.body.find(key);
    ASSERT_NE(p, std::string::npos);
    const long shown = std::stol(page.body.substr(p + key.size()));
    long listed = 0;
    for (auto q = drill.body.find("data-person=\""); q != std::string::npos;
         q = drill.body.find("data-person=\"", q + 1))
      ++listed;
    const std::string rounds = "data-responses=\"";
    for (auto q = drill.body.find(rounds); q != std::string::npos;
         q = drill.body.find(rounds, q + 1))
      listed += std::stol(drill.body.substr(q + rounds.size()));
    EXPECT_EQ(listed, shown) << link;
  }
  EXPECT_GT(links, 10u);
  // (2) lists the identified responses with their survey, titled as the
  // staff pages title it in the reader's language.
  res = c.get(base + "&indicator=useful&group=country%3ADE");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "End of the programme: was it useful?"));
  auto german = sign_in("staff");
  ASSERT_EQ(german.submit("/account", {{"language", "de"}, {"next", "/"}}, "/language").status,
            303);
  res = german.get(base + "&indicator=useful&group=country%3ADE");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "Programmende: War es nützlich?"));
  // (3) is anonymous: counts per round, never a person.
  res = c.get(base + "&indicator=using_skills");
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(has(res.body, "data-person"));
  EXPECT_FALSE(has(res.body, "Elif Tr"));
  EXPECT_TRUE(has(res.body, "Anonymous responses counted"));
  // A hidden group is not drillable, nor a hidden complement.
  EXPECT_EQ(c.get(base + "&indicator=participants&group=country%3AMA").status, 404);
  EXPECT_EQ(c.get(base + "&indicator=participants&group=gender%3Afemale").status, 404);
  EXPECT_EQ(c.get(base + "&indicator=nonsense").status, 404);
  EXPECT_EQ(c.get(base + "&indicator=participants&group=nonsense").status, 404);
}

TEST_F(IndicatorReportTest, ALargeFiguresRecordsComeAPageAtATimeAndWholeInTheDownloads) {
  // 130 more participants of cohort A present in the period: Germany holds
  // 135 people, more than a page.
  ll org = 0;
  sql().sql() << "SELECT id FROM organisation WHERE name = 'Helping Hands'", soci::into(org);
  ll s = session(cohort_a_, at(2026, 3, 20, 9), "ind-many");
  for (int i = 1; i <= 130; ++i) {
    ll p = person("Many De" + std::to_string(1000 + i), "DE", "male", org);
    enrol(p, cohort_a_);
    attend(s, p);
  }
  auto c = english("staff");
  const std::string base =
      "/reports/indicators/records?programme=" + std::to_string(programme_) +
      "&from=2026-01-01&to=2026-06-30&indicator=participants&group=country%3ADE";
  auto count_people = [](const std::string& body) {
    long n = 0;
    for (auto q = body.find("data-person=\""); q != std::string::npos;
         q = body.find("data-person=\"", q + 1))
      ++n;
    return n;
  };
  auto first = c.get(base);
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(has(first.body, "data-count=\"135\""));
  EXPECT_EQ(count_people(first.body), 100);
  auto second = c.get(base + "&page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(count_people(second.body), 35);
  // Past the last page: the last page.
  EXPECT_EQ(count_people(c.get(base + "&page=99").body), 35);
  // The downloads hold every record, by name.
  const std::string csv_path = "/reports/indicators/records.csv" + base.substr(base.find('?'));
  auto csv = c.get(csv_path);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.header("content-disposition"), "attachment"));
  long lines = 0;
  for (char ch : csv.body) lines += ch == '\n';
  EXPECT_EQ(lines, 136);  // the header and 135 people
  EXPECT_TRUE(has(csv.body, "Anna De1"));
  EXPECT_TRUE(has(csv.body, "Many De1130"));
  auto xlsx = c.get("/reports/indicators/records.xlsx" + base.substr(base.find('?')));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(has(unzip_member(xlsx.body, "xl/sharedStrings.xml"), "Many De1001"));
  // A hidden figure has no download either.
  EXPECT_EQ(c.get("/reports/indicators/records.csv?programme=" + std::to_string(programme_) +
                  "&from=2026-01-01&to=2026-06-30&indicator=participants&group=country%3AMA")
                .status,
            404);
}

TEST_F(IndicatorReportTest, DownloadsHoldThePagesFigures) {
  auto c = english("staff");
  auto x = c.get(path(".xlsx"));
  ASSERT_EQ(x.status, 200);
  EXPECT_TRUE(has(x.header("content-type"), "spreadsheetml"));
  auto workbook = unzip_member(x.body, "xl/workbook.xml");
  EXPECT_TRUE(has(workbook, "Indicator 1"));
  EXPECT_TRUE(has(workbook, "Indicator 3"));
  auto sheet1 = unzip_member(x.body, "xl/worksheets/sheet1.xml");
  auto strings = unzip_member(x.body, "xl/sharedStrings.xml");
  // Figures as numbers: 12, 6 and the total 18 of indicator 1.
  EXPECT_TRUE(has(sheet1, "<v>18</v>"));
  EXPECT_TRUE(has(sheet1, "<v>12</v>"));
  EXPECT_TRUE(has(sheet1, "<v>5</v>"));
  EXPECT_TRUE(has(strings, "fewer than 5"));
  EXPECT_TRUE(has(strings, "Number of participants in training activities"));
  EXPECT_TRUE(has(strings, "2026-01-01"));
  auto sheet2 = unzip_member(x.body, "xl/worksheets/sheet2.xml");
  EXPECT_TRUE(has(sheet2, "<v>14</v>"));  // asked
  EXPECT_TRUE(has(sheet2, "<v>13</v>"));  // answered
  auto p = c.get(path(".pdf"));
  ASSERT_EQ(p.status, 200);
  ASSERT_TRUE(p.body.starts_with("%PDF"));
  auto text = pdf_text(p.body);
  EXPECT_TRUE(has(text, "Number of participants in training activities")) << text.substr(0, 2000);
  EXPECT_TRUE(has(text, "18"));
  EXPECT_TRUE(has(text, "fewer than 5"));
  EXPECT_TRUE(has(text, "Round A"));
}

TEST_F(IndicatorReportTest, ArabicReadersGetARightToLeftSheet) {
  auto c = sign_in("staff");
  c.submit("/account", {{"language", "ar"}, {"next", "/"}}, "/language");
  auto x = c.get(path(".xlsx"));
  ASSERT_EQ(x.status, 200);
  EXPECT_TRUE(has(unzip_member(x.body, "xl/worksheets/sheet1.xml"), "rightToLeft=\"1\""));
  auto p = c.get(path(".pdf"));
  ASSERT_TRUE(p.body.starts_with("%PDF"));
  EXPECT_TRUE(has(pdf_text(p.body), "١٨"));
}

TEST_F(IndicatorReportTest, OnlyTheProgrammesStaffSeeIt) {
  for (const char* role : {"participant", "lecturer", "alumnus"}) {
    auto c = sign_in(role);
    EXPECT_EQ(c.get(path()).status, 404) << role;
    EXPECT_EQ(c.get(path(".xlsx")).status, 404) << role;
    EXPECT_EQ(c.get(path(".pdf")).status, 404) << role;
    EXPECT_EQ(c.get("/reports/indicators/records?programme=" + std::to_string(programme_) +
                    "&indicator=participants")
                  .status,
              404)
        << role;
    EXPECT_FALSE(has(c.get("/").body, "href=\"/reports/indicators\"")) << role;
  }
  EXPECT_NE(client().get(path()).status, 200);
  // Staff of another programme.
  auto other = insert_other_programme(sql());
  auto c = english("staff");
  EXPECT_EQ(c.get("/reports/indicators?programme=" + std::to_string(other.programme)).status, 404);
  // A cohort of another programme in this one's report.
  EXPECT_EQ(c.get(path() + "&cohort=" + std::to_string(other.cohort)).status, 404);
  EXPECT_EQ(
      c.get(path("/records") + "&indicator=participants&cohort=" + std::to_string(other.cohort))
          .status,
      404);
}

TEST_F(IndicatorReportTest, BadInputGetsAMessageAndChangesNothing) {
  auto c = english("staff");
  const auto before = state();
  const std::string base = "/reports/indicators?programme=" + std::to_string(programme_);
  auto res = c.get(base + "&from=2026-06-30&to=2026-01-01");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "The end of the period is before its start."));
  EXPECT_TRUE(has(res.body, "error-summary"));
  res = c.get(base + "&from=2026-02-30");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Enter the date as year-month-day (YYYY-MM-DD)."));
  EXPECT_TRUE(has(res.body, "2026-02-30"));  // what was typed stays
  EXPECT_EQ(c.get(base + "&to=yesterday").status, 422);
  EXPECT_EQ(c.get(path(".xlsx").substr(0, 0) +
                  "/reports/indicators.xlsx?programme=" + std::to_string(programme_) + "&from=x")
                .status,
            422);
  EXPECT_EQ(c.get(base + "&cohort=abc").status, 404);
  EXPECT_EQ(c.get("/reports/indicators?programme=abc").status, 404);
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace crm::test
