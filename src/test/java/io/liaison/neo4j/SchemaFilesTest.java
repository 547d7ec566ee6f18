package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaFilesTest {

    /** A packaged application cannot list a classpath folder, so the runner names its files; they must agree. */
    @Test
    void theMigrationListNamesEveryFileInCypherSchemaInOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("cypher", "schema"))) {
            List<String> onDisk = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".cypher")).sorted().toList();
            assertEquals(onDisk, SchemaMigrations.MIGRATIONS);
        }
    }
}
