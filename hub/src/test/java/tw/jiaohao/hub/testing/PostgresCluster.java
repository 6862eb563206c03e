package tw.jiaohao.hub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own ({@code initdb} and {@code pg_ctl} of the installed
 * PostgreSQL, {@code /usr/lib/postgresql/<newest>/bin}), on 127.0.0.1 and a free port, trust
 * login for {@code postgres}, in a temporary folder deleted at {@link #close()}: a system test can
 * restart it (the shared server at 5432 serves other tests). Run as root, the server runs as the
 * {@code postgres} user ({@code runuser}), as PostgreSQL refuses root. Missing binaries fail the
 * test.
 */
public final class PostgresCluster implements AutoCloseable {
    private static final String USER = "postgres";
    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    private PostgresCluster(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** Makes a new cluster in a temporary folder and starts it, with database {@code jiaohao}. */
    public static PostgresCluster start() throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin: install PostgreSQL"));
        }
        Path dir = Files.createTempDirectory("jiaohao-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresCluster cluster = new PostgresCluster(dir, bin, port);
        try {
            if (cluster.root) {
                run(List.of("chown", USER, dir.toString()));
            }
            cluster.ctl(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--no-sync"));
            cluster.startServer();
            try (Connection c = DriverManager.getConnection(cluster.url("postgres"), USER, ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE jiaohao TEMPLATE template0 ENCODING 'UTF8'");
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startServer() throws Exception {
        ctl(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start"));
    }

    /** Restarts the server (fast shutdown: every connection is cut, as a failover or a crash-restart would). */
    public void restart() throws Exception {
        ctl(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        startServer();
    }

    public String url() {
        return url("jiaohao");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The hub configuration keys that point a hub here. */
    public Map<String, String> hubConfig() {
        return Map.of("db.url", url(), "db.user", USER, "db.password", "");
    }

    /** A plain connection, for a test's own look. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** The server's log (for a failure's message). */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void ctl(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                ctl(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            }
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }
}
