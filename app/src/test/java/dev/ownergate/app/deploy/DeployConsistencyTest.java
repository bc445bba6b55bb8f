package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.app.fake.FakeGitHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders every Kustomize overlay with kubectl (and the optional components on top), parses the result and
 * deploy/compose.yaml with a real YAML parser, and checks them against the code and the image: every variable
 * set is one the App reads, ports and probe paths exist on the real server, no secret is a plain value, and the
 * pods run the image's entrypoint as its user on a read-only root. Skips, saying why, without kubectl.
 */
class DeployConsistencyTest {
    static final Path KUSTOMIZE = Repo.ROOT.resolve("deploy/kubernetes");
    static final Path COMPOSE = Repo.ROOT.resolve("deploy/compose.yaml");
    static final Dockerfile IMAGE = Dockerfile.read();
    static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();
    static String kubectl;

    @BeforeAll
    static void render(@TempDir Path temp) throws Exception {
        kubectl = Path.of("/usr/bin/kubectl").toFile().canExecute() ? "/usr/bin/kubectl"
                : Path.of("/usr/local/bin/kubectl").toFile().canExecute() ? "/usr/local/bin/kubectl" : null;
        if (kubectl == null) {
            return;
        }
        RENDERED.put("embedded", kustomize(KUSTOMIZE.resolve("overlays/embedded")));
        RENDERED.put("postgres", kustomize(KUSTOMIZE.resolve("overlays/postgres")));
        // The optional components, as an operator adds them to an overlay.
        Path withComponents = temp.resolve("with-components");
        Files.createDirectories(withComponents);
        Files.writeString(withComponents.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources: [" + withComponents.relativize(KUSTOMIZE.resolve("overlays/postgres")) + "]\n"
                + "components:\n  - " + withComponents.relativize(KUSTOMIZE.resolve("components/servicemonitor")) + "\n  - "
                + withComponents.relativize(KUSTOMIZE.resolve("components/ingress")) + "\n");
        RENDERED.put("postgres+components", kustomize(withComponents));
    }

    private static List<Map<String, Object>> kustomize(Path dir) throws Exception {
        Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(new String(out, StandardCharsets.UTF_8))) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    private static Yaml yaml() {
        return new Yaml(new LoaderOptions());
    }

    private void needsKubectl() {
        assumeTrue(kubectl != null, "SKIPPED: kubectl is not installed; run .ci/install-deps.sh");
    }

    // ---- every variable is one the App reads; no secret as a plain value -------------------------------------

    @Test
    void everyVariableTheManifestsSetIsOneTheAppReads() {
        needsKubectl();
        Set<String> read = Repo.serverSettings();
        Set<String> set = new TreeSet<>();
        RENDERED.values().forEach(docs -> containers(docs).forEach(c -> env(c).forEach(e -> set.add((String) e.get("name")))));
        set.addAll(composeEnvironment().keySet());
        set.addAll(systemdUnit("Environment").stream().map(e -> e.substring(0, e.indexOf('='))).toList());
        set.addAll(IMAGE.env().keySet().stream().filter(n -> n.startsWith("OWNERGATE_")).toList());

        Set<String> unknown = new TreeSet<>(set);
        unknown.removeAll(read);
        unknown.removeAll(Repo.JVM);
        unknown.removeAll(Repo.PENDING);
        assertThat(unknown).as("variables set in deploy/ that no code reads").isEmpty();
        assertThat(set).as("sanity: the manifests set the App's settings").contains("OWNERGATE_APP_ID", "OWNERGATE_PORT");
    }

    @Test
    void pendingSettingsAreRemovedFromTheListOnceTheCodeReadsThem() {
        Set<String> readNow = new TreeSet<>(Repo.PENDING);
        readNow.retainAll(Repo.serverSettings());
        assertThat(readNow).as("names in Repo.PENDING the code now reads: remove them from the list").isEmpty();
    }

    @Test
    void secretsComeFromSecretsNeverFromPlainValues() {
        needsKubectl();
        for (var entry : RENDERED.entrySet()) {
            for (Map<String, Object> doc : entry.getValue()) {
                assertThat(doc.get("kind")).as(entry.getKey() + ": no Secret with data in the manifests").isNotEqualTo("Secret");
            }
            for (Map<String, Object> c : containers(entry.getValue())) {
                for (Map<String, Object> e : env(c)) {
                    String name = (String) e.get("name");
                    if (secret(name)) {
                        assertThat(e).as(entry.getKey() + ": " + name).doesNotContainKey("value");
                        assertThat(map(map(e.get("valueFrom")).get("secretKeyRef"))).as(name).containsKeys("name", "key");
                    }
                }
            }
        }
        composeEnvironment().forEach((name, value) -> {
            if (secret(name)) {
                assertThat(value).as("compose: " + name + " comes from .env, with no default").matches("\\$\\{[A-Z_]+:\\?[^}]*}");
            }
        });
    }

