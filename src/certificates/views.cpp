#include "certificates/views.hpp"

#include "jobs/views.hpp"
#include "web/forms.hpp"

namespace crm::certificates::views {

namespace {

using web::Html;

std::string cohort_path(int64_t id) {
  return "/cohorts/" + std::to_string(id);
}

std::string certificate_path(int64_t id) {
  return "/certificates/" + std::to_string(id);
}

std::string module_title(const store::ModuleRow& m) {
  for (const auto* s : {&m.title_reader, &m.title_en, &m.title_any})
    if (!s->empty()) return *s;
  return {};
}

std::string reason_text(const Tr& t, const std::string& reason) {
  if (reason == kErasedReason) return t("The holder's personal data was erased.");
  return reason;
}

// The state of a certificate in words: valid since …, or revoked on … (why).
void state(Html& h, const Tr& t, const Certificate& c) {
  if (c.valid()) {
    h.el("span", {{"data-certificate", "valid"}},
         t("Valid, issued on {date}", {{"date", t.date(c.issued_at)}}));
  } else {
    h.open("span", {{"data-certificate", "revoked"}})
        .text(t("Revoked on {date}", {{"date", t.date(c.revoked_at)}}))
        .text(": ");
    if (c.revoked_reason == kErasedReason)
      h.text(reason_text(t, c.revoked_reason));
    else
      h.bdi(c.revoked_reason);
    h.close("span");
  }
  h.text(" ").el("code", {{"dir", "ltr"}}, c.code);
}

void name_cell(Html& h, const std::string& name, const std::string& latin, const Tr& t) {
  if (name.empty()) {
    h.text(t("Erased person"));
    return;
  }
  h.bdi(name);
  if (!latin.empty() && latin != name)
    h.text(" ").el("span", {{"class", "muted"}, {"dir", "ltr"}}, "(" + latin + ")");
}

void issue_all(Html& h, const web::Ctx& ctx, const CohortPage& p) {
  const auto& t = ctx.tr;
  const std::string self = cohort_path(p.cohort.id) + "/certificates";
  h.open("section", {{"class", "card"}, {"aria-labelledby", "issue-all"}});
  h.el("h2", {{"id", "issue-all"}}, t("Everyone complete"));
  if (p.issuing()) {
    h.el("p", p.job->state == jobs::State::queued
                  ? t("The certificates wait for their turn; they are made in a moment.")
                  : t("The certificates are being made."));
    jobs::views::progress(h, t, *p.job, t("Certificates issued"));
    h.open("noscript")
        .open("p")
        .open("a", {{"href", self + "?refresh=off"}})
        .text(t("Stop refreshing this page"))
        .close("a")
        .text(" · ")
        .open("a", {{"href", self}})
        .text(t("Show the progress now"))
        .close("a")
        .close("p")
        .close("noscript");
    h.close("section");
    return;
  }
  if (p.job && p.job->state == jobs::State::done)
    h.el("p", {{"data-last-run", std::to_string(p.job->progress_total)}},
         t.plural("The last run issued {n} certificate.", "The last run issued {n} certificates.",
                  static_cast<long>(p.job->progress_total)));
  if (p.job && p.job->state == jobs::State::failed)
    h.el("p", {{"class", "error"}},
         t("The last run failed: {why}", {{"why", t.key(p.job->last_error)}}));
  if (p.ready == 0) {
    h.el("p", {{"class", "muted"}}, t("Nobody complete is waiting for a certificate."));
  } else {
    h.el("p",
         t.plural("{n} participant has completed and has no valid certificate yet.",
                  "{n} participants have completed and have no valid certificate yet.", p.ready));
    h.open("form", {{"method", "post"}, {"action", self}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "all"}, {"value", "yes"}});
    web::submit(h, t("Issue certificates for everyone complete"));
    h.close("form");
  }
  h.close("section");
}

}  // namespace

std::string ects(const Tr& t, long tenths) {
  std::string s = t.number(tenths / 10);
  if (tenths % 10 == 0) return s;
  std::string_view lang = t.language();
  const char* sep = lang == "ar" ? "\u066B" : (lang == "en" ? "." : ",");
  return s + sep + t.number(tenths % 10);
}

std::vector<std::string> missing_texts(const Tr& t, const curriculum::Completion& c,
                                       const std::vector<store::ModuleRow>& modules) {
  std::vector<std::string> out;
  for (const auto& m : c.missing) {
    switch (m.kind) {
      case curriculum::Missing::Kind::attendance:
        out.push_back(t("Attendance {percent} of the {required} required",
                        {{"percent", t.percent(static_cast<double>(m.percent))},
                         {"required", t.percent(static_cast<double>(m.required))}}));
        break;
      case curriculum::Missing::Kind::module: {
        std::string title;
        for (const auto& row : modules)
          if (row.id == m.module_id) title = module_title(row);
        out.push_back(t("Module not passed: {module}", {{"module", title}}));
        break;
      }
      case curriculum::Missing::Kind::paper:
        out.push_back(t("Final paper not accepted yet"));
        break;
    }
  }
  return out;
}

