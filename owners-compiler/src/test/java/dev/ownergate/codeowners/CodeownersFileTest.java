package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ownergate.owners.Owner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeownersFileTest {

    @Test
    void errorsHaveTheShapeOfGitHubsCodeownersErrorsEndpoint() {
        // Lines 3 and 7 as in GitHub's documented response of GET /repos/{owner}/{repo}/codeowners/errors.
        String text = """
                # comment
                * @octocat
                ***/*.rb @monalisa

                # more
                /docs/ @doctocat
                *.txt docs@
                """;
        CodeownersFile file = CodeownersFile.parse(".github/CODEOWNERS", text);
        assertThat(file.errors()).containsExactly(
                new CodeownersError(3, 1, "Invalid pattern", "***/*.rb @monalisa", "Did you mean `**/*.rb`?",
                        "Invalid pattern on line 3: Did you mean `**/*.rb`?\n\n  ***/*.rb @monalisa\n  ^",
                        ".github/CODEOWNERS"),
                new CodeownersError(7, 7, "Invalid owner", "*.txt docs@", null,
                        "Invalid owner on line 7:\n\n  *.txt docs@\n        ^", ".github/CODEOWNERS"));
        assertThat(file.rules()).extracting(CodeownersRule::line).containsExactly(2, 6);
        assertThat(file.rules()).extracting(CodeownersRule::index).containsExactly(0, 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            negationIsRejected                | !vendor/ @a               | 1  | Invalid pattern | !vendor/ @a
            negationAfterIndentIsRejected     | "   !x @a"                | 4  | Invalid pattern | "   !x @a"
            characterRangeIsRejected          | src/[ab]/ @a              | 5  | Invalid pattern | src/[ab]/ @a
            escapedLeadingHashIsRejected      | \\#notes @a               | 1  | Invalid pattern | \\#notes @a
            tripleStarIsRejected              | docs/***.md @a            | 6  | Invalid pattern | docs/***.md @a
            bareLoginIsAMalformedOwner        | *.js alice                | 6  | Invalid owner   | *.js alice
            bareTeamIsAMalformedOwner         | *.js org/team             | 6  | Invalid owner   | *.js org/team
            starIsNotAnOwner                  | *.js *                    | 6  | Invalid owner   | *.js *
            secondOwnerMalformed              | *.js @a @b@c              | 9  | Invalid owner   | *.js @a @b@c
            ownerWithCommentGlued             | *.js @a#x                 | 6  | Invalid owner   | *.js @a#x
            tabsCountAsOneColumn              | "*.js\t\t%bad"            | 7  | Invalid owner   | "*.js\t\t%bad"
            """)
    void invalidLineIsSkippedAndReported(String rule, String line, int column, String kind, String source) {
        String unescaped = line.replace("\\t", "\t").replace("\\\\", "\\");
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "* @default\n" + unescaped + "\n");
        assertThat(file.rules()).as(rule).hasSize(1);
        assertThat(file.errors()).as(rule).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.source()).isEqualTo(source.replace("\\t", "\t").replace("\\\\", "\\"));
            assertThat(e.message()).startsWith(kind + " on line 2:").endsWith("^");
            assertThat(e.path()).isEqualTo("CODEOWNERS");
        });
    }

    @Test
    void suggestionsSayHowToFix() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", """
                *.js alice
                !vendor/ @a
                \\#notes @a
                src/[ab]/ @a
                """);
        assertThat(file.errors()).extracting(CodeownersError::suggestion).containsExactly(
                "Did you mean `@alice`?",
                "CODEOWNERS has no `!` negation; to leave paths unowned, add a later line with just the pattern"
                        + " `vendor/` and no owners",
                "CODEOWNERS cannot escape a leading `#`; match it with `?` instead: `?notes`",
                "CODEOWNERS has no `[ ]` character ranges; write one line per name, or use `?` for a single character");
    }

    @Test
    void errorBecomesADiagnosticForTheCli() {
        CodeownersFile file = CodeownersFile.parse(".github/CODEOWNERS", "\n\n\n\n\n\n*.txt docs@\n");
        assertThat(file.diagnostics()).singleElement().hasToString(
                ".github/CODEOWNERS:7:7: invalid owner `docs@`: write a user as @login, a team as @org/team, or an"
                        + " email address (GitHub skips this line)");
        CodeownersFile bare = CodeownersFile.parse("CODEOWNERS", "*.js alice");
        assertThat(bare.errors().get(0).toDiagnostic().format())
                .isEqualTo("CODEOWNERS:1:6: invalid owner `alice`: Did you mean `@alice`? (GitHub skips this line)");
    }

    @Test
    void everyMalformedOwnerOnALineIsReportedAndTheLineSkipped() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "!x alice bob @ok");
        assertThat(file.rules()).isEmpty();
        assertThat(file.errors()).extracting(CodeownersError::column).containsExactly(1, 4, 10);
    }

    @Test
    void ownersAreUsersTeamsAndEmails() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "*.go @Alice @Org/Team-A dev@Example.com");
        assertThat(file.rules()).singleElement().extracting(CodeownersRule::owners).isEqualTo(
                List.of(Owner.user("alice"), Owner.team("org/team-a"), Owner.email("dev@example.com")));
    }


    @Test
    void aRepeatedOwnerIsJudgedAlikeOnEveryLine() {
        // Tokens are parsed once per file: a bad one must still skip, and be reported on, each line it is on.
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "a @ok alice\nb @ok\nc alice @ok\nd @OK\n");
        assertThat(file.rules()).extracting(CodeownersRule::pattern).containsExactly("b", "d");
        assertThat(file.rules()).extracting(CodeownersRule::owners)
                .containsExactly(List.of(Owner.user("ok")), List.of(Owner.user("ok")));
        assertThat(file.errors()).extracting(CodeownersError::line, CodeownersError::column)
                .containsExactly(tuple(1, 7), tuple(3, 3));
    }
    @Test
    void patternWithoutOwnersIsAnUnownedRule() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "/apps/github   # nobody\n");
        assertThat(file.rules()).singleElement().satisfies(r -> {
            assertThat(r.pattern()).isEqualTo("/apps/github");
            assertThat(r.isUnowned()).isTrue();
        });
    }

    @Test
    void commentsBlankLinesCrlfAndByteOrderMarkAreIgnored() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS",
                "\uFEFF# header\r\n\r\n   \t\r\n  # indented comment\r\n*.md @docs # trailing\r\n");
        assertThat(file.errors()).isEmpty();
        assertThat(file.rules()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(5);
            assertThat(r.pattern()).isEqualTo("*.md");
            assertThat(r.owners()).containsExactly(Owner.user("docs"));
        });
    }

    @Test
    void escapedSpaceStaysInThePattern() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "my\\ docs/ @a");
        assertThat(file.rules()).singleElement().extracting(CodeownersRule::pattern).isEqualTo("my\\ docs/");
    }

    @Test
    void hashInsideAPatternIsLiteral() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", "notes#1.md @a");
        assertThat(file.rules()).singleElement().extracting(CodeownersRule::pattern).isEqualTo("notes#1.md");
    }

    @Test
    void emptyAndNullTextHaveNoRules() {
        assertThat(CodeownersFile.parse("CODEOWNERS", "").rules()).isEmpty();
        assertThat(CodeownersFile.parse("CODEOWNERS", null).rules()).isEmpty();
    }
}