    /** A secret, by its name. (The database URL may carry credentials too: the postgres overlay test checks it.) */
    private static boolean secret(String name) {
        return name.matches(".*(SECRET|TOKEN|PASSWORD|PRIVATE_KEY)$");
    }

    @Test
    void thePostgresOverlayTakesTheDatabaseFromASecret() {
        needsKubectl();
        Map<String, Map<String, Object>> env = byName(env(containers(RENDERED.get("postgres")).get(0)));
        for (String name : List.of("OWNERGATE_DATABASE_URL", "OWNERGATE_DATABASE_USER", "OWNERGATE_DATABASE_PASSWORD")) {
            assertThat(map(map(env.get(name)).get("valueFrom"))).as(name).containsKey("secretKeyRef");
        }
        assertThat((Integer) spec(deployment(RENDERED.get("postgres"))).get("replicas")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theEmbeddedOverlayRunsOneReplicaOnAPersistentVolumeClaim() {
        needsKubectl();
        List<Map<String, Object>> docs = RENDERED.get("embedded");
        Map<String, Object> spec = spec(deployment(docs));
        assertThat(spec.get("replicas")).isEqualTo(1);
        assertThat(map(spec.get("strategy")).get("type")).isEqualTo("Recreate");
        Map<String, Object> data = byName(list(podSpec(deployment(docs)).get("volumes"))).get("data");
        String claim = (String) map(data.get("persistentVolumeClaim")).get("claimName");
        assertThat(data).doesNotContainKey("emptyDir");
        assertThat(docs).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("PersistentVolumeClaim");
            assertThat(map(d.get("metadata")).get("name")).isEqualTo(claim);
        });
    }

    // ---- ports and probe paths exist ---------------------------------------------------------------------------

    @Test
    void portsAndProbePathsExistOnTheRealServer() throws Exception {
        needsKubectl();
        Set<String> probePaths = new TreeSet<>();
        for (var entry : RENDERED.entrySet()) {
            List<Map<String, Object>> docs = entry.getValue();
            Map<String, Object> c = containers(docs).get(0);
            Map<String, Object> port = byName(list(c.get("ports"))).get("http");
            assertThat(port.get("containerPort")).as("the image's port").isEqualTo(IMAGE.exposed().get(0));
            assertThat(map(byName(env(c)).get("OWNERGATE_PORT")).get("value")).isEqualTo(String.valueOf(IMAGE.exposed().get(0)));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(c.get(probe)).get("httpGet"));
                assertThat(get.get("port")).as(probe).isEqualTo("http");
                probePaths.add((String) get.get("path"));
            }
            assertThat(map(map(c.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/readyz");
            assertThat(map(map(c.get("livenessProbe")).get("httpGet")).get("path")).isEqualTo("/healthz");

            Map<String, Object> service = kind(docs, "Service");
            Map<String, Object> servicePort = byName(list(spec(service).get("ports"))).get("http");
            assertThat(servicePort.get("targetPort")).as("the Service targets the container's named port").isEqualTo("http");
            Map<String, Object> selector = map(spec(service).get("selector"));
            assertThat(map(map(map(spec(deployment(docs)).get("template")).get("metadata")).get("labels")))
                    .as("the Service selects the pods").containsAllEntriesOf(cast(selector));
            assertThat(map(spec(kind(docs, "PodDisruptionBudget")).get("selector")).get("matchLabels")).isEqualTo(selector);
        }
        List<Map<String, Object>> all = RENDERED.get("postgres+components");
        Map<String, Object> monitor = map(list(spec(kind(all, "ServiceMonitor")).get("endpoints")).get(0));
        assertThat(monitor).containsEntry("port", "http").containsEntry("path", "/metrics");
        Map<String, Object> ingress = kind(all, "Ingress");
        Map<String, Object> backend = map(map(list(map(map(list(spec(ingress).get("rules")).get(0)).get("http")).get("paths")).get(0)).get("backend"));
        assertThat(map(map(map(backend.get("service")).get("port")))).containsEntry("name", "http");

        // Every path probed or scraped answers on the real server.
        probePaths.add("/metrics");
        try (FakeGitHub github = FakeGitHub.start(); OwnergateServer server = realServer(github)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : probePaths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(200);
            }
            HttpResponse<String> setup = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/setup")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(setup.statusCode()).as("/setup once an App is configured").isEqualTo(404);
        }
    }

