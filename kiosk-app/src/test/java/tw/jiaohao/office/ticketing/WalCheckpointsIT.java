package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.protocol.counter.CommandAction.OPEN;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;

/**
 * The WAL's checkpoint off the callers' path ({@link WalCheckpoints}, docs/office-node/QUEUE.md,
 * "Store"): SQLite starts a new round of its WAL file — a new header, synced, with new salts — on the
 * first commit after a complete checkpoint. The engine's own thread must make both the checkpoint and
 * that first commit, so no ticket pays for either.
 */
class WalCheckpointsIT {
    private static final Instant MORNING = Instant.parse("2026-11-23T01:00:00Z"); // 09:00 Taipei
    @TempDir
    Path dir;

    @Test
    void theNodeCheckpointsTheWalItselfAfterEveryFewDozenChanges() throws Exception {
        MutableClock clock = new MutableClock(MORNING);
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(1, OPEN); // a change too
            for (int round = 1; round <= 2; round++) {
                for (int i = round == 1 ? 1 : 0; i < WalCheckpoints.EVERY; i++) {
                    assertThat(checkpoints(office)).as("before change %d of round %d", i + 1, round).isEqualTo(round - 1);
                    office.engine.issue(i % 2 == 0 ? "A" : "C");
                    clock.advance(Duration.ofSeconds(5));
                }
                assertThat(office.engine.awaitQuiet(Duration.ofSeconds(10))).isTrue();
                assertThat(checkpoints(office)).isEqualTo(round);
            }
        }
    }

    @Test
    void aCompleteCheckpointStartsTheWalAgainWithItsOwnWrite_soTheNextTicketWritesNoNewHeader() throws Exception {
        MutableClock clock = new MutableClock(MORNING);
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            Path wal = Path.of(office.engine.database().file().toAbsolutePath() + "-wal");
            office.command(1, OPEN);
            for (int i = 0; i < 10; i++) { // fewer changes than WalCheckpoints.EVERY: the engine's thread stays asleep
                office.engine.issue("A");
            }
            long before = walSalt(wal);
            OfficeDatabase.Checkpoint done = office.engine.database().checkpoint();
            assertThat(done.complete()).isTrue();
            assertThat(done.frames()).isPositive();
            long restarted = walSalt(wal);
            assertThat(restarted).as("the WAL's salt after the checkpoint").isNotEqualTo(before);
            office.engine.issue("A");
            assertThat(walSalt(wal)).as("the WAL's salt after the next ticket").isEqualTo(restarted);
        }
    }

    @Test
    void aCheckpointWithNothingNewToCopyStillAnswers() {
        MutableClock clock = new MutableClock(MORNING);
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            office.command(1, OPEN);
            office.engine.issue("A");
            OfficeDatabase.Checkpoint first = office.engine.database().checkpoint();
            assertThat(first.complete()).isTrue();
            assertThat(first.frames()).isPositive();
            OfficeDatabase.Checkpoint again = office.engine.database().checkpoint();
            assertThat(again.frames()).isPositive(); // the first one's own write to start the WAL again
            assertThat(office.engine.issue("A").number()).isEqualTo("A002");
        }
    }

    private static int checkpoints(TestOffice office) {
        String count = office.engine.database().transaction(c -> NodeMeta.get(c, "wal-checkpoints"));
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** The WAL header's first salt (bytes 16–19): SQLite draws a new one whenever the WAL starts again from its beginning. */
    private static long walSalt(Path wal) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(32);
        try (FileChannel ch = FileChannel.open(wal)) {
            ch.read(header, 0);
        }
        return header.getInt(16) & 0xffffffffL;
    }
}
