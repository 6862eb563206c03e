package tw.jiaohao.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import tw.jiaohao.hub.db.Dialect;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.HubException;

/** Which write failures blame the input (set the event aside) and which the database (retry). */
class FailureClassificationTest {

    private static SQLException sqlite(int code) {
        return new SQLException("[" + code + "]", null, code);
    }

    @Test
    void constraintMismatchTooBigAndRange_blameTheInput() {
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(19))).isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(19 | (7 << 8)))).as("SQLITE_CONSTRAINT_TRIGGER").isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(20))).isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(18))).isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(25))).isTrue();
    }

    @Test
    void aRuntimeExceptionOfTheRollupRules_blamesTheInput() {
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, new IllegalStateException("no such ticket"))).isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, new ArithmeticException("overflow"))).isTrue();
    }

    @Test
    void busyLockedFullIoErrorsAndAClosedConnection_blameTheDatabase() {
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(5))).isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(6))).isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(13))).isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(10 | (3 << 8)))).as("SQLITE_IOERR_WRITE").isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, sqlite(11))).as("corrupt").isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, new SQLException("database connection closed"))).isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, new RuntimeException("wrapped", sqlite(13)))).isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.SQLITE, new HubException("store closed"))).isFalse();
    }

    @Test
    void theDescriptionOfARuntimeException_hasItsTypeAndPlace_butNotAForeignMessage() {
        String d = SqliteHubStore.describe(new IllegalArgumentException("A123456789"));
        assertThat(d).startsWith("IllegalArgumentException at ").doesNotContain("A123456789");
        assertThat(SqliteHubStore.describe(sqlite(19))).isEqualTo("[19]");
    }

    private static SQLException postgresql(String state) {
        return new SQLException("ERROR: state " + state, state);
    }

    @Test
    void onPostgresql_constraintAndDataErrorsBlameTheInput_theRestTheDatabase() {
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("23505"))).as("unique violation").isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("23514"))).as("check violation").isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("22003"))).as("numeric out of range").isTrue();
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("08006"))).as("connection failure").isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("53100"))).as("disk full").isFalse();
        assertThat(SqliteHubStore.inputAtFault(Dialect.POSTGRESQL, postgresql("40001"))).as("serialization failure").isFalse();
        assertThat(Dialect.POSTGRESQL.busy(postgresql("40001"))).isTrue();
        assertThat(Dialect.POSTGRESQL.busy(postgresql("40P01"))).as("deadlock").isTrue();
        assertThat(Dialect.POSTGRESQL.busy(postgresql("23505"))).isFalse();
        assertThat(Dialect.POSTGRESQL.connectionLost(new RuntimeException(postgresql("57P01")))).as("admin shutdown").isTrue();
        assertThat(Dialect.POSTGRESQL.connectionLost(postgresql("23505"))).isFalse();
        assertThat(Dialect.SQLITE.busy(sqlite(5))).isTrue();
        assertThat(Dialect.SQLITE.busy(sqlite(19))).isFalse();
    }
}