    private static OwnergateServer realServer(FakeGitHub github) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        AppConfig config = new AppConfig(7, gen.generateKeyPair().getPrivate(), "s".getBytes(StandardCharsets.UTF_8),
                github.apiUrl(), 0, Optional.empty(), Duration.ofMinutes(10), AppConfig.DEFAULT_MAX_EVALUATIONS);
        return OwnergateServer.builder(config).gate(new PolicyGate()).reconcile(false).start();
    }

    // ---- the pods run the image as the image says ----------------------------------------------------------------

    @Test
    void podsRunTheImagesEntrypointAsItsUserOnAReadOnlyRoot() {
        needsKubectl();
        for (var entry : RENDERED.entrySet()) {
            Map<String, Object> pod = podSpec(deployment(entry.getValue()));
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            assertThat(podSecurity).as(entry.getKey()).containsEntry("runAsNonRoot", true)
                    .containsEntry("runAsUser", (int) IMAGE.uid()).containsEntry("runAsGroup", (int) IMAGE.gid());
            Map<String, Object> c = containers(entry.getValue()).get(0);
            assertThat(c).as("the image's entrypoint and command, not an override").doesNotContainKeys("command", "args");
            Map<String, Object> security = map(c.get("securityContext"));
            assertThat(security).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
            assertThat(list(map(security.get("capabilities")).get("drop"))).containsExactly((Object) "ALL");
            Map<String, Map<String, Object>> mounts = byName(list(c.get("volumeMounts")));
            assertThat(mounts.get("data").get("mountPath")).as("the image's volume").isEqualTo(IMAGE.volumes().get(0));
            assertThat(map(byName(env(c)).get("OWNERGATE_DATA_DIR")).get("value")).isEqualTo(IMAGE.env().get("OWNERGATE_DATA_DIR"));
            assertThat(mounts.get("tmp").get("mountPath")).isEqualTo("/tmp");
            assertThat(map(map(c.get("resources")).get("limits"))).containsKey("memory");
            String keyFile = (String) map(byName(env(c)).get("OWNERGATE_PRIVATE_KEY_FILE")).get("value");
            assertThat(keyFile).startsWith((String) mounts.get("github-app-key").get("mountPath") + "/");
        }
        assertThat(IMAGE.command()).contains("-XX:+ExitOnOutOfMemoryError", "serve")
                .anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));

        Map<String, Object> app = composeService("ownergate");
        assertThat(app.get("user")).isEqualTo(IMAGE.user());
        assertThat(app.get("read_only")).isEqualTo(true);
        assertThat(app).doesNotContainKeys("command", "entrypoint");
        assertThat(list(app.get("ports"))).contains((Object) (IMAGE.exposed().get(0) + ":" + IMAGE.exposed().get(0)));
        assertThat(list(app.get("volumes"))).anyMatch(v -> String.valueOf(v).endsWith(":" + IMAGE.volumes().get(0)));
        assertThat(composeService("postgres")).containsKey("healthcheck");
    }

    @Test
    void theSystemdUnitRunsTheImagesCommandSandboxedTheSameWay() {
        List<String> exec = List.of(systemdUnit("ExecStart").get(0).split(" "));
        List<String> expected = new ArrayList<>(IMAGE.command());
        expected.set(0, "/usr/bin/java");
        assertThat(exec).isEqualTo(expected);
        assertThat(systemdUnit("Environment")).contains("OWNERGATE_DATA_DIR=" + systemdUnit("WorkingDirectory").get(0),
                "OWNERGATE_PORT=" + IMAGE.exposed().get(0));
        assertThat(systemdUnit("StateDirectory")).containsExactly("ownergate");
        assertThat(systemdUnit("ProtectSystem")).containsExactly("strict");
        assertThat(systemdUnit("DynamicUser")).containsExactly("yes");
        assertThat(systemdUnit("NoNewPrivileges")).containsExactly("yes");
    }

    /** The values of a key in deploy/systemd/ownergate.service, in order. */
    private static List<String> systemdUnit(String key) {
        try {
            return Files.readAllLines(Repo.ROOT.resolve("deploy/systemd/ownergate.service")).stream()
                    .filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static Map<String, Object> composeService(String name) {
        try {
            Map<String, Object> compose = map(yaml().load(Files.readString(COMPOSE)));
            return map(map(compose.get("services")).get(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> composeEnvironment() {
        Map<String, String> out = new LinkedHashMap<>();
        map(composeService("ownergate").get("environment")).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> docs) {
        return kind(docs, "Deployment");
    }

    private static Map<String, Object> spec(Map<String, Object> doc) {
        return map(doc.get("spec"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(map(spec(deployment).get("template")).get("spec"));
    }

    private static List<Map<String, Object>> containers(List<Map<String, Object>> docs) {
        return list(podSpec(deployment(docs)).get("containers")).stream().map(DeployConsistencyTest::map).toList();
    }

    private static List<Map<String, Object>> env(Map<String, Object> container) {
        return list(container.get("env")).stream().map(DeployConsistencyTest::map).toList();
    }

    private static Map<String, Map<String, Object>> byName(List<? extends Object> items) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object item : items) {
            out.put((String) map(item).get("name"), map(item));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> m) {
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) o;
    }
}
