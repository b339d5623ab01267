#include "spaces/notification_mail.hpp"

#include <unicode/timezone.h>

#include <map>
#include <memory>

#include "jobs/service.hpp"
#include "mail/list_unsubscribe.hpp"
#include "spaces/name_store.hpp"
#include "spaces/notification_service.hpp"
#include "spaces/notification_store.hpp"

namespace crm::spaces::notification_mail {

namespace {

using notifications::Stop;

constexpr long kBatch = 500;       // immediate mails per run; the rest on the next
constexpr long kDigestItems = 10;  // threads listed per space in a digest

std::string language_of(const notification_store::Recipient& r) {
  return is_language(r.language) ? r.language : "en";
}
std::string zone_of(const notification_store::Recipient& r) {
  return is_time_zone(r.time_zone) ? r.time_zone : "UTC";
}

std::string space_label(db::Session& db, int64_t space_id, const Tr& t) {
  auto n = name_store::space_name(db, space_id, std::string(t.language()));
  return n ? name_store::display_name(*n, t) : std::string();
}

std::string footer(db::Session& db, const Config& config, const Tr& t, int64_t account, Stop kind,
                   int64_t space, int64_t now, std::string& unsubscribe_url) {
  unsubscribe_url = config.base_url + "/unsubscribe/" +
                    notifications::unsubscribe_token(db, account, kind, space, now);
  return "\n\n-- \n" +
         t("To choose which mails you get: {url}",
           {{"url", config.base_url + "/notifications/settings"}}) +
         "\n" + t("To stop mails of this kind: {url}", {{"url", unsubscribe_url}}) + "\n";
}

void queue(db::Session& db, const notification_store::Recipient& to, std::string subject,
           std::string text, std::string unsubscribe_url, int64_t now) {
  mail::OutMail m;
  m.to_address = to.email;
  m.to_name = to.name;
  m.subject = std::move(subject);
  m.text = std::move(text);
  mail::queue_with_unsubscribe(db, m, unsubscribe_url, now);
}

// One immediate mail. Its kind decides what the one-click link stops.
void send_one(db::Session& db, const Config& config, const Catalogs& catalogs,
              const notification_store::Pending& n, int64_t now) {
  Tr t(catalogs, language_of(n.to), zone_of(n.to));
  const std::string space = space_label(db, n.space_id, t);
  const std::string link =
      n.kind == "material"
          ? config.base_url + "/spaces/" + std::to_string(n.space_id) + "/materials"
          : config.base_url + "/posts/" + std::to_string(n.post_id);
  std::string subject, text;
  if (n.is_protected) {
    // Chatham House rule: that something is new, where, and a link; no more.
    subject = t("Something new in {space}", {{"space", space}});
    text = t("There is something new for you in {space}. Read it there: {link}",
             {{"space", space}, {"link", link}});
  } else if (n.kind == "material") {
    subject = t("New material in {space}", {{"space", space}});
    text = t("A new material was added in {space}: {link}", {{"space", space}, {"link", link}});
  } else {
    auto p = notification_store::post_summary(db, n.post_id);
    const std::string title = p ? p->title : std::string();
    const std::string author = p && !p->author.empty() ? p->author : t("Someone");
    if (n.kind == "mention")
      subject = t("{author} mentioned you in “{thread}”", {{"author", author}, {"thread", title}});
    else if (n.kind == "reply")
      subject = t("{author} replied to you in “{thread}”", {{"author", author}, {"thread", title}});
    else
      subject = t("New post in “{thread}”", {{"thread", title}});
    text = t("{author} wrote in “{thread}” ({space}):",
             {{"author", author}, {"thread", title}, {"space", space}}) +
           "\n\n" + excerpt(p ? p->body : std::string(), kExcerptBytes) + "\n\n" +
           t("Read and reply: {link}", {{"link", link}});
  }
  const Stop kind = n.kind == "mention" ? Stop::mentions
                    : n.kind == "reply" ? Stop::replies
                                        : Stop::space;
  std::string url;
  text += footer(db, config, t, n.to.account_id, kind, n.space_id, now, url);
  queue(db, n.to, std::move(subject), std::move(text), std::move(url), now);
}

// One digest for one person, grouped by space.
bool send_digest(db::Session& db, const Config& config, const Catalogs& catalogs,
                 const notification_store::Recipient& to, bool weekly, int64_t since, int64_t now) {
  auto items = notification_store::digest_items(db, to.account_id, weekly, since);
  if (items.empty()) return false;
  Tr t(catalogs, language_of(to), zone_of(to));
  std::map<int64_t, std::vector<const notification_store::DigestItem*>> by_space;
  for (const auto& i : items) by_space[i.space_id].push_back(&i);
  std::string text = (weekly ? t("What is new in your spaces this week:")
                             : t("What is new in your spaces since yesterday:")) +
                     "\n";
  for (const auto& [space_id, list] : by_space) {
    const std::string space = space_label(db, space_id, t);
    const std::string link = config.base_url + "/spaces/" + std::to_string(space_id);
    text += "\n## " + space + "\n";
    text += t.plural("{n} new item", "{n} new items", static_cast<long>(list.size())) + " — " +
            link + "\n";
    if (list.front()->is_protected) continue;  // the count and the link only
    long shown = 0;
    for (const auto* i : list) {
      if (shown++ == kDigestItems) break;
      if (i->kind == "material") {
        text += "- " + t("Material: {title}", {{"title", i->title}}) + "\n";
        continue;
      }
      text += "- “" + i->title + "” — " + (i->author.empty() ? t("Someone") : i->author) + "\n  " +
              excerpt(i->body, 100) + "\n  " + config.base_url + "/posts/" +
              std::to_string(i->post_id) + "\n";
    }
  }
  std::string url;
  text += footer(db, config, t, to.account_id, weekly ? Stop::weekly : Stop::daily, 0, now, url);
  queue(db, to, weekly ? t("Your weekly digest") : t("Your daily digest"), std::move(text),
        std::move(url), now);
  for (const auto& i : items) notification_store::mark_mailed(db, i.notification_id, now);
  notification_store::set_digest_sent(db, to.account_id, weekly, now);
  return true;
}

jobs::NewJob digest_run(int64_t at) {
  jobs::NewJob j;
  j.kind = std::string(kDigestJob);
  j.key = std::string(kDigestJob) + ":" + std::to_string(at / 3600);
  j.run_at = at;
  return j;
}

}  // namespace

void enqueue_send(db::Session& db, std::string key, int64_t now) {
  jobs::NewJob j;
  j.kind = std::string(kSendJob);
  j.key = std::string(kSendJob) + ":" + key;
  jobs::enqueue(db, j, now);
}

void schedule_digests(db::Session& db, int64_t now) {
  jobs::enqueue(db, digest_run((now / 3600 + 1) * 3600), now);
}

LocalTime local_time(const std::string& time_zone, int64_t now) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(now) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  const int64_t local = now + (raw + dst) / 1000;
  const int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  LocalTime out;
  out.hour = static_cast<int>((local - day * 86400) / 3600);
  // 1 January 1970 was a Thursday: day 4 after a Monday.
  out.monday = ((day % 7) + 7 + 3) % 7 == 0;
  return out;
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= max_bytes) return flat;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "…";
}

