package dev.ownergate.app.store;

import dev.ownergate.app.webhook.Work;
import java.time.Instant;

/**
 * A job that ran out of retries. Its pull request was left failing (never passing); it stays here until an
 * admin re-queues it or a later event for the same key succeeds.
 *
 * @param id         stable identifier, for the admin page's re-queue button
 * @param repo       {@code owner/name}, lower-cased as in the key
 * @param number     the pull request, 0 when the job was not about one
 */
public record DeadLetter(long id, String key, Work work, String repo, int number, String deliveryId, int attempts,
                         String lastError, Instant failedAt) {}
