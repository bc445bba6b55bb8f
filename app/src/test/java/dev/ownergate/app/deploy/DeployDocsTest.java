package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator docs name only what the code reads: every {@code OWNERGATE_*} variable in the README, docs/ and
 * deploy/ is read by some code, every metric in them is one the server exports, their example YAML parses, and
 * their relative links lead to files that exist.
 */
class DeployDocsTest {
    private static final Pattern VARIABLE = Pattern.compile("OWNERGATE_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern METRIC = Pattern.compile("\\bownergate_[a-z_]+");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Repo.ROOT.resolve("README.md"), Repo.ROOT.resolve("CHANGELOG.md"),
                Repo.ROOT.resolve("deploy/compose.env.example"), Repo.ROOT.resolve("deploy/compose.yaml")));
        for (String dir : List.of("docs", "deploy")) {
            try (Stream<Path> walk = Files.walk(Repo.ROOT.resolve(dir))) {
                walk.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".yaml") && dir.equals("deploy"))
                        .forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyVariableTheDocsNameIsReadByTheCode() throws IOException {
        Set<String> read = Repo.everythingRead();
        Set<String> unknown = new TreeSet<>();
        for (Path doc : docs()) {
            Matcher m = VARIABLE.matcher(Files.readString(doc));
            while (m.find()) {
                if (!read.contains(m.group()) && !Repo.PENDING.contains(m.group())) {
                    unknown.add(m.group() + " in " + Repo.ROOT.relativize(doc));
                }
            }
        }
        assertThat(unknown).as("variables documented but read by no code").isEmpty();
    }

    @Test
    void everyMetricTheDocsNameIsOneTheServerExports() throws IOException {
        Set<String> exported = new TreeSet<>();
        Matcher builders = Pattern.compile("builder\\(\"(ownergate_[a-z_]+)\"").matcher(Files.readString(
                Repo.ROOT.resolve("app/src/main/java/dev/ownergate/app/server/ServerMetrics.java")));
        while (builders.find()) {
            exported.add(builders.group(1));
        }
        assertThat(exported).isNotEmpty();
        Set<String> unknown = new TreeSet<>();
        for (Path doc : docs()) {
            Matcher m = METRIC.matcher(Files.readString(doc));
            while (m.find()) {
                String name = m.group();
                boolean known = exported.stream().anyMatch(base -> name.equals(base) || name.equals(base + "_total")
                        || name.equals(base + "_seconds") || name.equals(base + "_seconds_count")
                        || name.equals(base + "_seconds_sum") || name.equals(base + "_seconds_max"));
                if (!known && !name.equals("ownergate_")) {
                    unknown.add(name + " in " + Repo.ROOT.relativize(doc));
                }
            }
        }
        assertThat(unknown).as("metrics documented but not exported").isEmpty();
    }

    @Test
    void theExampleYamlParsesAndTheAlertRulesAreWellFormed() throws IOException {
        int rules = 0;
        for (Path doc : docs()) {
            if (!doc.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
            while (m.find()) {
                Object parsed = new Yaml().load(m.group(1));
                assertThat(parsed).as("a YAML block in " + doc).isNotNull();
                if (m.group(1).startsWith("# Prometheus rules")) {
                    for (Object group : DeployConsistencyTest.list(DeployConsistencyTest.map(parsed).get("groups"))) {
                        for (Object rule : DeployConsistencyTest.list(DeployConsistencyTest.map(group).get("rules"))) {
                            assertThat(DeployConsistencyTest.map(rule)).containsKeys("alert", "expr", "annotations");
                            rules++;
                        }
                    }
                }
            }
        }
        assertThat(rules).as("docs/operations.md has example alert rules").isGreaterThanOrEqualTo(5);
    }

    @Test
    void relativeLinksLeadToFilesThatExist() throws IOException {
        Set<String> broken = new TreeSet<>();
        for (Path doc : docs()) {
            if (!doc.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                if (!Files.exists(doc.getParent().resolve(m.group(1)).normalize())) {
                    broken.add(m.group(1) + " in " + Repo.ROOT.relativize(doc));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theManifestAsksForExactlyThePermissionsTheSecurityDocJustifies() throws IOException {
        Map<String, Object> manifest = DeployConsistencyTest.map(new Yaml().load(
                Files.readString(Repo.ROOT.resolve("deploy/github-app/manifest.json"))));
        String security = Files.readString(Repo.ROOT.resolve("docs/security.md"));
        Map<String, Object> permissions = DeployConsistencyTest.map(manifest.get("default_permissions"));
        Map<String, String> docNames = Map.of("checks", "Checks", "contents", "Contents", "metadata", "Metadata",
                "pull_requests", "Pull requests", "members", "Members (organization)", "merge_queues", "Merge queues");
        assertThat(docNames.keySet()).as("a doc name for every permission").containsAll(permissions.keySet());
        permissions.forEach((permission, level) -> assertThat(security).as(permission)
                .contains("| " + docNames.get(permission) + ": " + (level.equals("write") ? "read & write" : "read") + " |"));
    }
}
