package io.liaison.contact;

import io.liaison.error.QuotedValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.bulk.Bulk;
import io.liaison.error.Errors;
import io.liaison.transfer.CsvWriter;
import io.liaison.transfer.ImportHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Contacts as CSV. The columns are HighLevel's contact field names; {@code tags} holds the tags
 * separated by commas. An import line is upserted exactly as an item of POST /contacts/bulk (matched
 * on email, then phone); an empty cell leaves that field as it is. The export writes the same columns
 * plus {@code id}, {@code dateAdded} and {@code dateUpdated}, which an import accepts and ignores, so an
 * export re-imports as it is.
 */
@ApplicationScoped
class ContactCsv implements ImportHandler {

    static final List<String> WRITABLE = List.of("firstName", "lastName", "name", "email", "phone", "companyName", "address1",
            "city", "state", "postalCode", "country", "website", "timezone", "source", "tags", "dateOfBirth");
    private static final Set<String> READ_ONLY = Set.of("id", "dateAdded", "dateUpdated");
    static final List<String> EXPORT_COLUMNS = Stream.of(List.of("id"), WRITABLE, List.of("dateAdded", "dateUpdated"))
            .flatMap(List::stream).toList();
    private static final int EXPORT_PAGE = 500;

    private final ContactBulkService bulk;
    private final GraphDatabase db;
    private final ContactRepository repository;
    private final ObjectMapper json;

    public ContactCsv(GraphDatabase db, ContactBulkService bulk, ContactRepository repository, ObjectMapper json) {
        this.db = db;
        this.bulk = bulk;
        this.repository = repository;
        this.json = json;
    }

    @Override
    public String type() {
        return "contacts";
    }

    @Override
    public void checkHeader(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!WRITABLE.contains(column) && !READ_ONLY.contains(column)) {
                throw Errors.ValidationFailed.of("header", "column '" + QuotedValues.abbreviate(column) + "' is not a contact field; the columns are "
                        + String.join(", ", EXPORT_COLUMNS));
            }
            if (!seen.add(column)) {
                throw Errors.ValidationFailed.of("header", "column '" + column + "' appears twice");
            }
        }
        if (header.stream().noneMatch(WRITABLE::contains)) {
            throw Errors.ValidationFailed.of("header", "names no contact field to import; the columns are " + String.join(", ", WRITABLE));
        }
    }

    @Override
    public List<LineOutcome> importBatch(String locationId, List<Map<String, String>> lines) {
        List<ContactRequest> requests = lines.stream().map(this::request).toList();
        return bulk.upsert(locationId, Bulk.given(requests)).results().stream()
                .map(r -> new LineOutcome(r.status(), r.error())).toList();
    }

    private ContactRequest request(Map<String, String> cells) {
        Map<String, Object> fields = new LinkedHashMap<>();
        cells.forEach((column, value) -> {
            if (WRITABLE.contains(column) && !value.isBlank()) {
                fields.put(column, column.equals("tags") ? Arrays.stream(value.split(",")).map(String::strip)
                        .filter(t -> !t.isEmpty()).toList() : value);
            }
        });
        return json.convertValue(fields, ContactRequest.class);
    }

    /** Streams every contact of the location, oldest first, page by page (each page one read). */
    public void export(String locationId, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(EXPORT_COLUMNS);
        ZonedDateTime afterDate = null;
        String afterId = null;
        while (true) {
            ZonedDateTime pageAfterDate = afterDate;
            String pageAfterId = afterId;
            List<Contact> page = db.read(tx -> repository.list(tx, locationId, null, pageAfterDate, pageAfterId, EXPORT_PAGE));
            for (Contact contact : page) {
                csv.row(row(contact));
            }
            csv.flush();
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            Contact last = page.get(page.size() - 1);
            afterDate = ZonedDateTime.ofInstant(Instant.parse(last.dateAdded()), ZoneOffset.UTC);
            afterId = last.id();
        }
    }

    private static List<String> row(Contact c) {
        return List.of(nz(c.id()), nz(c.firstName()), nz(c.lastName()), nz(c.name()), nz(c.email()),
                nz(c.phone()), nz(c.companyName()), nz(c.address1()), nz(c.city()), nz(c.state()), nz(c.postalCode()),
                nz(c.country()), nz(c.website()), nz(c.timezone()), nz(c.source()),
                c.tags() == null ? "" : String.join(",", c.tags()), nz(c.dateOfBirth()), nz(c.dateAdded()), nz(c.dateUpdated()));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

}
