package dev.ownergate.app.override;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.ChecksSink;
import dev.ownergate.app.github.IssueComments;
import dev.ownergate.app.github.PullRequestInfo;
import dev.ownergate.app.github.PullRequestSource;
import dev.ownergate.app.github.RepoContents;
import dev.ownergate.app.github.TeamDirectory;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.store.DecisionRecord;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@code /ownergate override <reason>}: when the commenter may override under the policy at the
 * pull request's base, the check on its current head becomes {@code success}, titled as an override and naming
 * the actor and the reason; otherwise they get a reply and nothing changes. A granted override becomes an
 * {@link DecisionRecord.Kind#OVERRIDE} decision on the audit trail, which the evaluator then honours on that
 * head ({@link OverrideLog}).
 */
public final class OverrideService {
    private static final Logger LOG = LoggerFactory.getLogger(OverrideService.class);

    /** The GitHub calls an override needs, for one installation. */
    public record GitHub(PullRequestSource pulls, RepoContents contents, TeamDirectory teams, ChecksSink checks,
                         IssueComments comments) {}

    private final Clock clock;
    private final BiFunction<String, Integer, String> detailsUrl;
    private final BiConsumer<OverrideGrant, CheckRunPost> granted;

    /**
     * @param detailsUrl the page for {@code (repo, number)}, or null for no link
     * @param granted    told of every override check posted (the store keeps it as the latest check)
     */
    public OverrideService(Clock clock, BiFunction<String, Integer, String> detailsUrl,
                           BiConsumer<OverrideGrant, CheckRunPost> granted) {
        this.clock = clock;
        this.detailsUrl = detailsUrl;
        this.granted = granted;
    }

    /**
     * Grants or refuses the override; returns the override decision for the audit trail, or nothing when the
     * override was refused (or the pull request is closed).
     */
    public List<DecisionRecord> apply(GitHub gh, String repo, int number, String actor, OverrideCommand command,
                                      String deliveryId) throws IOException {
        PullRequestInfo pr = gh.pulls().pullRequest(repo, number);
        if (!pr.open()) {
            return List.of();
        }
        Optional<PolicyConfig.Parsed> policy = gh.contents().snapshot(repo, pr.baseSha()).read(PolicyConfig.PATH)
                .map(text -> PolicyConfig.parse(PolicyConfig.PATH, text));
        // An invalid policy lets nobody override (fail closed), as does a policy without an override list.
        PolicyConfig.OverrideAccess rule = policy.flatMap(PolicyConfig.Parsed::config).map(PolicyConfig::override)
                .orElse(PolicyConfig.OverrideAccess.NOBODY);
        if (!mayOverride(gh.teams(), rule, actor)) {
            LOG.info("{} may not override {}#{}", actor, repo, number);
            gh.comments().comment(repo, number, "@" + actor + " you may not override the code-owners check here."
                    + " Only the users and teams listed under `override` in `" + PolicyConfig.PATH + "` on `"
                    + pr.baseRef() + "` may. Nothing was changed.");
            return List.of();
        }
        if (!command.hasReason()) {
            gh.comments().comment(repo, number, "@" + actor + " an override needs a reason:"
                    + " `/ownergate override <why this must merge now>`. Nothing was changed.");
            return List.of();
        }
        String checkName = policy.map(PolicyConfig.Parsed::checkName).orElse(PolicyConfig.DEFAULT_CHECK_NAME);
        OverrideGrant grant = new OverrideGrant(repo, number, pr.headSha(), actor, command.reason(), clock.instant());
        CheckRunPost check = check(grant, checkName, detailsUrl.apply(repo, number));
        gh.checks().post(repo, check);
        granted.accept(grant, check);
        LOG.info("{} overrode {}#{} at {}", actor, repo, number, pr.headSha());
        return List.of(record(grant, pr.baseSha(), check, deliveryId));
    }

    /** The override as the audit trail keeps it: always an exception. */
    public static DecisionRecord record(OverrideGrant grant, String baseSha, CheckRunPost check, String deliveryId) {
        return new DecisionRecord(grant.repo(), grant.number(), grant.headSha(), baseSha, DecisionRecord.Kind.OVERRIDE,
                "", "", "", "", List.of(), check.conclusion(), check.title(), grant.actor(), grant.reason(),
                deliveryId, grant.at());
    }

    /** The passing check an override stands as; also re-posted when the pull request is evaluated again. */
    public static CheckRunPost check(OverrideGrant grant, String checkName, String detailsUrl) {
        String title = "Overridden by @" + grant.actor() + ": " + oneLine(grant.reason());
        String summary = "**Break-glass override.** @" + grant.actor() + " passed this check at "
                + grant.at() + " without the approvals the ownership rules require.\n\n"
                + "Reason given:\n\n> " + grant.reason().replace("\n", "\n> ") + "\n\n"
                + "It holds for commit `" + grant.headSha() + "` only: a new push ends it. It is recorded in the"
                + " audit trail as an exception.";
        return new CheckRunPost(checkName, grant.headSha(), "success", title, summary, detailsUrl);
    }

    private static boolean mayOverride(TeamDirectory teams, PolicyConfig.OverrideAccess rule, String actor)
            throws IOException {
        String login = actor.toLowerCase(Locale.ROOT);
        if (rule.users().stream().anyMatch(u -> u.replaceFirst("^@", "").equalsIgnoreCase(login))) {
            return true;
        }
        for (dev.ownergate.owners.Owner team : rule.teams()) {
            String name = team.name();
            int slash = name.indexOf('/');
            if (teams.members(name.substring(0, slash), name.substring(slash + 1)).contains(login)) {
                return true;
            }
        }
        return false;
    }

    /** GitHub caps a check title at 255 characters and shows one line. */
    private static String oneLine(String reason) {
        String line = reason.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
