package dev.ownergate.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
    /** A GitHub where tokens are "token-LOGIN", with readers per repository, org admins and one team. */
    static final class FakeUsers implements UserDirectory {
        final Map<String, Set<String>> readers = new HashMap<>();
        final Map<String, Set<String>> orgAdmins = new HashMap<>();
        final Map<String, Set<String>> teams = new HashMap<>();
        int calls;
        boolean down;

        private String login(String token, boolean count) throws IOException {
            if (down) {
                throw new IOException("GitHub is down");
            }
            if (count) {
                calls++;
            }
            return token.substring("token-".length());
        }

        @Override
        public String login(String userToken) throws IOException {
            return login(userToken, true);
        }

        @Override
        public boolean canRead(String userToken, String repo) throws IOException {
            return readers.getOrDefault(repo, Set.of()).contains(login(userToken, true));
        }

        @Override
        public boolean isOrgAdmin(String userToken, String org) throws IOException {
            return orgAdmins.getOrDefault(org, Set.of()).contains(login(userToken, true));
        }

        @Override
        public Optional<Set<String>> teamMembers(String org, String slug) throws IOException {
            if (down) {
                throw new IOException("GitHub is down");
            }
            calls++;
            return Optional.ofNullable(teams.get(org + "/" + slug));
        }
    }

    final FakeUsers users = new FakeUsers();
    final Access access = new Access(users, Optional.of("acme/admins"), () -> List.of("acme", "beta"));

    static Viewer.User user(String login) {
        return new Viewer.User(login, "token-" + login);
    }

    @Test
    void aReaderSeesTheRepositoryAndNoOneElseDoes() {
        users.readers.put("acme/app", Set.of("viv"));

        assertThat(access.maySee(user("viv"), "acme/app")).isTrue();
        assertThat(access.maySee(user("mal"), "acme/app")).isFalse();
        assertThat(access.maySee(user("viv"), "acme/vault")).isFalse();
    }

    @Test
    void theAdminTeamAdministersEveryInstalledOrganization() {
        users.teams.put("acme/admins", Set.of("ada"));

        assertThat(access.isAdmin(user("ada"))).isTrue();
        assertThat(access.isFullAdmin(user("ada"))).isTrue();
        assertThat(access.adminOrgs(user("ada"))).containsExactly("acme", "beta");
        assertThat(access.maySee(user("ada"), "beta/app")).isTrue();
    }

    @Test
    void anOrgAdminAdministersOnlyTheirOrganization() {
        users.orgAdmins.put("beta", Set.of("bo"));

        assertThat(access.isAdmin(user("bo"))).isTrue();
        assertThat(access.isFullAdmin(user("bo"))).isFalse();
        assertThat(access.adminOrgs(user("bo"))).containsExactly("beta");
        assertThat(access.mayAdminister(user("bo"), "beta/app")).isTrue();
        assertThat(access.mayAdminister(user("bo"), "acme/app")).isFalse();
    }

    @Test
    void someoneElseIsNoAdmin() {
        assertThat(access.isAdmin(user("viv"))).isFalse();
        assertThat(access.adminOrgs(user("viv"))).isEmpty();
    }

    @Test
    void theAdminTokenMayDoEverything() {
        Viewer token = new Viewer.AdminToken();

        assertThat(access.maySee(token, "acme/vault")).isTrue();
        assertThat(access.isFullAdmin(token)).isTrue();
        assertThat(users.calls).isZero();
    }

    @Test
    void answersAreReusedSoAPageViewCostsNoCallsTheSecondTime() {
        users.readers.put("acme/app", Set.of("viv"));
        access.maySee(user("viv"), "acme/app");
        int first = users.calls;

        access.maySee(user("viv"), "acme/app");

        assertThat(users.calls).isEqualTo(first);
    }

    @Test
    void whenGitHubCannotBeAskedTheAnswerIsNo() {
        users.readers.put("acme/app", Set.of("viv"));
        users.teams.put("acme/admins", Set.of("viv"));
        users.down = true;

        assertThat(access.maySee(user("viv"), "acme/app")).isFalse();
        assertThat(access.isAdmin(user("viv"))).isFalse();
        users.down = false;
        assertThat(access.maySee(user("viv"), "acme/app")).as("a failure is not remembered").isTrue();
    }

    @Test
    void adminTeamNamesAreOrgSlashSlug() {
        assertThat(Access.validTeamName("acme/ownergate-admins")).isTrue();
        assertThat(Access.validTeamName("acme")).isFalse();
        assertThat(Access.validTeamName("@acme/x")).isFalse();
        assertThat(Access.validTeamName("acme/x/y")).isFalse();
    }
}
