package dev.ownergate.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database after a crash: a dead owner's H2 lock file goes at once, a live owner's never. */
class EmbeddedLockTest {
    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLiveOwnersLockIsKeptAndItsDeathFreesTheFileAtOnce() throws Exception {
        child = holdStore();
        Path h2Lock = dir.resolve(EmbeddedLock.H2_LOCK_FILE);
        assertThat(h2Lock).exists();
        assertThat(EmbeddedLock.tryTake(dir)).as("the child holds the process lock").isEmpty();

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        child = null;
        assertThat(h2Lock).as("kill -9 leaves H2's lock file behind").exists();

        try (EmbeddedLock lock = EmbeddedLock.tryTake(dir).orElseThrow()) {
            assertThat(lock.removeStaleH2Lock(dir)).as("its owner's address refuses connections").isTrue();
        }
        assertThat(h2Lock).doesNotExist();
        try (JdbcStore store = JdbcStore.open(StoreSettings.embedded(dir), 2)) {
            assertThat(store.state("written-by")).as("nothing committed is lost").hasValue("the child");
        }
    }

    @Test
    void afterAKillTheStoreOpensAndHoldsTheProcessLockUntilClosed() throws Exception {
        child = holdStore();
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        child = null;

        try (JdbcStore store = JdbcStore.open(StoreSettings.embedded(dir), 2)) {
            assertThat(store.state("written-by")).hasValue("the child");
            assertThat(EmbeddedLock.tryTake(dir)).as("the open store holds the process lock").isEmpty();
        }
        assertThat(EmbeddedLock.tryTake(dir)).as("released on close").isPresent().get()
                .satisfies(EmbeddedLock::close);
    }

    @Test
    void aLockFileWhoseAddressAnswersOrIsMissingIsLeftToH2() throws Exception {
        Path h2Lock = dir.resolve(EmbeddedLock.H2_LOCK_FILE);
        try (ServerSocket live = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             EmbeddedLock lock = EmbeddedLock.tryTake(dir).orElseThrow()) {
            Files.writeString(h2Lock, "method=file\nid=x\nserver=127.0.0.1:" + live.getLocalPort() + "\n");
            assertThat(lock.removeStaleH2Lock(dir)).as("someone answers").isFalse();
            Files.writeString(h2Lock, "method=file\nid=x\n");
            assertThat(lock.removeStaleH2Lock(dir)).as("no AUTO_SERVER address").isFalse();
            Files.writeString(h2Lock, "method=socket\nserver=127.0.0.1:1\n");
            assertThat(lock.removeStaleH2Lock(dir)).as("another lock method").isFalse();
        }
        assertThat(h2Lock).exists();
    }

    private Process holdStore() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                HoldEmbeddedStore.class.getName(), dir.toString())).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("open")) {
                return p;
            }
        }
        throw new AssertionError("the child did not open the store: exit " + p.waitFor());
    }
}
