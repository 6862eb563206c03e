package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.EventOutbox.StoredEvent;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The outbox as a mark ({@link EventLog}): every event up to the mark was acknowledged, so the
 * unsent events are those above it, less the ones acknowledged above a hole while the node runs.
 * Acknowledgements out of order, the page limit, a restart (at least once), and events the hub
 * gives back counted as sent. A real office database.
 */
class OutboxMarkIT {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T01:00:00Z"); // 09:00 Taipei

    private List<Long> issue(TestOffice office, int n) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(office.engine.issue("A").seq());
            clock.advance(Duration.ofSeconds(30));
        }
        return seqs;
    }

    private static List<Long> unsent(TestOffice office, long after, int limit) {
        return office.engine.pending(after, limit).stream().map(StoredEvent::seq).toList();
    }

    private static long mark(TestOffice office) {
        return office.db.transaction(EventLog::sentUpTo);
    }

    @Test
    void acknowledgementsOutOfOrder_areNotPublishedAgain_andTheMarkMovesOnceTheHoleIsAcknowledged() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            assertThat(issue(office, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(office.engine.pendingCount()).isEqualTo(5);
            office.engine.markSent(List.of(2L, 3L));
            assertThat(unsent(office, 0, 10)).containsExactly(1L, 4L, 5L);
            assertThat(office.engine.pendingCount()).isEqualTo(3);
            assertThat(mark(office)).as("a hole at 1").isZero();
            office.engine.markSent(List.of(1L));
            assertThat(mark(office)).isEqualTo(3);
            assertThat(unsent(office, 0, 10)).containsExactly(4L, 5L);
            office.engine.markSent(List.of(4L, 5L, 3L)); // again: no harm
            assertThat(mark(office)).isEqualTo(5);
            assertThat(unsent(office, 0, 10)).isEmpty();
            assertThat(office.engine.pendingCount()).isZero();
        }
    }

    @Test
    void aPageHoldsUpToTheLimitOfUnsentEvents_pastTheAcknowledgedOnes() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            issue(office, 8);
            office.engine.markSent(List.of(2L, 3L, 4L, 6L));
            assertThat(unsent(office, 0, 2)).containsExactly(1L, 5L);
            assertThat(unsent(office, 1, 2)).containsExactly(5L, 7L);
            assertThat(unsent(office, 5, 100)).containsExactly(7L, 8L);
        }
    }

    @Test
    void afterARestart_theMarkHolds_andEventsAcknowledgedAboveAHoleArePublishedAgain() {
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            issue(office, 4);
            office.engine.markSent(List.of(1L, 3L, 4L));
        }
        try (TestOffice office = new TestOffice(TestOffice.defaultConfig(dir), clock)) {
            assertThat(mark(office)).isEqualTo(1);
            assertThat(unsent(office, 0, 10)).as("at least once").containsExactly(2L, 3L, 4L);
            office.engine.markSent(List.of(2L, 3L, 4L));
            assertThat(office.engine.pendingCount()).isZero();
            assertThat(issue(office, 1)).containsExactly(5L);
            assertThat(unsent(office, 0, 10)).containsExactly(5L);
        }
    }

    @Test
    void eventsTheHubGivesBack_countAsSent_whenEverythingBeforeThemWasAcknowledged() {
        JsonCodec codec = new JsonCodec();
        List<OfficeEvent> history = new ArrayList<>();
        try (TestOffice office = new TestOffice(TestOffice.config(dir.resolve("before"), ""), clock)) {
            issue(office, 4);
            for (StoredEvent e : office.engine.range(1, 4, 10)) {
                history.add(((Decoded.Accepted<OfficeEvent>) codec.decode(e.payload(), OfficeEvent.class)).message());
            }
        }
        try (TestOffice office = new TestOffice(TestOffice.config(dir.resolve("restored"), ""), clock)) {
            assertThat(office.engine.hubRestore().importEvents(history.subList(0, 2))).isEqualTo(2);
            assertThat(mark(office)).isEqualTo(2);
            assertThat(office.engine.pendingCount()).isZero();
            assertThat(office.engine.hubRestore().importEvents(history.subList(2, 4))).isEqualTo(2);
            assertThat(unsent(office, 0, 10)).isEmpty();
            assertThat(issue(office, 1)).containsExactly(5L);
            assertThat(unsent(office, 0, 10)).as("the node's own events are unsent").containsExactly(5L);
        }
    }
}
