package tw.jiaohao.hub.testing;

import java.nio.file.Path;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * The hub database a store test runs on: the SQLite file in the test's folder, or a fresh
 * PostgreSQL database ({@link PostgresDatabase}) dropped at {@link #close()}. Opened (and
 * migrated) at the first {@link #db()}.
 */
public final class TestDatabase implements AutoCloseable {
    private final Path file;
    private final PostgresDatabase pg;
    private HubDatabase db;

    private TestDatabase(Path file, PostgresDatabase pg) {
        this.file = file;
        this.pg = pg;
    }

    public static TestDatabase sqlite(Path dir) {
        return new TestDatabase(dir.resolve("hub.db"), null);
    }

    public static TestDatabase postgresql(String what) {
        return new TestDatabase(null, PostgresDatabase.create(what));
    }

    public synchronized HubDatabase db() {
        if (db == null) {
            db = pg == null ? HubDatabase.open(file) : HubDatabase.open(pg.settings());
        }
        return db;
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (pg != null) {
            pg.close();
        }
    }
}