std::string cohort_page(const web::Ctx& ctx, const CohortPage& p, const Error* error,
                        int64_t person, const curriculum::Completion* incomplete) {
  const auto& t = ctx.tr;
  const std::string self = cohort_path(p.cohort.id) + "/certificates";
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .el("bdi", p.cohort.name)
      .close("a")
      .close("p");
  h.el("h1", t("Certificates"));
  h.el("p", {{"class", "muted"}},
       t("A participant who has completed the cohort gets a certificate in German and English "
         "that anyone can check with its code on the public verification page."));
  issue_all(h, ctx, p);
  h.el("h2", t("Participants"));
  if (p.people.empty()) {
    h.el("p", {{"class", "muted"}}, t("Nobody is taking part in this cohort."));
    return std::move(h).str();
  }
  web::export_links(h, t, self, "");
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Participants")}})
      .open("table", {{"class", "certificates"}});
  h.open("thead").open("tr");
  for (const char* col : {N_("Name"), N_("Completion"), N_("Certificate"), N_("Actions")})
    h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead").open("tbody");
  for (const auto& x : p.people) {
    h.open("tr", {{"data-person", std::to_string(x.person_id)}});
    h.open("td");
    name_cell(h, x.name, x.name_latin, t);
    h.close("td");
    h.open("td");
    if (x.completion.complete) {
      h.el("span", {{"data-complete", "yes"}}, t("Complete"));
    } else {
      h.open("ul", {{"class", "plain"}, {"data-complete", "no"}});
      for (const auto& m : missing_texts(t, x.completion, p.modules)) h.el("li", m);
      h.close("ul");
    }
    if (error && person == x.person_id) {
      h.open("div", {{"id", "f-person"}, {"class", "field-error"}, {"tabindex", "-1"}});
      h.el("p", {{"class", "error"}}, t.error(*error));
      if (incomplete)
        for (const auto& m : missing_texts(t, *incomplete, p.modules)) h.el("p", m);
      h.close("div");
    }
    h.close("td");
    h.open("td");
    if (x.current)
      state(h, t, *x.current);
    else
      h.text("—");
    h.close("td");
    h.open("td");
    const bool valid = x.current && x.current->valid();
    if (valid) {
      h.open("a", {{"href", certificate_path(x.current->id) + ".pdf"}}).text(t("PDF")).close("a");
      h.text(" · ")
          .open("a", {{"href", "/verify/" + x.current->code}})
          .text(t("Verification page"))
          .close("a");
      h.text(" · ")
          .open("a", {{"href", certificate_path(x.current->id) + "/revoke"}})
          .text(t("Revoke"))
          .close("a");
    } else if (x.completion.complete) {
      h.open("form", {{"method", "post"}, {"action", self}});
      web::csrf_field(h, ctx);
      h.empty("input",
              {{"type", "hidden"}, {"name", "person"}, {"value", std::to_string(x.person_id)}});
      web::submit(h, x.current ? t("Issue again") : t("Issue certificate"), "button");
      h.close("form");
    }
    h.close("td");
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  return std::move(h).str();
}

web::Table cohort_table(const Tr& t, const CohortPage& p) {
  web::Table table;
  table.header = {t("Name"),
                  t("Name in Latin script"),
                  t("Completion"),
                  t("Certificate"),
                  t("Verification code"),
                  t("Issued on"),
                  t("Revoked on"),
                  t("Reason")};
  for (const auto& x : p.people) {
    std::string completion = t("Complete");
    if (!x.completion.complete) {
      completion.clear();
      for (const auto& m : missing_texts(t, x.completion, p.modules))
        completion += (completion.empty() ? "" : "; ") + m;
    }
    std::vector<std::string> row = {x.name, x.name_latin, completion};
    if (x.current) {
      row.push_back(x.current->valid() ? t("Valid") : t("Revoked"));
      row.push_back(x.current->code);
      row.push_back(t.date(x.current->issued_at));
      row.push_back(x.current->valid() ? "" : t.date(x.current->revoked_at));
      row.push_back(reason_text(t, x.current->revoked_reason));
    } else {
      row.insert(row.end(), {t("None"), "", "", "", ""});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string revoke_form(const web::Ctx& ctx, const RevokePage& p, const std::string& reason,
                        const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.certificate;
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .el("bdi", p.cohort.name)
      .close("a")
      .text(" › ")
      .open("a", {{"href", cohort_path(p.cohort.id) + "/certificates"}})
      .text(t("Certificates"))
      .close("a")
      .close("p");
  h.open("section", {{"class", "card narrow"}});
  h.el("h1", t("Revoke the certificate?"));
  h.open("p");
  name_cell(h, c.name, c.name_latin, t);
  h.text(" · ").el("code", {{"dir", "ltr"}}, c.code).close("p");
  h.open("p");
  state(h, t, c);
  h.close("p");
  if (!c.valid()) {
    h.close("section");
    return std::move(h).str();
  }
  h.el("p", t("Anyone who checks its code will read that it was revoked, when, and why. A new "
              "certificate can be issued afterwards."));
  h.open("form", {{"method", "post"}, {"action", certificate_path(c.id) + "/revoke"}});
  web::csrf_field(h, ctx);
  web::Field f{"reason", t("Reason"), "text", reason, web::error_for(ctx, error, "reason")};
  f.required = true;
  f.hint = t("Shown on the public verification page.");
  web::field(h, f);
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Revoke the certificate"));
  h.open("a", {{"href", cohort_path(p.cohort.id) + "/certificates"}}).text(t("Cancel")).close("a");
  h.close("div").close("form").close("section");
  return std::move(h).str();
}

std::string verify_page(const web::Ctx& ctx, const Verified& v, const std::string& typed,
                        bool asked) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Verify a certificate"));
  if (asked) {
    if (!v.found) {
      h.open("section", {{"class", "card verdict"}, {"data-verdict", "unknown"}});
      h.el("h2", t("No certificate with this code"));
      h.el("p", t("crm has issued no certificate with the code you gave. Check it against the "
                  "certificate: the code has sixteen letters and digits in four groups."));
      h.close("section");
    } else {
      const auto& f = *v.found;
      const bool valid = f.revoked_at == 0;
      h.open("section", {{"class", "card verdict"}, {"data-verdict", valid ? "valid" : "revoked"}});
      if (valid) {
        h.el("h2", t("This certificate is valid"));
      } else {
        h.el("h2", t("This certificate has been revoked"));
        h.open("p").text(t("Revoked on {date}.", {{"date", t.date(f.revoked_at)}})).text(" ");
        h.text(t("Reason:")).text(" ");
        if (f.revoked_reason == kErasedReason)
          h.text(reason_text(t, f.revoked_reason));
        else
          h.bdi(f.revoked_reason);
        h.close("p");
      }
      h.open("dl", {{"class", "facts"}});
      if (!f.name.empty()) {
        h.el("dt", t("Name")).open("dd", {{"data-field", "name"}}).bdi(f.name).close("dd");
        if (!f.name_latin.empty() && f.name_latin != f.name)
          h.el("dt", t("Name in Latin script"))
              .el("dd", {{"data-field", "name_latin"}, {"dir", "ltr"}}, f.name_latin);
      }
      h.el("dt", t("Programme"))
          .open("dd", {{"data-field", "programme"}})
          .bdi(f.programme)
          .close("dd");
      h.el("dt", t("Cohort")).open("dd", {{"data-field", "cohort"}}).bdi(f.cohort).close("dd");
      h.el("dt", t("Completed on"))
          .el("dd", {{"data-field", "completed_on"}}, t.date(f.completed_on));
      h.el("dt", t("ECTS credits")).el("dd", {{"data-field", "ects"}}, ects(t, f.ects_tenths));
      h.el("dt", t("Verification code"))
          .open("dd", {{"data-field", "code"}})
          .el("code", {{"dir", "ltr"}}, v.code)
          .close("dd");
      h.close("dl").close("section");
    }
  }
  h.open("form", {{"method", "get"}, {"action", "/verify"}, {"class", "card narrow"}});
  web::Field f{"code", t("Verification code"), "text", typed};
  f.hint =
      t("As printed on the certificate beside its QR code: four groups of four letters and "
        "digits. Capitals and dashes do not matter.");
  f.autocomplete = "off";
  web::field(h, f);
  web::submit(h, t("Check the code"));
  h.close("form");
  return std::move(h).str();
}

void held(Html& h, const web::Ctx& ctx, const std::vector<Certificate>& held) {
  if (held.empty()) return;
  const auto& t = ctx.tr;
  h.open("section", {{"class", "certificates"}, {"aria-labelledby", "certificates"}});
  h.el("h2", {{"id", "certificates"}}, t("Certificates"));
  h.open("ul");
  for (const auto& c : held) {
    h.open("li", {{"data-certificate-id", std::to_string(c.id)}});
    h.bdi(c.cohort_name).text(" · ");
    state(h, t, c);
    if (c.valid())
      h.text(" · ")
          .open("a", {{"href", certificate_path(c.id) + ".pdf"}})
          .text(t("PDF"))
          .close("a");
    h.text(" · ")
        .open("a", {{"href", "/verify/" + c.code}})
        .text(t("Public verification page"))
        .close("a");
    h.close("li");
  }
  h.close("ul").close("section");
}

}  // namespace crm::certificates::views
