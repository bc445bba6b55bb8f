package dev.ownergate.app.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What deploy/image/Dockerfile makes the image do: the instructions the tests compare with the manifests and
 * use to start the server the image's way. Reads the exec (JSON) form only, which the file uses on purpose.
 */
record Dockerfile(List<String> entrypoint, List<String> cmd, Map<String, String> env, String user, String workdir,
                  List<Integer> exposed, List<String> volumes) {
    static final Path PATH = Repo.ROOT.resolve("deploy/image/Dockerfile");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    static Dockerfile read() {
        String text;
        try {
            text = Files.readString(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        Map<String, String> env = new LinkedHashMap<>();
        String user = null;
        String workdir = "/";
        List<Integer> exposed = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        for (String line : text.replaceAll("\\\\\\n", " ").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            String arg = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0].toUpperCase()) {
                case "ENTRYPOINT" -> entrypoint = jsonList(arg);
                case "CMD" -> cmd = jsonList(arg);
                case "ENV" -> {
                    Matcher m = ENV_PAIR.matcher(arg);
                    while (m.find()) {
                        env.put(m.group(1), m.group(2).replace("\"", ""));
                    }
                }
                case "USER" -> user = arg;
                case "WORKDIR" -> workdir = arg;
                case "EXPOSE" -> {
                    for (String p : arg.split("\\s+")) {
                        exposed.add(Integer.parseInt(p.replace("/tcp", "")));
                    }
                }
                case "VOLUME" -> volumes.addAll(jsonList(arg));
                default -> { }
            }
        }
        return new Dockerfile(entrypoint, cmd, env, user, workdir, exposed, volumes);
    }

    /** ENTRYPOINT followed by CMD: the process the container runs. */
    List<String> command() {
        List<String> all = new ArrayList<>(entrypoint);
        all.addAll(cmd);
        return all;
    }

    long uid() {
        return Long.parseLong(user.split(":")[0]);
    }

    long gid() {
        return Long.parseLong(user.split(":")[1]);
    }

    private static List<String> jsonList(String arg) {
        try {
            return JSON.readValue(arg, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(PATH + ": use the exec (JSON) form, not: " + arg, e);
        }
    }
}
