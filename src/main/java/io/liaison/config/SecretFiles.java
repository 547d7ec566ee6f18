package io.liaison.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Secrets Liaison generates live in {@code <data-dir>/secrets/}, one file each, readable by the
 * service's user only (0600 in a 0700 directory). They never go through the logger, so no log file
 * or log collector ever holds them.
 */
public final class SecretFiles {

    /** The embedded Bolt password (user neo4j); read at every start. */
    public static final String NEO4J_PASSWORD = "neo4j-password";
    /** The generated agency token, written when it is generated or rotated by this instance. */
    public static final String AGENCY_TOKEN = "agency-token";
    /** The key of the "Default" location created on the first run. */
    public static final String DEFAULT_LOCATION_KEY = "default-location-key";
    /** The key made for the demo location at each start with the demo flag. */
    public static final String DEMO_LOCATION_KEY = "demo-location-key";

    private SecretFiles() {
    }

    public static Path file(Path dataDir, String name) {
        return dataDir.toAbsolutePath().normalize().resolve("secrets").resolve(name);
    }

    /** The secret in the file, or a new one from {@code generator} stored there first. */
    public static String readOrCreate(Path dataDir, String name, Supplier<String> generator) {
        Path file = file(dataDir, name);
        if (Files.exists(file)) {
            return read(file);
        }
        Path written = writeNew(file, generator.get(), false);
        return read(written);
    }

    /** Writes (or replaces) the secret; answers the file. */
    public static Path write(Path dataDir, String name, String secret) {
        return writeNew(file(dataDir, name), secret, true);
    }

    public static boolean exists(Path dataDir, String name) {
        return Files.exists(file(dataDir, name));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Written under its final permissions, then moved into place, so no reader sees a partial file. */
    private static Path writeNew(Path file, String secret, boolean replace) {
        try {
            Path directory = OwnerOnly.folders(file.getParent());
            Path temporary = OwnerOnly.newTemporaryFile(directory, ".new-");
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            try {
                if (replace) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(temporary, file);
                }
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
