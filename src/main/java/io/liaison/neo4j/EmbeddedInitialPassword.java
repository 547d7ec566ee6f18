package io.liaison.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.Label;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.FormatException;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.neo4j.string.UTF8;

/**
 * The password of user {@code neo4j} is in place before the Bolt port first listens, so the default
 * credentials (neo4j/neo4j) never open it, not even for the second between the start of the DBMS and
 * Liaison's first statement: with the default password a client may log in to change it, and whoever
 * changes it first owns the port until Liaison's own change.
 *
 * <p>This is what {@code neo4j-admin dbms set-initial-password} does, in process: it writes the user
 * with the hashed password to {@code data/dbms/auth.ini}, which Neo4j reads when it creates the
 * system database, and at every later start while user neo4j still has the default password (a store
 * left by a start that stopped before the password was set). The file holds a salted hash, never the
 * password, and it is deleted once the DBMS is up.
 */
final class EmbeddedInitialPassword {

    private static final String INITIAL_USER = "neo4j";
    /** Neo4j's own lower bound (dbms.security.auth_minimum_password_length), which ALTER USER checks but auth.ini does not. */
    static final int MINIMUM_LENGTH = 8;

    private EmbeddedInitialPassword() {
    }

    /** Writes {@code auth.ini} for the DBMS at {@code home} (absolute), replacing any earlier one. */
    static void write(Path home, String password) {
        if (password.codePoints().count() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("The embedded Neo4j password must have at least " + MINIMUM_LENGTH + " characters");
        }
        Path file = file(home);
        try (var fs = new DefaultFileSystemAbstraction()) {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            var repository = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repository.start();
            try {
                var credential = SystemGraphCredential.createCredentialForPassword(UTF8.encode(password), new SecureHasher());
                repository.create(new User(INITIAL_USER, null, credential, false, false));
            } finally {
                repository.shutdown();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded Neo4j's initial password file " + file, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write the embedded Neo4j's initial password file " + file, e);
        }
    }

    /** Once the DBMS is up it has read the file: the hash need not stay on disk. */
    static void delete(Path home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the embedded Neo4j's initial password file", e);
        }
    }

    static Path file(Path home) {
        return CommunitySecurityModule.getInitialUserRepositoryFile(
                Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build());
    }

    /**
     * Whether user neo4j already has this password, read from the system graph without Cypher: at most
     * starts it has, and the start then runs no statement for it (the first Cypher statement of a JVM
     * costs a second or more of compilation on a busy machine). Empty when it cannot be told.
     */
    static Optional<Boolean> matches(DatabaseManagementService dbms, String password) {
        try (var tx = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).beginTx()) {
            var user = tx.findNode(Label.label("User"), "name", INITIAL_USER);
            if (user == null || !(user.getProperty("credentials", null) instanceof String serialized)) {
                return Optional.empty();
            }
            var credential = SystemGraphCredential.deserialize(serialized, new SecureHasher());
            return Optional.of(credential.matchesPassword(UTF8.encode(password)));
        } catch (FormatException | RuntimeException e) {
            return Optional.empty();
        }
    }

}
