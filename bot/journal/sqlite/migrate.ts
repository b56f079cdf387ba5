/**
 * Brings a journal database up to the newest schema: each pending migration runs in its own
 * transaction together with its `schema_migrations` row, so a crash leaves the schema at a whole
 * version. Running it again is a no-op. A database from a newer keeper is refused.
 */
import type Database from "better-sqlite3";
import { JournalError } from "../journalError";
import { MIGRATIONS } from "./migrations";
import type { Migration } from "./migrations";

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare("SELECT max(version) AS version FROM schema_migrations").get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/** Applies pending migrations; returns the versions applied (empty when already current). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const current = schemaVersion(db);
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new JournalError(
      "JOURNAL_TOO_NEW",
      `journal schema version ${current} is newer than this keeper knows (${newest})`,
      { details: { current, newest } },
    );
  }
  const applied: number[] = [];
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
    applied.push(migration.version);
  }
  return applied;
}
