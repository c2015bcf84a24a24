export { type BatchPolicy, BatchWriter, DEFAULT_BATCH_POLICY } from './batch-writer.js';
export { CACHE_MIGRATIONS, CallCache, type CallCacheOptions } from './call-cache.js';
export { type CsvValue, csvField, csvRow } from './csv-row.js';
export { defaultAgentCacheDir, defaultCachePath } from './default-cache-path.js';
export { EXPORT_COLUMNS, EXPORT_FORMATS, type ExportFormat, exportRun } from './export-run.js';
export { BUSY_TIMEOUT_MS, type Db, type Migration, openDatabase, schemaVersion } from './open-database.js';
export {
  type CandidateLevel,
  type CandidateRecord,
  type CandidateStatus,
  type EventRecord,
  type NewRun,
  type RolloutRecord,
  RUN_STATUSES,
  type RunKind,
  type RunRecord,
  type RunStatus,
  type SplitScore,
} from './records.js';
export { formatRunId, RUN_ID_PATTERN, randomRunSuffix } from './run-id.js';
export {
  LEASE_HEARTBEAT_MS,
  LEASE_TTL_MS,
  type Lease,
  type LeaseHolder,
  type LeaseOptions,
  pidAlive,
  RunHeldError,
} from './run-lease.js';
export { RUN_MIGRATIONS } from './run-migrations.js';
export { type RolloutFilter, RunStore, type RunStoreOptions } from './run-store.js';
