package tw.jiaohao.hub.db;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link SeveralInstancesTest} on PostgreSQL (a fresh database per test, dropped after): the instances' transactions run at once. */
class SeveralInstancesPostgresIT extends SeveralInstancesTest {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("instances");
    }
}
