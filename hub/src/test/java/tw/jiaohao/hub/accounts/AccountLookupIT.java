package tw.jiaohao.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.*;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.LookupOutcome;

class AccountLookupIT {
    @TempDir
    Path dir;
    private tw.jiaohao.hub.testing.TestDatabase database;

    /** The database the tests run on: the SQLite file here; {@link AccountLookupPostgresIT} runs them on PostgreSQL. */
    protected tw.jiaohao.hub.testing.TestDatabase newDatabase(Path dir) {
        return tw.jiaohao.hub.testing.TestDatabase.sqlite(dir);
    }

    private tw.jiaohao.hub.db.HubDatabase db() {
        database = newDatabase(dir);
        return database.db();
    }
    private AccountStore store;
    private AccountLookup lookup;

    @BeforeEach
    void importAccounts() throws Exception {
        store = SqliteAccountStore.open(db());
        new AccountImporter(store, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        lookup = new AccountLookup(store);
    }

    @AfterEach
    void close() {
        store.close();
        if (database != null) {
            database.close();
        }
    }

    private AccountLookupReply ask(String account, String house) {
        return lookup.answer(AccountLookupRequest.of("taipei-1", "kiosk-1", account, house));
    }

    @Test
    void found_givesArrearsAndTheMaskedAddressOnly() {
        AccountLookupReply r = ask(ACCOUNT_OK, null);
        assertThat(r.outcome()).isEqualTo(LookupOutcome.FOUND);
        assertThat(r.arrears()).isFalse();
        assertThat(r.maskedAddress()).isEqualTo("臺北市中山區民生東路一段**巷*號*樓");
        assertThat(r.addressMatch()).isNull();
        assertThat(r.extractOf()).isNotNull();
        assertThat(encodedWithoutTimes(r)).doesNotContain(ADDRESS_OK, HOLDER_OK, "23");
    }

    @Test
    void arrears_areSaidWithoutTheAmount() {
        AccountLookupReply r = ask(ACCOUNT_ARREARS, null);
        assertThat(r.arrears()).isTrue();
        assertThat(encodedWithoutTimes(r)).doesNotContain("1250", "125000");
    }

    @Test
    void houseNumber_isCompared() {
        assertThat(ask(ACCOUNT_OK, HOUSE_OK).addressMatch()).isTrue();
        assertThat(ask(ACCOUNT_OK, "23").addressMatch()).isFalse();
        assertThat(ask(ACCOUNT_CLOSED, "7-2").outcome()).isEqualTo(LookupOutcome.INACTIVE);
        assertThat(ask(ACCOUNT_NO_HOUSE, "1").addressMatch()).as("no house number to compare: staff decide").isNull();
    }

    @Test
    void unknownAndClosedAccounts_sayWhatToDo() {
        AccountLookupReply unknown = ask("99999999", null);
        assertThat(unknown.outcome()).isEqualTo(LookupOutcome.NOT_FOUND);
        assertThat(unknown.message()).contains("bill");
        assertThat(ask(ACCOUNT_CLOSED, null).message()).contains("counter");
        assertThat(lookup.unknownAccounts()).isEqualTo(1);
    }

    /** The reply as sent, minus its extract time, whose digits could spell any figure by chance. */
    private static String encodedWithoutTimes(AccountLookupReply r) {
        String json = new tw.jiaohao.protocol.codec.JsonCodec().encodeToString(r);
        return r.extractOf() == null ? json : json.replace(r.extractOf().toString(), "");
    }
}
