package tw.jiaohao.hub.accounts;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link AccountLookupIT}'s tests on PostgreSQL: a fresh database per test, dropped after. */
class AccountLookupPostgresIT extends AccountLookupIT {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("lookup");
    }
}
