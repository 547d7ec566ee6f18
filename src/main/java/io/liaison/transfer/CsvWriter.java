package io.liaison.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes RFC 4180 CSV (CRLF line ends, a field quoted when it holds a comma, quote or line break,
 * quotes doubled). It guards against CSV injection as OWASP advises: a cell a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) is written with a leading apostrophe, unless it is
 * plainly a number or phone ("+1 888-555-0100", "-12.5"), which no spreadsheet executes. The importers
 * drop that apostrophe again, so an export re-imports unchanged.
 */
public final class CsvWriter {

    private static final Pattern NUMBER_OR_PHONE = Pattern.compile("[+\\-]?[0-9][0-9 ().\\-]*");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;

    public CsvWriter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    public void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    public void flush() throws IOException {
        out.flush();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = isFormula(value) ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean isFormula(String value) {
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 && !NUMBER_OR_PHONE.matcher(value).matches();
    }

    /** An imported cell as it was before {@link #cell} guarded it. */
    public static String unguarded(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && isFormula(cell.substring(1))) {
            return cell.substring(1);
        }
        return cell;
    }
}
