package io.liaison.transfer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streaming RFC 4180 reader: one record at a time, never the whole file. Fields may be quoted, hold
 * commas, doubled quotes and line breaks; lines end in CRLF or LF; a UTF-8 byte order mark is skipped.
 * A record that breaks the format (text after a closing quote, an unterminated quote) or the bounds
 * (more than {@code maxRecordBytes} bytes, line breaks inside quotes included, or more than
 * {@code maxFields} fields) comes back as a {@link Row} with a problem and the reader carries on at the
 * next line, so one bad line never stops an import. Parsing works on bytes (the delimiters are ASCII),
 * so a field's UTF-8 text is decoded whole.
 */
public final class CsvReader implements Closeable {

    private final InputStream in;
    private final int maxRecordBytes;
    private final int maxFields;
    private long line = 1;
    private long position;
    private boolean started;
    private int pushedBack = -2;

    /** One record: the physical line it starts on (1-based, the header is line 1), its cells, or what is wrong with it. */
    public record Row(long line, List<String> cells, String problem) {
        public boolean malformed() {
            return problem != null;
        }
    }

    /**
     * @param maxRecordBytes the longest record read: a longer one is reported as malformed (and skipped
     *        without being held), so a record never takes more memory than this
     */
    public CsvReader(InputStream in, int maxRecordBytes, int maxFields) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxRecordBytes = maxRecordBytes;
        this.maxFields = maxFields;
    }

    public Optional<Row> next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        int c = read();
        // Blank lines between records carry nothing.
        while (c == '\r' || c == '\n') {
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    unread(after);
                }
            }
            line++;
            c = read();
        }
        if (c < 0) {
            return Optional.empty();
        }
        long startLine = line;
        long start = position - 1;
        List<String> cells = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        String problem = null;
        boolean quoted = false;
        boolean fieldStart = true;
        boolean afterClosingQuote = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    problem = "a quoted field is not closed before the end of the file";
                }
                cells.add(text(field));
                break;
            }
            if (quoted) {
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.write('"');
                    } else {
                        quoted = false;
                        afterClosingQuote = true;
                        unread(after);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.write(c);
                }
            } else if (c == ',') {
                cells.add(text(field));
                field.reset();
                fieldStart = true;
                afterClosingQuote = false;
                c = read();
                continue;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                line++;
                cells.add(text(field));
                break;
            } else if (afterClosingQuote) {
                problem = "text follows a closing quote; a quote inside a quoted field is written twice (\"\")";
                skipRestOfRecord();
                break;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.write(c);
            }
            fieldStart = false;
            if (position - start > maxRecordBytes) {
                problem = "the line is longer than " + maxRecordBytes + " bytes";
                if (quoted) {
                    skipRestOfQuotedField();
                }
                skipRestOfRecord();
                break;
            }
            if (cells.size() >= maxFields) {
                problem = "the line has more than " + maxFields + " fields";
                skipRestOfRecord();
                break;
            }
            c = read();
        }
        return Optional.of(problem == null ? new Row(startLine, List.copyOf(cells), null) : new Row(startLine, List.of(), problem));
    }

    private void skipRestOfQuotedField() throws IOException {
        for (int c = read(); c >= 0; c = read()) {
            if (c == '\n') {
                line++;
            } else if (c == '"') {
                int after = read();
                if (after != '"') {
                    unread(after);
                    return;
                }
            }
        }
    }

    private void skipRestOfRecord() throws IOException {
        for (int c = read(); c >= 0; c = read()) {
            if (c == '\n') {
                line++;
                return;
            }
        }
    }

    private void skipByteOrderMark() throws IOException {
        in.mark(3);
        if (in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
            position = 3;
        } else {
            in.reset();
        }
    }

    /** The bytes read so far (the records returned, and the byte order mark when there was one). */
    public long bytesRead() {
        return position;
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            c = in.read();
        }
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
        if (c >= 0) {
            position--;
        }
    }

    private static String text(ByteArrayOutputStream field) {
        return field.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
