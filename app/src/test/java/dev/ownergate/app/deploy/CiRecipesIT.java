package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI recipes of docs/ci.md, the GitHub Action and the pre-commit hooks, run here as far as they can be:
 * each YAML parses, and each command runs against a "release" (the built jar and its .sha256, served from a
 * file:// URL) in a git copy of the bundled example repository.
 */
class CiRecipesIT {
    static final String VERSION = System.getProperty("ownergate.version", "dev");
    static final Path JAR = Path.of(System.getProperty("ownergate.releaseJar", "target/ownergate.jar")).toAbsolutePath();
    static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());
    static final Pattern FENCE = Pattern.compile("```(yaml|groovy)\\n(.*?)```", Pattern.DOTALL);

    @TempDir Path temp;
    Path repo;
    Path releases;
    String sha256;

    @BeforeEach
    void release() throws Exception {
        releases = temp.resolve("releases");
        Path dir = releases.resolve("v" + VERSION);
        Files.createDirectories(dir);
        Files.copy(JAR, dir.resolve(JAR.getFileName()));
        Files.copy(Path.of(JAR + ".sha256"), dir.resolve(JAR.getFileName() + ".sha256"));
        sha256 = Files.readString(Path.of(JAR + ".sha256")).split("\\s+")[0];
        repo = temp.resolve("repo");
        Repo.copyTree(Repo.ROOT.resolve("examples/pynest"), repo);
        sh(repo, Map.of(), "git init -q -b main && git add -A && git -c user.name=t -c user.email=t@example.com commit -qm base");
    }

    private Map<String, String> recipes() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FENCE.matcher(Files.readString(Repo.ROOT.resolve("docs/ci.md")));
        while (m.find()) {
            String first = m.group(2).lines().findFirst().orElse("");
            out.put(first.replaceFirst("^(#|//) *", "").replaceFirst(":.*", ""), m.group(2));
        }
        return out;
    }

    /** The recipe's variables, with the release pointed here and the digest the real one. */
    private Map<String, String> variables(Map<String, Object> declared) {
        Map<String, String> env = new LinkedHashMap<>();
        declared.forEach((k, v) -> env.put(k, String.valueOf(v)));
        assertThat(env).containsKeys("OG_VERSION", "OG_SHA256", "OG_RELEASES");
        env.put("OG_VERSION", VERSION);
        env.put("OG_SHA256", sha256);
        env.put("OG_RELEASES", releases.toUri().toString().replaceAll("/$", ""));
        return env;
    }

    @Test
    void buildkiteStepRunsCompileCheckAndAudit() throws Exception {
        Map<String, Object> pipeline = new Yaml().load(recipes().get("Buildkite"));
        Map<String, Object> step = DeployConsistencyTest.map(DeployConsistencyTest.list(pipeline.get("steps")).get(0));
        List<Object> commands = DeployConsistencyTest.list(step.get("commands"));
        assertThat(commands).anyMatch(c -> c.toString().contains("compile --check"))
                .anyMatch(c -> c.toString().contains("audit --fail-under"));
        runAll(commands, variables(DeployConsistencyTest.map(pipeline.get("env"))));
    }

    @Test
    void gitlabJobRuns() throws Exception {
        Map<String, Object> ci = new Yaml().load(recipes().get("GitLab CI"));
        Map<String, Object> job = DeployConsistencyTest.map(ci.get("code-owners"));
        runAll(DeployConsistencyTest.list(job.get("script")), variables(DeployConsistencyTest.map(job.get("variables"))));
    }

    @Test
    void jenkinsShellStepsRun() throws Exception {
        String jenkinsfile = recipes().get("Jenkins");
        Map<String, Object> env = new LinkedHashMap<>();
        Matcher var = Pattern.compile("(?m)^\\s*(OG_[A-Z0-9_]+) = '([^']*)'").matcher(jenkinsfile);
        while (var.find()) {
            env.put(var.group(1), var.group(2));
        }
        List<Object> steps = new ArrayList<>();
        Matcher sh = Pattern.compile("(?m)^\\s*sh '(.*)'$").matcher(jenkinsfile);
        while (sh.find()) {
            steps.add(sh.group(1));
        }
        assertThat(steps).hasSize(4);
        runAll(steps, variables(env));
    }

    @Test
    void gitHubWorkflowUsesTheActionWhoseStepsRun() throws Exception {
        Map<String, Object> workflow = new Yaml().load(recipes().get("GitHub Actions"));
        Map<String, Object> job = DeployConsistencyTest.map(DeployConsistencyTest.map(workflow.get("jobs")).get("ownergate"));
        Map<String, Object> action = new Yaml().load(Files.readString(Repo.ROOT.resolve("deploy/action/action.yml")));
        Map<String, Object> inputs = DeployConsistencyTest.map(action.get("inputs"));
        int used = 0;
        for (Object s : DeployConsistencyTest.list(job.get("steps"))) {
            Map<String, Object> step = DeployConsistencyTest.map(s);
            if (!String.valueOf(step.get("uses")).startsWith("ownergate/ownergate/deploy/action@")) {
                continue;
            }
            Map<String, String> with = new LinkedHashMap<>();
            DeployConsistencyTest.map(step.get("with")).forEach((k, v) -> with.put(k, String.valueOf(v)));
            assertThat(inputs).as("the workflow passes only inputs the action has").containsKeys(with.keySet().toArray(String[]::new));
            with.put("sha256", sha256);
            with.put("version", VERSION);
            assertThat(runAction(action, with).exit()).isZero();
            used++;
        }
        assertThat(used).isEqualTo(2);
    }

    @Test
    void theActionRefusesAJarWithTheWrongDigest() throws Exception {
        Map<String, Object> action = new Yaml().load(Files.readString(Repo.ROOT.resolve("deploy/action/action.yml")));
        Result wrong = runAction(action, Map.of("version", VERSION, "sha256", "0".repeat(64)));
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.out()).contains("does not have the expected SHA-256");
        // Without a pinned digest it falls back to the release's .sha256 file, and runs extra arguments.
        Result unpinned = runAction(action, Map.of("version", VERSION, "command", "audit --fail-under 50", "args", "--format json"));
        assertThat(unpinned.exit()).as(unpinned.out()).isZero();
        assertThat(unpinned.out()).contains("\"coverage\"");
    }

    @Test
    void preCommitHooksRunWithTheInstallLauncher() throws Exception {
        Map<String, Object> config = new Yaml().load(recipes().get("pre-commit"));
        List<Object> hooks = DeployConsistencyTest.list(new Yaml().load(Files.readString(Repo.ROOT.resolve(".pre-commit-hooks.yaml"))));
        Map<String, String> entries = new LinkedHashMap<>();
        hooks.forEach(h -> entries.put((String) DeployConsistencyTest.map(h).get("id"), (String) DeployConsistencyTest.map(h).get("entry")));
        Map<String, Object> ours = DeployConsistencyTest.map(DeployConsistencyTest.list(config.get("repos")).get(0));
        Path bin = temp.resolve("bin");
        Files.createDirectories(bin);
        Files.createSymbolicLink(bin.resolve("ownergate"), Repo.ROOT.resolve("deploy/bin/ownergate"));
        for (Object h : DeployConsistencyTest.list(ours.get("hooks"))) {
            String id = (String) DeployConsistencyTest.map(h).get("id");
            assertThat(entries).containsKey(id);
            Result r = sh(repo, Map.of("PATH", bin + ":" + System.getenv("PATH"), "OWNERGATE_JAR", JAR.toString(),
                    "OWNERGATE_JAVA_HOME", JAVA.getParent().getParent().toString()), entries.get(id));
            assertThat(r.exit()).as(id + ": " + r.out()).isZero();
        }
    }

    // ---- running ---------------------------------------------------------------------------------------------------

    private void runAll(List<Object> commands, Map<String, String> env) throws Exception {
        for (Object command : commands) {
            Result r = sh(repo, env, command.toString());
            assertThat(r.exit()).as(command + "\n" + r.out()).isZero();
        }
    }

    /** The action's run steps in order, as the runner does: inputs through env, GITHUB_ENV carried over. */
    private Result runAction(Map<String, Object> action, Map<String, String> given) throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        DeployConsistencyTest.map(action.get("inputs")).forEach((k, v) ->
                inputs.put(k, String.valueOf(DeployConsistencyTest.map(v).getOrDefault("default", ""))));
        inputs.putAll(given);
        inputs.put("download-url", releases.toUri().toString().replaceAll("/$", ""));
        Path home = temp.resolve("home-" + System.nanoTime());
        Path githubEnv = temp.resolve("github-env-" + System.nanoTime());
        Files.createDirectories(home);
        Files.createFile(githubEnv);
        StringBuilder out = new StringBuilder();
        Map<String, Object> runs = DeployConsistencyTest.map(action.get("runs"));
        for (Object s : DeployConsistencyTest.list(runs.get("steps"))) {
            Map<String, Object> step = DeployConsistencyTest.map(s);
            if (!step.containsKey("run")) {
                assertThat(String.valueOf(step.get("uses"))).as("actions are pinned by commit").matches(".+@[0-9a-f]{40}");
                continue;
            }
            assertThat((String) step.get("run")).as("inputs reach scripts only through env").doesNotContain("${{");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("HOME", home.toString());
            env.put("GITHUB_ENV", githubEnv.toString());
            env.put("PATH", JAVA.getParent() + ":" + System.getenv("PATH"));
            for (String line : Files.readAllLines(githubEnv)) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            DeployConsistencyTest.map(step.getOrDefault("env", Map.of())).forEach((k, v) -> env.put(k,
                    String.valueOf(v).replaceAll("^\\$\\{\\{ inputs\\.([a-z0-9-]+) }}$", "\u0000$1")));
            env.replaceAll((k, v) -> v.startsWith("\u0000") ? inputs.get(v.substring(1)) : v);
            Result r = sh(repo, env, (String) step.get("run"));
            out.append(r.out());
            if (r.exit() != 0) {
                return new Result(r.exit(), out.toString());
            }
        }
        return new Result(0, out.toString());
    }

    private record Result(int exit, String out) {}

    private static Result sh(Path dir, Map<String, String> env, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", JAVA.getParent() + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
