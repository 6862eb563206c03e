package tw.jiaohao.hub.notices;

import java.nio.file.Path;
import tw.jiaohao.hub.testing.TestDatabase;

/** {@link NoticeServiceTest}'s tests on PostgreSQL: a fresh database per test, dropped after. */
class NoticeServicePostgresIT extends NoticeServiceTest {
    @Override
    protected TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgresql("notices");
    }
}
