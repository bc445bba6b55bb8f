package dev.ownergate.settings;

import java.util.Optional;

/**
 * What an import that cannot be resolved in this repository is ({@code owners.unresolved_imports}): a file that is
 * not there (often a dependency checkout, e.g. Chromium's {@code build/}) or another Gerrit project
 * ({@code include project:branch:/path}). Gerrit ignores such imports, so by default we warn and skip them.
 */
public enum UnresolvedImports implements SettingValue {
    WARN("warn"),
    ERROR("error");

    private final String yaml;

    UnresolvedImports(String yaml) {
        this.yaml = yaml;
    }

    @Override
    public String yaml() {
        return yaml;
    }

    public static String allowed() {
        return SettingValue.allowed(UnresolvedImports.class);
    }

    public static Optional<UnresolvedImports> fromYaml(String text) {
        return SettingValue.fromYaml(UnresolvedImports.class, text);
    }
}
