// Stored Idempotency-Key answers are bounded per scope (a location, or the agency), in number and bytes.
// One (:IdempotencyScope) node per scope keeps the running totals; every write that stores or drops an
// answer locks it first, so concurrent writes in one scope cannot both pass the bound.
CREATE CONSTRAINT idempotency_scope_unique IF NOT EXISTS FOR (s:IdempotencyScope) REQUIRE s.scope IS UNIQUE;
// The oldest answers of a scope are evicted first: this index hands them over in answer order.
CREATE INDEX idempotency_key_answered IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.scope, k.answeredAt);
