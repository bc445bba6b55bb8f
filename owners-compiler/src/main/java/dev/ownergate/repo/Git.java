package dev.ownergate.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs git in a folder. The only place in the compiler that starts processes. */
final class Git {
    private final Path dir;

    Git(Path dir) {
        this.dir = dir;
    }

    record Output(int exitCode, byte[] stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code git args...}; empty when git itself cannot be started. */
    Optional<Output> run(String... args) throws IOException {
        List<String> command = new ArrayList<>(args.length + 3);
        command.add("git");
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), err));
        byte[] out = process.getInputStream().readAllBytes();
        try {
            int code = process.waitFor();
            errReader.join();
            return Optional.of(new Output(code, out, err.toString(StandardCharsets.UTF_8).strip()));
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git " + String.join(" ", args), e);
        }
    }

    /** Like {@link #run} but fails with git's own message when git is missing or exits non-zero. */
    byte[] require(String... args) throws IOException {
        Output out = run(args).orElseThrow(() -> new IOException("git is not installed or not on PATH"));
        if (!out.ok()) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out.stderr());
        }
        return out.stdout();
    }

    /** Splits NUL-separated git output ({@code -z}). */
    static List<String> splitNul(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try {
            in.transferTo(sink);
        } catch (IOException ignored) {
            // stderr is only for messages; losing it must not hide the exit code.
        }
    }
}
