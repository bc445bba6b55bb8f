package dev.ownergate.yaml;

import java.util.List;
import java.util.Random;

/**
 * Random texts shaped like OWNERS files, for differential tests of the YAML fast path: Prow YAML as people write
 * it (lists indented or not, filters, options, comments), Chromium plain files, and near misses of both (a tab, a
 * flow list, an anchor, an escape, a stray colon, an indentation one space off, a document marker).
 */
public final class OwnersLikeTexts {

    private static final List<String> KEYS = List.of("approvers", "reviewers", "labels", "required_reviewers",
            "emeritus_approvers", "options", "filters", "aprovers", "Approvers", "\"approvers\"", "'reviewers'",
            "file", "alice", "true", "null", "~", "no_parent_owners", "1", "a b", "<<", "approvers ");
    private static final List<String> SCALARS = List.of("alice", "bob", "dev0123", "\"@org/team-a\"",
            "'@org/team-b'", "sig-foo", "carol@example.com", "sig/foo", "a b", "x#y", "123", "0x1F", "1.5", "yes",
            "No", "on", "~", "null", "Null", "\"\"", "''", "2001-12-14", "=", "<<", ".inf", "$x", "a\\b", "(x|y)",
            "\"a\\\\b\"", "'it''s'", "\"say \\\"hi\\\"\"", "'a\"b'", "\"a'b\"", "[a, b]", "{a: b}", "&x a", "*x",
            "!!str a", "@alice", "`x`", "-a", "- a", "a: b", "a:b", "a :b", "\"a\" b", "'a'b", "|", ">", "%x", "?",
            "? x", "a,b", "a]", "\"unclosed", "'unclosed", "ünï", "a\tb", "a\u2028b");
    private static final List<String> FILTERS = List.of("\".*\"", "'\\.py$'", "\"\\\\.go$\"", "'.*_test\\.py$'",
            "^docs/", "\\.md$", "\"(\"", "'^sub/'");
    private static final List<String> OPTIONS = List.of("no_parent_owners", "auto_approve_unowned_subfolders",
            "no_parent_owner", "unknown");
    private static final List<String> COMMENTS = List.of("# comment", "#", "#no space", "# key: value", "# - item",
            "# ünï");
    private static final List<String> PLAIN_LINES = List.of("alice@example.com", "@org/team-a", "*", "set noparent",
            "per-file *.json=bob@example.com", "per-file *_test.py=set noparent", "file://lib/OWNERS",
            "include /x/OWNERS", "# Chromium OWNERS", "", "approvers", "approvers:", "approvers: alice", "alice:",
            "file: lib/OWNERS", "per-file a:b=c", "- alice", "alice # comment", "{", "? x", "[a]",
            "bob@example.com #reviewer", "reviewers://x", " labels ://y");
    private static final List<String> NOISE = List.of("\t- alice", "---", "...", "%YAML 1.1", "approvers: [a, b]",
            "options: {no_parent_owners: true}", "? a", "key :", "key:value", "  - a\r", "- ünï", "approvers:  ",
            "\"approvers\": ", "  -", "-", "  - - a", "  - a: b", "&a approvers:", "approvers: &l", "  - *l",
            "   - odd", " approvers:", "approvers: |", "  literal", "approvers:\t", "  continued line", "\u00a0");

    private OwnersLikeTexts() {}

    /** A random text: mostly the shapes of real files, about a third with one or more near misses mixed in. */
    public static String generate(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> plain(random);
            default -> yaml(random);
        };
    }

    private static String yaml(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(3) == 0) {
            out.append(pick(random, COMMENTS)).append('\n');
        }
        int listIndent = pick(random, List.of(0, 2, 2, 4, 1));
        int blocks = 1 + random.nextInt(4);
        boolean nearMisses = random.nextInt(4) == 0;
        for (int b = 0; b < blocks; b++) {
            String key = random.nextInt(10) == 0 ? pick(random, KEYS) : pick(random, KEYS.subList(0, 7));
            switch (key) {
                case "options" -> {
                    out.append("options:").append(trailer(random)).append('\n');
                    int indent = 1 + random.nextInt(4);
                    for (int i = random.nextInt(3); i > 0; i--) {
                        line(out, random, indent, pick(random, OPTIONS) + ":"
                                + (random.nextInt(5) == 0 ? "" : " " + pick(random, SCALARS.subList(11, 18))));
                    }
                }
                case "filters" -> {
                    out.append("filters:").append(trailer(random)).append('\n');
                    int indent = 1 + random.nextInt(3);
                    for (int f = random.nextInt(3); f > 0; f--) {
                        line(out, random, indent, pick(random, FILTERS) + ":");
                        int inner = indent + 1 + random.nextInt(3);
                        for (int k = 1 + random.nextInt(2); k > 0; k--) {
                            line(out, random, inner, pick(random, KEYS.subList(0, 4)) + ":");
                            items(out, random, inner + pick(random, List.of(0, 2, 2)), random.nextInt(3));
                        }
                    }
                }
                default -> {
                    if (random.nextInt(6) == 0) {
                        out.append(key).append(": ").append(pick(random, SCALARS)).append(trailer(random)).append('\n');
                    } else {
                        out.append(key).append(':').append(trailer(random)).append('\n');
                        items(out, random, listIndent, random.nextInt(4));
                    }
                }
            }
            if (random.nextInt(5) == 0) {
                out.append(random.nextBoolean() ? "" : " ".repeat(random.nextInt(6))).append('\n');
            }
            if (nearMisses && random.nextInt(3) == 0) {
                out.append(pick(random, NOISE)).append('\n');
            }
        }
        return ending(random, out);
    }

    private static void items(StringBuilder out, Random random, int indent, int count) {
        for (int i = 0; i < count; i++) {
            String item = random.nextInt(15) == 0 ? pick(random, SCALARS) : pick(random, SCALARS.subList(0, 8));
            line(out, random, indent, "-" + " ".repeat(1 + (random.nextInt(8) == 0 ? 2 : 0)) + item);
        }
    }

    /** One line at an indentation, sometimes a comment line or one space off instead. */
    private static void line(StringBuilder out, Random random, int indent, String content) {
        if (random.nextInt(10) == 0) {
            out.append(" ".repeat(random.nextInt(8))).append(pick(random, COMMENTS)).append('\n');
        }
        int shift = random.nextInt(40) == 0 ? (random.nextBoolean() ? 1 : -1) : 0;
        out.append(" ".repeat(Math.max(0, indent + shift))).append(content).append(trailer(random)).append('\n');
    }

    /** What may follow a value on its line: nothing, spaces, a comment. */
    private static String trailer(Random random) {
        return switch (random.nextInt(30)) {
            case 0, 1 -> "  ";
            case 2, 3 -> " # note";
            case 4 -> "#glued";
            default -> "";
        };
    }

    private static String plain(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            out.append(pick(random, PLAIN_LINES)).append('\n');
        }
        return ending(random, out);
    }

    private static String ending(Random random, StringBuilder out) {
        String text = out.toString();
        return switch (random.nextInt(8)) {
            case 0 -> text.stripTrailing();
            case 1 -> text + "\n\n";
            case 2 -> "\uFEFF" + text;
            default -> text;
        };
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
