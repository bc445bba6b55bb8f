import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Writes a seeded tree shaped like the 2018 Kubernetes repository (our own synthetic data, built from the facts
 * in issue #8, not copied from it): about 2,300 Go package folders each with a {@code BUILD} or
 * {@code BUILD.bazel} file, 335 Prow OWNERS files (many with only reviewers or labels, some with
 * {@code no_parent_owners}), an OWNERS_ALIASES file, and a root OWNERS whose filters are {@code .*} and
 * {@code BUILD(\.bazel)?$}. Single file, run with the JDK source launcher:
 *
 * <pre>
 *   java bench/GenerateKubeShaped.java --out DIR [--seed 2018] [--no-git]
 * </pre>
 */
public final class GenerateKubeShaped {

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = null;
        long seed = 2018;
        boolean git = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-git" -> git = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("usage: --out DIR [--seed N] [--no-git]");
        }
        Random random = new Random(seed);
        String[] tops = {"pkg", "cmd", "plugin", "test", "staging/src/k8s.io", "hack", "cluster", "third_party"};
        String[] words = {"api", "apis", "util", "controller", "kubelet", "proxy", "scheduler", "volume", "client",
            "server", "storage", "auth", "network", "cloud", "internal", "v1", "v1beta1", "validation", "install",
            "fuzzer", "testing", "features", "cache", "metrics", "registry", "admission", "core", "apps", "batch"};
        List<String> folders = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        while (folders.size() < 2300) {
            StringBuilder dir = new StringBuilder(tops[random.nextInt(tops.length)]);
            int depth = 1 + random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                dir.append('/').append(words[random.nextInt(words.length)]);
            }
            if (seen.add(dir.toString())) {
                folders.add(dir.toString());
            }
        }
        write(out.resolve("OWNERS"), """
                filters:
                  ".*":
                    approvers:
                      - root-approver-a
                      - root-approver-b
                    reviewers:
                      - root-reviewer
                  "BUILD(\\\\.bazel)?$":
                    approvers:
                      - build-approver-a
                      - build-approver-b
                """);
        StringBuilder aliases = new StringBuilder("aliases:\n");
        for (int a = 0; a < 40; a++) {
            aliases.append("  sig-").append(a).append("-approvers:\n");
            for (int p = 0; p < 3; p++) {
                aliases.append("    - person-").append(random.nextInt(400)).append('\n');
            }
        }
        write(out.resolve("OWNERS_ALIASES"), aliases.toString());
        write(out.resolve("README.md"), "");
        write(out.resolve("Makefile"), "");
        int owners = 1;
        for (String dir : folders) {
            Path d = out.resolve(dir);
            write(d.resolve(random.nextInt(3) == 0 ? "BUILD.bazel" : "BUILD"), "");
            int goFiles = 2 + random.nextInt(8);
            for (int f = 0; f < goFiles; f++) {
                write(d.resolve(words[random.nextInt(words.length)] + (random.nextInt(4) == 0 ? "_test" : "") + ".go"), "");
            }
            if (owners < 335 && random.nextInt(7) == 0 && !Files.exists(d.resolve("OWNERS"))) {
                owners++;
                StringBuilder o = new StringBuilder();
                int kind = random.nextInt(10);
                if (kind < 3) {
                    o.append("reviewers:\n  - person-").append(random.nextInt(400)).append('\n'); // reviewers only
                } else if (kind == 3) {
                    o.append("labels:\n  - sig/node\n");
                } else {
                    if (kind == 4) {
                        o.append("options:\n  no_parent_owners: true\n");
                    }
                    o.append("approvers:\n  - sig-").append(random.nextInt(40)).append("-approvers\n");
                    o.append("  - person-").append(random.nextInt(400)).append('\n');
                    o.append("reviewers:\n  - person-").append(random.nextInt(400)).append('\n');
                }
                write(d.resolve("OWNERS"), o.toString());
            }
        }
        if (git) {
            run(out, "git", "init", "-q");
            run(out, "git", "add", "-A");
            run(out, "git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "tree");
        }
        System.out.println(out + ": " + folders.size() + " folders, " + owners + " OWNERS files");
    }

    private static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
