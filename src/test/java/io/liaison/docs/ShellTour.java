package io.liaison.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The walk-through of a Markdown file: its fenced blocks whose info string is a shell followed by
 * {@code tour} ({@code ```bash tour}; GitHub highlights by the first word only), in order, cut into
 * top-level statements, each with the output the file shows for it: a comment after the statement
 * on its last line, or on the comment lines right after it, that starts with {@code {} or {@code [}.
 *
 * <p>The cutting is a small lexer, enough for what a README holds: quotes, {@code $( )}, backslash
 * continuations, lines ending in a pipe or {@code &&}, and {@code for/while/until ... done},
 * {@code if ... fi} and {@code case ... esac} spanning lines. No here-documents.
 */
final class ShellTour {

    private static final Pattern TOUR_FENCE = Pattern.compile("^```(bash|shell|sh)\\s+tour\\s*$");

    /**
     * One tour block: its number in the walk-through (1-based, across files), its file, its first line
     * number (1-based, the fence's) and its statements.
     */
    record Block(int number, Path file, int fenceLine, List<String> lines, List<Statement> statements) {
        /** "docs/api/graph.md line 12". */
        String where(int line) {
            return file + " line " + line;
        }
    }

    /**
     * A top-level statement: its lines (numbers 1-based in the file) and the output shown for it (the
     * comment text without its {@code #}, lines joined with a space), or null.
     */
    record Statement(int block, int index, int firstLine, List<String> lines, String expected) {
        String firstLineText() {
            return lines.get(0).strip();
        }
    }

    private ShellTour() {
    }

    /** The tour blocks of one file, numbered from {@code blocksBefore + 1}. */
    static List<Block> blocks(Path path, List<String> file, int blocksBefore) {
        List<Block> blocks = new ArrayList<>();
        List<String> current = null;
        int fence = 0;
        for (int i = 0; i < file.size(); i++) {
            String line = file.get(i);
            if (current == null) {
                if (TOUR_FENCE.matcher(line).matches()) {
                    current = new ArrayList<>();
                    fence = i + 1;
                }
            } else if (line.startsWith("```")) {
                int number = blocksBefore + blocks.size() + 1;
                blocks.add(new Block(number, path, fence, current, statements(number, fence + 1, current)));
                current = null;
            } else {
                current.add(line);
            }
        }
        if (current != null) {
            throw new IllegalStateException("the tour block at " + path + " line " + fence + " is not closed");
        }
        return blocks;
    }

    /** The bash script: a marker before each block and each statement, then the statement as written. */
    static String script(List<Block> blocks) {
        StringBuilder script = new StringBuilder();
        for (Block block : blocks) {
            script.append("printf '\\n@@block ").append(block.number()).append("@@\\n'\n");
            int next = 0;
            List<Statement> statements = block.statements();
            for (int i = 0; i < block.lines().size(); i++) {
                int lineNumber = block.fenceLine() + 1 + i;
                if (next < statements.size() && statements.get(next).firstLine() == lineNumber) {
                    script.append("printf '\\n@@step ").append(block.number()).append('.').append(next).append("@@\\n'\n");
                    next++;
                }
                script.append(block.lines().get(i)).append('\n');
            }
        }
        return script.toString();
    }

    private enum Context { TOP, SINGLE, DOUBLE, SUBSHELL }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    static List<Statement> statements(int block, int firstLineNumber, List<String> lines) {
        List<Statement> statements = new ArrayList<>();
        List<Context> stack = new ArrayList<>(List.of(Context.TOP));
        int keywordDepth = 0;
        List<String> open = null;
        int openLine = 0;
        String trailingComment = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean atBoundary = open == null;
            if (atBoundary && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            if (open == null) {
                open = new ArrayList<>();
                openLine = firstLineNumber + i;
            }
            open.add(line);
            boolean continued = false;
            String comment = null;
            StringBuilder word = new StringBuilder();
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                Context top = stack.get(stack.size() - 1);
                if (top == Context.SINGLE) {
                    if (ch == '\'') {
                        stack.remove(stack.size() - 1);
                    }
                    continue;
                }
                if (top == Context.DOUBLE) {
                    if (ch == '\\') {
                        c++;
                    } else if (ch == '"') {
                        stack.remove(stack.size() - 1);
                    } else if (ch == '$' && c + 1 < line.length() && line.charAt(c + 1) == '(') {
                        stack.add(Context.SUBSHELL);
                        c++;
                    }
                    continue;
                }
                if (ch == '\\') {
                    if (c == line.length() - 1) {
                        continued = true;
                    }
                    c++;
                } else if (ch == '\'') {
                    stack.add(Context.SINGLE);
                } else if (ch == '"') {
                    stack.add(Context.DOUBLE);
                } else if (ch == '(') {
                    stack.add(Context.SUBSHELL);
                } else if (ch == ')' && top == Context.SUBSHELL) {
                    stack.remove(stack.size() - 1);
                } else if (ch == '#' && (c == 0 || " \t;|&(".indexOf(line.charAt(c - 1)) >= 0)) {
                    if (top == Context.TOP) {
                        comment = line.substring(c + 1).strip();
                    }
                    break;
                } else if (top == Context.TOP && Character.isLetter(ch)
                        && (c == 0 || " \t;|&(".indexOf(line.charAt(c - 1)) >= 0)) {
                    Matcher m = WORD.matcher(line).region(c, line.length());
                    if (m.lookingAt()) {
                        String w = m.group();
                        int end = m.end();
                        boolean wholeWord = end == line.length() || " \t;|&)".indexOf(line.charAt(end)) >= 0;
                        if (wholeWord) {
                            switch (w) {
                                case "for", "while", "until", "if", "case" -> keywordDepth++;
                                case "done", "fi", "esac" -> keywordDepth--;
                                default -> { }
                            }
                        }
                        c = end - 1;
                    }
                }
            }
            String trimmed = line.strip();
            boolean pipeEnd = comment == null && (trimmed.endsWith("|") || trimmed.endsWith("&&") || trimmed.endsWith("||"));
            if (stack.size() == 1 && keywordDepth == 0 && !continued && !pipeEnd) {
                trailingComment = comment;
                String expected = expected(trailingComment, lines, i + 1);
                statements.add(new Statement(block, statements.size(), openLine, List.copyOf(open), expected));
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalStateException("block " + block + ": the statement at line " + openLine + " does not end");
        }
        return statements;
    }

    /** The output shown: a JSON-like trailing comment, then the comment lines right after that continue or start one. */
    private static String expected(String trailing, List<String> lines, int from) {
        StringBuilder shown = new StringBuilder();
        if (trailing != null && (trailing.startsWith("{") || trailing.startsWith("["))) {
            shown.append(trailing);
        }
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("#")) {
                break;
            }
            String text = line.substring(1);
            boolean starts = text.strip().startsWith("{") || text.strip().startsWith("[");
            boolean continues = shown.length() > 0 && ExpectedJson.unbalanced(shown.toString());
            if (!starts && !continues) {
                break;
            }
            shown.append(shown.length() > 0 ? " " : "").append(text.strip());
        }
        return shown.length() == 0 ? null : shown.toString();
    }
}
