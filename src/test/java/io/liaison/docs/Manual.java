package io.liaison.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The README and the manual: which Markdown files there are, and which of them hold the walk-through's
 * {@code bash tour} blocks, in the order they run (the order docs/README.md lists under "The walk-through").
 */
final class Manual {

    /** The pages with tour blocks, in the walk-through's order; the README's blocks start it. */
    static final List<Path> WALK_THROUGH = List.of(
            Path.of("README.md"),
            Path.of("docs/api/custom-objects.md"),
            Path.of("docs/api/graph.md"),
            Path.of("docs/api/contacts-and-records.md"),
            Path.of("docs/api/custom-fields.md"),
            Path.of("docs/api/webhooks-and-events.md"),
            Path.of("docs/api/bulk-import-export.md"),
            Path.of("docs/operations/security.md"));

    private Manual() {
    }

    /** Every Markdown page of the project's documentation: the README, docs/, bench/README.md and cypher/. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        pages.add(Path.of("bench/README.md"));
        for (String folder : List.of("docs", "cypher")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    /** The walk-through's blocks, numbered 1, 2, ... across its pages in their order. */
    static List<ShellTour.Block> walkThrough() throws IOException {
        List<ShellTour.Block> blocks = new ArrayList<>();
        for (Path page : WALK_THROUGH) {
            blocks.addAll(ShellTour.blocks(page, Files.readAllLines(page), blocks.size()));
        }
        return blocks;
    }
}