long send_immediate(db::Session& db, const Config& config, const Catalogs& catalogs, int64_t now) {
  long sent = 0;
  db::Transaction tx(db);
  for (const auto& n : notification_store::immediate(db, kBatch)) {
    send_one(db, config, catalogs, n, now);
    notification_store::mark_mailed(db, n.id, now);
    ++sent;
  }
  tx.commit();
  return sent;
}

long send_digests(db::Session& db, const Config& config, const Catalogs& catalogs, int64_t now) {
  long sent = 0;
  for (bool weekly : {false, true}) {
    for (const auto& to : notification_store::digest_candidates(db, weekly)) {
      const LocalTime lt = local_time(zone_of(to), now);
      if (lt.hour != kDigestHour || (weekly && !lt.monday)) continue;
      db::Transaction tx(db);
      const auto s = notification_store::setting(db, to.account_id);
      const int64_t since = weekly ? s.last_weekly_at : s.last_daily_at;
      // Sent in this hour already (a second run, or a retry).
      if (since > now - 3600) continue;
      if (send_digest(db, config, catalogs, to, weekly, since, now)) ++sent;
      tx.commit();
    }
  }
  return sent;
}

jobs::Handler send_job(const Config& config, const Catalogs& catalogs) {
  return [&config, &catalogs](jobs::JobContext& jc) {
    const long n = send_immediate(jc.db, config, catalogs, jc.now);
    jc.progress(n, n);
    return jobs::Outcome::done();
  };
}

jobs::Handler digest_job(const Config& config, const Catalogs& catalogs) {
  return [&config, &catalogs](jobs::JobContext& jc) {
    const long n = send_digests(jc.db, config, catalogs, jc.now);
    // Mails due at once that a failed run left behind go out with it.
    send_immediate(jc.db, config, catalogs, jc.now);
    db::Transaction tx(jc.db);
    schedule_digests(jc.db, jc.now);
    tx.commit();
    jc.progress(n, n);
    return jobs::Outcome::done();
  };
}

}  // namespace crm::spaces::notification_mail
