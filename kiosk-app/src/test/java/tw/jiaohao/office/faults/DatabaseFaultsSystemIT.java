package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.OfficeNodeMain;
import tw.jiaohao.office.ticketing.DamagedDatabaseException;
import tw.jiaohao.office.ticketing.OfficeDatabase;

/**
 * The office database file itself is damaged: refused at start with the restore command and no
 * stack trace. (A file that lost commits — truncated, or its -wal deleted after SIGKILL — is tested
 * through the real topology with the hub: hub e2e FaultsThroughBridgeSystemIT.) Child JVMs; tagged system.
 */
@Tag("system")
class DatabaseFaultsSystemIT {
    @TempDir
    Path dir;

    @Test
    void aDamagedDatabase_isRefusedAtStart_withTheRestoreCommand_andNoStackTrace() throws Exception {
        Path db = dir.resolve("office.db");
        OfficeDatabase.open(db, "damaged-office").close();
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) { // pages 2.. overwritten, the header kept
            f.seek(4096);
            f.write(new byte[8192]);
            f.seek(4096 + 100);
            f.write("this is not a b-tree page".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> OfficeDatabase.open(db, "damaged-office")).isInstanceOf(DamagedDatabaseException.class)
                .hasMessageContaining("jiaohao-restore --to " + db.toAbsolutePath());

        Path garbage = dir.resolve("garbage.db");
        Files.writeString(garbage, "x".repeat(5000));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OfficeNodeMain.class.getName(),
                "--db", garbage.toString(), "--broker", "tcp://127.0.0.1:1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.printf("damaged database: exit %d, output:%n%s%n", p.exitValue(), out);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("is damaged").contains("jiaohao-restore --to").contains("docs/OPERATIONS.md")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aNewDatabase_isIncrementalAutoVacuum_fromItsFirstStart() throws Exception {
        Path db = dir.resolve("new.db");
        OfficeDatabase.open(db, "new-office").close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA auto_vacuum")) {
            r.next();
            assertThat(r.getInt(1)).as("2 = INCREMENTAL, set by the connection that created the schema").isEqualTo(2);
        }
    }
}
