package io.liaison.transfer;

import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes RFC 4180 CSV through FastCSV (CRLF line ends, a field quoted when it holds a comma, quote or
 * line break, quotes doubled). It guards against CSV injection as OWASP advises: a cell a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) is written with a leading apostrophe, unless it is
 * plainly a number or phone ("+1 888-555-0100", "-12.5"), which no spreadsheet executes. The importers
 * drop that apostrophe again, so an export re-imports unchanged.
 */
public final class CsvWriter {

    private static final Pattern NUMBER_OR_PHONE = Pattern.compile("[+\\-]?[0-9][0-9 ().\\-]*");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final de.siegmar.fastcsv.writer.CsvWriter out;

    public CsvWriter(OutputStream out) {
        this.out = de.siegmar.fastcsv.writer.CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
    }

    public void row(List<String> cells) throws IOException {
        try {
            out.writeRecord(cells.stream().map(CsvWriter::guarded).toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** The cell as written before quoting: formulas get their apostrophe. */
    static String guarded(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return isFormula(value) ? "'" + value : value;
    }

    private static boolean isFormula(String value) {
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 && !NUMBER_OR_PHONE.matcher(value).matches();
    }

    /** An imported cell as it was before {@link #guarded} guarded it. */
    public static String unguarded(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && isFormula(cell.substring(1))) {
            return cell.substring(1);
        }
        return cell;
    }
}
