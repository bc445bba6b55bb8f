package dev.ownergate.app.config;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an {@link AppConfig} from the environment, then an optional YAML file ({@code --config}). The
 * environment wins. The file's keys are the variable names without the prefix, lower-cased
 * ({@code app_id}, {@code private_key_file}, {@code webhook_secret}, {@code reconcile_interval}, ...).
 *
 * <p>Every missing or invalid setting is collected and reported in one message, so a deploy is fixed in one go.
 */
public final class AppConfigLoader {

    public static final String APP_ID = "OWNERGATE_APP_ID";
    public static final String PRIVATE_KEY_FILE = "OWNERGATE_PRIVATE_KEY_FILE";
    public static final String PRIVATE_KEY = "OWNERGATE_PRIVATE_KEY";
    public static final String WEBHOOK_SECRET = "OWNERGATE_WEBHOOK_SECRET";
    public static final String API_URL = "OWNERGATE_GITHUB_API_URL";
    public static final String PORT = "OWNERGATE_PORT";
    public static final String PUBLIC_URL = "OWNERGATE_PUBLIC_URL";
    public static final String RECONCILE_INTERVAL = "OWNERGATE_RECONCILE_INTERVAL";
    public static final String MAX_EVALUATIONS = "OWNERGATE_MAX_EVALUATIONS";

    private static final List<String> ALL = List.of(APP_ID, PRIVATE_KEY_FILE, PRIVATE_KEY, WEBHOOK_SECRET, API_URL,
            PORT, PUBLIC_URL, RECONCILE_INTERVAL, MAX_EVALUATIONS);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private AppConfigLoader() {}

