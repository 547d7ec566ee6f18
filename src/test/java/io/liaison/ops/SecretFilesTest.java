package io.liaison.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.liaison.config.SecretFiles;
import io.liaison.neo4j.EmbeddedNeo4jPassword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Bolt password survives restarts, and deleting its file is how to get a new one. */
class SecretFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void theBoltPasswordIsGeneratedOnceAndKept() throws IOException {
        String first = EmbeddedNeo4jPassword.readOrCreate(dataDir);
        String again = EmbeddedNeo4jPassword.readOrCreate(dataDir);

        assertEquals(first, again);
        Path file = dataDir.resolve("secrets/neo4j-password");
        assertEquals(first, Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        Files.delete(file);
        assertNotEquals(first, EmbeddedNeo4jPassword.readOrCreate(dataDir));
    }

    @Test
    void aSecretIsReplacedWholeAndStaysPrivate() throws IOException {
        SecretFiles.write(dataDir, SecretFiles.AGENCY_TOKEN, "first");
        SecretFiles.write(dataDir, SecretFiles.AGENCY_TOKEN, "second");

        Path file = SecretFiles.file(dataDir, SecretFiles.AGENCY_TOKEN);
        assertEquals("second\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var entries = Files.list(file.getParent())) {
            assertEquals(1, entries.count(), "no temporary file is left behind");
        }
    }
}
