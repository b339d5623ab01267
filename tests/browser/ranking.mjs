// A closed call with reviewed applications, as the ranking page's browser
// tests need it: 24 applications of new people with two submitted reviews
// each and bounds of four kinds, for 6 places, written into the test's
// database by `crm selection-bench --generate` (the same rows the call,
// application and review pages write); found again when it exists.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './lib.mjs';

/** The id of the browser tests' call with a ranking. */
export function rankingCall(dataDir) {
  const db = join(dataDir, 'crm.db');
  const find = () => execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', db,
    "SELECT c.id FROM call c JOIN call_text t ON t.call_id = c.id AND t.language = 'en' WHERE t.title = 'Selection benchmark (en)' ORDER BY c.id LIMIT 1"],
  { encoding: 'utf8' }).trim();
  let id = find();
  if (!id) {
    execFileSync(process.env.CRM_BIN ?? 'build/test/crm',
      ['selection-bench', '--database', `sqlite:${db}`, '--generate', '24', '--places', '6'],
      { cwd: repoRoot, encoding: 'utf8' });
    id = find();
  }
  return Number(id);
}
