package tw.jiaohao.hub.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * A test class whose tests run on one hub database: the SQLite file in {@link #dir} unless a
 * subclass (the {@code *PostgresIT} twin) overrides {@link #newDatabase} with a fresh PostgreSQL
 * database. Opened at the first {@link #db()}; closed (and a PostgreSQL one dropped) after each
 * test, after the subclass's own {@code @AfterEach} has closed its stores.
 */
public abstract class OnHubDatabase {
    @TempDir
    protected Path dir;
    private TestDatabase database;

    /** The database the tests run on: the SQLite file here; a PostgreSQL twin overrides this. */
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.sqlite(dir);
    }

    /** The hub database of this test (opened at the first call). */
    protected HubDatabase db() {
        if (database == null) {
            database = newDatabase(dir);
        }
        return database.db();
    }

    /** Closes (and for PostgreSQL drops) this test's database; after the stores are closed. */
    protected void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @AfterEach
    void closeTestDatabase() {
        closeDatabase();
    }
}
