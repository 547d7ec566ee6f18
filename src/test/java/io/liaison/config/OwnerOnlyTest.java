package io.liaison.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and files Liaison creates for its data are the service user's only. */
class OwnerOnlyTest {

    @TempDir
    Path root;

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void foldersAreCreated0700WithEveryMissingParent() throws IOException {
        Path folder = OwnerOnly.folders(root.resolve("data/imports"));
        assertEquals("rwx------", permissions(root.resolve("data")));
        assertEquals("rwx------", permissions(folder));
    }

    @Test
    void anExistingFolderIsLeftAsTheOperatorMadeIt() throws IOException {
        Path folder = Files.createDirectory(root.resolve("shared"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        OwnerOnly.folders(folder);
        assertEquals("rwxr-x---", permissions(folder));
    }

    @Test
    void filesAreCreated0600() throws IOException {
        Path file = OwnerOnly.folders(root.resolve("imports")).resolve("upload.csv");
        try (OutputStream out = OwnerOnly.newFile(file)) {
            out.write("email\n".getBytes());
        }
        assertEquals("rw-------", permissions(file));
        assertEquals("email\n", Files.readString(file));
        assertEquals("rw-------", permissions(OwnerOnly.newTemporaryFile(root, ".new-")));
    }
}
