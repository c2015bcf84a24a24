import type { Migration } from './open-database.js';

/**
 * The schema of `sepo.db`, as ordered migrations (see `Migration`). Tables are STRICT so a wrongly
 * typed value fails at once instead of being stored silently. JSON columns hold TEXT. Timestamps are
 * ISO-8601 UTC text. Every table references `runs` with ON DELETE CASCADE, so deleting a run deletes
 * everything recorded for it.
 */
export const RUN_MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled', 'budget-exhausted')),
        config TEXT NOT NULL,
        seed INTEGER NOT NULL,
        versions TEXT NOT NULL,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX runs_created ON runs (created_at);

      CREATE TABLE candidates (
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        parent_id TEXT,
        generation INTEGER NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('task', 'agent')),
        prompt TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('seed', 'admitted', 'rejected', 'proposed')),
        scores TEXT NOT NULL,
        meta TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run, id)
      ) STRICT;

      -- seq is the rowid: insertion order. The UNIQUE key makes re-recording a rollout on resume a no-op.
      CREATE TABLE rollouts (
        seq INTEGER PRIMARY KEY,
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        candidate_id TEXT NOT NULL,
        prompt_hash TEXT NOT NULL,
        example_id TEXT NOT NULL,
        sample INTEGER NOT NULL,
        response TEXT NOT NULL,
        score REAL NOT NULL,
        feedback TEXT NOT NULL,
        extracted TEXT,
        failure TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        latency_ms REAL NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('call', 'cache', 'replay')),
        call_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (run, candidate_id, example_id, sample)
      ) STRICT;

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_run ON events (run, seq);

      -- The run log: completions this run obtained, replayed on resume. Errors are never stored.
      CREATE TABLE completions (
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('task', 'optimizer')),
        text TEXT NOT NULL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        created_at TEXT NOT NULL,
        PRIMARY KEY (run, key)
      ) STRICT;

      CREATE TABLE artifacts (
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run, name)
      ) STRICT;
    `);
  },
  (db) => {
    db.exec(`
      -- The lease of a live run: the one process allowed to write it (see RunLease). A holder that stops
      -- heart-beating, or whose pid is gone on the same host, no longer holds it.
      CREATE TABLE leases (
        run TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        token TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        since TEXT NOT NULL,
        heartbeat_ms INTEGER NOT NULL
      ) STRICT;

      -- The spend of a run per budget line (engine log namespace; '' is the run's main engine), as
      -- recorded by its processes so far: a resumed run starts from it.
      CREATE TABLE spend (
        run TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        line TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run, line)
      ) STRICT;
    `);
  },
];
