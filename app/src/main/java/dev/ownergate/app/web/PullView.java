package dev.ownergate.app.web;

import java.util.List;

/** The page of one pull request: its decisions, newest first; the first one stands. */
public record PullView(Header header, String repo, int number, List<ShownDecision> decisions) {
    public String subject() {
        return number > 0 ? repo + "#" + number : repo;
    }
}
