package tw.jiaohao.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Mosquitto ({@code /usr/sbin/mosquitto}) child process on 127.0.0.1 and a free port,
 * with persistence in its folder, for the hub's system tests. {@code maxQueuedMessages} is
 * Mosquitto's per-client queue limit (its default is 1000): past it, messages for an absent
 * persistent session are dropped — which the hub must repair by replay requests.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int maxQueuedMessages;
    private Process process;

    public Mosquitto(Path dir, int maxQueuedMessages) {
        this.dir = dir;
        this.maxQueuedMessages = maxQueuedMessages;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized Mosquitto start() {
        if (process != null) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                    + "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\nautosave_interval 1\n"
                    + "max_queued_messages " + maxQueuedMessages + "\n"
                    // started as root, Mosquitto drops to user mosquitto, which cannot write the test's folder
                    + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
            process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return this;
                } catch (IOException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto did not start on port " + port + "; see " + dir.resolve("mosquitto.log"));
                    }
                    LockSupport.parkNanos(20_000_000);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (Mosquitto saves its sessions) and wait. */
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
