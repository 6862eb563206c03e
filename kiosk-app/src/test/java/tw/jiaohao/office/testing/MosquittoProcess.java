package tw.jiaohao.office.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto ({@code /usr/sbin/mosquitto}) as a child process on 127.0.0.1 and a free
 * port, for system tests. It can be stopped and started again on the same port. Configured
 * like an office broker: anonymous on loopback, {@code set_tcp_nodelay true}, persistence in
 * its folder (so persistent sessions survive a restart). Its log, appended across restarts, is
 * {@code mosquitto.log} in the folder.
 */
public final class MosquittoProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    private MosquittoProcess(Path dir, int port, String extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    public static MosquittoProcess start(Path dir) {
        return new MosquittoProcess(dir, EmbeddedBroker.freePort(), "").start();
    }

    /**
     * Like {@link #start(Path)}, not started yet, with Mosquitto's per-client queue limit
     * {@code max_queued_messages} (its default is 1000): past it, messages for an absent
     * persistent session are dropped.
     */
    public static MosquittoProcess withMaxQueuedMessages(Path dir, int maxQueuedMessages) {
        return new MosquittoProcess(dir, EmbeddedBroker.freePort(), "max_queued_messages " + maxQueuedMessages + "\n");
    }

    /**
     * Like {@link #start(Path)}, started, publishing {@code $SYS/broker/clients/connected} every
     * second: the number of clients connected, for tests that count a process's connections.
     */
    public static MosquittoProcess counting(Path dir) {
        return new MosquittoProcess(dir, EmbeddedBroker.freePort(), "sys_interval 1\n").start();
    }

    public synchronized MosquittoProcess start() {
        if (process != null) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\n"
                    + "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\nautosave_interval 1\n"
                    + extraConfig
                    // started as root, Mosquitto drops to user mosquitto, which cannot write our temp folder
                    + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
            process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return this;
                } catch (IOException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto did not start on port " + port + "; see " + dir.resolve("mosquitto.log"));
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Mosquitto with SIGTERM (it saves its persistence file) and waits for it. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
