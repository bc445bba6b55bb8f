package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The shortcuts the compiler's matching takes give what the general algorithms give. */
class MatchingShortcutsTest {

    // Few characters, so that globs and names often meet; names CODEOWNERS cannot write ("a b", "#") too.
    private static final String[] CHARS = {"a", "b", ".", "_", "x", " ", "#"};
    private static final String[] GLOB_CHARS = {"a", "b", ".", "_", "x", "*", "?"};

    @Property(tries = 500)
    void aStarThenLiteralGlobMatchesAsASuffix(@ForAll long seed) {
        Random random = new Random(seed);
        String glob = "*" + word(random, new String[] {"a", "b", ".", "_", "x"}, 1 + random.nextInt(3));
        CodeownersPattern.Segment segment = CodeownersPattern.Segment.parse(glob);
        for (int i = 0; i < 50; i++) {
            String text = "p/" + word(random, CHARS, random.nextInt(6)) + "/q";
            int end = text.length() - 2;
            assertThat(segment.matches(text, 2, end)).as("%s on %s", glob, text)
                    .isEqualTo(segment.globMatches(text, 2, end));
        }
    }

    @Property(tries = 500)
    void aCandidateMatchesAFileBelowItsFolderAsItsGlobMatchesTheRest(@ForAll long seed) {
        Random random = new Random(seed);
        String dir = path(random, 1 + random.nextInt(3));
        String glob = globPath(random);
        CodeownersPattern whole = CodeownersPattern.compile("/" + CodeownersPaths.literal(dir) + "/" + glob);
        CodeownersPattern belowDir = CodeownersPattern.belowFolder(glob);
        boolean everything = glob.matches("(\\*\\*/)*(\\*\\*)?/?"); // "", "**", "**/", "**/**/"...
        assertThat(belowDir == null).as("no shortcut for %s", glob).isEqualTo(everything);
        PathSegments scratch = PathSegments.scratch();
        for (int i = 0; i < 30; i++) {
            String file = dir + "/" + path(random, 1 + random.nextInt(4));
            PathSegments rest = scratch.fill(file, dir.length() + 1);
            if (belowDir != null) {
                assertThat(belowDir.matches(rest)).as("/%s/%s on %s", dir, glob, file).isEqualTo(whole.matches(file));
            }
            PathSegments cut = PathSegments.of(file.substring(dir.length() + 1));
            assertThat(rest.count).isEqualTo(cut.count);
            for (int s = 0; s < cut.count; s++) {
                int shift = dir.length() + 1;
                assertThat(List.of(rest.start(s), rest.end(s), rest.hash(s), rest.lastDot(s) < 0 ? -1 : rest.lastDot(s)))
                        .isEqualTo(List.of(cut.start(s) + shift, cut.end(s) + shift, cut.hash(s),
                                cut.lastDot(s) < 0 ? -1 : cut.lastDot(s) + shift));
            }
        }
    }

    private static String globPath(Random random) {
        List<String> segments = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            segments.add(kind == 0 ? "**" : word(random, GLOB_CHARS, 1 + random.nextInt(3)).replace("***", "*"));
        }
        String glob = String.join("/", segments).replace("**/**", "**");
        return switch (random.nextInt(8)) {
            case 0, 1 -> glob + "/";
            case 2 -> ""; // what is left of "sub/" below sub
            default -> glob;
        };
    }

    private static String path(Random random, int segments) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            out.add(word(random, CHARS, 1 + random.nextInt(3)));
        }
        return String.join("/", out);
    }

    private static String word(Random random, String[] chars, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(chars[random.nextInt(chars.length)]);
        }
        return out.toString();
    }
}
