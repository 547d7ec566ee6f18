// Idempotency-Key: one remembered answer per key within a caller's scope (its location, or the agency),
// so two concurrent requests with the same key race on this constraint and exactly one wins.
CREATE CONSTRAINT idempotency_key_per_scope IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE (k.scope, k.key) IS UNIQUE;
// The background sweep deletes keys past their expiry.
CREATE INDEX idempotency_key_expiry IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.expiresAt);

// CSV import jobs: progress and errors of a file processed in the background.
CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (j:ImportJob) REQUIRE j.id IS UNIQUE;
CREATE INDEX import_job_status IF NOT EXISTS FOR (j:ImportJob) ON (j.status);