    public static AppConfig load(Map<String, String> env, Optional<Path> configFile) throws ConfigException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile.isPresent()) {
            settings.putAll(readFile(configFile.get()));
        }
        for (String name : ALL) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                settings.put(name, value);
            }
        }
        return fromSettings(settings);
    }

    private static AppConfig fromSettings(Map<String, String> s) throws ConfigException {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();

        long appId = 0;
        if (!s.containsKey(APP_ID)) {
            missing.add(APP_ID);
        } else {
            try {
                appId = Long.parseLong(s.get(APP_ID).strip());
            } catch (NumberFormatException e) {
                invalid.add(APP_ID + " must be the App's numeric ID (App settings > About), not '"
                        + s.get(APP_ID).strip() + "'");
            }
        }

        PrivateKey key = null;
        String pem = null;
        if (s.containsKey(PRIVATE_KEY)) {
            pem = s.get(PRIVATE_KEY);
        } else if (s.containsKey(PRIVATE_KEY_FILE)) {
            try {
                pem = Files.readString(Path.of(s.get(PRIVATE_KEY_FILE).strip()), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                invalid.add(PRIVATE_KEY_FILE + ": cannot read " + s.get(PRIVATE_KEY_FILE).strip());
            }
        } else {
            missing.add(PRIVATE_KEY_FILE + " (or " + PRIVATE_KEY + ")");
        }
        if (pem != null) {
            try {
                key = PemKeys.parseRsaPrivateKey(pem);
            } catch (ConfigException e) {
                invalid.add((s.containsKey(PRIVATE_KEY) ? PRIVATE_KEY : PRIVATE_KEY_FILE) + ": " + e.getMessage());
            }
        }

        byte[] secret = null;
        if (!s.containsKey(WEBHOOK_SECRET)) {
            missing.add(WEBHOOK_SECRET);
        } else {
            secret = s.get(WEBHOOK_SECRET).getBytes(StandardCharsets.UTF_8);
        }

        URI apiUrl = AppConfig.GITHUB_COM_API;
        if (s.containsKey(API_URL)) {
            apiUrl = url(API_URL, s.get(API_URL), invalid);
        }

        int port = whole(s, PORT, AppConfig.DEFAULT_PORT, 0, 65535, "a port number", invalid);

        Optional<URI> publicUrl = Optional.empty();
        if (s.containsKey(PUBLIC_URL)) {
            publicUrl = Optional.ofNullable(url(PUBLIC_URL, s.get(PUBLIC_URL), invalid));
        }

        Duration interval = AppConfig.DEFAULT_RECONCILE_INTERVAL;
        if (s.containsKey(RECONCILE_INTERVAL)) {
            Optional<Duration> parsed = duration(s.get(RECONCILE_INTERVAL));
            if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
                invalid.add(RECONCILE_INTERVAL + " must be a positive duration such as 10m, 90s or PT10M, not '"
                        + s.get(RECONCILE_INTERVAL).strip() + "'");
            } else {
                interval = parsed.get();
            }
        }

        int maxEvaluations = whole(s, MAX_EVALUATIONS, AppConfig.DEFAULT_MAX_EVALUATIONS, 1, 100, "a whole number",
                invalid);

        if (!missing.isEmpty() || !invalid.isEmpty()) {
            StringBuilder msg = new StringBuilder("cannot start: ");
            if (!missing.isEmpty()) {
                msg.append("missing ").append(String.join(", ", missing));
                msg.append(" (set them in the environment or in the --config file)");
            }
            if (!invalid.isEmpty()) {
                msg.append(missing.isEmpty() ? "" : "; ").append(String.join("; ", invalid));
            }
            throw new ConfigException(msg.toString());
        }
        return new AppConfig(appId, key, secret, apiUrl, port, publicUrl, interval, maxEvaluations);
    }

    /** The setting as a whole number in {@code [min, max]}; the default when unset; else a problem noted. */
    private static int whole(Map<String, String> s, String name, int fallback, int min, int max, String what,
                             List<String> invalid) {
        if (!s.containsKey(name)) {
            return fallback;
        }
        String value = s.get(name).strip();
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        invalid.add(name + " must be " + what + " from " + min + " to " + max + ", not '" + value + "'");
        return fallback;
    }

    private static URI url(String name, String value, List<String> invalid) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (Exception e) {
            invalid.add(name + " must be an http(s) URL such as https://github.example.com/api/v3, not '"
                    + value.strip() + "'");
            return null;
        }
    }

    static Optional<Duration> duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return Optional.of(Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> readFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot start: cannot read config file " + file + ": " + e.getMessage());
        }
        String where = file.toString();
        YamlDocument doc = SafeYaml.load(where, text);
        if (doc instanceof YamlDocument.Invalid invalid) {
            throw new ConfigException("cannot start: " + invalid.error().format());
        }
        if (!(doc instanceof YamlDocument.Loaded loaded)) {
            return Map.of();
        }
        YamlReader reader = new YamlReader(where);
        String example = "app_id: 12345";
        Map<String, String> out = new LinkedHashMap<>();
        reader.rootMapping(loaded.root(), example).ifPresent(fields -> {
            for (YamlReader.Field field : fields.values()) {
                String name = "OWNERGATE_" + field.key().toUpperCase(Locale.ROOT);
                if (!ALL.contains(name)) {
                    reader.error(field.keyNode(), "unknown setting '" + field.key() + "'; known settings: "
                            + String.join(", ", ALL.stream().map(n -> n.substring(10).toLowerCase(Locale.ROOT)).toList()));
                    continue;
                }
                reader.string(field, "a single value", field.key() + ": ...").ifPresent(v -> out.put(name, v.value()));
            }
        });
        if (reader.hasErrors()) {
            throw new ConfigException("cannot start: " + String.join("; ",
                    reader.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList()));
        }
        return out;
    }

    /**
     * True when any App credential is set (in the environment or by a {@code --config} file): {@code serve}
     * then runs the App and reports what is missing. False: no App yet, so {@code serve} starts in setup mode.
     */
    public static boolean appConfigured(Map<String, String> env, Optional<Path> configFile) {
        java.util.function.Predicate<String> set = name -> env.get(name) != null && !env.get(name).isBlank();
        // A key file path alone, naming no file, is where a key will be mounted (an optional Kubernetes Secret
        // not created yet), not an App.
        boolean keyFile;
        try {
            keyFile = set.test(PRIVATE_KEY_FILE) && Files.exists(Path.of(env.get(PRIVATE_KEY_FILE).strip()));
        } catch (RuntimeException e) {
            keyFile = true; // not a path: let loading report it
        }
        return configFile.isPresent() || keyFile || java.util.stream.Stream.of(APP_ID, PRIVATE_KEY, WEBHOOK_SECRET).anyMatch(set);
    }

    /** The settings setup mode reads, validated as for the App (same variables, same messages). */
    public static SetupSettings setupSettings(Map<String, String> env) throws ConfigException {
        Map<String, String> s = new LinkedHashMap<>();
        for (String name : List.of(PORT, API_URL, PUBLIC_URL, SetupSettings.DATA_DIR)) {
            if (env.get(name) != null && !env.get(name).isBlank()) {
                s.put(name, env.get(name));
            }
        }
        List<String> invalid = new ArrayList<>();
        int port = whole(s, PORT, AppConfig.DEFAULT_PORT, 0, 65535, "a port number", invalid);
        URI apiUrl = s.containsKey(API_URL) ? url(API_URL, s.get(API_URL), invalid) : AppConfig.GITHUB_COM_API;
        Optional<URI> publicUrl = s.containsKey(PUBLIC_URL)
                ? Optional.ofNullable(url(PUBLIC_URL, s.get(PUBLIC_URL), invalid)) : Optional.empty();
        Path dataDir = SetupSettings.DEFAULT_DATA_DIR;
        if (s.containsKey(SetupSettings.DATA_DIR)) {
            try {
                dataDir = Path.of(s.get(SetupSettings.DATA_DIR).strip());
            } catch (RuntimeException e) {
                invalid.add(SetupSettings.DATA_DIR + " must be a directory path, not '" + s.get(SetupSettings.DATA_DIR) + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw new ConfigException("cannot start: " + String.join("; ", invalid));
        }
        return new SetupSettings(port, apiUrl, publicUrl, dataDir);
    }

    /** The config file {@code /setup}'s "Save" writes, when it exists: {@code <data dir>/github-app/ownergate.yml}. */
    public static Optional<Path> savedBySetup(Map<String, String> env) {
        String dir = env.get(SetupSettings.DATA_DIR);
        Path file = (dir == null || dir.isBlank() ? SetupSettings.DEFAULT_DATA_DIR : Path.of(dir.strip()))
                .resolve(SetupSettings.SAVED_CONFIG);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Every variable {@code serve} reads (the App's settings and setup mode's), for the deploy consistency tests. */
    public static List<String> settingNames() {
        return java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(SetupSettings.DATA_DIR))
                .distinct().toList();
    }
}
