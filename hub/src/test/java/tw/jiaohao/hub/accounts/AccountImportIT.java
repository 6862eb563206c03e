package tw.jiaohao.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.testing.PersonalTestData;

/** The billing extract import into a real SQLite file. */
class AccountImportIT extends tw.jiaohao.hub.testing.OnHubDatabase {

    private ImportReport importFile(AccountStore store, Path file) {
        return new AccountImporter(store, Clock.systemUTC(), 3).importFile(file, AccountImporter.Progress.NONE);
    }

    @Test
    void badRows_areReportedByLine_andTheRestIsImported() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, String.join("\n",
                "status,account_number,holder_name,service_address,arrears_amount,extra",   // 1: columns in another order
                "ACTIVE,11110001,甲,臺北市一路1號,0,x",                                     // 2 ok
                "ACTIVE,12,乙,臺北市一路2號,0,x",                                           // 3 account number too short
                "ACTIVE,11110003,丙,,0,x",                                                 // 4 empty address
                "ACTIVE,11110004,丁,臺北市一路4號,-5,x",                                    // 5 negative amount
                "MAYBE,11110005,戊,臺北市一路5號,0,x",                                      // 6 unknown status
                "ACTIVE,11110006,己",                                                      // 7 too few fields
                "停用,1111-0007,庚,\"臺北市一路7號, 後棟\",\"1,000.50\",x",                   // 8 ok: dashes, quoted comma, Chinese status
                "ACTIVE,11110008,,臺北市一路8號,0,x",                                       // 9 empty name
                "",                                                                       // 10 blank: skipped
                "註銷,11110009,辛,臺北市一路9號,0,x",                                        // 11 ok
                "ACTIVE,11110010,壬,\"臺北市一路10號,0,x\n"),                               // 12 quote never closed
                StandardCharsets.UTF_8);
        try (AccountStore store = SqliteAccountStore.open(db())) {
            ImportReport report = importFile(store, file);
            assertThat(report.bad()).extracting(BadRow::line).containsExactly(3L, 4L, 5L, 6L, 7L, 9L, 12L);
            assertThat(report.bad().get(0).reason()).startsWith("account_number:");
            assertThat(report.bad().get(1).reason()).startsWith("service_address:");
            assertThat(report.bad().get(2).reason()).startsWith("arrears_amount:");
            assertThat(report.bad().get(3).reason()).startsWith("status:");
            assertThat(report.bad().get(5).reason()).startsWith("holder_name:");
            assertThat(report.bad().get(6).reason()).contains("not closed");
            assertThat(report.bad()).allSatisfy(b -> assertThat(b.reason()).doesNotContain("臺北市"));
            assertThat(report.rowsRead()).isEqualTo(10);
            assertThat(report.stored()).isEqualTo(3);
            assertThat(report.badRows()).isEqualTo(7);
            assertThat(store.count()).isEqualTo(3);
            Account seven = store.find("11110007").orElseThrow().account();
            assertThat(seven.serviceAddress()).isEqualTo("臺北市一路7號, 後棟");
            assertThat(seven.arrearsCents()).isEqualTo(100_050);
            assertThat(seven.status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThat(store.find("11110009").orElseThrow().account().status()).isEqualTo(AccountStatus.CLOSED);
        }
    }

    @Test
    void reimport_storesNothing_andAChangedRowIsUpdated() throws Exception {
        Path file = PersonalTestData.extract(dir);
        try (AccountStore store = SqliteAccountStore.open(db())) {
            ImportReport first = importFile(store, file);
            assertThat(first.stored()).isEqualTo(4);
            assertThat(first.badRows()).isZero();
            ImportReport again = importFile(store, file);
            assertThat(again.stored()).isZero();
            assertThat(again.unchanged()).isEqualTo(4);
            assertThat(store.count()).isEqualTo(4);

            String paid = Files.readString(file).replace("\"1,250\"", "0");
            Files.writeString(file, paid);
            ImportReport third = importFile(store, file);
            assertThat(third.stored()).isEqualTo(1);
            assertThat(store.find(PersonalTestData.ACCOUNT_ARREARS).orElseThrow().account().hasArrears()).isFalse();
            assertThat(store.find(PersonalTestData.ACCOUNT_OK).orElseThrow().extractOf()).isNotNull();
        }
    }

    @Test
    void aLaterRowForTheSameAccount_wins() throws Exception {
        Path file = dir.resolve("dup.csv");
        Files.writeString(file, "account_number,service_address,holder_name,arrears_amount,status\n"
                + "22220001,臺中市一路1號,甲,100,ACTIVE\n22220002,臺中市一路2號,乙,0,ACTIVE\n22220003,臺中市一路3號,丙,0,ACTIVE\n"
                + "22220001,臺中市一路1號,甲,0,ACTIVE\n");
        try (AccountStore store = SqliteAccountStore.open(db())) {
            importFile(store, file);
            assertThat(store.find("22220001").orElseThrow().account().hasArrears()).isFalse();
        }
    }

    @Test
    void missingHeaderColumn_orNonUtf8File_stopsWithAMessageSayingWhatToFix() throws Exception {
        Path noStatus = dir.resolve("nostatus.csv");
        Files.writeString(noStatus, "account_number,service_address,holder_name,arrears_amount\n11110001,a,b,0\n");
        Path big5 = dir.resolve("big5.csv");
        Files.write(big5, (AccountImporter.HEADER + "\n11110001,臺北市一路1號,甲,0,ACTIVE\n").getBytes("Big5"));
        try (AccountStore store = SqliteAccountStore.open(db())) {
            assertThatThrownBy(() -> importFile(store, noStatus)).isInstanceOf(AccountsException.class)
                    .hasMessageContaining("lacks the column(s) status");
            assertThatThrownBy(() -> importFile(store, big5)).isInstanceOf(AccountsException.class).hasMessageContaining("UTF-8");
            assertThatThrownBy(() -> importFile(store, dir.resolve("none.csv"))).hasMessageContaining("no billing extract");
        }
    }

    @Test
    void progress_isReportedUpToTheWholeFile() throws Exception {
        Path file = PersonalTestData.extract(dir);
        List<long[]> updates = new ArrayList<>();
        try (AccountStore store = SqliteAccountStore.open(db())) {
            new AccountImporter(store, Clock.systemUTC(), 1).importFile(file, (b, t, r, x) -> updates.add(new long[] {b, t, r}));
        }
        assertThat(updates).isNotEmpty();
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(Files.size(file));
        assertThat(last[2]).isEqualTo(4);
    }
}
