package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.owners.Owner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example CODEOWNERS file of GitHub's "About code owners" page, and what each of its comments promises. */
class GitHubDocsExampleTest {

    private static final CodeownersFile EXAMPLE = CodeownersFile.parse(".github/CODEOWNERS", read());

    private static String read() {
        try (InputStream in = GitHubDocsExampleTest.class.getResourceAsStream("github-docs-example.CODEOWNERS")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exampleParsesWithoutErrorsIncludingTheInlineComment() {
        assertThat(EXAMPLE.errors()).isEmpty();
        assertThat(EXAMPLE.rules()).hasSize(14);
        assertThat(EXAMPLE.rules().get(1).owners()).containsExactly(Owner.user("js-owner"));
        assertThat(EXAMPLE.rules().get(11).isUnowned()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> line {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            README.md                          | 8  | @global-owner1 @global-owner2
            src/deep/main.js                   | 14 | @js-owner
            main.go                            | 19 | docs@example.com
            notes/a.txt                        | 25 | @octo-org/octocats
            build/logs/today.log               | 53 | @octocat
            build/logs/x.js                    | 53 | @octocat
            docs/getting-started.md            | 44 | @doctocat
            docs/build-app/troubleshooting.md  | 44 | @doctocat
            scripts/run.sh                     | 48 | @doctocat @octocat
            deeply/nested/logs/x               | 53 | @octocat
            apps/main.c                        | 66 | @octocat
            apps/github/x.js                   | 67 | @doctocat
            x/apps/y.js                        | 39 | @octocat
            x/docs/y.js                        | 14 | @js-owner
            """)
    void lastMatchingRuleOfTheExampleDecides(String path, int line, String owners) {
        CodeownersRule rule = CodeownersMatcher.of(EXAMPLE.rules()).match(path).orElseThrow();
        assertThat(rule.line()).isEqualTo(line);
        assertThat(rule.toLine()).endsWith(owners);
    }

    @Test
    void docsStarMatchesGettingStartedButNotNestedTroubleshooting() {
        CodeownersMatcher docs = matcher("docs/*  docs@example.com");
        assertThat(docs.match("docs/getting-started.md")).isPresent();
        assertThat(docs.match("docs/build-app/troubleshooting.md")).isEmpty();
    }

    @Test
    void buildLogsFolderIsOwnedAtRootAndBelowOnly() {
        CodeownersMatcher logs = matcher("/build/logs/ @doctocat");
        assertThat(logs.match("build/logs/a/b.log")).isPresent();
        assertThat(logs.match("x/build/logs/b.log")).isEmpty();
    }

    @Test
    void appsFolderAnywhere() {
        CodeownersMatcher apps = matcher("apps/ @octocat");
        assertThat(apps.match("apps/a")).isPresent();
        assertThat(apps.match("deep/er/apps/a/b")).isPresent();
        assertThat(apps.match("apps")).isEmpty();
    }

    @Test
    void logsFolderAtAnyDepth() {
        CodeownersMatcher logs = matcher("**/logs @octocat");
        for (String path : List.of("build/logs/a", "scripts/logs/b", "deeply/nested/logs/c")) {
            assertThat(logs.match(path)).as(path).isPresent();
        }
        assertThat(logs.match("catalog/data.log")).isEmpty();
    }

    @Test
    void emptyOwnersLeaveAppsGithubUnownedWhenLast() {
        CodeownersRules rules = CodeownersRules.of(CodeownersFile.parse("CODEOWNERS", "/apps/ @octocat\n/apps/github\n"));
        assertThat(rules.ownersOf("apps/github/main.go").owners()).isEmpty();
        assertThat(rules.ownersOf("apps/github/main.go").decidedBy()).isEqualTo("CODEOWNERS:2");
        assertThat(rules.ownersOf("apps/other/main.go").owners()).containsExactly(Owner.user("octocat"));
    }

    private static CodeownersMatcher matcher(String text) {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", text);
        assertThat(file.errors()).isEmpty();
        return CodeownersMatcher.of(file.rules());
    }

    @Test
    void unmatchedPathHasNoDecidingRule() {
        assertThat(matcher("/docs/ @a").match("src/a")).isEqualTo(Optional.empty());
    }
}
