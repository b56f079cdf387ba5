/**
 * The journal's schema, as an ordered list of migrations. Each is applied once, in its own
 * transaction, and recorded in `schema_migrations`; never edit a released migration, append one.
 * Amounts are decimal TEXT (exact bigint), checked to be integers; times are Unix milliseconds.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** SQL check that a TEXT column holds an unsigned decimal integer. */
const uint = (column: string): string => `CHECK (${column} <> '' AND ${column} NOT GLOB '*[^0-9]*')`;
/** Same, allowing one leading minus sign (realised profit can be a loss). */
const int = (column: string): string =>
  `CHECK (ltrim(${column}, '-') <> '' AND ltrim(${column}, '-') NOT GLOB '*[^0-9]*' AND ${column} NOT GLOB '--*')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "core tables",
    sql: `
      CREATE TABLE blocks (
        chain_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        hash TEXT NOT NULL,
        parent_hash TEXT,
        timestamp INTEGER,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (chain_id, number, hash)
      ) WITHOUT ROWID;

      CREATE TABLE opportunities (
        idempotency_key TEXT PRIMARY KEY,
        chain_id INTEGER NOT NULL,
        target_block INTEGER NOT NULL,
        path TEXT NOT NULL,
        venues TEXT NOT NULL,
        start_token TEXT NOT NULL,
        amount_in TEXT NOT NULL ${uint("amount_in")},
        amount_out TEXT NOT NULL ${uint("amount_out")},
        profit TEXT NOT NULL ${int("profit")},
        profit_token TEXT NOT NULL,
        gas_estimate TEXT NOT NULL ${uint("gas_estimate")},
        funding TEXT,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE risk_decisions (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL REFERENCES opportunities (idempotency_key),
        accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
        reason_code TEXT,
        message TEXT NOT NULL,
        net_profit TEXT ${int("net_profit")},
        net_profit_usd TEXT ${int("net_profit_usd")},
        decided_at INTEGER NOT NULL,
        CHECK (accepted = 1 OR reason_code IS NOT NULL)
      );

      CREATE TABLE simulations (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL REFERENCES opportunities (idempotency_key),
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        predicted_profit TEXT NOT NULL ${int("predicted_profit")},
        simulated_profit TEXT ${int("simulated_profit")},
        gas_used TEXT ${uint("gas_used")},
        error TEXT,
        simulated_at INTEGER NOT NULL
      );

      CREATE TABLE submission_claims (
        idempotency_key TEXT NOT NULL REFERENCES opportunities (idempotency_key),
        target_block INTEGER NOT NULL,
        claimed_at INTEGER NOT NULL,
        PRIMARY KEY (idempotency_key, target_block)
      );

      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL,
        target_block INTEGER NOT NULL,
        relay TEXT NOT NULL,
        bundle_hash TEXT,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'rejected', 'error')),
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        FOREIGN KEY (idempotency_key, target_block) REFERENCES submission_claims (idempotency_key, target_block)
      );

      CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL,
        target_block INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('included', 'not-included', 'failed')),
        block_number INTEGER,
        gas_used TEXT ${uint("gas_used")},
        gas_cost_wei TEXT ${uint("gas_cost_wei")},
        realised_profit TEXT NOT NULL ${int("realised_profit")},
        profit_token TEXT NOT NULL,
        realised_profit_usd TEXT ${int("realised_profit_usd")},
        recorded_at INTEGER NOT NULL,
        UNIQUE (idempotency_key, target_block),
        FOREIGN KEY (idempotency_key, target_block) REFERENCES submission_claims (idempotency_key, target_block)
      );

      CREATE TABLE quarantines (
        kind TEXT NOT NULL CHECK (kind IN ('pool', 'token')),
        address TEXT NOT NULL,
        reason TEXT NOT NULL,
        since INTEGER NOT NULL,
        until INTEGER,
        PRIMARY KEY (kind, address)
      );
    `,
  },
  {
    version: 2,
    name: "indexes for status and report",
    sql: `
      CREATE INDEX outcomes_by_time ON outcomes (recorded_at);
      CREATE INDEX decisions_by_time ON risk_decisions (decided_at);
      CREATE INDEX decisions_by_key ON risk_decisions (idempotency_key);
      CREATE INDEX submissions_by_claim ON submissions (idempotency_key, target_block);
      CREATE INDEX blocks_by_number ON blocks (chain_id, number);
    `,
  },
];
