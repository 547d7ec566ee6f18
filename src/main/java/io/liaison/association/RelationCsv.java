package io.liaison.association;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.error.ApiException;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.transfer.CsvWriter;
import io.liaison.transfer.ImportHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Links as CSV. A line names its label by {@code associationId} or by key ({@code associationKey}),
 * and each record by id ({@code firstRecordId}, {@code secondRecordId}) or, for contacts, by email
 * ({@code firstContactEmail}, {@code secondContactEmail}); when a line fills both, the id wins. Lines
 * are then linked exactly as the items of POST /associations/relations/bulk. The export writes
 * {@code id, associationId, associationKey, firstObjectKey, firstRecordId, secondObjectKey,
 * secondRecordId, createdAt}; an import takes that file as it is (the extra columns are ignored).
 */
@ApplicationScoped
class RelationCsv implements ImportHandler {

    static final List<String> EXPORT_COLUMNS = List.of("id", "associationId", "associationKey", "firstObjectKey", "firstRecordId",
            "secondObjectKey", "secondRecordId", "createdAt");
    private static final Set<String> IMPORT_COLUMNS = Set.of("associationId", "associationKey", "firstRecordId", "secondRecordId",
            "firstContactEmail", "secondContactEmail");
    private static final Set<String> IGNORED_COLUMNS = Set.of("id", "firstObjectKey", "secondObjectKey", "createdAt");

    private final GraphDatabase db;
    private final RelationBulkService bulk;
    private final RelationRepository relations;
    private final AssociationRepository associations;
    private final ContactIdsByEmail contacts;

    public RelationCsv(GraphDatabase db, RelationBulkService bulk, RelationRepository relations, AssociationRepository associations,
            ContactIdsByEmail contacts) {
        this.db = db;
        this.bulk = bulk;
        this.relations = relations;
        this.associations = associations;
        this.contacts = contacts;
    }

    @Override
    public String type() {
        return "relations";
    }

    @Override
    public void checkHeader(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!IMPORT_COLUMNS.contains(column) && !IGNORED_COLUMNS.contains(column)) {
                throw Errors.ValidationFailed.of("header", "column '" + (column.length() > 64 ? column.substring(0, 64) + "…" : column)
                        + "' is not known; the columns are " + String.join(", ", IMPORT_COLUMNS.stream().sorted().toList()));
            }
            if (!seen.add(column)) {
                throw Errors.ValidationFailed.of("header", "column '" + column + "' appears twice");
            }
        }
        requireOneOf(seen, "associationId", "associationKey");
        requireOneOf(seen, "firstRecordId", "firstContactEmail");
        requireOneOf(seen, "secondRecordId", "secondContactEmail");
    }

    private static void requireOneOf(Set<String> header, String byId, String byName) {
        if (!header.contains(byId) && !header.contains(byName)) {
            throw Errors.ValidationFailed.of("header", "needs a column " + byId + " or " + byName);
        }
    }

    @Override
    public List<LineOutcome> importBatch(String locationId, List<Map<String, String>> lines) {
        Map<String, Optional<String>> labelsByKey = new HashMap<>();
        Set<String> emails = new HashSet<>();
        for (Map<String, String> line : lines) {
            if (blank(line.get("associationId")) && !blank(line.get("associationKey"))) {
                labelsByKey.computeIfAbsent(line.get("associationKey").strip(),
                        key -> db.read(tx -> associations.byKey(tx, locationId, key)).map(Association::id));
            }
            for (String side : List.of("first", "second")) {
                if (blank(line.get(side + "RecordId")) && !blank(line.get(side + "ContactEmail"))) {
                    emails.add(email(line.get(side + "ContactEmail")));
                }
            }
        }
        Map<String, String> contactIds = emails.isEmpty() ? Map.of() : db.read(tx -> contacts.idsByEmail(tx, locationId, emails));

        LineOutcome[] outcomes = new LineOutcome[lines.size()];
        List<Integer> resolved = new ArrayList<>();
        List<RelationBulkRequests.Link> links = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                Map<String, String> line = lines.get(i);
                links.add(new RelationBulkRequests.Link(label(line, labelsByKey), record(line, "first", contactIds),
                        record(line, "second", contactIds)));
                resolved.add(i);
            } catch (ApiException e) {
                outcomes[i] = new LineOutcome(ItemStatus.FAILED, ErrorBody.of(e));
            }
        }
        if (!links.isEmpty()) {
            List<RelationBulkService.ItemResult> results = bulk.link(locationId, Bulk.given(links)).results();
            for (int n = 0; n < results.size(); n++) {
                outcomes[resolved.get(n)] = new LineOutcome(results.get(n).status(), results.get(n).error());
            }
        }
        return List.of(outcomes);
    }

    private static String label(Map<String, String> line, Map<String, Optional<String>> labelsByKey) {
        if (!blank(line.get("associationId"))) {
            return line.get("associationId").strip();
        }
        if (blank(line.get("associationKey"))) {
            throw Errors.ValidationFailed.of("associationId", "or associationKey should not be empty");
        }
        String key = line.get("associationKey").strip();
        return labelsByKey.get(key).orElseThrow(() -> new Errors.NotFound("Association", "key", key));
    }

    private static String record(Map<String, String> line, String side, Map<String, String> contactIds) {
        if (!blank(line.get(side + "RecordId"))) {
            return line.get(side + "RecordId").strip();
        }
        if (blank(line.get(side + "ContactEmail"))) {
            throw Errors.ValidationFailed.of(side + "RecordId", "or " + side + "ContactEmail should not be empty");
        }
        String email = email(line.get(side + "ContactEmail"));
        return Optional.ofNullable(contactIds.get(email))
                .orElseThrow(() -> new Errors.NotFound("Contact", side + "ContactEmail", email));
    }

    private static String email(String cell) {
        return cell.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String cell) {
        return cell == null || cell.isBlank();
    }

    /**
     * Streams the links of these labels (every label of the location when empty) as CSV, in one read transaction,
     * so the export is one consistent snapshot; rows are written as they are read. Bounded like every database
     * call, and never retried (see {@link GraphDatabase#readStreamed}).
     */
    public void export(String locationId, List<String> associationIds, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(EXPORT_COLUMNS);
        List<String> labelIds = associationIds.isEmpty() ? null : associationIds;
        db.readStreamed((tx, emit) -> {
            for (Association label : relations.labelsToExport(tx, locationId, labelIds)) {
                relations.linksToExport(tx, label, emit);
            }
        }, (RelationRepository.ExportedLink link) -> csv.row(List.of(link.id(),
                link.association().id(), link.association().key(), link.association().firstObjectKey(), link.firstId(),
                link.association().secondObjectKey(), link.secondId(), link.createdAt() == null ? "" : link.createdAt())));
        csv.flush();
    }

    /** 404 for a label the location does not have, before any of the export is sent. */
    public void requireLabels(String locationId, List<String> associationIds) {
        for (String id : associationIds) {
            if (db.read(tx -> associations.find(tx, locationId, id)).isEmpty()) {
                throw new Errors.NotFound("Association", id);
            }
        }
    }
}
