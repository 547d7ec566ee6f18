package io.liaison.neo4j;

import ac.simons.neo4j.migrations.core.JavaBasedMigration;

/**
 * A Java migration that only changes data already in the store (no schema, nothing made from
 * nothing), so on a new, empty store it has nothing to do: the start of a new embedded store records
 * it as applied without running it (see {@link SchemaChainInProcess}). A Java migration without this
 * mark always runs through neo4j-migrations.
 */
public interface DataOnlyMigration extends JavaBasedMigration {
}
