package tw.jiaohao.hub.cases;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link CaseServiceIT}'s tests on PostgreSQL: a fresh database per test, dropped after. */
class CaseServicePostgresIT extends CaseServiceIT {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("cases");
    }
}
