package dev.ownergate.app.deploy;

import dev.ownergate.app.config.AppConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository around the app module, and the settings its code reads. */
final class Repo {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * Settings other branches are adding at the time of writing; a manifest or doc may use them before the
     * code reads them. Remove a name once the code reads it: a test fails until then, so none lingers.
     */
    static final Set<String> PENDING = Set.of("OWNERGATE_DATABASE_URL", "OWNERGATE_DATABASE_USER",
            "OWNERGATE_DATABASE_PASSWORD", "OWNERGATE_AUDIT_RETENTION_DAYS", "OWNERGATE_CLIENT_ID",
            "OWNERGATE_CLIENT_SECRET", "OWNERGATE_ADMIN_TEAM", "OWNERGATE_ADMIN_TOKEN", "OWNERGATE_METRICS_LABELS",
            "OWNERGATE_SESSION_SECRET");

    /** Read from the environment by the JVM itself. */
    static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern JAVA_LOOKUP = Pattern.compile("(?:getenv|get|getOrDefault)\\(\\s*\"(OWNERGATE_[A-Z0-9_]+)\"");
    private static final Pattern SHELL_USE = Pattern.compile("\\$\\{?(OWNERGATE_[A-Z0-9_]+)");

    private Repo() {}

    /** What {@code serve} reads: the config loader's settings. */
    static Set<String> serverSettings() {
        return new TreeSet<>(AppConfigLoader.settingNames());
    }

    /**
     * Everything any of our code reads: the server's settings, environment lookups in the Java sources (main
     * and test), and variables the shell launchers and CI scripts use.
     */
    static Set<String> everythingRead() {
        Set<String> names = serverSettings();
        scan(Stream.of("owners-compiler/src", "app/src"), ".java", JAVA_LOOKUP, names);
        scan(Stream.of("ownergate", "deploy/bin", "deploy/image", "deploy/action", ".ci", "bench"), "", SHELL_USE, names);
        return names;
    }

    private static void scan(Stream<String> roots, String suffix, Pattern pattern, Set<String> into) {
        roots.map(ROOT::resolve).filter(Files::exists).forEach(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix))
                        .filter(f -> !f.toString().contains("/target/")).forEach(f -> {
                            try {
                                Matcher m = pattern.matcher(Files.readString(f));
                                while (m.find()) {
                                    into.add(m.group(1));
                                }
                            } catch (IOException | RuntimeException e) {
                                // binary or unreadable: nothing to learn from it
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Copies a folder tree (the bundled example, for tests that run commands in it). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
