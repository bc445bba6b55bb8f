package dev.ownergate.app.bench;

import dev.ownergate.app.checks.CheckRunRenderer;
import dev.ownergate.app.policy.ChangedFile;
import dev.ownergate.app.policy.Evaluation;
import dev.ownergate.app.policy.EvaluationInput;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.policy.PullRequestFacts;
import dev.ownergate.app.policy.PushedChanges;
import dev.ownergate.app.policy.Review;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersRules;
import dev.ownergate.owners.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure evaluation's cost for a 1,000-file pull request under a policy with 5 rules, owned-changes and ignored
 * files: 50 folders with their own CODEOWNERS line (10 of them team-owned), 12 reviews, 3 of them on older commits.
 * Prints p50 / p90 / p99 of {@link Evaluation#evaluate} alone and with the check-run rendering.
 *
 * <p>Usage: {@code BENCH_MAIN=dev.ownergate.app.bench.PolicyEvaluationCost bench/webhook-load.sh [iterations=2000]}
 */
public final class PolicyEvaluationCost {
    private PolicyEvaluationCost() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        EvaluationInput in = input();
        Verdict sample = Evaluation.evaluate(in);
        System.out.printf("1,000-file pull request, %d rules: %s (%d files judged, %d rules matched, %d stale)%n",
                in.policy().rules().size(), sample.title(), sample.files().size(), sample.rules().size(),
                sample.staleApprovals().size());
        for (int i = 0; i < 300; i++) { // warm-up
            CheckRunRenderer.render(Evaluation.evaluate(in), "code-owners", null);
        }
        long[] evaluate = new long[iterations];
        long[] withRendering = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Verdict v = Evaluation.evaluate(in);
            long t1 = System.nanoTime();
            CheckRunRenderer.render(v, "code-owners", null);
            long t2 = System.nanoTime();
            evaluate[i] = t1 - t0;
            withRendering[i] = t2 - t0;
        }
        report("evaluate", evaluate);
        report("evaluate + render", withRendering);
    }

    private static void report(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-18s p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  (%d runs)%n", what, ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.99), nanos.length);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    static EvaluationInput input() {
        StringBuilder codeowners = new StringBuilder("* @lead\n");
        Map<Owner, Set<String>> teams = new HashMap<>();
        for (int d = 0; d < 50; d++) {
            String owner = d % 5 == 0 ? "@acme/team" + d : "@user" + d;
            codeowners.append("/svc").append(d).append("/ ").append(owner).append(" @backup").append(d % 7).append('\n');
            if (d % 5 == 0) {
                teams.put(Owner.team("acme/team" + d), Set.of("member" + d, "user" + (d + 1)));
            }
        }
        teams.put(Owner.team("acme/dba"), Set.of("dora", "dan"));
        teams.put(Owner.team("acme/security"), Set.of("sam", "sue"));
        CodeownersRules rules = CodeownersRules.of(CodeownersFile.parse(".github/CODEOWNERS", codeowners.toString()));
        PolicyConfig policy = PolicyConfig.parse(".github/ownergate.yml", """
                approval:
                  invalidate_on_push: owned-changes
                  rules:
                    - {name: dba, paths: ["**/*.sql", "**/migrations/**"], from: ["@acme/dba"]}
                    - {name: security, paths: ["**/auth/**"], from: ["@acme/security", alice], count: 2}
                    - {name: api, paths: ["**/api/**", "**/*.proto"], from: [apiowner, "@acme/team0"]}
                    - {name: infra, paths: ["svc4*/deploy/**"], from: [ops1, ops2], count: 2}
                    - {name: docs, paths: ["**/*.md"], from: [writer]}
                  ignore: ["**/*.lock", "**/generated/**"]
                """).config().orElseThrow();
        List<ChangedFile> files = new ArrayList<>();
        String[] kinds = {"main.py", "q.sql", "auth/login.py", "api/v1.proto", "deploy/app.yaml", "README.md",
            "poetry.lock", "generated/x.py", "migrations/001.sql", "util.py"};
        for (int i = 0; i < 1_000; i++) {
            String path = "svc" + (i % 50) + "/m" + (i / 50) + "/" + kinds[i % kinds.length];
            files.add(i % 97 == 0 ? ChangedFile.renamed(path + ".old", path) : ChangedFile.modified(path));
        }
        String head = "f".repeat(40);
        String older = "e".repeat(40);
        List<Review> reviews = new ArrayList<>();
        String[] approvers = {"user1", "user2", "user3", "member0", "dora", "sam", "alice", "apiowner", "ops1",
            "writer", "lead", "user7"};
        for (int i = 0; i < approvers.length; i++) {
            reviews.add(new Review(i + 1, approvers[i], Review.ReviewState.APPROVED, i < 3 ? older : head,
                    Instant.ofEpochSecond(1_700_000_000L + i)));
        }
        Set<String> changedSince = new HashSet<>();
        for (int i = 0; i < 1_000; i += 13) {
            changedSince.add(files.get(i).path());
        }
        PullRequestFacts pr = new PullRequestFacts("acme/mono", 42, "dave", head, "main", "b".repeat(40), files, true,
                reviews);
        return new EvaluationInput(pr, rules, ".github/CODEOWNERS at bbbbbbb", policy, List.of(), teams,
                Map.of(older, new PushedChanges.Listed(changedSince)));
    }
}
