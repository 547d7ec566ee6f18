package io.liaison.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A request body read once to fingerprint it, then handed on unchanged. Up to {@link #IN_MEMORY}
 * bytes stay in memory; a larger body (a CSV import) goes to a temporary file, so it never sits in
 * memory whole. The file is deleted when the replacement stream is closed.
 */
final class SpooledBody {

    static final int IN_MEMORY = 1024 * 1024;

    private final byte[] digest;
    private final byte[] bytes;
    private final Path file;

    private SpooledBody(byte[] digest, byte[] bytes, Path file) {
        this.digest = digest;
        this.bytes = bytes;
        this.file = file;
    }

    static SpooledBody read(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        OutputStream out = memory;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
                if (file == null && memory.size() + n > IN_MEMORY) {
                    file = Files.createTempFile("liaison-body-", ".spool");
                    out = Files.newOutputStream(file);
                    memory.writeTo(out);
                    memory = null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                out.close();
                Files.deleteIfExists(file);
            }
            throw e;
        }
        if (file != null) {
            out.close();
        }
        return new SpooledBody(sha.digest(), memory == null ? null : memory.toByteArray(), file);
    }

    byte[] digest() {
        return digest.clone();
    }

    InputStream replay() {
        if (file == null) {
            return new ByteArrayInputStream(bytes);
        }
        try {
            return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
