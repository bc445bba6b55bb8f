package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.ownergate.codeowners.CodeownersPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prow filter regexes to CODEOWNERS globs: the shapes real trees use, and a property test that on random paths
 * the globs (written under a folder, as the compiler writes them) match every path the regex matches, and
 * beyond those only paths below a folder the regex matches (CODEOWNERS' own rule: a pattern matching a folder
 * owns everything below it; {@code \.go$} is {@code **}{@code /*.go}, which also owns {@code gen.go/x}).
 */
class RegexGlobsTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("unanchoredDollarIsASuffix", "BUILD(\\.bazel)?$", List.of("**/*BUILD", "**/*BUILD.bazel")),
                Arguments.of("extensionSuffix", "\\.go$", List.of("**/*.go")),
                Arguments.of("alternativesOfExtensions", "\\.(go|py)$", List.of("**/*.go", "**/*.py")),
                Arguments.of("anchoredPrefixOwnsWhatStartsWithIt", "^docs", List.of("docs*")),
                Arguments.of("anchoredFolder", "^docs/", List.of("docs/**")),
                Arguments.of("alternativeFoldersAnywhere", "(a|b)/.*", List.of("**/*a/**", "**/*b/**")),
                Arguments.of("alternativeFoldersAtTheTop", "^(a|b)/.*", List.of("a/**", "b/**")),
                Arguments.of("nonCapturingGroup", "^(?:cmd|pkg)/", List.of("cmd/**", "pkg/**")),
                Arguments.of("oneFolderWildcard", "^[^/]*\\.md$", List.of("*.md")),
                Arguments.of("smallCharacterClass", "^OWNERS[._]md$", List.of("OWNERS.md", "OWNERS_md")),
                Arguments.of("lazyStarIsTheSameSet", "^docs/.*?$", List.of("docs/**")),
                Arguments.of("everything", ".*", List.of("**")),
                Arguments.of("nestedOptional", "^a(b(c)?)?$", List.of("a", "ab", "abc")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("shapes")
    void exactGlobs(String rule, String regex, List<String> globs) {
        assertThat(RegexGlobs.toGlobs(regex)).hasValue(globs);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a.md$", "\\d+\\.go$", "^a.*b$", "(?i)readme", "x+",
            "^a{2}$", ".*/x$", "a\\sb", "^[a-z]+$", "^a#b$", "^a b$", "^$", "(a", "a)", "[abc", "x\\"})
    void noExactGlob(String regex) {
        assertThat(RegexGlobs.toGlobs(regex)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void tooManyAlternativesHaveNoGlob() {
        assertThat(RegexGlobs.toGlobs("^(a|b)(c|d)(e|f)(g|h)(i|j)$")).isEmpty(); // 32 globs
        assertThat(RegexGlobs.toGlobs("^(a|b)(c|d)(e|f)(g|h)$")).map(List::size).hasValue(16);
    }

    private static final String[] ATOMS = {"a", "b", "BUILD", "\\.go", "\\.bazel", "docs/", "_test", "/", "\\-",
        ".*", "[^/]*", "[^/]", "[ab]", "[._]", "x", "."};
    private static final String[] SEGMENTS = {"a", "b", "ab", "BUILD", "BUILD.bazel", "xBUILD", "x.go", "a_test.go",
        "docs", "docsx", "x", ".go", "a-b", "go", "_", "b.bazel", "ba"};

    @Property(tries = 2000)
    void globsMatchWhatTheRegexMatches(@ForAll long seed) {
        Random random = new Random(seed);
        String regex = randomRegex(random, 2);
        Optional<List<String>> globs = RegexGlobs.toGlobs(regex);
        net.jqwik.api.statistics.Statistics.collect(globs.isPresent() ? "has globs" : "no glob");
        if (globs.isEmpty()) {
            return;
        }
        Pattern re = Pattern.compile(regex);
        List<CodeownersPattern> patterns = globs.get().stream().map(g -> CodeownersPattern.compile("/d/" + g)).toList();
        for (int n = 0; n < 60; n++) {
            String path = randomPath(random);
            boolean regexMatches = re.matcher(path).find();
            boolean regexMatchesAFolder = prefixes(path).stream().anyMatch(q -> re.matcher(q).find());
            boolean globMatches = patterns.stream().anyMatch(p -> p.matches("d/" + path));
            // Every file the regex matches, and beyond that only files below a folder the regex matches.
            if (regexMatches) {
                assertThat(globMatches).as("regex %s, globs %s, path %s", regex, globs.get(), path).isTrue();
            } else if (!regexMatchesAFolder) {
                assertThat(globMatches).as("regex %s, globs %s, path %s", regex, globs.get(), path).isFalse();
            }
        }
    }

    private static String randomRegex(Random random, int depth) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(3) == 0) {
            out.append('^');
        }
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            if (depth > 0 && random.nextInt(4) == 0) {
                out.append('(').append(randomRegex(random, depth - 1).replace("^", "").replace("$", ""));
                out.append('|').append(randomRegex(random, depth - 1).replace("^", "").replace("$", "")).append(')');
            } else {
                out.append(ATOMS[random.nextInt(ATOMS.length)]);
            }
            if (random.nextInt(5) == 0) {
                out.append('?');
            }
        }
        if (random.nextInt(2) == 0) {
            out.append('$');
        }
        return out.toString();
    }

    private static String randomPath(Random random) {
        int depth = 1 + random.nextInt(3);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            segments.add(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return String.join("/", segments);
    }

    /** The path and each of its folders. */
    private static List<String> prefixes(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i));
        }
        out.add(path);
        return out;
    }
}
