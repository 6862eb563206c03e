package tw.jiaohao.hub.accounts;

import java.nio.file.Path;
import java.time.Clock;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao accounts [--db data/hub.db] [--batch 5000] extract.csv}: imports the
 * billing extract into the hub's database, with a progress bar, and prints each bad row's line
 * and reason. Exit status: 0 all rows imported, 3 imported with bad rows (listed), 2 usage
 * error, 1 the file or database could not be used.
 */
public final class ImportAccountsMain {
    private ImportAccountsMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("import-accounts");
        Path db = Path.of("data/hub.db");
        int batch = 5000;
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--db" -> db = Path.of(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("give the extract's file");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("accounts-import: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        try (AccountStore store = SqliteAccountStore.open(db)) {
            ImportReport report = new AccountImporter(store, Clock.systemUTC(), batch)
                    .importFile(file, new ProgressBar(System.err, System.console() != null));
            System.out.println(report.summary());
            for (BadRow bad : report.bad()) {
                System.out.println("  bad " + bad);
            }
            if (report.badRows() > report.bad().size()) {
                System.out.printf("  … and %,d more bad rows%n", report.badRows() - report.bad().size());
            }
            System.exit(report.badRows() == 0 ? 0 : 3);
        } catch (AccountsException e) {
            System.err.println("accounts-import: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: bin/jiaohao accounts [--db data/hub.db] [--batch 5000] extract.csv");
        System.err.println("  CSV, UTF-8, header: " + AccountImporter.HEADER);
        System.err.println("  exit 0 = all imported, 3 = imported with bad rows (listed by line), 1 = failed, 2 = usage");
    }
}
