package dev.ownergate.app.policy;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The repository's approval policy, {@code .github/ownergate.yml} at the pull request's base. {@link #DEFAULTS}
 * applies when the file is missing. A file with errors is never replaced by the defaults: the check fails closed
 * and lists the errors (docs/policy.md documents every key).
 *
 * @param mode                    whose approval an owned file needs
 * @param minApprovals            how many distinct qualifying approvers each requirement needs (at least 1):
 *                                in {@code every-file} mode (and for protected files in both modes) each owned
 *                                file needs that many approvers among its own owners; in {@code any-owner} mode the
 *                                pull request needs that many approvers who own one of its changed files;
 *                                {@code *}-owned files, and unowned files under {@code require-approval}, need that
 *                                many non-author approvers
 * @param unownedFiles            what a changed file with no owner needs
 * @param allowAuthor             true: a pull request's author who owns a file, or may approve for a rule, counts as
 *                                one approver of it without a review (Prow's implicit self-approval); false: never
 * @param invalidateOnPush        which approvals a push drops
 * @param dismissStaleReviews     true: approvals that no longer count are dismissed on GitHub, with the reason
 * @param blockOnChangesRequested true: a changed file's owner (or a rule's approver) whose latest review requests
 *                                changes blocks it
 * @param protectedPaths          CODEOWNERS-style patterns of files that need approval from their own owners even in
 *                                {@code any-owner} mode, and that {@code ignore} cannot exempt
 * @param rules                   named rules that each changed file they match must also satisfy
 * @param ignore                  CODEOWNERS-style patterns of files that need no approval (lockfiles, generated code)
 * @param trustedBots             bot logins whose approvals count; any other bot's approval never does
 * @param requestReviews          true: the app requests reviews from the suggested reviewers (not on drafts)
 * @param checkName               the check run's name, e.g. for branch protection's required checks
 * @param override                who may use the break-glass {@code /ownergate override} command
 */
public record PolicyConfig(
        ApprovalMode mode,
        int minApprovals,
        UnownedFiles unownedFiles,
        boolean allowAuthor,
        InvalidateOnPush invalidateOnPush,
        boolean dismissStaleReviews,
        boolean blockOnChangesRequested,
        List<String> protectedPaths,
        List<ApprovalRule> rules,
        List<String> ignore,
        List<String> trustedBots,
        boolean requestReviews,
        String checkName,
        OverrideAccess override) {

    /** Where the policy lives in a repository. */
    public static final String PATH = ".github/ownergate.yml";

    public enum ApprovalMode {
        /**
         * At least {@code min_approvals} approvals from code owners of any of the changed files: one owner approves
         * files they do not own. Weaker than GitHub's "Require review from Code Owners".
         */
        ANY_OWNER("any-owner"),
        /** Each owned changed file needs {@code min_approvals} approvals from its own owners, as GitHub's rule. */
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

    /** Which approvals a push to the pull request drops. */
    public enum InvalidateOnPush {
        /** None: an approval counts whatever was pushed after it. */
        NEVER("false"),
        /** All: only approvals submitted on the head commit count. */
        ANY_PUSH("true"),
        /**
         * Those it affects: an approval on an older commit counts unless a file the approver owns, or that a rule
         * they may approve for covers, changed between that commit and the head.
         */
        OWNED_CHANGES("owned-changes");

        private final String yaml;

        InvalidateOnPush(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    /**
     * Who may use the break-glass {@code /ownergate override <reason>} command; empty means nobody.
     *
     * @param users lower-case logins
     * @param teams teams ({@link Owner.Kind#TEAM}); their members may override
     */
    public record OverrideAccess(List<String> users, List<Owner> teams) {
        public static final OverrideAccess NOBODY = new OverrideAccess(List.of(), List.of());

        public OverrideAccess {
            users = users.stream().map(u -> u.toLowerCase(Locale.ROOT)).toList();
            teams = List.copyOf(teams);
        }

        public boolean isEmpty() {
            return users.isEmpty() && teams.isEmpty();
        }
    }

    public static final List<String> DEFAULT_PROTECTED_PATHS =
            List.of("**/OWNERS", "OWNERS_ALIASES", ".github/CODEOWNERS", ".github/ownergate.yml");

    public static final String DEFAULT_CHECK_NAME = "code-owners";

    public static final PolicyConfig DEFAULTS = new PolicyConfig(ApprovalMode.EVERY_FILE, 1, UnownedFiles.ALLOW,
            false, InvalidateOnPush.NEVER, false, true, DEFAULT_PROTECTED_PATHS, List.of(), List.of(), List.of(),
            false, DEFAULT_CHECK_NAME, OverrideAccess.NOBODY);

    public PolicyConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unownedFiles, "unownedFiles");
        Objects.requireNonNull(invalidateOnPush, "invalidateOnPush");
        Objects.requireNonNull(checkName, "checkName");
        Objects.requireNonNull(override, "override");
        protectedPaths = List.copyOf(protectedPaths);
        rules = List.copyOf(rules);
        ignore = List.copyOf(ignore);
        trustedBots = trustedBots.stream().map(PolicyConfig::botName).toList();
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1: " + minApprovals);
        }
    }

    /**
     * A parsed policy file.
     *
     * @param config    the policy; empty when the file has errors, so the check fails closed
     * @param problems  errors and warnings, each at {@code path:line:col}
     * @param checkName the check name to report under: the file's {@code check_name} when that key itself is
     *                  valid (even if others are not), else the default
     */
    public record Parsed(Optional<PolicyConfig> config, List<Diagnostic> problems, String checkName) {
        public Parsed {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(checkName, "checkName");
            problems = List.copyOf(problems);
        }

        /** A valid file: its policy and its warnings. */
        public static Parsed valid(PolicyConfig config, List<Diagnostic> warnings) {
            return new Parsed(Optional.of(config), warnings, config.checkName());
        }

        public boolean valid() {
            return config.isPresent();
        }

        public List<Diagnostic> errors() {
            return problems.stream().filter(Diagnostic::isError).toList();
        }
    }

    /**
     * Reads a policy file. Never throws: a file with any error yields no policy and the errors (with warnings),
     * each at {@code path:line:col}; an empty file yields the defaults with no problems.
     *
     * @param path repo-relative path, used in diagnostics
     */
    public static Parsed parse(String path, String text) {
        return PolicyParser.parse(path, text);
    }

    /** A bot's login compared without case and without the {@code [bot]} suffix GitHub adds to App accounts. */
    static String botName(String login) {
        String l = login.strip().toLowerCase(Locale.ROOT);
        return l.endsWith("[bot]") ? l.substring(0, l.length() - "[bot]".length()) : l;
    }

    /** One line for the check run: "every-file, 1 approval, unowned files: allow, 2 rules". */
    public String describe() {
        return mode.yaml() + ", " + minApprovals + (minApprovals == 1 ? " approval" : " approvals")
                + ", unowned files: " + unownedFiles.yaml()
                + (rules.isEmpty() ? "" : ", " + Evaluation.count(rules.size(), "rule", "rules"))
                + (ignore.isEmpty() ? "" : ", " + Evaluation.count(ignore.size(), "ignored pattern",
                        "ignored patterns"))
                + (allowAuthor ? ", author-owners approve" : "")
                + switch (invalidateOnPush) {
                    case NEVER -> "";
                    case ANY_PUSH -> ", approvals reset on push";
                    case OWNED_CHANGES -> ", a push drops the approvals it affects";
                };
    }
}
