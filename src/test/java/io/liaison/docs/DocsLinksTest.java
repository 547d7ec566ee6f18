package io.liaison.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The README and the manual hold together: every relative link of README.md, docs/**, bench/README.md
 * and cypher/** names a file or folder that exists, and every {@code #anchor} a heading of its page (as
 * GitHub makes anchors); the walk-through's tour blocks are all on the pages {@link ReadmeToursIT} runs.
 * Plain JUnit: it reads files only.
 */
class DocsLinksTest {

    /** [text](target) and ![alt](target); the target ends at the first space or closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<Path> pages = Manual.pages();
        assertTrue(pages.size() > 20, "the manual's pages: " + pages);
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (link.find()) {
                    String problem = problem(page, link.group(1), anchors);
                    if (problem != null) {
                        broken.add(page + " line " + (i + 1) + ": " + link.group(1) + " " + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyTourBlockIsOnAPageTheWalkThroughRuns() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path page : Manual.pages()) {
            if (!Manual.WALK_THROUGH.contains(page) && !ShellTour.blocks(page, Files.readAllLines(page), 0).isEmpty()) {
                outside.add(page.toString());
            }
        }
        assertEquals(List.of(), outside, "pages with tour blocks that Manual.WALK_THROUGH does not list");
        assertTrue(Manual.walkThrough().size() >= 10);
    }

    /** Why the link does not resolve, or null when it does (or is not relative). */
    private static String problem(Path page, String target, Map<Path, Set<String>> anchors) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto:: not this test's business
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file = path.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
            return "names no file";
        }
        if (hash < 0) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return "has an anchor on a file that is not Markdown";
        }
        String anchor = target.substring(hash + 1);
        Set<String> known = anchors.computeIfAbsent(file.toAbsolutePath().normalize(), DocsLinksTest::anchorsOf);
        return known.contains(anchor) ? null : "names no heading of " + path + " (" + known.size() + " headings)";
    }

    private static Set<String> anchorsOf(Path file) {
        try {
            Set<String> anchors = new HashSet<>();
            boolean fenced = false;
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher heading = HEADING.matcher(line);
                if (!fenced && heading.matches()) {
                    String slug = slug(heading.group(1));
                    String unique = slug;
                    for (int n = 1; anchors.contains(unique); n++) {
                        unique = slug + "-" + n;
                    }
                    anchors.add(unique);
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GitHub's anchor of a heading: link texts kept, lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .replace(' ', '-');
    }

    @Nested
    class Slugs {
        @Test
        void punctuationIsDroppedAndSpacesBecomeHyphens() {
            assertEquals("the-help-articles-flow", slug("The help article's flow"));
            assertEquals("bulk-writes-csv-import-and-export-idempotent-retries",
                    slug("Bulk writes, CSV import and export, idempotent retries"));
            assertEquals("highlevel-fidelity-contacts-search-records", slug("HighLevel fidelity: contacts, search, records"));
        }

        @Test
        void codeAndLinksKeepTheirText() {
            assertEquals("the-id-of-a-label", slug("The `id` of a [label](x.md)"));
        }
    }
}
