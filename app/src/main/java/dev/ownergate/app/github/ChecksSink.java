package dev.ownergate.app.github;

import java.io.IOException;
import java.util.List;

/** Where check runs go, and what is already there. */
public interface ChecksSink {

    void post(String repo, CheckRunPost run) throws IOException;

    /** The latest check runs of that name on a commit. */
    List<CheckRunInfo> checkRuns(String repo, String sha, String name) throws IOException;
}
