package tw.jiaohao.hub.auth;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link AuthTest}'s tests on PostgreSQL: a fresh database per test, dropped after. */
class AuthPostgresIT extends AuthTest {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("auth");
    }
}
