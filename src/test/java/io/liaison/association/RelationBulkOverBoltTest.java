package io.liaison.association;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link RelationBulkTest} with every transaction sent through the driver over Bolt, as with a Neo4j
 * server: there the batch runs as one Cypher statement per label, while the rest of the suite runs
 * in-process, where it goes through Neo4j's Java core API ({@link CoreApiLinks}). Both ways must
 * answer every item alike.
 */
@QuarkusTest
@TestProfile(ConcurrencyOverBoltTest.OverBolt.class)
class RelationBulkOverBoltTest extends RelationBulkTest {
}
