package tw.jiaohao.hub.accounts;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.protocol.selfservice.AccountNumber;

/**
 * Imports the billing system's extract into the {@link AccountStore}.
 *
 * <p>The file is UTF-8 CSV with a header naming the columns {@value #HEADER} (any order, extra
 * columns ignored). Each data row is validated on its own; a bad row is reported with its line
 * number and skipped, the rest is imported. Rows are written in batches of
 * {@code batchSize} (one transaction each); an account that appears again later in the file is
 * updated by the later row. Importing the same file again stores nothing. Accounts missing from
 * an extract are kept as they are (the extract may be partial).
 *
 * <p>Not thread-safe; one import at a time per store. Never logs row contents.
 */
public final class AccountImporter {
    private static final Logger log = LoggerFactory.getLogger(AccountImporter.class);
    public static final String HEADER = "account_number,service_address,holder_name,arrears_amount,status";
    public static final int MAX_REPORTED_BAD_ROWS = 1000;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_NAME = 100;

    /** Receives progress during an import, on the importing thread. */
    @FunctionalInterface
    public interface Progress {
        /** @param bytesRead bytes of the file read so far, @param totalBytes its size, @param rows data rows read, @param bad bad rows */
        void update(long bytesRead, long totalBytes, long rows, long bad);

        Progress NONE = (b, t, r, x) -> { };
    }

    private final AccountStore store;
    private final Clock clock;
    private final int batchSize;

    public AccountImporter(AccountStore store, Clock clock, int batchSize) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new AccountsException("batch size must be 1..100000, got " + batchSize);
        }
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Imports {@code file}; throws {@link AccountsException} only when the file as a whole cannot be read. */
    public ImportReport importFile(Path file, Progress progress) {
        long total;
        try {
            total = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new AccountsException("no billing extract at " + file.toAbsolutePath() + "; give the path of the CSV file");
        } catch (IOException e) {
            throw new AccountsException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        try (CountingStream counting = new CountingStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            CsvReader csv = new CsvReader(reader);
            CsvReader.Record header = csv.next();
            Map<String, Integer> columns = columns(header);
            long importId = store.beginImport(file.getFileName().toString(), startedAt);
            List<Account> batch = new ArrayList<>(batchSize);
            List<BadRow> bad = new ArrayList<>();
            long rows = 0;
            long badCount = 0;
            long stored = 0;
            long unchanged = 0;
            CsvReader.Record record;
            while ((record = csv.next()) != null) {
                rows++;
                Object parsed = parse(record, columns);
                if (parsed instanceof BadRow b) {
                    badCount++;
                    if (bad.size() < MAX_REPORTED_BAD_ROWS) {
                        bad.add(b);
                    }
                } else {
                    batch.add((Account) parsed);
                    if (batch.size() == batchSize) {
                        AccountStore.Upserted u = store.upsert(batch);
                        stored += u.stored();
                        unchanged += u.unchanged();
                        batch.clear();
                        progress.update(counting.count, total, rows, badCount);
                    }
                }
            }
            if (!batch.isEmpty()) {
                AccountStore.Upserted u = store.upsert(batch);
                stored += u.stored();
                unchanged += u.unchanged();
            }
            progress.update(total, total, rows, badCount);
            ImportReport report = new ImportReport(importId, rows, stored, unchanged, badCount, bad, Duration.ofNanos(System.nanoTime() - started));
            store.finishImport(importId, clock.instant(), report);
            log.info("billing extract {}: {}", file.getFileName(), report.summary());
            return report;
        } catch (CharacterCodingException e) {
            throw new AccountsException(file.getFileName() + " is not UTF-8 text; export the extract as UTF-8 CSV", e);
        } catch (IOException e) {
            throw new AccountsException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> columns(CsvReader.Record header) {
        if (header == null) {
            throw new AccountsException("the extract is empty; the first line must be the header " + HEADER);
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            columns.putIfAbsent(header.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (String name : HEADER.split(",")) {
            if (!columns.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new AccountsException("the header (line 1) lacks the column(s) " + String.join(", ", missing)
                    + "; the first line must name the columns " + HEADER);
        }
        return columns;
    }

    /** An {@link Account}, or a {@link BadRow} saying which column breaks which rule. */
    static Object parse(CsvReader.Record r, Map<String, Integer> columns) {
        if (r.problem() != null) {
            return new BadRow(r.line(), r.problem());
        }
        String number = field(r, columns, "account_number");
        String address = field(r, columns, "service_address");
        String name = field(r, columns, "holder_name");
        String amount = field(r, columns, "arrears_amount");
        String status = field(r, columns, "status");
        if (number == null || address == null || name == null || amount == null || status == null) {
            return new BadRow(r.line(), "has " + r.fields().size() + " fields; the header names " + columns.size());
        }
        Optional<String> numberProblem = AccountNumber.problem(number);
        if (numberProblem.isPresent()) {
            return new BadRow(r.line(), "account_number: must be 6 to 20 digits or letters (dashes and spaces are dropped)");
        }
        if (address.isBlank() || address.length() > MAX_ADDRESS) {
            return new BadRow(r.line(), "service_address: must be 1 to " + MAX_ADDRESS + " characters");
        }
        if (name.isBlank() || name.length() > MAX_NAME) {
            return new BadRow(r.line(), "holder_name: must be 1 to " + MAX_NAME + " characters");
        }
        long cents = cents(amount);
        if (cents < 0) {
            return new BadRow(r.line(), "arrears_amount: must be an amount ≥ 0 in NT$, e.g. 0, 1250 or 1,250.50");
        }
        Optional<AccountStatus> st = AccountStatus.parse(status);
        if (st.isEmpty()) {
            return new BadRow(r.line(), "status: must be ACTIVE, SUSPENDED or CLOSED (or 正常, 停用, 註銷)");
        }
        return new Account(AccountNumber.normalize(number), address.strip(), name.strip(), cents, st.get());
    }

    private static String field(CsvReader.Record r, Map<String, Integer> columns, String name) {
        int i = columns.get(name);
        return i < r.fields().size() ? r.fields().get(i) : null;
    }

    /** NT$ amount to 1/100 NT$; -1 when it is not a non-negative amount with at most two decimals. */
    static long cents(String amount) {
        String s = amount.strip().replace(",", "");
        if (!s.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            return -1;
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(s) * 100;
        }
        String frac = (s.substring(dot + 1) + "0").substring(0, 2);
        return Long.parseLong(s.substring(0, dot)) * 100 + Long.parseLong(frac);
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
