package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedStatementsIT {
    private static final String COUNT = "SELECT COUNT(*) FROM node_meta WHERE key = ?";

    @TempDir
    Path dir;

    @Test
    void aStatement_isPreparedOnce_andReusedByEveryLaterTransactionOnTheSameConnection() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            PreparedStatement first = db.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            PreparedStatement second = db.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThat(second).isSameAs(first);
            assertThat(countIn(db, "office")).isEqualTo(1);
            assertThat(countIn(db, "nothing")).isZero();
        }
    }

    @Test
    void afterAFailedTransaction_theNewConnectionPreparesItsOwnStatements_andTheyWork() throws SQLException {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            PreparedStatement before = db.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThatThrownBy(() -> db.transaction(c -> OfficeDatabase.prepared(c, "SELECT no_such_column FROM node_meta")))
                    .isInstanceOf(StoreException.class);
            PreparedStatement after = db.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThat(after).isNotSameAs(before);
            assertThat(before.isClosed()).as("closed with the abandoned connection").isTrue();
            assertThat(countIn(db, "office")).isEqualTo(1);
        }
    }

    @Test
    void aStatementInsertingInATransactionThatRolledBack_storesNothing_andInsertsAgainNextTime() {
        String insert = "INSERT INTO node_meta (key, value) VALUES (?, ?)";
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            assertThatThrownBy(() -> db.transaction(c -> {
                PreparedStatement s = OfficeDatabase.prepared(c, insert);
                s.setString(1, "probe");
                s.setString(2, "1");
                s.executeUpdate();
                throw new IllegalStateException("refused after the insert");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(countIn(db, "probe")).isZero();
            db.transaction(c -> {
                PreparedStatement s = OfficeDatabase.prepared(c, insert);
                s.setString(1, "probe");
                s.setString(2, "2");
                return s.executeUpdate();
            });
            assertThat(countIn(db, "probe")).isEqualTo(1);
        }
    }

    @Test
    void closingTheDatabase_closesTheStatementsItKept() throws SQLException {
        PreparedStatement kept;
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            kept = db.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThat(kept.isClosed()).isFalse();
        }
        assertThat(kept.isClosed()).isTrue();
    }

    @Test
    void twoOfficeDatabasesOpenAtOnce_eachKeepsItsOwnStatements() {
        try (OfficeDatabase one = OfficeDatabase.open(dir.resolve("one.db"), "office-1");
             OfficeDatabase two = OfficeDatabase.open(dir.resolve("two.db"), "office-2")) {
            PreparedStatement a = one.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            PreparedStatement b = two.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThat(b).isNotSameAs(a);
            PreparedStatement again = one.transaction(c -> OfficeDatabase.prepared(c, COUNT));
            assertThat(again).isSameAs(a);
            assertThat(countIn(one, "office")).isEqualTo(1);
            assertThat(countIn(two, "office")).isEqualTo(1);
        }
    }

    @Test
    void onAConnectionNotOpenedByAnOfficeDatabase_aStatementIsPreparedAnewEachTime() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("plain.db"))) {
            PreparedStatement first = OfficeDatabase.prepared(c, "SELECT 1");
            PreparedStatement second = OfficeDatabase.prepared(c, "SELECT 1");
            assertThat(second).isNotSameAs(first);
            first.close();
            second.close();
        }
    }

    private static int countIn(OfficeDatabase db, String key) {
        Integer n = db.transaction(c -> count(OfficeDatabase.prepared(c, COUNT), key));
        return n;
    }

    private static int count(PreparedStatement s, String key) throws SQLException {
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : -1;
        }
    }
}
