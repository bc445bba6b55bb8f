package dev.ownergate.owners;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Someone who can own a path: a GitHub user, a GitHub team, an email address, or anyone at all ({@code *}).
 * Names are lower-cased on parsing because GitHub compares logins, team slugs and emails case-insensitively.
 */
public record Owner(Kind kind, String name) implements Comparable<Owner> {

    public enum Kind { USER, TEAM, EMAIL, ANYONE }

    public static final Owner ANYONE = new Owner(Kind.ANYONE, "*");

    // GitHub logins: letters, digits and hyphens, at most 39, not starting with a hyphen.
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
    // org/team-slug; team slugs may also hold underscores and dots.
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s/]+@[^@\\s/]+\\.[^@\\s/]+");

    public Owner {
        if (kind == null || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("owner needs a kind and a name");
        }
    }

    public static Owner user(String login) {
        return new Owner(Kind.USER, login.toLowerCase(Locale.ROOT));
    }

    public static Owner team(String orgSlashTeam) {
        return new Owner(Kind.TEAM, orgSlashTeam.toLowerCase(Locale.ROOT));
    }

    public static Owner email(String address) {
        return new Owner(Kind.EMAIL, address.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses {@code login}, {@code @login}, {@code org/team}, {@code @org/team}, an email address, or {@code *}.
     * Returns empty when the token is none of these; callers turn that into a positioned diagnostic.
     */
    public static Optional<Owner> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.equals("*")) {
            return Optional.of(ANYONE);
        }
        if (EMAIL.matcher(t).matches()) {
            return Optional.of(email(t));
        }
        String bare = t.startsWith("@") ? t.substring(1) : t;
        if (TEAM.matcher(bare).matches()) {
            return Optional.of(team(bare));
        }
        if (LOGIN.matcher(bare).matches()) {
            return Optional.of(user(bare));
        }
        return Optional.empty();
    }

    /** The hint shown when {@link #parse} rejects a token. */
    public static String expectedForm() {
        return "expected a GitHub login (alice or @alice), a team (@org/team) or an email address";
    }

    /** How this owner is written in a CODEOWNERS file. {@code *} has no CODEOWNERS form: anyone may approve. */
    public String toCodeowners() {
        return switch (kind) {
            case USER, TEAM -> "@" + name;
            case EMAIL -> name;
            case ANYONE -> throw new IllegalStateException("'*' has no CODEOWNERS form");
        };
    }

    public boolean isTeam() {
        return kind == Kind.TEAM;
    }

    @Override
    public int compareTo(Owner o) {
        // By written form (@alice, @org/team, bob@example.com, *) so owner lists read alphabetically; compared
        // without building the strings because resolution sorts owners for every file.
        int n = writtenLength();
        int m = o.writtenLength();
        for (int i = 0, end = Math.min(n, m); i < end; i++) {
            char a = writtenCharAt(i);
            char b = o.writtenCharAt(i);
            if (a != b) {
                return a - b;
            }
        }
        return n != m ? n - m : kind.compareTo(o.kind);
    }

    private boolean hasAt() {
        return kind == Kind.USER || kind == Kind.TEAM;
    }

    private int writtenLength() {
        return hasAt() ? name.length() + 1 : name.length();
    }

    private char writtenCharAt(int i) {
        if (hasAt()) {
            return i == 0 ? '@' : name.charAt(i - 1);
        }
        return name.charAt(i);
    }

    @Override
    public String toString() {
        return kind == Kind.ANYONE ? "*" : toCodeowners();
    }
}
