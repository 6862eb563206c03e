package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointIT {
    @TempDir
    Path dir;

    @Test
    void theWriter_leavesCheckpointsToTheCheckpointer_andKeepsOnlyABackstop() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            int pages = db.transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                    return r.next() ? r.getInt(1) : -1;
                }
            });
            assertThat(pages).isEqualTo(WalCheckpointer.WRITER_BACKSTOP_PAGES).isGreaterThan(1000);
        }
    }

    @Test
    void committedChanges_reachTheDatabaseFileItself_withoutAnotherCommit() throws Exception {
        Path file = dir.resolve("office.db");
        try (OfficeDatabase db = OfficeDatabase.open(file, "office-1")) {
            long before = db.checkpoints();
            for (int i = 0; i < 50; i++) {
                int n = i;
                db.transaction(c -> {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO node_meta (key, value) VALUES (?, ?)")) {
                        s.setString(1, "probe-" + n);
                        s.setString(2, "x".repeat(500));
                        return s.executeUpdate();
                    }
                });
            }
            // the file alone, without its log, is what a copy taken without SQLite would hold
            waitUntil(Duration.ofSeconds(10), () -> rowsInTheFileAlone(file) == 50);
            assertThat(db.checkpoints()).isGreaterThan(before);
        }
    }

    @Test
    void closingTheDatabase_stopsItsCheckpointThread() {
        long others = checkpointThreads();
        OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1");
        assertThat(checkpointThreads()).isEqualTo(others + 1);
        db.close();
        waitUntil(Duration.ofSeconds(10), () -> checkpointThreads() == others);
    }

    private long rowsInTheFileAlone(Path file) {
        try {
            Path copy = Files.createTempDirectory(dir, "copy").resolve("alone.db");
            Files.copy(file, copy);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM node_meta WHERE key LIKE 'probe-%'")) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (java.io.IOException | SQLException e) {
            return -1;
        }
    }

    private static long checkpointThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("office-db-checkpoint") && t.isAlive()).count();
    }

    private static void waitUntil(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
