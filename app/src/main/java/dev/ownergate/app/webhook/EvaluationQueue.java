package dev.ownergate.app.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work keyed by what it is about (one pull request, one merge group), so that:
 * <ul>
 *   <li>work for one key runs one at a time, in order;</li>
 *   <li>a burst for one key collapses: while a task waits or runs, newer submissions replace the waiting one,
 *       so at most one more run follows the current one, and it reads GitHub afresh;</li>
 *   <li>a failed task is retried with backoff per the {@link RetryPolicy}, unless newer work replaced it.</li>
 * </ul>
 * Closing lets running and already-started work finish; work never started stays unstarted (reconciliation
 * redoes it after a restart), so nothing is half-applied.
 */
public final class EvaluationQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationQueue.class);

    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private enum State { QUEUED, RUNNING, WAITING_RETRY }

    private static final class Slot {
        Task task;
        State state;
        boolean rerun;
        int attempts;
    }

    private final ExecutorService workers;
    private final Semaphore running;
    private final ScheduledExecutorService timer;
    private final RetryPolicy retry;
    private final Map<String, Slot> slots = new HashMap<>();
    private boolean closed;

    /**
     * @param maxRunning how many keys may run at once. Each run is a virtual thread: evaluations mostly wait on
     *                   GitHub, so many can be in flight, while their CPU work shares the virtual-thread
     *                   scheduler's carriers (see {@code OwnergateMain}: half the cores, so webhook
     *                   acknowledgements keep the rest).
     */
    public EvaluationQueue(int maxRunning, RetryPolicy retry) {
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ownergate-eval-", 1).factory());
        this.running = new Semaphore(maxRunning, true); // fair: keys start in the order they were queued
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ownergate-retry");
            t.setDaemon(true);
            return t;
        });
        this.retry = retry;
    }

    /** Queues the task; false when the queue is closing and took nothing. */
    public synchronized boolean submit(String key, Task task) {
        if (closed) {
            return false;
        }
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = new Slot();
            slot.task = task;
            slot.state = State.QUEUED;
            slots.put(key, slot);
            dispatch(key);
            return true;
        }
        slot.task = task; // coalesce: the newest request wins, it reads GitHub afresh anyway
        if (slot.state == State.RUNNING) {
            slot.rerun = true;
        }
        return true;
    }

    /** Keys with work waiting, running or due for a retry. */
    public synchronized int depth() {
        return slots.size();
    }

    /** Waits until nothing is waiting, running or due for retry. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!slots.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void dispatch(String key) {
        workers.execute(() -> run(key));
    }

    private void run(String key) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            runHoldingPermit(key);
        } finally {
            running.release();
        }
    }

    private void runHoldingPermit(String key) {
        Task task;
        synchronized (this) {
            Slot slot = slots.get(key);
            if (slot == null || closed) {
                return; // closing: work not yet started stays unstarted
            }
            slot.state = State.RUNNING;
            slot.rerun = false;
            task = slot.task;
        }
        Throwable failure = null;
        try {
            task.run();
        } catch (Exception e) {
            failure = e;
        } catch (Error e) {
            failure = e;
            LOG.error("evaluation of {} crashed", key, e);
        }
        synchronized (this) {
            Slot slot = slots.get(key);
            if (failure == null) {
                settle(key, slot);
                return;
            }
            slot.attempts++;
            Optional<Duration> delay = retry.delay(failure, slot.attempts);
            if (delay.isEmpty()) {
                LOG.warn("giving up on {} after {} attempt(s): {}", key, slot.attempts, failure.toString());
                settle(key, slot);
                return;
            }
            LOG.info("retrying {} in {} ms (attempt {}): {}", key, delay.get().toMillis(), slot.attempts + 1,
                    failure.getMessage());
            slot.state = State.WAITING_RETRY;
            slot.rerun = false;
            if (!closed) {
                timer.schedule(() -> retryNow(key), delay.get().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void retryNow(String key) {
        Slot slot = slots.get(key);
        if (slot != null && slot.state == State.WAITING_RETRY && !closed) {
            requeue(key, slot);
        }
    }

    /** Done with this run (passed or given up): run again if work arrived meanwhile, else forget the key. */
    private void settle(String key, Slot slot) {
        slot.attempts = 0;
        if (slot.rerun) {
            requeue(key, slot);
        } else {
            slots.remove(key);
            notifyAll();
        }
    }

    private void requeue(String key, Slot slot) {
        slot.state = State.QUEUED;
        slot.rerun = false;
        if (closed) {
            return;
        }
        dispatch(key);
    }

    /**
     * Stops taking work, lets running tasks finish within {@code grace}, and drops what never started.
     * @return the number of keys whose work did not run
     */
    public int close(Duration grace) throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
        synchronized (this) {
            int left = slots.size();
            slots.clear();
            notifyAll();
            return left;
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
