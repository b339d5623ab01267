// Files and photos attached to posts (spaces/attachment_service.hpp), on both
// databases: a photo gets a small copy (at most 640 px, smaller, without its
// EXIF) and its original loses its EXIF too, a PDF is kept as it is, and every refusal — a .jpg
// that is text, an empty file, a file too large, five files, a decompression bomb — names the file
// and changes nothing. Whoever is not in the post's space gets 404 for the file and its small copy;
// a hidden post's files only reach its author and the moderators, a deleted post's nobody.
#include "auth/service.hpp"
#include "core/image.hpp"
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "papers/pdf.hpp"
#include "programme/store.hpp"
#include "unit/support/bomb_png.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr const char* kPassword = "attachments-test-password-1";

// Noise, as a photo's pixels are to a compressor.
std::string pixels(int w, int h) {
  std::string rgb(static_cast<std::size_t>(w) * h * 3, '\0');
  uint32_t x = 2463534242u;
  for (auto& c : rgb) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    c = static_cast<char>(x & 0xFF);
  }
  return rgb;
}

class SpacesAttachmentsTest : public SpacesTest {
 protected:
  ll cohort_a_ = 0, cohort_b_ = 0, space_a_ = 0, thread_ = 0;
  std::string author_, member_, outsider_, lecturer_;
  ll author_id_ = 0, lecturer_id_ = 0;

  // Production's upload limit: the tests send a file just over 10 MB.
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 25 * 1024 * 1024;
    return o;
  }

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("spaces-attach-", "Attachments");
    cohort_a_ = cohort(1);
    cohort_b_ = cohort(2);
    sql().sql() << "SELECT id FROM space WHERE cohort_id = :c", soci::use(cohort_a_),
        soci::into(space_a_);
    author_ = person(auth::Role::participant, cohort_a_, "participant", &author_id_);
    member_ = person(auth::Role::participant, cohort_a_, "participant");
    outsider_ = person(auth::Role::participant, cohort_b_, "participant");
    lecturer_ = person(auth::Role::lecturer, cohort_a_, "lecturer", &lecturer_id_);
    std::string title = "Photos of the week";
    sql().sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, "
                   "last_post_at, post_count) VALUES (:s, :t, :a, :c, :l, 1) RETURNING id",
        soci::use(space_a_), soci::use(title), soci::use(author_id_), soci::use(now_),
        soci::use(now_), soci::into(thread_);
  }

  // An account enrolled in `cohort_id`; returns its e-mail address.
  std::string person(auth::Role role, ll cohort_id, const std::string& enrolment_role,
                     ll* id_out = nullptr) {
    const std::string email = "attach-" + unique() + "@spaces.example.org";
    auto id = auth::create_account(sql(), email, "Member " + unique(), role, kPassword, "en", now_);
    if (!id) throw std::runtime_error("account: " + id.error().key);
    programme::Person p;
    p.name = "Person " + unique();
    p.email = email;
    p.country = "SN";
    p.account_id = *id;
    p.created_at = now_;
    programme::Enrolment e;
    e.person_id = programme::store::insert_person(sql(), p);
    e.cohort_id = cohort_id;
    e.role = enrolment_role;
    e.status = "participant";
    e.created_at = now_;
    programme::store::insert_enrolment(sql(), e);
    if (id_out) *id_out = *id;
    return email;
  }

  ll post(ll author) {
    ll id = 0;
    std::string body = "A post with files";
    sql().sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES (:t, "
                   ":a, :b, :c) RETURNING id",
        soci::use(thread_), soci::use(author), soci::use(body), soci::use(now_), soci::into(id);
    return id;
  }

  Client as(const std::string& email) { return sign_in(email, kPassword); }

  HttpResponse upload(Client& c, ll post_id, const std::vector<FilePart>& files) {
    const std::string page = "/posts/" + std::to_string(post_id) + "/attachments";
    auto form = c.get(page);
    auto token = csrf_of(form.body);
    if (token.empty()) token = c.cookie("csrf").value_or("none");
    return c.post_multipart(page, {{"csrf", token}}, files);
  }

  std::vector<ll> attachments_of(ll post_id) {
    std::vector<ll> out;
    db::Rows rows = (sql().sql().prepare << "SELECT id FROM post_attachment WHERE post_id = :p "
                                            "ORDER BY id",
                     soci::use(post_id));
    for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
    return out;
  }

  // The attachments' rows without their bytes (dump_tables reads no blobs;
  // the size and the small copy's dimensions stand for them), and the tables
  // a post's change would touch.
  std::string files_state() {
    std::string out;
    db::Rows rows = (sql().sql().prepare
                     << "SELECT id, post_id, filename, content_type, size, small_content_type, "
                        "width, height, created_at FROM post_attachment ORDER BY id");
    for (const auto& r : rows) {
      out += std::to_string(db::get_int64(r, 0)) + "|" + std::to_string(db::get_int64(r, 1));
      for (std::size_t i : {2u, 3u, 5u}) out += "|" + db::get_text(r, i);
      for (std::size_t i : {4u, 6u, 7u, 8u}) out += "|" + std::to_string(db::get_int64(r, i));
      out += "\n";
    }
    return out + dump_tables(sql(), {"post", "thread", "audit_log"});
  }

  static FilePart part(std::string name, std::string type, std::string data) {
    return {"attachments", std::move(name), std::move(type), std::move(data)};
  }
};

