package dev.ownergate.cli;

import dev.ownergate.audit.JsonWriter;
import dev.ownergate.codeowners.CodeownersError;
import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersLocator;
import dev.ownergate.codeowners.CodeownersRule;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.owners.OwnersConfig;
import dev.ownergate.owners.OwnersEntry;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.ownership.OwnersFileSelection;
import dev.ownergate.settings.OwnersSettingsParser;
import dev.ownergate.ownership.OwnerDirectory;
import dev.ownergate.repo.GitRemotes;
import dev.ownergate.repo.WorkTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ownergate validate}: the syntax of the OWNERS and CODEOWNERS files offline, and with {@code --github}
 * what GitHub checks before it honours an owner: the user or team exists, the team is visible, and both have
 * write access. GitHub docs ("About code owners"): owners need write access, and teams must be visible.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Check OWNERS and CODEOWNERS syntax; with --github, that every owner exists, is visible and can write."},
        footer = {"", "Exit codes: 0 ok, 1 problems found, 2 invalid input or usage."})
public final class ValidateCommand implements Callable<Integer> {

    static final String DEFAULT_API_URL = "https://api.github.com";

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repository;

    @Option(names = "--github", description = "Also ask GitHub about every owner (token from the launcher's configuration).")
    boolean github;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "GitHub API base URL (default: " + DEFAULT_API_URL + "; GitHub Enterprise: https://HOST/api/v3).")
    String apiUrl = DEFAULT_API_URL;

    @Option(names = "--repo", paramLabel = "OWNER/NAME",
            description = "The repository owners need write access to (default: from git remote origin).")
    String repo;

    @Option(names = "--json", description = "Write JSON: CODEOWNERS errors in the shape of GitHub's codeowners/errors API, "
            + "and every problem found (see docs/cli-json.md).")
    boolean json;

    private final OwnerDirectory.Connector connector;

    public ValidateCommand(OwnerDirectory.Connector connector) {
        this.connector = connector;
    }

    /** For the compiler's own launcher, which has no GitHub client: {@code --github} says so and exits 2. */
    public static ValidateCommand withoutGithub() {
        return new ValidateCommand(apiUrl -> {
            throw new IOException("--github needs the full ownergate launcher (the app's jar), which can talk to GitHub");
        });
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            WorkTree tree = repository.openTree();
            RepoOptions.warnAboutIndex(tree, err, "validate");
            OwnersSettingsParser.Result settings = repository.settings(tree);
            List<Diagnostic> problems = new ArrayList<>(settings.diagnostics());
            Map<Owner, List<Diagnostic>> owners = new LinkedHashMap<>();

            List<String> ownersFiles = OwnersFileSelection.of(settings.settings()).ownersFiles(tree.files());
            Optional<OwnersTree> ownersTree = Optional.empty();
            if (!ownersFiles.isEmpty()) {
                OwnersTree.LoadResult loaded = OwnersTree.load(ownersFiles, tree, settings.settings());
                problems.addAll(loaded.diagnostics());
                if (!loaded.hasErrors()) {
                    problems.addAll(loaded.tree().unmatchedPerFileGlobs(tree.files()));
                }
                ownersTree = Optional.ofNullable(loaded.tree());
            }
            Optional<String> used = CodeownersLocator.locate(tree::contains);
            Optional<CodeownersFile> codeowners = Optional.empty();
            if (used.isPresent()) {
                CodeownersFile file = CodeownersFile.parse(used.get(), tree.read(used.get()).orElse(""));
                problems.addAll(file.diagnostics());
                codeowners = Optional.of(file);
                for (String other : CodeownersLocator.SEARCH_ORDER) {
                    if (tree.contains(other) && !other.equals(used.get())) {
                        problems.add(Diagnostic.warning(other, 1, 1, "GitHub ignores this file because " + used.get()
                                + " comes first in its search order; delete one of them"));
                    }
                }
            }
            if (ownersFiles.isEmpty() && used.isEmpty()) {
                err.println("ownergate validate: no OWNERS or CODEOWNERS file under " + tree.root()
                        + "; add OWNERS files or a .github/CODEOWNERS file");
                return OwnergateCli.EXIT_INVALID;
            }

            if (github) {
                String slug = repoSlug(tree.root());
                collectOwners(ownersTree, codeowners, tree, owners);
                problems.addAll(checkOnGithub(owners, slug));
            }

            problems.sort(null);
            if (json) {
                printJson(out, codeowners.map(CodeownersFile::errors).orElse(List.of()), problems);
            } else {
                problems.forEach(d -> out.println(d.format()));
            }
            out.flush();
            long errors = problems.stream().filter(Diagnostic::isError).count();
            long warnings = problems.size() - errors;
            String checked = (ownersFiles.isEmpty() ? "" : ownersFiles.size() + " OWNERS file" + (ownersFiles.size() == 1 ? "" : "s"))
                    + (ownersFiles.isEmpty() || used.isEmpty() ? "" : " and ") + used.orElse("")
                    + (github ? ", " + owners.size() + " owners on GitHub" : "");
            if (errors > 0) {
                err.printf("ownergate validate: %d error%s, %d warning%s in %s%n", errors, errors == 1 ? "" : "s",
                        warnings, warnings == 1 ? "" : "s", checked);
                return OwnergateCli.EXIT_PROBLEMS;
            }
            err.printf("ownergate validate: ok (%s)%s%n", checked,
                    warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : "");
            return OwnergateCli.EXIT_OK;
        } catch (InputException e) {
            err.println("ownergate validate: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
    }

    /**
     * {@code errors} is what GitHub's {@code GET /repos/{owner}/{repo}/codeowners/errors} would list for the
     * CODEOWNERS file GitHub uses; {@code problems} is everything this command found, errors and warnings.
     */
    private static void printJson(PrintWriter out, List<CodeownersError> errors, List<Diagnostic> problems) {
        JsonWriter w = JsonWriter.pretty(out);
        w.beginObject().field("version", 1).name("errors").beginArray();
        for (CodeownersError e : errors) {
            w.beginObject().field("line", e.line()).field("column", e.column()).field("kind", e.kind())
                    .field("source", e.source());
            w.name("suggestion");
            if (e.suggestion() == null) {
                w.nullValue();
            } else {
                w.value(e.suggestion());
            }
            w.field("message", e.message()).field("path", e.path()).endObject();
        }
        w.endArray().name("problems").beginArray();
        for (Diagnostic d : problems) {
            w.beginObject().field("severity", d.severity().name().toLowerCase(Locale.ROOT)).field("path", d.path())
                    .field("line", d.line()).field("column", d.column()).field("message", d.message()).endObject();
        }
        w.endArray().endObject().finish();
    }

    /** Every owner named as an approver, with where it is written; an OWNERS approver becomes a CODEOWNERS owner. */
    private static void collectOwners(Optional<OwnersTree> ownersTree, Optional<CodeownersFile> codeowners, WorkTree tree,
            Map<Owner, List<Diagnostic>> owners) throws IOException {
        if (ownersTree.isPresent()) {
            for (OwnersConfig config : ownersTree.get().configs().values()) {
                for (OwnersEntry entry : config.entries()) {
                    for (Owner o : entry.approvers()) {
                        if (o.kind() != Owner.Kind.ANYONE) {
                            owners.computeIfAbsent(o, k -> new ArrayList<>())
                                    .add(Diagnostic.error(entry.sourcePath(), entry.line(), 0, ""));
                        }
                    }
                }
            }
        }
        if (codeowners.isPresent()) {
            CodeownersFile file = codeowners.get();
            String[] lines = tree.read(file.path()).orElse("").split("\n", -1);
            for (CodeownersRule rule : file.rules()) {
                String line = rule.line() <= lines.length ? lines[rule.line() - 1] : "";
                for (Owner o : rule.owners()) {
                    int at = line.toLowerCase(Locale.ROOT).indexOf(o.toString(), rule.pattern().length());
                    owners.computeIfAbsent(o, k -> new ArrayList<>())
                            .add(Diagnostic.error(file.path(), rule.line(), at < 0 ? 0 : at + 1, ""));
                }
            }
        }
    }

    private List<Diagnostic> checkOnGithub(Map<Owner, List<Diagnostic>> owners, String slug)
            throws InputException {
        OwnerDirectory directory;
        try {
            directory = connector.connect(apiUrl);
        } catch (IOException e) {
            throw new InputException(e.getMessage());
        }
        List<Diagnostic> found = new ArrayList<>();
        for (Map.Entry<Owner, List<Diagnostic>> e : owners.entrySet()) {
            Owner owner = e.getKey();
            OwnerDirectory.Standing standing;
            Optional<String> login = Optional.empty();
            try {
                if (owner.kind() == Owner.Kind.EMAIL) {
                    // GitHub honours an email only as a verified address of an account: find that account.
                    login = directory.loginOfEmail(owner.name(), slug);
                }
                standing = switch (owner.kind()) {
                    case USER -> directory.userStanding(owner.name(), slug);
                    case TEAM -> directory.teamStanding(owner.name(), slug);
                    case EMAIL -> login.isPresent() ? directory.userStanding(login.get(), slug)
                            : OwnerDirectory.Standing.UNVERIFIABLE;
                    default -> OwnerDirectory.Standing.UNVERIFIABLE;
                };
            } catch (IOException ex) {
                throw new InputException("asking GitHub about " + owner + " failed: " + ex.getMessage());
            }
            if (standing == OwnerDirectory.Standing.OK) {
                continue;
            }
            Diagnostic where = e.getValue().getFirst();
            int elsewhere = e.getValue().size() - 1;
            String message = (login.isPresent() ? owner + " is the GitHub account @" + login.get() + "; "
                    + problem(Owner.parse("@" + login.get()).orElseThrow(), standing, slug)
                    : problem(owner, standing, slug))
                    + (elsewhere > 0 ? " (named in " + elsewhere + " more place" + (elsewhere == 1 ? "" : "s") + ")" : "");
            found.add(standing == OwnerDirectory.Standing.UNVERIFIABLE
                    ? Diagnostic.warning(where.path(), where.line(), where.column(), message)
                    : Diagnostic.error(where.path(), where.line(), where.column(), message));
        }
        return found;
    }

    /** Why an owner does not count on GitHub, and the fix; also the admin page's words. */
    public static String problem(Owner owner, OwnerDirectory.Standing standing, String slug) {
        boolean team = owner.isTeam();
        return switch (standing) {
            case NOT_FOUND -> team
                    ? owner + ": no such team; check the org and team slug (GitHub ignores unknown owners)"
                    : owner + ": no such GitHub user; fix the login or remove the owner (GitHub ignores unknown owners)";
            case NOT_VISIBLE -> owner + ": the team is secret or not visible to these credentials; make it visible, "
                    + "GitHub ignores secret teams as code owners";
            case NO_WRITE_ACCESS -> owner + " has no write access to " + slug
                    + "; grant write access or remove the owner (GitHub ignores owners who cannot write)";
            case UNVERIFIABLE -> owner.kind() == Owner.Kind.EMAIL
                    ? owner + ": no GitHub account shows this email on its profile, and no commit in " + slug
                            + " links it to one; GitHub honours an email owner only when it is a verified email of an"
                            + " account with write access, so write that account's @login instead"
                    : owner + ": cannot be checked through the GitHub API; make sure it is the verified "
                            + "email of a user with write access";
            case OK -> owner + ": ok";
        };
    }

    private String repoSlug(Path rootDir) throws IOException, InputException {
        if (repo != null) {
            if (!SLUG.matcher(repo).matches()) {
                throw new InputException("--repo takes OWNER/NAME, not '" + repo + "'");
            }
            return repo;
        }
        Optional<String> url = GitRemotes.originUrl(rootDir);
        Optional<String> slug = url.flatMap(u -> slugFromRemote(u, apiHost(apiUrl)));
        return slug.orElseThrow(() -> new InputException(url.isPresent()
                ? "git remote origin (" + url.get() + ") is not a GitHub repository URL; give --repo OWNER/NAME"
                : "no git remote origin to take the repository from; give --repo OWNER/NAME"));
    }

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+");
    private static final Pattern REMOTE = Pattern.compile(
            "(?:https?://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|[^@/:]+@)([^/:]+)(?::\\d+)?[:/]([^/]+)/([^/]+?)(?:\\.git)?/?");

    /** {@code owner/name} from an https, ssh or scp-like remote URL whose host is GitHub's (or the given one). */
    static Optional<String> slugFromRemote(String url, String expectedHost) {
        Matcher m = REMOTE.matcher(url.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        if (!host.equals("github.com") && !host.equals(expectedHost)) {
            return Optional.empty();
        }
        String slug = m.group(2) + "/" + m.group(3);
        return SLUG.matcher(slug).matches() ? Optional.of(slug) : Optional.empty();
    }

    /** {@code github.com} for the public API, the server's host for GitHub Enterprise. */
    static String apiHost(String apiUrl) {
        try {
            String host = URI.create(apiUrl).getHost();
            if (host == null) {
                return "github.com";
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("api.github.com") ? "github.com" : host;
        } catch (IllegalArgumentException e) {
            return "github.com";
        }
    }
}
