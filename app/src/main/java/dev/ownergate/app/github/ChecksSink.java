package dev.ownergate.app.github;

import java.io.IOException;
import java.util.List;

/** Where check runs go, and what is already there. */
public interface ChecksSink {

    void post(String repo, CheckRunPost run) throws IOException;

    /**
     * The check runs this App posted on a commit, whatever their name: a repository's policy may rename the
     * check, and an older name may still stand on the commit.
     */
    List<CheckRunInfo> ourCheckRuns(String repo, String sha) throws IOException;
}
