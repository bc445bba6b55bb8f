package dev.ownergate.app.server;

import dev.ownergate.app.github.ChecksSink;
import dev.ownergate.app.github.GitHubInstallation;
import dev.ownergate.app.github.PullRequestSource;
import dev.ownergate.app.github.RepoContents;
import dev.ownergate.app.github.TeamDirectory;

/** Everything the evaluator reads from and writes to GitHub, for one installation. */
public record GitHubAccess(PullRequestSource pulls, ChecksSink checks, TeamDirectory teams, RepoContents contents) {
    public static GitHubAccess of(GitHubInstallation installation) {
        return new GitHubAccess(installation, installation, installation, installation);
    }
}
