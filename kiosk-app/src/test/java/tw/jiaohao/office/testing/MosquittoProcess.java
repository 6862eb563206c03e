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
 * its folder (so persistent sessions survive a restart).
 */
public final class MosquittoProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static MosquittoProcess start(Path dir) {
        MosquittoProcess m = new MosquittoProcess(dir, EmbeddedBroker.freePort());
        m.start();
        return m;
    }

    public synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\n"
                    + "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\nautosave_interval 1\n"
                    // started as root, Mosquitto drops to user mosquitto, which cannot write our temp folder
                    + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
            process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    new Socket("127.0.0.1", port).close();
                    return;
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
