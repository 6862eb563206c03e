package tw.jiaohao.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.testing.FiguresAssert;
import tw.jiaohao.hub.testing.PostgresDatabase;
import tw.jiaohao.hub.testing.ReferenceFigures;
import tw.jiaohao.hub.testing.SyntheticOffice;
import tw.jiaohao.protocol.event.OfficeEvent;

/** The hub store's contract ({@link SqliteHubStoreIT}'s tests) on PostgreSQL: a fresh database per test, dropped after. */
class PostgresHubStoreIT extends SqliteHubStoreIT {
    private PostgresDatabase pg;

    @Override
    protected HubDatabase openDatabase(Path dir) {
        pg = PostgresDatabase.create("store");
        return HubDatabase.open(pg.settings());
    }

    @Override
    protected void dropDatabase() {
        pg.close();
    }

    /**
     * Two writers on one database, as two hub instances: each keeps tickets and rollup cells
     * cached between its batches, and must drop them when the other wrote in between, or it
     * would write back counts and ticket facts the other has moved on from.
     */
    @Test
    void twoInstancesWritingInTurn_keepTicketsAndRollupsExact() {
        List<OfficeEvent> events = new SyntheticOffice("north", 5).day(DAY, 300);
        int stored = 0;
        try (SqliteHubStore other = newStore()) {
            for (int from = 0, turn = 0; from < events.size(); from += 37, turn++) {
                SqliteHubStore writer = turn % 2 == 0 ? store : other;
                stored += writer.write(events.subList(from, Math.min(events.size(), from + 37)), List.of()).stored();
            }
        }
        assertThat(stored).isEqualTo(events.size());
        FiguresAssert.matches(OfficeFigures.of("north", DAY, DAY, store.rollups("north", DAY, DAY)), ReferenceFigures.of(events));
    }
}
