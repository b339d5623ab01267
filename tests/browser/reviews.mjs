// Review fixture for the browser tests (issue 13 §3): a closed call of the
// demo programme in a cohort of its own, with three submitted applications
// (whose names, addresses and organisations a stage-1 reviewer must never
// see), the demo lecturer and staff member as its reviewers, and their
// assignments. Written into the test's SQLite database with the sqlite3
// tool: the calls and applications of the other parts of the issue make
// their own demo data, this does not depend on them.
import { execFileSync } from 'node:child_process';

export const blindApplicants = [
  { name: 'Xiomara Vandersloot', email: 'xiomara.zq@mailbox.example', organisation: 'Quetzal Relief Agency' },
  { name: 'Quillon Krzyzanowski', email: 'quillon.zq@mailbox.example', organisation: 'Bureau Zanzibarite' },
  { name: 'Zebulon Thistlewood', email: 'zebulon.zq@mailbox.example', organisation: 'Kestrel Returnee Network' },
];

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** Seeds the fixture once; returns {call, lecturerReview, staffReview} (ids as strings). */
export function seedReviews(database) {
  const file = database.replace(/^sqlite:/, '');
  const now = Math.floor(Date.now() / 1000);
  const run = (sql) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', file], { input: sql }).toString().trim();
  const existing = run("SELECT id FROM call WHERE cohort_id IN (SELECT id FROM cohort WHERE number = 97);");
  if (!existing) {
    const texts = { en: 'Call for cohort 97', de: 'Ausschreibung für Jahrgang 97', fr: 'Appel pour la promotion 97', ar: 'دعوة الدفعة ٩٧' };
    const labels = {
      en: ['Motivation', 'Experience'], de: ['Motivation', 'Erfahrung'],
      fr: ['Motivation', 'Expérience'], ar: ['الدافع', 'الخبرة'],
    };
    let sql = `BEGIN;
INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status)
  SELECT id, 97, 'Cohort 97', ${now + 90 * 86400}, ${now + 300 * 86400}, 'planned' FROM programme WHERE slug = 'crm';
INSERT INTO call (programme_id, cohort_id, status, opens_at, closes_at, time_zone, places, created_at, updated_at, review_due_at)
  SELECT programme_id, id, 'closed', ${now - 40 * 86400}, ${now - 10 * 86400}, 'Europe/Berlin', 24, ${now}, ${now}, ${now + 7 * 86400}
  FROM cohort WHERE number = 97;
`;
    for (const [lang, title] of Object.entries(texts))
      sql += `INSERT INTO call_text (call_id, language, title) SELECT id, '${lang}', ${q(title)} FROM call WHERE cohort_id IN (SELECT id FROM cohort WHERE number = 97);\n`;
    [[1, 2], [2, 1]].forEach(([position, weight], k) => {
      sql += `INSERT INTO call_criterion (call_id, position, weight) SELECT id, ${position}, ${weight} FROM call WHERE cohort_id IN (SELECT id FROM cohort WHERE number = 97);\n`;
      for (const [lang, l] of Object.entries(labels))
        sql += `INSERT INTO call_criterion_text (criterion_id, language, label, guidance) SELECT k.id, '${lang}', ${q(l[k])}, '' FROM call_criterion k JOIN call c ON c.id = k.call_id JOIN cohort h ON h.id = c.cohort_id WHERE h.number = 97 AND k.position = ${position};\n`;
    });
    blindApplicants.forEach((a, i) => {
      sql += `INSERT INTO person (name, email, country, gender, created_at) VALUES (${q(a.name)}, ${q(a.email)}, 'MA', 'female', ${now});
INSERT INTO application (call_id, person_id, status, language, route_role, organisation_name, organisation_type, organisation_country, position, motivation, experience, languages, submitted_at, created_at, updated_at)
  SELECT c.id, p.id, 'submitted', 'en', 'origin', ${q(a.organisation)}, 'ngo', 'MA', 'Counsellor',
  'I counsel people who return and want to learn how other countries organise reintegration.\nI would bring what I learn back to my team.',
  'Six years of counselling returnees; two years coordinating a network of local partners.', 'Arabic, French, English',
  ${now - 20 * 86400}, ${now - 30 * 86400}, ${now - 20 * 86400}
  FROM call c JOIN cohort h ON h.id = c.cohort_id, person p WHERE h.number = 97 AND p.email = ${q(a.email)};
`;
    });
    for (const [email, org, country] of [['lecturer@demo.crm.example', 'University of Krems', 'AT'], ['staff@demo.crm.example', 'Danube Office', 'DE']]) {
      sql += `INSERT INTO call_reviewer (call_id, account_id, organisation_name, country, invited_at)
  SELECT c.id, a.id, ${q(org)}, '${country}', ${now} FROM call c JOIN cohort h ON h.id = c.cohort_id, account a WHERE h.number = 97 AND a.email = '${email}';
INSERT INTO review_assignment (application_id, account_id, stage, assigned_at, due_at)
  SELECT ap.id, a.id, 1, ${now}, ${now + 7 * 86400} FROM application ap JOIN call c ON c.id = ap.call_id JOIN cohort h ON h.id = c.cohort_id, account a
  WHERE h.number = 97 AND a.email = '${email}';
`;
    }
    sql += 'COMMIT;\n';
    run(sql);
  }
  const call = run('SELECT c.id FROM call c JOIN cohort h ON h.id = c.cohort_id WHERE h.number = 97;');
  const review = (email) => run(`SELECT MIN(ra.id) FROM review_assignment ra JOIN account a ON a.id = ra.account_id JOIN application ap ON ap.id = ra.application_id WHERE ap.call_id = ${call} AND a.email = '${email}';`);
  return { call, lecturerReview: review('lecturer@demo.crm.example'), staffReview: review('staff@demo.crm.example') };
}
