package tw.jiaohao.board.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of our own, as a child process on a port of our choosing, so a test can
 * stop and restart it (Debian's /usr/sbin/mosquitto; no persistence, so a restart loses every
 * retained message — publishers must publish again).
 */
public final class MosquittoProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    public MosquittoProcess(int port) throws IOException {
        this.port = port;
        this.dir = Files.createTempDirectory("board-mosquitto-");
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                log_dest stderr
                """.formatted(port));
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not start on port " + port + "; see " + dir.resolve("mosquitto.log"));
                }
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Kills the broker at once (as a power cut or crash would) and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
