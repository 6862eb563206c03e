package tw.jiaohao.hub.store;

import java.nio.file.Path;
import tw.jiaohao.hub.db.HubDatabase;
import tw.jiaohao.hub.testing.PostgresDatabase;

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
}
