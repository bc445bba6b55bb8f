package dev.ownergate.app.policy;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * The repository's approval policy, {@code .github/ownergate.yml} at the pull request's base.
 * {@link #DEFAULTS} applies when the file is missing, and also when it is invalid (its problems are then
 * shown in the check run).
 *
 * @param mode                    whose approval an owned file needs
 * @param minApprovals            how many distinct qualifying approvers each requirement needs (at least 1):
 *                                in {@code any-owner} mode the pull request needs that many distinct approvers
 *                                who own one of its changed files; in {@code every-file} mode each owned file
 *                                (and in both modes each protected file) needs that many distinct approvers
 *                                among its own owners; {@code *}-owned files, and unowned files under
 *                                {@code require-approval}, need that many distinct non-author approvers
 * @param unownedFiles            what a changed file with no owner needs
 * @param allowAuthor             true: a pull request's author who owns a file counts as one approver of it
 *                                without a review (Prow's implicit self-approval); false: the author never counts
 * @param invalidateOnPush        true: only approvals submitted on the current head commit count
 * @param blockOnChangesRequested true: a changed file's owner whose latest review requests changes blocks it
 * @param protectedPaths          CODEOWNERS-style patterns of files that need approval from their own owners
 *                                even in {@code any-owner} mode
 * @param requestReviews          true: the app requests reviews from the suggested reviewers
 * @param checkName               the check run's name, e.g. for branch protection's required checks
 */
public record PolicyConfig(
        ApprovalMode mode,
        int minApprovals,
        UnownedFiles unownedFiles,
        boolean allowAuthor,
        boolean invalidateOnPush,
        boolean blockOnChangesRequested,
        List<String> protectedPaths,
        boolean requestReviews,
        String checkName) {

    /** Where the policy lives in a repository. */
    public static final String PATH = ".github/ownergate.yml";

    public enum ApprovalMode {
        /** At least {@code min_approvals} approvals from code owners of any of the changed files. */
        ANY_OWNER("any-owner"),
        /** Each owned changed file needs {@code min_approvals} approvals from its own owners. */
        EVERY_FILE("every-file");

        private final String yaml;

        ApprovalMode(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public enum UnownedFiles {
        /** An unowned file needs no approval. */
        ALLOW("allow"),
        /** An unowned file needs approval from anyone but the author. */
        REQUIRE_APPROVAL("require-approval"),
        /** A pull request that changes an unowned file cannot pass. */
        BLOCK("block");

        private final String yaml;

        UnownedFiles(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public static final List<String> DEFAULT_PROTECTED_PATHS =
            List.of("**/OWNERS", "OWNERS_ALIASES", ".github/CODEOWNERS", ".github/ownergate.yml");

    public static final String DEFAULT_CHECK_NAME = "code-owners";

    public static final PolicyConfig DEFAULTS = new PolicyConfig(ApprovalMode.ANY_OWNER, 1, UnownedFiles.ALLOW,
            false, false, true, DEFAULT_PROTECTED_PATHS, false, DEFAULT_CHECK_NAME);

    public PolicyConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unownedFiles, "unownedFiles");
        Objects.requireNonNull(checkName, "checkName");
        protectedPaths = List.copyOf(protectedPaths);
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1: " + minApprovals);
        }
    }

    /** A parsed policy file: the policy to apply and the file's problems (empty when it is valid). */
    public record Parsed(PolicyConfig config, List<Diagnostic> problems) {
        public Parsed {
            Objects.requireNonNull(config, "config");
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.stream().noneMatch(Diagnostic::isError);
        }
    }

    /**
     * Reads a policy file. Never throws: a file with any error yields {@link #DEFAULTS} and the errors, each at
     * {@code path:line:col}; an empty file yields the defaults with no problems.
     *
     * @param path repo-relative path, used in diagnostics
     */
    public static Parsed parse(String path, String text) {
        return PolicyParser.parse(path, text);
    }

    /** One line for the check run: "any-owner, 1 approval, unowned files: allow". */
    public String describe() {
        return mode.yaml() + ", " + minApprovals + (minApprovals == 1 ? " approval" : " approvals")
                + ", unowned files: " + unownedFiles.yaml()
                + (allowAuthor ? ", author-owners approve" : "")
                + (invalidateOnPush ? ", approvals reset on push" : "");
    }
}
