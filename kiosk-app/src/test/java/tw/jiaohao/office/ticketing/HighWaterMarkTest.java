package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.Await;

/** The high-water mark beside the database: never lowered but by force, its copy, and the writes off the committing thread. */
class HighWaterMarkTest {
    @TempDir
    Path dir;

    @Test
    void theHighWaterMark_isNeverLoweredByRecording_onlyByForce_andItsCopyFollows() throws Exception {
        Path db = dir.resolve("office.db");
        Path copy = Files.createDirectories(dir.resolve("backups")).resolve("o.highwater");
        Files.writeString(Path.of(db + ".highwater"), "102");
        HighWaterMark mark = new HighWaterMark(db, copy);
        mark.record(101); // an import that stopped at what head office holds
        assertThat(mark.behind(101)).as("still behind: the evidence is kept").hasValue(102);
        mark.force(101); // staff confirmed
        assertThat(mark.behind(101)).isEmpty();
        assertThat(Files.readString(copy).strip()).isEqualTo("101");
        Files.writeString(Path.of(db + ".highwater"), "restored");
        HighWaterMark restored = new HighWaterMark(db, copy);
        restored.record(50);
        assertThat(restored.behind(50)).as("a restore is settled only by force").hasValue(Long.MAX_VALUE);
        Files.delete(Path.of(db + ".highwater"));
        assertThat(new HighWaterMark(db, copy).why(0)).as("mark lost, its copy says there was history")
                .hasValueSatisfying(b -> assertThat(b.why()).contains("at least seq 101"));
    }

    @Test
    void recordSoon_writesOnItsOwnThread_theNewestOfABurst_andNeverLowers() {
        Path db = dir.resolve("office.db");
        HighWaterMark mark = new HighWaterMark(db);
        try {
            for (long seq = 1; seq <= 500; seq++) {
                mark.recordSoon(seq);
            }
            mark.recordSoon(7); // late, lower: never lowers the file
            Await.until("the newest seq of the burst in the file", Duration.ofSeconds(5),
                    () -> mark.read() instanceof HighWaterMark.Seq s && s.seq() == 500);
            assertThat(mark.behind(499)).hasValue(500);
            assertThat(mark.behind(500)).isEmpty();
        } finally {
            mark.close();
        }
    }

    @Test
    void closeWritesWhatIsPending_soAStoppedNodeLeavesItsMark() {
        Path db = dir.resolve("office.db");
        HighWaterMark mark = new HighWaterMark(db);
        mark.recordSoon(3);
        mark.recordSoon(9);
        mark.close();
        assertThat(mark.read()).isEqualTo(new HighWaterMark.Seq(9));
    }
}
