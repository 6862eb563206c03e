package tw.jiaohao.hub.accounts;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link AccountImportIT}'s tests on PostgreSQL: a fresh database per test, dropped after. */
class AccountImportPostgresIT extends AccountImportIT {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("accounts");
    }
}
