package io.liaison.object;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * The Neo4j label of an object's records, derived once from its singular name ("Surf board" becomes
 * {@code SurfBoard}) and never changed. Labels are ASCII PascalCase, never one of Liaison's own
 * labels, and unique within a location (a number is appended when needed).
 */
final class GraphLabels {

    static final int MAX_LENGTH = 60;
    static final Set<String> RESERVED = Set.of("record", "contact", "business", "location", "apikey", "association", "objectschema",
            "liaisonsetting", "liaisonmigration", "liaisonmigrationlock");

    private GraphLabels() {
    }

    static String derive(String singular, Collection<String> taken) {
        String ascii = Normalizer.normalize(singular, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder label = new StringBuilder();
        for (String word : ascii.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                label.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        String base = label.toString().replaceFirst("^[0-9]+", "");
        if (base.isEmpty()) {
            base = "CustomObject";
        }
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH);
        }
        if (RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
            base = base + "Object";
        }
        Set<String> used = taken.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        String candidate = base;
        for (int n = 2; used.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + n;
        }
        return candidate;
    }
}
