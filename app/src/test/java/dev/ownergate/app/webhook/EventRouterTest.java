package dev.ownergate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real payload shapes (GitHub's documented examples) in; the work Ownergate queues out. */
class EventRouterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "Codertocat/Hello-World";
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    static ObjectNode fixture(String name) {
        try (InputStream in = EventRouterTest.class.getResourceAsStream("/github-webhooks/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Arguments when(String rule, String event, String fixture, Consumer<ObjectNode> edit, List<Work> work) {
        return Arguments.of(rule, event, fixture, edit, work);
    }

    /** A push to the branch whose one commit names the path in one of its lists (added, removed, modified). */
    static Consumer<ObjectNode> branchPush(String branch, String list, String path) {
        return p -> {
            p.put("ref", "refs/heads/" + branch).put("deleted", false);
            p.putArray("commits").addObject().putArray(list).add(path);
        };
    }

    static Stream<Arguments> cases() {
        Consumer<ObjectNode> asIs = p -> {};
        Work.EvaluatePullRequest pr2 = new Work.EvaluatePullRequest(1, REPO, 2, HEAD);
        Consumer<ObjectNode> onPullRequest = p -> {
            ((ObjectNode) p.path("issue")).putObject("pull_request").put("url", "https://api.github.com/pulls/1");
            p.putObject("installation").put("id", 3);
        };
        return Stream.of(
                when("overrideCommentOnAPullRequestAsksForAnOverride", "issue_comment", "issue_comment.created.json",
                        onPullRequest.andThen(p -> ((ObjectNode) p.path("comment"))
                                .put("body", "/ownergate override  prod is down, hotfix\n")),
                        List.of(new Work.OverridePullRequest(3, REPO, 1, "Codertocat",
                                new dev.ownergate.app.override.OverrideCommand("prod is down, hotfix")))),
                when("overrideWithoutReasonStillReachesTheServiceWhichAsksForOne", "issue_comment",
                        "issue_comment.created.json", onPullRequest.andThen(p -> ((ObjectNode) p.path("comment"))
                                .put("body", "/ownergate override")),
                        List.of(new Work.OverridePullRequest(3, REPO, 1, "Codertocat",
                                new dev.ownergate.app.override.OverrideCommand("")))),
                when("overrideCommentOnAnIssueIsLeftAlone", "issue_comment", "issue_comment.created.json",
                        p -> ((ObjectNode) p.path("comment")).put("body", "/ownergate override because"), List.of()),
                when("ordinaryCommentIsLeftAlone", "issue_comment", "issue_comment.created.json", onPullRequest,
                        List.of()),
                when("editedOverrideCommentIsLeftAlone", "issue_comment", "issue_comment.created.json",
                        onPullRequest.andThen(p -> ((ObjectNode) p.put("action", "edited").path("comment"))
                                .put("body", "/ownergate override edited in")), List.of()),
                when("overrideCommentByABotIsLeftAlone", "issue_comment", "issue_comment.created.json",
                        onPullRequest.andThen(p -> ((ObjectNode) p.path("comment").path("user")).put("type", "Bot")
                                .put("login", "ownergate[bot]")).andThen(p -> ((ObjectNode) p.path("comment"))
                                .put("body", "/ownergate override by a bot")), List.of()),
                when("openedPullRequestIsEvaluated", "pull_request", "pull_request.opened.json", asIs, List.of(pr2)),
                when("reopenedPullRequestIsEvaluated", "pull_request", "pull_request.reopened.json", asIs, List.of(pr2)),
                when("newHeadIsEvaluated", "pull_request", "pull_request.synchronize.json", asIs, List.of(pr2)),
                when("readyForReviewIsEvaluated", "pull_request", "pull_request.ready_for_review.json", asIs,
                        List.of(new Work.EvaluatePullRequest(0, REPO, 2, HEAD))),
                when("closedPullRequestIsLeftAlone", "pull_request", "pull_request.closed.json", asIs, List.of()),
                when("titleEditIsLeftAlone", "pull_request", "pull_request.opened.json",
                        p -> p.put("action", "edited").putObject("changes").putObject("title"), List.of()),
                when("baseChangeIsEvaluated", "pull_request", "pull_request.opened.json",
                        p -> p.put("action", "edited").putObject("changes").putObject("base"), List.of(pr2)),
                when("submittedReviewIsEvaluated", "pull_request_review", "pull_request_review.submitted.json", asIs,
                        List.of(pr2)),
                when("dismissedReviewIsEvaluated", "pull_request_review", "pull_request_review.dismissed.json", asIs,
                        List.of(pr2)),
                when("rerequestedCheckSuiteEvaluatesItsPullRequests", "check_suite", "check_suite.rerequested.json",
                        asIs, List.of(new Work.EvaluatePullRequest(957387, REPO, 2, HEAD))),
                when("requestedCheckSuiteIsLeftAlone", "check_suite", "check_suite.requested.json", asIs, List.of()),
                when("rerequestedCheckRunWithoutPullRequestsDoesNothing", "check_run", "check_run.rerequested.json",
                        asIs, List.of()),
                when("rerequestedCheckRunEvaluatesItsPullRequests", "check_run", "check_run.rerequested.json",
                        p -> ((ObjectNode) p.path("check_run")).putArray("pull_requests").addObject().put("number", 7)
                                .putObject("head").put("sha", HEAD),
                        List.of(new Work.EvaluatePullRequest(1, "github/hello-world", 7, HEAD))),
                when("pullRequestNumberFallsBackToTheTopLevelOne", "pull_request", "pull_request.opened.json",
                        p -> ((ObjectNode) p.path("pull_request")).remove("number"), List.of(pr2)),
                when("tagPushIsLeftAlone", "push", "push.with-installation.json", asIs, List.of()),
                when("branchPushChangingOwnersReevaluatesThatBranch", "push", "push.with-installation.json",
                        branchPush("main", "added", "lib/OWNERS"),
                        List.of(new Work.EvaluateOpenPullRequests(1, REPO, "main"))),
                when("branchPushChangingThePolicyReevaluatesThatBranch", "push", "push.with-installation.json",
                        branchPush("dev", "modified", ".github/ownergate.yml"),
                        List.of(new Work.EvaluateOpenPullRequests(1, REPO, "dev"))),
                when("branchPushRemovingCodeownersReevaluatesThatBranch", "push", "push.with-installation.json",
                        branchPush("main", "removed", ".github/CODEOWNERS"),
                        List.of(new Work.EvaluateOpenPullRequests(1, REPO, "main"))),
                when("deletedBranchIsLeftAlone", "push", "push.with-installation.json",
                        branchPush("main", "added", "OWNERS").andThen(p -> p.put("deleted", true)), List.of()),
                when("forcePushWithoutCommitsReevaluatesThatBranch", "push", "push.with-installation.json",
                        p -> p.put("ref", "refs/heads/main").put("deleted", false).put("forced", true),
                        List.of(new Work.EvaluateOpenPullRequests(1, REPO, "main"))),
                when("pushListingTheMostCommitsGitHubListsReevaluatesThatBranch", "push",
                        "push.with-installation.json",
                        p -> {
                            p.put("ref", "refs/heads/main").put("deleted", false);
                            ArrayNode commits = p.putArray("commits");
                            for (int i = 0; i < 2048; i++) {
                                commits.addObject().put("id", "c" + i).put("message", "no file lists");
                            }
                        },
                        List.of(new Work.EvaluateOpenPullRequests(1, REPO, "main"))),
                when("branchPushOfOtherFilesIsLeftAlone", "push", "push.with-installation.json",
                        branchPush("main", "modified", "src/OWNERS.md"),
                        List.of()),
                when("mergeGroupReportsOnItsHeadForThePullRequestInItsRef", "merge_group",
                        "merge_group.checks_requested.json", asIs,
                        List.of(new Work.EvaluateMergeGroup(1, "octo-org/octo-repo",
                                "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d", "main", List.of(104)))),
                when("membershipChangeForgetsTheOrgsTeams", "membership", "membership.added.json", asIs,
                        List.of(new Work.ForgetTeams("Octocoders"))),
                when("installationIsBookkeeping", "installation", "installation.created.json", asIs,
                        List.of(new Work.InstallationChanged(957387, "created", List.of("Codertocat/Hello-World")))),
                when("addedRepositoriesAreBookkeeping", "installation_repositories",
                        "installation_repositories.added.json", asIs,
                        List.of(new Work.InstallationChanged(957387, "added", List.of("Codertocat/Space")))));
    }

    /** What the endpoint hands the router: the body cut down to the fields the event's handler declares. */
    static ObjectNode asRead(EventRouter router, String event, ObjectNode payload) {
        try {
            return router.fields(event).read(JSON.writeValueAsBytes(payload)).orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routes(String rule, String event, String fixture, Consumer<ObjectNode> edit, List<Work> expected) {
        ObjectNode payload = fixture(fixture);
        edit.accept(payload);
        EventRouter router = new EventRouter();
        assertThat(router.route(event, asRead(router, event, payload))).contains(expected);
        assertThat(router.route(event, payload)).as("from the whole payload").contains(expected);
    }

    /** Every fixture under every handled event: a handler's declared fields cover all it reads. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("anyFixtureAsAnyHandledEvent")
    void declaredFieldsRouteLikeTheWholePayload(String fixture, String event) {
        EventRouter router = new EventRouter();
        ObjectNode payload = fixture(fixture);
        assertThat(router.route(event, asRead(router, event, payload))).isEqualTo(router.route(event, payload));
    }

    static Stream<Arguments> anyFixtureAsAnyHandledEvent() throws IOException, URISyntaxException {
        List<String> fixtures;
        try (Stream<Path> files = Files.list(Path.of(EventRouterTest.class.getResource("/github-webhooks").toURI()))) {
            fixtures = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThan(15);
        return fixtures.stream().flatMap(fixture -> new EventRouter().events().stream().sorted()
                .map(event -> Arguments.of(fixture, event)));
    }

    @ParameterizedTest(name = "{0} is not handled")
    @MethodSource("unhandled")
    void unknownEventsAreNotRouted(String event) {
        assertThat(new EventRouter().route(event, fixture("issue_comment.created.json"))).isEqualTo(Optional.empty());
    }

    static Stream<String> unhandled() {
        return Stream.of("star", "watch", "");
    }
}
