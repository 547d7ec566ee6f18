package io.liaison.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<CsvReader.Row> read(String text) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 20, 4)) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksAndNumbersLinesFromTheirStart() throws IOException {
        List<CsvReader.Row> rows = read("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n\nlast,\n");
        assertEquals(4, rows.size());
        assertEquals(List.of("a", "b"), rows.get(0).cells());
        assertEquals(new CsvReader.Row(2, List.of("x, y", "say \"hi\""), null), rows.get(1));
        assertEquals(new CsvReader.Row(3, List.of("two\nlines", "z"), null), rows.get(2));
        assertEquals(new CsvReader.Row(6, List.of("last", ""), null), rows.get(3));
    }

    @Test
    void aBrokenLineIsReportedAndReadingGoesOn() throws IOException {
        List<CsvReader.Row> rows = read("\"ab\"c,d\nok,1\n" + "x".repeat(30) + ",1\na,b,c,d,e\nfine,2\n\"open,3\n");
        assertTrue(rows.get(0).malformed() && rows.get(0).problem().contains("closing quote"), rows.get(0).toString());
        assertEquals(new CsvReader.Row(2, List.of("ok", "1"), null), rows.get(1));
        assertTrue(rows.get(2).problem().contains("longer than 20"));
        assertTrue(rows.get(3).problem().contains("more than 4 fields"));
        assertEquals(new CsvReader.Row(5, List.of("fine", "2"), null), rows.get(4));
        assertEquals(6, rows.get(5).line());
        assertTrue(rows.get(5).problem().contains("not closed"));
        assertEquals(6, rows.size());
    }

    @Test
    void writesRfc4180AndGuardsFormulasButNotPhones() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(out);
        writer.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "=HYPERLINK(\"x\")", "+1 888-555-0100", "-12.5", "@SUM(A1)", ""));
        writer.flush();
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=HYPERLINK(\"\"x\"\")\",+1 888-555-0100,-12.5,'@SUM(A1),\r\n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals("=HYPERLINK(\"x\")", CsvWriter.unguarded("'=HYPERLINK(\"x\")"));
        assertEquals("'quoted on purpose", CsvWriter.unguarded("'quoted on purpose"));
    }
}