TEST_F(SpacesAttachmentsTest, APhotoGetsASmallCopyWithoutExifAndAPdfIsKept) {
  const auto jpeg =
      image::encode(pixels(1600, 1200), 1600, 1200, "image/jpeg", 1, "crm-gps-52.5200N-13.4050E");
  const auto png = image::encode(pixels(900, 1200), 900, 1200, "image/png");
  papers::PdfDocument d;
  d.title = "Notes";
  d.language = "en";
  d.paragraphs = {"What we agreed on Wednesday."};
  const auto pdf = papers::render_pdf(d);
  ll p = post(author_id_);
  auto c = as(author_);
  auto r = upload(c, p,
                  {part("lake.jpg", "image/jpeg", jpeg), part("map.png", "image/png", png),
                   part("notes.pdf", "application/pdf", pdf)});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location(), "/posts/" + std::to_string(p));
  auto ids = attachments_of(p);
  ASSERT_EQ(ids.size(), 3u);

  ll w = 0, h = 0;
  std::string small_type;
  sql().sql() << "SELECT width, height, small_content_type FROM post_attachment WHERE id = :i",
      soci::use(ids[0]), soci::into(w), soci::into(h), soci::into(small_type);
  EXPECT_EQ(w, 640);
  EXPECT_EQ(h, 480);
  EXPECT_EQ(small_type, "image/jpeg");

  auto original = c.get("/attachments/" + std::to_string(ids[0]));
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.body.find("crm-gps"), std::string::npos) << "no EXIF in the original either";
  EXPECT_EQ(original.body.find("Exif"), std::string::npos);
  auto full = image::small_copy(original.body, "image/jpeg");
  ASSERT_TRUE(full.has_value()) << "the original is still the photo";
  EXPECT_GT(original.body.size(), jpeg.size() - 1000) << "its pixels were not encoded again";
  EXPECT_EQ(original.header("content-type"), "image/jpeg");
  EXPECT_EQ(original.header("cache-control"), "private");
  EXPECT_EQ(original.header("x-content-type-options"), "nosniff");
  EXPECT_NE(original.header("content-disposition").find("lake.jpg"), std::string::npos);

  auto small = c.get("/attachments/" + std::to_string(ids[0]) + "/small");
  ASSERT_EQ(small.status, 200);
  EXPECT_EQ(small.header("content-type"), "image/jpeg");
  EXPECT_LT(small.body.size(), jpeg.size());
  EXPECT_EQ(small.body.find("crm-gps"), std::string::npos) << "no EXIF in the small copy";
  EXPECT_EQ(small.body.find("Exif"), std::string::npos);

  sql().sql() << "SELECT width, height FROM post_attachment WHERE id = :i", soci::use(ids[1]),
      soci::into(w), soci::into(h);
  EXPECT_EQ(w, 480);
  EXPECT_EQ(h, 640);
  auto small_png = c.get("/attachments/" + std::to_string(ids[1]) + "/small");
  EXPECT_EQ(small_png.status, 200);
  EXPECT_LT(small_png.body.size(), png.size());

  auto kept = c.get("/attachments/" + std::to_string(ids[2]));
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.body, pdf);
  EXPECT_EQ(kept.header("content-type"), "application/pdf");
  EXPECT_EQ(c.get("/attachments/" + std::to_string(ids[2]) + "/small").status, 404)
      << "a PDF has no small copy";

  // The audit entry holds ids and a count, never a file's name.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'post.attach'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%lake%'"), 0);

  // The form lists what is attached; a fifth file is one too many.
  auto page = c.get("/posts/" + std::to_string(p) + "/attachments");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/attachments/" + std::to_string(ids[0]) + "/small"), std::string::npos);
  EXPECT_NE(page.body.find("width=\"640\" height=\"480\""), std::string::npos);
  EXPECT_NE(page.body.find("loading=\"lazy\""), std::string::npos);
  EXPECT_NE(page.body.find("notes.pdf"), std::string::npos);
  const auto before = files_state();
  auto again =
      upload(c, p, {part("a.pdf", "application/pdf", pdf), part("b.pdf", "application/pdf", pdf)});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(files_state(), before);
}

