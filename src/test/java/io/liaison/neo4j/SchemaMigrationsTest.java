package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A packaged application cannot list a classpath folder, so the chain is a list; it must name every file, in order. */
class SchemaMigrationsTest {

    @Test
    void theMigrationListNamesEveryFileOfCypherSchemaInOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("cypher", "schema"))) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cypher")).sorted().toList();
            assertEquals(onDisk, SchemaMigrations.MIGRATIONS);
        }
    }
}
