package tw.jiaohao.hub.accounts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * Benchmark: imports a generated billing extract of N rows (default 1,000,000) into a fresh hub
 * database file, then imports the same file again (idempotent: nothing stored), and prints the
 * figures. Realistic rows: 11-digit account numbers in billing order, Taiwanese addresses with
 * lanes, numbers and floors, 2-3 character names, ~8 % with arrears, a few suspended or closed.
 * A file-sized progress bar is drawn on stderr as in the real command.
 *
 * <pre>java ... tw.jiaohao.hub.accounts.AccountImportBenchmark [rows] [work-dir]</pre>
 */
public final class AccountImportBenchmark {
    private static final String[] CITIES = {"臺北市中山區", "臺北市大安區", "新北市板橋區", "桃園市中壢區", "臺中市西屯區", "臺南市東區", "高雄市前鎮區"};
    private static final String[] ROADS = {"民生東路一段", "信義路三段", "中山路", "文化路二段", "中正路", "建國路", "成功路", "復興北路"};
    private static final String SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐";
    private static final String GIVEN = "志明美華淑芬家豪怡君建宏雅婷俊傑宗翰佳穎";

    private AccountImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("accounts-bench");
        Files.createDirectories(dir);
        Path csv = dir.resolve("extract.csv");
        Path db = dir.resolve("hub.db");
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir.resolve("hub.db-wal"));
        Files.deleteIfExists(dir.resolve("hub.db-shm"));
        long g = System.nanoTime();
        generate(csv, rows);
        System.out.printf("generated %,d rows, %,d bytes in %.1f s%n", rows, Files.size(csv), (System.nanoTime() - g) / 1e9);
        try (AccountStore store = SqliteAccountStore.open(db)) {
            AccountImporter importer = new AccountImporter(store, Clock.systemUTC(), 5000);
            ImportReport first = importer.importFile(csv, new ProgressBar(System.err, true));
            System.out.println("first import:  " + first.summary());
            ImportReport again = importer.importFile(csv, new ProgressBar(System.err, true));
            System.out.println("re-import:     " + again.summary());
            System.out.printf("accounts held: %,d; database %,d bytes%n", store.count(), Files.size(db));
        }
    }

    static void generate(Path csv, int rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(AccountImporter.HEADER);
            w.write('\n');
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(30_000_000_000L + i * 7L).append(',');
                sb.append(CITIES[random.nextInt(CITIES.length)]).append(ROADS[random.nextInt(ROADS.length)]);
                if (random.nextInt(3) == 0) {
                    sb.append(1 + random.nextInt(300)).append('巷');
                }
                sb.append(1 + random.nextInt(400)).append('號');
                if (random.nextBoolean()) {
                    sb.append(1 + random.nextInt(15)).append('樓');
                }
                sb.append(',').append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
                int given = 1 + random.nextInt(2);
                for (int k = 0; k < given; k++) {
                    sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
                }
                sb.append(',');
                sb.append(random.nextInt(100) < 8 ? String.valueOf(100 + random.nextInt(5000)) : "0");
                int s = random.nextInt(1000);
                sb.append(',').append(s < 970 ? "ACTIVE" : s < 990 ? "SUSPENDED" : "CLOSED").append('\n');
                w.write(sb.toString());
            }
        }
    }
}
