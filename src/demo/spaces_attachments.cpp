// Photos and a PDF in the demo participant's cohort space: a thread "Photos
// from the on-site week" whose posts carry attachments, so that a newcomer
// sees small copies on the thread page and the originals one tap away. The
// photos are drawn here (colour gradients with a sun and a horizon — nothing
// can be downloaded) and get the same small copy as an upload. Its own thread, so it does not
// depend on the threads' demo. Idempotent: nothing is added when the space already has an
// attachment.
#include <cmath>

#include "core/image.hpp"
#include "demo/demo.hpp"
#include "papers/pdf.hpp"
#include "spaces/attachment_service.hpp"

namespace crm::demo {

namespace {

using ll = long long;
constexpr int64_t kDay = 86400;

// A landscape: sky fading into a warm horizon, a sun, a darker ground; `hue`
// turns the sky from morning blue to evening orange.
std::string landscape(int width, int height, int hue) {
  std::string rgb(static_cast<std::size_t>(width) * height * 3, '\0');
  const int horizon = height * 2 / 3, sun_x = width * (2 + hue % 5) / 8, sun_y = height / 3;
  const int sun_r = height / 10;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
      double r, g, b;
      if (y < horizon) {
        const double f = static_cast<double>(y) / horizon;
        r = 60 + 150 * f + 20 * hue;
        g = 120 + 80 * f;
        b = 220 - 120 * f - 25 * hue;
        const double dx = x - sun_x, dy = y - sun_y;
        if (dx * dx + dy * dy < sun_r * sun_r) r = 255, g = 225, b = 120;
      } else {
        const double f = static_cast<double>(y - horizon) / (height - horizon);
        const double wave = 12 * std::sin(x / 37.0 + hue);
        r = 70 - 30 * f + wave;
        g = 110 - 40 * f + wave;
        b = 60 - 20 * f;
      }
      auto clamp = [](double v) { return static_cast<char>(v < 0 ? 0 : v > 255 ? 255 : v); };
      rgb[i] = clamp(r), rgb[i + 1] = clamp(g), rgb[i + 2] = clamp(b);
    }
  return rgb;
}

http::UploadedFile photo(const std::string& name, int width, int height, int hue) {
  return {"attachments", name, "image/jpeg",
          image::encode(landscape(width, height, hue), width, height, "image/jpeg")};
}

int64_t insert_post(db::Session& db, int64_t thread, int64_t author, const std::string& body,
                    int64_t at) {
  ll t = thread, a = author, c = at, id = 0;
  db.sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES (:t, :a, "
              ":b, :c) RETURNING id",
      soci::use(t), soci::use(a), soci::use(body), soci::use(c), soci::into(id);
  return id;
}

// The demo's files are known to be what their names say; photos are kept as
// an upload's are.
void attach(db::Session& db, int64_t post, const std::vector<http::UploadedFile>& files,
            int64_t at) {
  namespace attachments = spaces::attachments;
  attachments::Checked checked;
  for (const auto& f : files) {
    if (f.content_type == "application/pdf") {
      checked.push_back({f.filename, f.content_type, f.data, {}, {}, 0, 0});
      continue;
    }
    auto photo = attachments::checked_photo(f.filename, f.content_type, f.data);
    if (!photo) throw std::runtime_error("demo photo cannot be read: " + f.filename);
    checked.push_back(std::move(*photo));
  }
  attachments::store(db, post, checked, at);
}

}  // namespace

void load_spaces_attachments(db::Session& db, int64_t now) {
  ll space = 0, participant = 0;
  {
    db::Rows rows = (db.sql().prepare
                     << "SELECT s.id, a.id FROM space s JOIN space_membership m ON m.space_id = "
                        "s.id JOIN account a ON a.id = m.account_id WHERE s.kind = 'cohort' AND "
                        "a.email = 'participant@demo.crm.example' ORDER BY s.id LIMIT 1");
    for (const auto& r : rows) space = db::get_int64(r, 0), participant = db::get_int64(r, 1);
  }
  if (!space) return;
  ll done = 0;
  db.sql() << "SELECT COUNT(*) FROM post_attachment pa JOIN post p ON p.id = pa.post_id JOIN "
              "thread t ON t.id = p.thread_id WHERE t.space_id = :s",
      soci::use(space), soci::into(done);
  if (done) return;
  // The demo's staff member (on the programme's team) shares the photos and
  // its lecturer the notes, when they are in the space; else the participant.
  ll staff = participant, lecturer = participant;
  {
    db::Rows rows = (db.sql().prepare
                         << "SELECT a.id, a.email FROM space_membership m JOIN account a ON a.id = "
                            "m.account_id WHERE m.space_id = :s AND a.email IN "
                            "('staff@demo.crm.example', 'lecturer@demo.crm.example')",
                     soci::use(space));
    for (const auto& r : rows)
      (db::get_text(r, 1).starts_with("staff") ? staff : lecturer) = db::get_int64(r, 0);
  }

  // The files are made (and their small copies) before the transaction.
  const std::vector<http::UploadedFile> first = {photo("lake-at-dawn.jpg", 1600, 1200, 0),
                                                 photo("group-walk.jpg", 1200, 1600, 2)};
  const std::vector<http::UploadedFile> second = {photo("evening-by-the-river.jpg", 2048, 1152, 4)};
  papers::PdfDocument notes;
  notes.title = "Notes from the workshop on return counselling";
  notes.author = "Cohort space";
  notes.language = "en";
  notes.paragraphs = {
      "What we agreed: the counselling starts before departure, with the family where possible.",
      "Open questions: how the municipalities of return are told, and who follows up after three "
      "months."};
  const std::vector<http::UploadedFile> third = {
      {"attachments", "workshop-notes.pdf", "application/pdf", papers::render_pdf(notes)}};

  db::Transaction tx(db);
  const int64_t start = now - 6 * kDay;
  ll thread = 0, author = staff, created = start, last = start + 2 * kDay, s = space;
  const std::string title = "Photos from the on-site week";
  db.sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, last_post_at, "
              "post_count) VALUES (:s, :title, :a, :c, :l, 3) RETURNING id",
      soci::use(s), soci::use(title), soci::use(author), soci::use(created), soci::use(last),
      soci::into(thread);
  auto p1 = insert_post(db, thread, staff,
                        "A few photos from our week: the lake in the morning before the first "
                        "session, and the walk on Wednesday.",
                        start);
  attach(db, p1, first, start);
  auto p2 = insert_post(db, thread, participant, "شكرًا على الصور! وهذه أمسيتنا على ضفة النهر.",
                        start + kDay);
  attach(db, p2, second, start + kDay);
  auto p3 = insert_post(db, thread, lecturer,
                        "Mes notes de l’atelier sur le conseil au retour, pour celles et ceux qui "
                        "l’ont manqué.",
                        start + 2 * kDay);
  attach(db, p3, third, start + 2 * kDay);
  tx.commit();
}

}  // namespace crm::demo
