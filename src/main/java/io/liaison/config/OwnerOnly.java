package io.liaison.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files Liaison creates for its data (the store, secrets, uploaded CSV files) are the
 * service user's only: 0700 folders, 0600 files, set as they are created, so there is no moment at
 * which another local user could open them. Folders that already exist are left as the operator made
 * them. On a file system without POSIX permissions the defaults apply.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** {@code folder} and any missing parent, each created 0700. */
    public static Path folders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        return posix(absolute) ? Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(FOLDER))
                : Files.createDirectories(absolute);
    }

    /** A new file, created 0600 (an existing one is an error), open for writing. */
    public static OutputStream newFile(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** A new temporary file in {@code folder}, created 0600. */
    public static Path newTemporaryFile(Path folder, String prefix) throws IOException {
        return posix(folder) ? Files.createTempFile(folder, prefix, "", fileAttribute()) : Files.createTempFile(folder, prefix, "");
    }

    private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
