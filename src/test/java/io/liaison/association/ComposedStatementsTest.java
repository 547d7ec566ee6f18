package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statements assembled from several classes (the lock statements of neo4j/Locks, the checks and
 * create of RelationRepository, AssociationLinks' counts, the outbox's event clause), written whole to
 * cypher/composed/, one file per statement and kind of server, so that they can be read, diffed in a
 * review and planned ({@code LinkDegreesTest}). A statement that no longer matches its file is written
 * anew and the test fails: commit the new text with the change that made it. Plain JUnit, no database.
 */
class ComposedStatementsTest {

    static final Path FOLDER = Path.of("cypher", "composed");

    /** Every composed statement by its file name. */
    static Map<String, String> statements() {
        Map<String, String> all = new LinkedHashMap<>();
        for (boolean apoc : List.of(true, false)) {
            String locks = apoc ? "apoc" : "cypher-locks";
            for (boolean byDegree : List.of(true, false)) {
                String counts = byDegree ? "degrees" : "walking";
                all.put("link." + locks + "." + counts + ".cypher", RelationRepository.link(apoc, byDegree));
                all.put("link-each." + locks + "." + counts + ".cypher", RelationRepository.linkEach(apoc, byDegree));
            }
            all.put("delete-each." + locks + ".cypher", RelationRepository.deleteEach(apoc));
        }
        return all;
    }

    @Test
    void eachComposedStatementIsCheckedInWhole() throws IOException {
        Files.createDirectories(FOLDER);
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements().entrySet()) {
            Path file = FOLDER.resolve(statement.getKey());
            String text = statement.getValue().strip() + "\n";
            if (!Files.exists(file) || !Files.readString(file).equals(text)) {
                Files.writeString(file, text);
                differ.add(file.toString());
            }
        }
        try (var files = Files.list(FOLDER)) {
            files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".cypher") && !statements().containsKey(name))
                    .forEach(name -> differ.add(name + " is no composed statement any more: delete it"));
        }
        assertEquals(List.of(), differ, "composed statements that changed (written anew; review and commit them)");
    }
}
