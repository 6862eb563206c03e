package tw.jiaohao.hub.accounts;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link StoredGuessLimitTest} on PostgreSQL (a fresh database per test, dropped after): two instances' transactions run at once. */
class StoredGuessLimitPostgresIT extends StoredGuessLimitTest {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("guess");
    }
}
