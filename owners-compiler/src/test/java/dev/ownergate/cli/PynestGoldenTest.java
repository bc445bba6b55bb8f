package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled example compiles, in a fresh git repository, to exactly the CODEOWNERS committed beside it. */
class PynestGoldenTest {

    private static final Path PYNEST = Path.of("..", "examples", "pynest");

    @Test
    void pynestCompilesToTheCommittedCodeowners(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(PYNEST)) {
            sources = walk.filter(Files::isRegularFile).toList();
        }
        for (Path source : sources) {
            String relative = PYNEST.relativize(source).toString().replace('\\', '/');
            if (!relative.equals(".github/CODEOWNERS")) {
                repo.write(relative, Files.readString(source, StandardCharsets.UTF_8));
            }
        }
        repo.commitAll("pynest");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve(".github/CODEOWNERS"), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(PYNEST.resolve(".github/CODEOWNERS"), StandardCharsets.UTF_8));
    }
}
