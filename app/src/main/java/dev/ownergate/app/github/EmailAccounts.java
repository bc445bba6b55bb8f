package dev.ownergate.app.github;

import java.io.IOException;
import java.util.Optional;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.PagedIterable;
import org.kohsuke.github.PagedIterator;

/**
 * The GitHub account behind an email owner. GitHub honours an email in CODEOWNERS only when it is a verified
 * address of an account, so that account is who may approve for it.
 *
 * <p>First the user search ({@code GET /search/users?q=EMAIL in:email}), which finds an email a user made public
 * on their profile; then, because most verified emails are private, the repository's commits by that email
 * ({@code GET /repos/{repo}/commits?author=EMAIL}): GitHub attributes a commit to an account only through a
 * verified email of that account, the same test it applies to CODEOWNERS. Neither finds a verified private email
 * of someone who never committed to the repository.
 */
final class EmailAccounts {

    private EmailAccounts() {}

    static Optional<String> loginOf(GitHub github, GHRepository repository, String email) throws GitHubException {
        Optional<GHUser> shown = first(github.searchUsers().q(email + " in:email").list(), "GET /search/users");
        if (shown.isPresent()) {
            return Optional.of(shown.get().getLogin());
        }
        String call = "GET /repos/" + repository.getFullName() + "/commits";
        Optional<GHCommit> commit = first(repository.queryCommits().author(email).pageSize(1).list(), call);
        try {
            GHUser author = commit.isPresent() ? commit.get().getAuthor() : null;
            return author == null ? Optional.empty() : Optional.of(author.getLogin());
        } catch (IOException e) {
            throw GitHubException.from(call, e);
        }
    }

    /** The first item of a listing, reading one page; hub4j's iterators wrap I/O failures in GHException. */
    private static <T> Optional<T> first(PagedIterable<T> items, String call) throws GitHubException {
        try {
            PagedIterator<T> it = items.withPageSize(1).iterator();
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        } catch (GHException e) {
            throw GitHubException.from(call, e.getCause() instanceof IOException io ? io : new IOException(e));
        }
    }
}