TEST_F(SpacesAttachmentsTest, EveryRefusalNamesTheFileAndChangesNothing) {
  ll p = post(author_id_);
  auto c = as(author_);
  const auto png = image::encode(pixels(64, 64), 64, 64, "image/png");
  const auto before = files_state();
  struct Case {
    const char* what;
    std::vector<FilePart> files;
    const char* named;
  };
  const std::vector<Case> cases = {
      {"a .jpg that is text",
       {part("holiday.jpg", "image/jpeg", "not a photo at all\n")},
       "holiday.jpg"},
      {"an empty file", {part("empty.pdf", "application/pdf", "")}, "empty.pdf"},
      {"a type not allowed",
       {part("setup.exe", "application/octet-stream", "MZ\x90\x00")},
       "setup.exe"},
      {"too large",
       {part("huge.pdf", "application/pdf", "%PDF-1.4\n" + std::string(10 * 1024 * 1024, ' '))},
       "huge.pdf"},
      {"five files",
       {part("1.png", "image/png", png), part("2.png", "image/png", png),
        part("3.png", "image/png", png), part("4.png", "image/png", png),
        part("5.png", "image/png", png)},
       "at most 4 files"},
      {"a decompression bomb", {part("bomb.png", "image/png", bomb_png(20000, 20000))}, "bomb.png"},
      {"no file", {}, "Choose a file"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.what);
    auto r = upload(c, p, k.files);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("error-summary"), std::string::npos);
    EXPECT_NE(r.body.find(k.named), std::string::npos);
    EXPECT_EQ(files_state(), before);
  }
}

TEST_F(SpacesAttachmentsTest, OnlyThePostsReadersGetItsFiles) {
  ll p = post(author_id_);
  auto author = as(author_);
  const auto jpeg = image::encode(pixels(800, 600), 800, 600, "image/jpeg");
  ASSERT_EQ(upload(author, p, {part("team.jpg", "image/jpeg", jpeg)}).status, 303);
  const auto id = std::to_string(attachments_of(p).at(0));
  const std::string original = "/attachments/" + id, small = original + "/small",
                    form = "/posts/" + std::to_string(p) + "/attachments";

  auto member = as(member_), outsider = as(outsider_), lecturer = as(lecturer_);
  EXPECT_EQ(member.get(original).status, 200);
  EXPECT_EQ(member.get(small).status, 200);
  EXPECT_NE(Client(port()).get(original).status, 200) << "not signed in";

  // Another cohort's participant: as if nothing were there.
  const auto before = files_state();
  EXPECT_EQ(outsider.get(original).status, 404);
  EXPECT_EQ(outsider.get(small).status, 404);
  EXPECT_EQ(outsider.get(form).status, 404);
  EXPECT_EQ(upload(outsider, p, {part("x.jpg", "image/jpeg", jpeg)}).status, 404);
  // A member adds nothing to someone else's post.
  EXPECT_EQ(member.get(form).status, 404);
  EXPECT_EQ(upload(member, p, {part("x.jpg", "image/jpeg", jpeg)}).status, 404);
  EXPECT_EQ(files_state(), before);
  EXPECT_EQ(outsider.get("/attachments/999999999").status, 404);

  // Hidden: its author and the moderators still see the files.
  sql().sql() << "UPDATE post SET hidden_at = :t, hidden_by_account_id = :m WHERE id = :p",
      soci::use(now_), soci::use(lecturer_id_), soci::use(p);
  EXPECT_EQ(member.get(original).status, 404);
  EXPECT_EQ(member.get(small).status, 404);
  EXPECT_EQ(author.get(original).status, 200);
  EXPECT_EQ(lecturer.get(small).status, 200);
  EXPECT_EQ(author.get(form).status, 404) << "no files added to a hidden post";

  // Deleted: nobody.
  sql().sql() << "UPDATE post SET hidden_at = NULL, deleted_at = :t WHERE id = :p", soci::use(now_),
      soci::use(p);
  EXPECT_EQ(author.get(original).status, 404);
  EXPECT_EQ(lecturer.get(original).status, 404);
  EXPECT_EQ(member.get(small).status, 404);
}

}  // namespace
}  // namespace crm::test
