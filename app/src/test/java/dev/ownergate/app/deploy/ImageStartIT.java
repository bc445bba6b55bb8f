package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.fake.FakeGitHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the release jar exactly as the image does: deploy/image/Dockerfile's ENTRYPOINT and CMD, its ENV and
 * WORKDIR, as its USER, on a read-only root filesystem with only /data (and a /tmp tmpfs, as Kubernetes and
 * podman give) writable. Under bubblewrap when the machine has it (it does in .ci); otherwise as a plain
 * process in the data directory, which proves the command line and environment but not the read-only root.
 * Two substitutions only: the JDK running the tests for {@code java}, and the built jar for the image's copy.
 */
class ImageStartIT {
    static final Path JAR = Path.of(System.getProperty("ownergate.releaseJar", "target/ownergate.jar")).toAbsolutePath();
    static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());
    static final Path BWRAP = Path.of("/usr/bin/bwrap");
    static final Dockerfile IMAGE = Dockerfile.read();

    @TempDir Path data;

    @Test
    void theImagesCommandServesReadyWithTheAppConfiguredAndNoSetupPage() throws Exception {
        KeyPair keys = rsa();
        try (FakeGitHub github = FakeGitHub.start()) {
            github.app(4242, keys.getPublic());
            // The key as Kubernetes mounts it; here in the data directory, the one place we can write.
            Path key = data.resolve("private-key.pem");
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("OWNERGATE_APP_ID", "4242");
            env.put("OWNERGATE_PRIVATE_KEY_FILE", inside(key));
            env.put("OWNERGATE_WEBHOOK_SECRET", "image-test-secret");
            env.put("OWNERGATE_GITHUB_API_URL", github.apiUrl().toString());
            try (Started server = start(env)) {
                assertThat(server.get("/readyz")).as(server.log()).isEqualTo(200);
                assertThat(server.get("/healthz")).isEqualTo(200);
                assertThat(server.get("/metrics")).isEqualTo(200);
                assertThat(server.get("/setup")).as("no setup page once the App is configured").isEqualTo(404);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (!github.calls().containsKey("GET /app/installations") && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                assertThat(github.calls()).as("start-up reconciliation reached GitHub as the App (JWT checked)\n" + server.log())
                        .containsKey("GET /app/installations");
            }
        }
        assertNothingWrittenBut("private-key.pem");
    }

    @Test
    void withoutAnAppTheImageStartsInSetupModeNotReady() throws Exception {
        try (Started server = start(Map.of())) {
            assertThat(server.get("/healthz")).as(server.log()).isEqualTo(200);
            assertThat(server.get("/readyz")).isEqualTo(503);
            assertThat(server.get("/setup")).isEqualTo(200);
        }
        assertNothingWrittenBut();
    }

    /**
     * Besides the embedded database (H2's files and the store's process lock, the store's default), only
     * {@code names} are in the data folder.
     */
    private void assertNothingWrittenBut(String... names) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.matches("ownergate\\.(mv|lock|trace)\\.db|ownergate\\.process\\.lock")))
                    .containsExactlyInAnyOrder(names);
        }
    }

    // ---- starting it the image's way ------------------------------------------------------------------------------

    private boolean sandboxed() {
        return Files.isExecutable(BWRAP);
    }

    /** A path in the data directory as the server sees it. */
    private String inside(Path file) {
        return sandboxed() ? IMAGE.volumes().get(0) + "/" + data.relativize(file) : file.toString();
    }

    private Started start(Map<String, String> extraEnv) throws Exception {
        assertThat(JAR).as("the release jar; run with ./mvnw verify").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>(IMAGE.env());
        env.putAll(extraEnv);
        env.put("OWNERGATE_PORT", Integer.toString(port)); // host networking here; the image listens on 8080
        List<String> command = new ArrayList<>();
        for (String arg : IMAGE.command()) {
            command.add(arg.equals("java") ? JAVA.toString() : arg.endsWith("/ownergate.jar") ? JAR.toString() : arg);
        }
        List<String> full = new ArrayList<>();
        ProcessBuilder pb;
        if (sandboxed()) {
            full.add(BWRAP.toString());
            full.addAll(hostRootReadOnly());
            full.addAll(List.of("--dev", "/dev", "--proc", "/proc",
                    "--tmpfs", "/tmp"));
            Path jarDir = JAR.toAbsolutePath().getParent();
            if (jarDir.startsWith("/tmp")) {
                // A checkout under /tmp (CI may clone there) is hidden by the sandbox's own /tmp: show the jar.
                full.addAll(List.of("--ro-bind", jarDir.toString(), jarDir.toString()));
            }
            full.addAll(List.of("--bind", data.toString(), IMAGE.volumes().get(0), "--remount-ro", "/",
                    "--unshare-user", "--uid", Long.toString(IMAGE.uid()), "--gid", Long.toString(IMAGE.gid()),
                    "--chdir", IMAGE.workdir(), "--die-with-parent", "--clearenv"));
            env.forEach((k, v) -> full.addAll(List.of("--setenv", k, v)));
            full.addAll(command);
            pb = new ProcessBuilder(full);
        } else {
            pb = new ProcessBuilder(command).directory(data.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Path log = Files.createTempFile("ownergate-image-start", ".log");
        Process process = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Started started = new Started(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90)); // a loaded machine starts a JVM slowly
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (started.get("/healthz") == 200) {
                return started;
            }
            Thread.sleep(200);
        }
        String output = started.log();
        started.close();
        throw new AssertionError("the server did not come up: " + String.join(" ", pb.command()) + "\n" + output);
    }

    /** The host's root, read-only, minus what the sandbox supplies itself (/proc, /dev, /tmp, the volume). */
    private List<String> hostRootReadOnly() throws IOException {
        List<String> args = new ArrayList<>();
        Set<String> own = Set.of("proc", "dev", "tmp", "sys", IMAGE.volumes().get(0).substring(1));
        try (Stream<Path> entries = Files.list(Path.of("/"))) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (own.contains(name)) {
                    continue;
                }
                if (Files.isSymbolicLink(entry)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(entry).toString(), entry.toString()));
                } else if (Files.isDirectory(entry)) {
                    args.addAll(List.of("--ro-bind", entry.toString(), entry.toString()));
                }
            }
        }
        return args;
    }

    private record Started(Process process, int port, Path logFile) implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        int get(String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM, as the orchestrator sends
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException e) {
                // a temp file
            }
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }
}
