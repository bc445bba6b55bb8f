package dev.ownergate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, monorepo-shaped CODEOWNERS file and file list: mostly anchored folder rules, then {@code *.ext},
 * {@code **}{@code /name}, {@code dir/*} and some wildcard rules; paths drawn from the same folders and names.
 */
final class GeneratedRepo {
    private static final String[] TOPS = {
        "src", "lib", "services", "apps", "tools", "docs", "test", "infra", "packages", "cmd", "internal", "web"};
    private static final String[] SUBS = {
        "api", "impl", "internal", "util", "gen", "test", "config", "proto", "client", "server", "model", "testdata"};
    private static final String[] EXTS = {
        "js", "ts", "go", "java", "py", "md", "yaml", "json", "proto", "rb", "c", "h", "rs", "kt", "sh", "txt"};
    private static final String[] FILES = {
        "main", "index", "README", "BUILD", "Makefile", "util", "handler", "service", "types", "config", "app", "test"};
    private static final int MODULES = 2500;

    final String codeowners;
    final List<String> paths;

    GeneratedRepo(int rules, int pathCount, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("* @org/everyone\n");
        for (int i = 1; i < rules; i++) {
            text.append(pattern(random)).append(" @org/team-").append(random.nextInt(400)).append('\n');
        }
        codeowners = text.toString();
        paths = new ArrayList<>(pathCount);
        for (int i = 0; i < pathCount; i++) {
            paths.add(path(random));
        }
    }

    private static String pattern(Random r) {
        int kind = r.nextInt(100);
        String top = pick(r, TOPS);
        String module = module(r);
        if (kind < 55) {
            return r.nextBoolean() ? "/" + top + "/" + module + "/" : "/" + top + "/" + module + "/" + pick(r, SUBS) + "/";
        }
        if (kind < 65) {
            return r.nextInt(4) == 0 ? "*_" + pick(r, FILES) + "." + pick(r, EXTS) : "*." + pick(r, EXTS);
        }
        if (kind < 75) {
            return "**/" + (r.nextBoolean() ? pick(r, FILES) + "." + pick(r, EXTS) : pick(r, SUBS) + "-" + r.nextInt(50));
        }
        if (kind < 88) {
            return top + "/" + module + "/*";
        }
        return switch (r.nextInt(5)) {
            case 0 -> "/" + top + "/*/" + pick(r, SUBS) + "/";
            case 1 -> "**/" + pick(r, SUBS) + "/*." + pick(r, EXTS);
            case 2 -> "/" + top + "/" + module + "/**/*." + pick(r, EXTS);
            case 3 -> top + "/" + module.substring(0, module.length() - 1) + "*/";
            default -> "/" + top + "/" + module + "/" + pick(r, SUBS) + "/*" + pick(r, FILES) + "*";
        };
    }

    private static String path(Random r) {
        StringBuilder p = new StringBuilder(pick(r, TOPS)).append('/').append(module(r));
        int depth = r.nextInt(4);
        for (int i = 0; i < depth; i++) {
            p.append('/').append(pick(r, SUBS));
        }
        return p.append('/').append(pick(r, FILES)).append('.').append(pick(r, EXTS)).toString();
    }

    private static String module(Random r) {
        return "mod" + r.nextInt(MODULES);
    }

    private static String pick(Random r, String[] choices) {
        return choices[r.nextInt(choices.length)];
    }
}
