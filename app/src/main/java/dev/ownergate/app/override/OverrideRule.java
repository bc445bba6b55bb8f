package dev.ownergate.app.override;

import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may override the check: {@code override: {users: [...], teams: [org/slug, ...]}} in
 * {@code .github/ownergate.yml} at the pull request's base. Nobody when the key is missing or invalid (fail
 * closed).
 *
 * <p>Interim: the policy parser (branch h4-gate) is to expose this as {@code PolicyConfig.override()}; this
 * class reads only that key so the override works before then, and is to be replaced by it.
 */
public record OverrideRule(Set<String> users, Set<String> teams) {
    public static final OverrideRule NOBODY = new OverrideRule(Set.of(), Set.of());

    public OverrideRule {
        users = lower(users);
        teams = lower(teams);
    }

    public static OverrideRule read(String path, String policyText) {
        if (!(SafeYaml.load(path, policyText) instanceof YamlDocument.Loaded loaded)) {
            return NOBODY;
        }
        YamlReader reader = new YamlReader(path);
        String example = "override: {users: [alice], teams: [acme/release-managers]}";
        Map<String, YamlReader.Field> top = reader.rootMapping(loaded.root(), example).orElse(Map.of());
        YamlReader.Field field = top.get("override");
        if (field == null) {
            return NOBODY;
        }
        Map<String, YamlReader.Field> fields = reader.mapping(field, "a mapping with users and teams", example)
                .orElse(Map.of());
        List<String> users = new ArrayList<>();
        List<String> teams = new ArrayList<>();
        if (fields.containsKey("users")) {
            reader.stringList(fields.get("users"), "a list of logins", example)
                    .ifPresent(list -> list.forEach(t -> users.add(t.value().strip().replaceFirst("^@", ""))));
        }
        if (fields.containsKey("teams")) {
            reader.stringList(fields.get("teams"), "a list of org/team-slug", example)
                    .ifPresent(list -> list.forEach(t -> teams.add(t.value().strip().replaceFirst("^@", ""))));
        }
        if (reader.hasErrors()) {
            return NOBODY;
        }
        return new OverrideRule(Set.copyOf(users), Set.copyOf(teams.stream().filter(t -> t.contains("/")).toList()));
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return java.util.Collections.unmodifiableSet(out);
    }
}
