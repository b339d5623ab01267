// A call whose decisions have been sent, for the browser tests of the
// decisions page (issue 13 §5): the demo decides its closed calls
// (src/demo/decisions.cpp); found in the test's SQLite database.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The id of a demo call whose decisions have been sent. */
export function decidedCall(dataDir) {
  const id = execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'),
    "SELECT id FROM call WHERE status = 'decided' ORDER BY id LIMIT 1"], { encoding: 'utf8' }).trim();
  if (!id) throw new Error('the demo has no decided call');
  return Number(id);
}
