package dev.ownergate.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded database's restart after a crash. H2 marks its file as in use with {@code ownergate.lock.db} and,
 * finding one left by a process that died, takes it over only after waiting 2 seconds to see whether anyone
 * still writes it (its {@code FILE} lock protocol, which {@code AUTO_SERVER} needs); with the checks around it,
 * over 3 seconds of every restart after a {@code kill -9}.
 *
 * <p>A process of ours holds an operating-system lock on {@code ownergate.process.lock} while it has the database
 * open; the kernel releases it the moment the process dies. Holding it, we know no other Ownergate process owns
 * the file. A leftover H2 lock file is then removed only when it also names the {@code AUTO_SERVER} address of
 * its owner and that address refuses connections: a live owner's server accepts them, whoever started it. Any
 * doubt (no address, a timeout, an answer) leaves the file to H2's own protocol.
 */
final class EmbeddedLock implements AutoCloseable {
    static final String FILE_NAME = "ownergate.process.lock";
    static final String H2_LOCK_FILE = "ownergate.lock.db";
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);

    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, when no other process holds it. */
    static Optional<EmbeddedLock> tryTake(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new EmbeddedLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldInThisProcess) {
            // another store of this process has the file open
        }
        channel.close();
        return Optional.empty();
    }

    /**
     * Removes H2's lock file in {@code dataDir} if its owner is gone: its {@code AUTO_SERVER} address refuses
     * connections. Call only while holding this lock. Returns whether it removed one.
     */
    boolean removeStaleH2Lock(Path dataDir) throws IOException {
        Path h2Lock = dataDir.resolve(H2_LOCK_FILE);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(h2Lock)) {
            properties.load(in);
        } catch (java.nio.file.NoSuchFileException none) {
            return false;
        }
        String server = properties.getProperty("server");
        if (!"file".equals(properties.getProperty("method")) || server == null || server.lastIndexOf(':') < 0) {
            return false;
        }
        int colon = server.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(server.substring(0, colon), port), (int) PROBE_TIMEOUT.toMillis());
            return false; // someone answers: leave it to H2
        } catch (ConnectException refused) {
            return Files.deleteIfExists(h2Lock);
        } catch (IOException timeoutOrUnreachable) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends or the store closes; the kernel drops the lock with the file handle
        }
    }
}
