package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built image, when deploy/image/build.sh has saved it (app/target/ownergate-image-*.tar, a docker-archive):
 * its configuration is the Dockerfile's, so what ImageStartIT and the manifests were checked against is what
 * ships. Skipped, saying so, when no image was built (it needs podman and root; the CI run does not build it).
 */
class ImageTarballTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuiltImageRunsTheDockerfilesEntrypointAsItsUser() throws IOException {
        Optional<Path> tarball;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            tarball = files.filter(f -> f.getFileName().toString().matches("ownergate-image-.+\\.tar")).findFirst();
        } catch (IOException e) {
            tarball = Optional.empty();
        }
        assumeTrue(tarball.isPresent(), "SKIPPED: no image tarball in app/target; deploy/image/build.sh makes one");

        Map<String, byte[]> small = smallEntries(tarball.get());
        JsonNode manifest = JSON.readTree(small.get("manifest.json"));
        JsonNode config = JSON.readTree(small.get(manifest.get(0).get("Config").asText())).get("config");
        Dockerfile image = Dockerfile.read();

        assertThat(config.get("User").asText()).isEqualTo(image.user());
        assertThat(strings(config.get("Entrypoint"))).isEqualTo(image.entrypoint());
        assertThat(strings(config.get("Cmd"))).isEqualTo(image.cmd());
        assertThat(config.get("WorkingDir").asText()).isEqualTo(image.workdir());
        assertThat(config.get("ExposedPorts").fieldNames()).toIterable().containsExactly(image.exposed().get(0) + "/tcp");
        assertThat(config.get("Volumes").fieldNames()).toIterable().containsExactlyElementsOf(image.volumes());
        List<String> env = strings(config.get("Env"));
        image.env().forEach((k, v) -> assertThat(env).contains(k + "=" + v));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The entries under 1 MB (manifest and configs), by name; layers are skipped. Plain ustar headers. */
    private static Map<String, byte[]> smallEntries(Path tar) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
                long padded = (size + 511) / 512 * 512;
                if (size < (1 << 20)) {
                    byte[] body = in.readNBytes((int) padded);
                    out.put(name, java.util.Arrays.copyOf(body, (int) size));
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
        return out;
    }
}
