package dev.ownergate.app.github;

import java.io.IOException;

/** Replies on a pull request's conversation (needs the App's Issues write, or Pull requests write). */
public interface IssueComments {

    void comment(String repo, int number, String body) throws IOException;
}
