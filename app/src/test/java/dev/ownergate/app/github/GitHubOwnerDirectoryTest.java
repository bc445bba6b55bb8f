package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.ownership.OwnerDirectory;
import dev.ownergate.ownership.OwnerDirectory.Standing;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubOwnerDirectoryTest {
    FakeGitHub github;
    OwnerDirectory directory;

    @BeforeEach
    void setUp() throws IOException {
        github = FakeGitHub.start();
        FakeGitHub.Repo repo = github.repo("acme/widgets");
        repo.permission("alice", "admin");
        repo.permission("bob", "write");
        repo.permission("rita", "read");
        github.repo("acme/other").permission("olga", "write");
        github.team("acme", "core", "alice");
        github.team("acme", "readers", "rita");
        github.secretTeam("acme", "hidden", "alice");
        repo.teamPermission("acme/hidden", "push");
        repo.teamPermission("acme/core", "push");
        repo.teamPermission("acme/readers", "read");
        directory = GitHubOwnerDirectory.connector(Map.of("GITHUB_TOKEN", "ghp_test"))
                .connect(github.apiUrl().toString());
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    @Test
    void usersNeedWriteAccessToTheRepository() throws IOException {
        assertThat(directory.userStanding("alice", "acme/widgets")).isEqualTo(Standing.OK);
        assertThat(directory.userStanding("bob", "acme/widgets")).isEqualTo(Standing.OK);
        assertThat(directory.userStanding("rita", "acme/widgets")).isEqualTo(Standing.NO_WRITE_ACCESS);
        assertThat(directory.userStanding("olga", "acme/widgets")).isEqualTo(Standing.NO_WRITE_ACCESS);
        assertThat(directory.userStanding("nobody", "acme/widgets")).isEqualTo(Standing.NOT_FOUND);
    }

    @Test
    void teamsMustExistAndHaveWriteAccess() throws IOException {
        assertThat(directory.teamStanding("acme/core", "acme/widgets")).isEqualTo(Standing.OK);
        assertThat(directory.teamStanding("acme/readers", "acme/widgets")).isEqualTo(Standing.NO_WRITE_ACCESS);
        assertThat(directory.teamStanding("acme/ghosts", "acme/widgets")).isEqualTo(Standing.NOT_FOUND);
        assertThat(directory.teamStanding("acme/hidden", "acme/widgets")).isEqualTo(Standing.NOT_VISIBLE);
        assertThat(directory.teamStanding("acme/core", "acme/other")).isEqualTo(Standing.NO_WRITE_ACCESS);
    }

    @Test
    void emailsAreFoundThroughPublicProfilesThenThroughTheRepositorysCommits() throws IOException {
        github.publicEmail("alice", "alice@example.com");
        github.repo("acme/widgets").commitBy("bob", "bob@private.example.com");

        assertThat(directory.loginOfEmail("alice@example.com", "acme/widgets")).hasValue("alice");
        assertThat(directory.loginOfEmail("bob@private.example.com", "acme/widgets")).hasValue("bob");
        assertThat(directory.loginOfEmail("ghost@example.com", "acme/widgets")).isEmpty();
    }

    @Test
    void connectorWithoutCredentialsSaysWhatToSet() {
        assertThatThrownBy(() -> GitHubOwnerDirectory.connector(Map.of()).connect("https://api.github.com"))
                .isInstanceOf(IOException.class).hasMessageContaining("GITHUB_TOKEN");
    }

    @Test
    void serverErrorsAreNotMistakenForAnswers() {
        github.fail("GET /repos/{o}/{r}/collaborators/{u}/permission", 500, 1, null);
        assertThatThrownBy(() -> directory.userStanding("alice", "acme/widgets"))
                .isInstanceOf(GitHubException.class);
    }
}
