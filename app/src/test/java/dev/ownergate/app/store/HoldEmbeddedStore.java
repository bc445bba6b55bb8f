package dev.ownergate.app.store;

import java.nio.file.Path;

/** A child process for {@link EmbeddedLockTest}: opens the embedded store in a folder, writes, and waits to be killed. */
public final class HoldEmbeddedStore {
    public static void main(String[] args) throws Exception {
        JdbcStore store = JdbcStore.open(StoreSettings.embedded(Path.of(args[0])), 2);
        store.state("written-by", "the child");
        System.out.println("open");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
