package tw.jiaohao.office.install;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tw.jiaohao.office.testing.Await;

/** A real Mosquitto started as a child process with a given configuration file; its log goes to a file. */
public final class MosquittoProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path log;
    public final int port;

    private MosquittoProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Mosquitto and waits until {@code port} accepts connections. */
    static MosquittoProcess start(Path conf, int port, Path log) throws IOException {
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString(), "-v")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MosquittoProcess m = new MosquittoProcess(p, log, port);
        Await.until("mosquitto listening on " + port, Duration.ofSeconds(10), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("mosquitto exited with " + p.exitValue() + ":\n" + m.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return m;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
