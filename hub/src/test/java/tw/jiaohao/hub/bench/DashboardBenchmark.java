package tw.jiaohao.hub.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tw.jiaohao.hub.Hub;
import tw.jiaohao.hub.HubConfig;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.stats.WaitHistogram;

/**
 * The dashboard's statistics API with a year of 300 offices in the store (docs/BENCHMARKS.md,
 * "## hub dashboard"): loads the rollups of ~10 million tickets (batched inserts in key order)
 * plus one raw TICKET_ISSUED row per ticket, starts the hub on that file, then measures
 * (1) each statistics API call (one office: a day, a month, a year; all offices today) and
 * (2) 200 concurrent dashboard users each polling the all-offices API every 5 s.
 *
 * <pre>
 * ./mvnw -B -q -pl hub test-compile
 * java -cp "hub/target/test-classes:hub/target/classes:$(cat hub/target/bench.cp)" tw.jiaohao.hub.bench.DashboardBenchmark [dir] [offices] [days]
 * </pre>
 *
 * With {@code -Dbench.pg.url=jdbc:postgresql://127.0.0.1:5432/<an empty database>} (login
 * {@code postgres}, no password) the same runs on PostgreSQL instead of the SQLite file.
 */
public final class DashboardBenchmark {
    private static final String PG_URL = System.getProperty("bench.pg.url", "");

    private static Connection connect(Path db) throws java.sql.SQLException {
        return PG_URL.isEmpty() ? DriverManager.getConnection("jdbc:sqlite:" + db)
                : DriverManager.getConnection(PG_URL + "?reWriteBatchedInserts=true", "postgres", "");
    }

    private static final String CATEGORIES = "ABCD";
    private static final int COUNTERS = 6;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/dashboard-bench");
        int offices = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
        Files.createDirectories(dir);
        Path db = dir.resolve("hub.db");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));
        LocalDate first = today.minusDays(days - 1);
        java.util.Map<String, String> keys = new java.util.HashMap<>(java.util.Map.of("broker.embedded.port", "0",
                "broker.embedded.dir", dir.resolve("broker").toString(), "http.port", "0", "db.path", db.toString(),
                "db.synchronous", "NORMAL", "mqtt.client-id", "bench-hub"));
        if (!PG_URL.isEmpty()) {
            keys.put("db.url", PG_URL);
            keys.put("db.user", "postgres");
        }
        HubConfig config = HubConfig.from(keys);
        if (!Files.exists(dir.resolve("loaded"))) {
            Files.deleteIfExists(db);
            Hub.start(config, Clock.systemUTC()).close(); // migrations
            long t0 = System.nanoTime();
            long tickets = load(db, offices, first, days);
            try (Connection c = connect(db)) {
                // the month levels, as the ingest keeps them (the hub fills rollup_month itself at start)
                String weekday = PG_URL.isEmpty() ? "(CAST(strftime('%w', office_day) AS INTEGER) + 6) % 7 + 1"
                        : "CAST(extract(isodow FROM CAST(office_day AS date)) AS BIGINT)";
                c.createStatement().executeUpdate("INSERT INTO rollup_hour_month (office, month, weekday, hour, issued) "
                        + "SELECT office, substr(office_day, 1, 7) || '-01', " + weekday + ", "
                        + "hour, SUM(issued) FROM rollup_hour GROUP BY 1, 2, 3, 4");
                if (!PG_URL.isEmpty()) {
                    c.createStatement().execute("ANALYZE");
                }
            }
            System.out.printf(Locale.ROOT, "loaded %,d tickets (%d offices x %d days) in %.0f s%n", tickets, offices, days,
                    (System.nanoTime() - t0) / 1e9);
            Files.writeString(dir.resolve("loaded"), String.valueOf(tickets));
        }
        try (Connection c = connect(db)) {
            // the loaded raw rows are placeholders: alerts from them count as raised already
            c.createStatement().executeUpdate("UPDATE alert_cursor SET event_id = (SELECT MAX(id) FROM event)");
            if (PG_URL.isEmpty()) {
                System.out.printf(Locale.ROOT, "store: %s, %.1f GB%n", db, Files.size(db) / 1e9);
            } else {
                try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
                    r.next();
                    System.out.printf(Locale.ROOT, "store: PostgreSQL %s, %.1f GB%n", PG_URL, r.getLong(1) / 1e9);
                }
            }
        }
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            if (hub.dashboard().auth().users().find("bench").isEmpty()) {
                hub.dashboard().auth().createUser(new User("bench", Role.HEAD_OFFICE, null), "bench-password-1".toCharArray());
            }
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench\",\"password\":\"bench-password-1\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            Random random = new Random(1);
            String base = hub.apiUrl();
            measure(http, "one office, random range ending today", 2000, () -> base + "/api/dashboard/offices/" + office(random.nextInt(offices))
                    + "/report?from=" + today.minusDays(random.nextInt(days)) + "&to=" + today.minusDays(0));
            measure(http, "one office, one day", 2000, () -> {
                LocalDate d = first.plusDays(random.nextInt(days));
                return base + "/api/dashboard/offices/" + office(random.nextInt(offices)) + "/report?from=" + d + "&to=" + d;
            });
            measure(http, "one office, 30 days", 2000, () -> {
                LocalDate d = first.plusDays(random.nextInt(days - 30));
                return base + "/api/dashboard/offices/" + office(random.nextInt(offices)) + "/report?from=" + d + "&to=" + d.plusDays(29);
            });
            measure(http, "one office, 365 days", 500, () -> base + "/api/dashboard/offices/" + office(random.nextInt(offices))
                    + "/report?from=" + first + "&to=" + today);
            measure(http, "all offices today (" + offices + " rows)", 500, () -> base + "/api/dashboard/offices");
            measure(http, "ingest API: one office-day", 2000, () -> base + "/api/offices/" + office(random.nextInt(offices)) + "/days/"
                    + first.plusDays(random.nextInt(days)));
            pollers(http, base, 200, 5, 60);
        }
    }

    static String office(int i) {
        return String.format(Locale.ROOT, "office-%03d", i);
    }

    /** Rollup cells and hours as the ingest would have written them; one raw event row per ticket. */
    private static long load(Path db, int offices, LocalDate first, int days) throws Exception {
        Random r = new Random(42);
        long tickets = 0;
        long seq = 0;
        try (Connection c = connect(db)) {
            if (PG_URL.isEmpty()) {
                c.createStatement().execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            PreparedStatement cell = c.prepareStatement("INSERT INTO rollup_day VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement hour = c.prepareStatement("INSERT INTO rollup_hour VALUES (?,?,?,?)");
            PreparedStatement event = c.prepareStatement("INSERT INTO event (office, seq, event_id, type, at_ms, office_day, ticket_id,"
                    + " category, counter, payload, received_ms) VALUES (?,?,?,'TICKET_ISSUED',?,?,?,?,NULL,'{}',?)");
            PreparedStatement office = c.prepareStatement("INSERT INTO office VALUES (?,?,?,?,?)");
            for (int o = 0; o < offices; o++) {
                String id = office(o);
                seq = 0;
                for (int day = 0; day < days; day++) {
                    LocalDate d = first.plusDays(day);
                    String ds = d.toString();
                    long dayStart = d.atStartOfDay(ZoneId.of("Asia/Taipei")).toInstant().toEpochMilli();
                    int n = 60 + r.nextInt(63); // ~91 tickets per office-day: 10 M a year for 300 offices
                    tickets += n;
                    long[] perHour = new long[24];
                    int[] perCat = new int[4];
                    for (int i = 0; i < n; i++) {
                        int h = 8 + Math.min(9, (int) Math.abs(r.nextGaussian() * 3));
                        perHour[h]++;
                        int cat = r.nextInt(4);
                        perCat[cat]++;
                        event.setString(1, id);
                        event.setLong(2, ++seq);
                        event.setString(3, id + "#" + seq);
                        event.setLong(4, dayStart + h * 3_600_000L);
                        event.setString(5, ds);
                        event.setString(6, ds + "/" + CATEGORIES.charAt(cat) + String.format(Locale.ROOT, "%03d", perCat[cat]));
                        event.setString(7, String.valueOf(CATEGORIES.charAt(cat)));
                        event.setLong(8, dayStart);
                        event.addBatch();
                    }
                    for (int h = 0; h < 24; h++) {
                        if (perHour[h] > 0) {
                            hour.setString(1, id);
                            hour.setString(2, ds);
                            hour.setInt(3, h);
                            hour.setLong(4, perHour[h]);
                            hour.addBatch();
                        }
                    }
                    for (int cat = 0; cat < 4; cat++) {
                        for (int counter = 0; counter <= COUNTERS; counter++) {
                            WaitHistogram hist = new WaitHistogram();
                            long waits = counter == 0 ? 0 : perCat[cat] / COUNTERS;
                            long sum = 0;
                            long max = 0;
                            for (int i = 0; i < waits; i++) {
                                long w = (long) (r.nextDouble() * r.nextDouble() * 3_600_000);
                                hist.add(w);
                                sum += w;
                                max = Math.max(max, w);
                            }
                            int k = 1;
                            cell.setString(k++, id);
                            cell.setString(k++, ds);
                            cell.setString(k++, String.valueOf(CATEGORIES.charAt(cat)));
                            cell.setInt(k++, counter);
                            cell.setLong(k++, counter == 0 ? perCat[cat] : 0);
                            cell.setLong(k++, 0);
                            cell.setLong(k++, counter == 0 ? 0 : r.nextInt(2));
                            cell.setLong(k++, waits);
                            cell.setLong(k++, sum);
                            cell.setLong(k++, max);
                            cell.setBytes(k++, hist.encode());
                            cell.setLong(k++, counter == 0 ? 0 : r.nextInt(3));
                            cell.setLong(k++, counter == 0 ? 0 : r.nextInt(2));
                            cell.setLong(k++, waits);
                            cell.setLong(k++, waits * 600_000);
                            cell.setLong(k++, waits == 0 ? 0 : 1_200_000);
                            cell.setLong(k++, counter == 0 ? r.nextInt(2) : 0);
                            for (int s = 1; s <= 4; s++) {
                                cell.setLong(k++, counter == 0 ? 0 : r.nextInt(3));
                            }
                            cell.addBatch();
                        }
                    }
                }
                cell.executeBatch();
                hour.executeBatch();
                event.executeBatch();
                office.setString(1, id);
                office.setLong(2, seq);
                office.setLong(3, seq);
                office.setLong(4, System.currentTimeMillis());
                office.setLong(5, System.currentTimeMillis());
                office.executeUpdate();
                c.commit();
                if (o % 30 == 29) {
                    System.out.printf(Locale.ROOT, "  %d offices, %,d tickets%n", o + 1, tickets);
                }
            }
        }
        return tickets;
    }

    private interface Url {
        String next();
    }

    private static void measure(HttpClient http, String what, int calls, Url url) throws Exception {
        for (int i = 0; i < 50; i++) {
            http.send(HttpRequest.newBuilder(URI.create(url.next())).build(), HttpResponse.BodyHandlers.discarding());
        }
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url.next())).build();
            long t = System.nanoTime();
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            ns[i] = System.nanoTime() - t;
            if (resp.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + resp.statusCode() + " " + new String(resp.body()));
            }
        }
        print(what, ns);
    }

    private static void pollers(HttpClient http, String base, int users, int everySeconds, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong notModified = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Random jitter = new Random(3);
        List<Long> offsets = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            offsets.add((long) jitter.nextInt(everySeconds * 1000));
        }
        for (int u = 0; u < users; u++) {
            long offset = offsets.get(u);
            pool.execute(() -> {
                try {
                    Thread.sleep(offset);
                    String etag = null;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        // as a browser's fetch does: revalidate the copy it holds
                        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/dashboard/offices"));
                        if (etag != null) {
                            req.header("If-None-Match", etag);
                        }
                        HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t;
                        if (r.statusCode() == 200 || r.statusCode() == 304) {
                            lat.add(took);
                            etag = r.headers().firstValue("ETag").orElse(null);
                        }
                        if (r.statusCode() == 304) {
                            notModified.incrementAndGet();
                        }
                        Thread.sleep(Math.max(0, everySeconds * 1000L - took / 1_000_000));
                    }
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        long[] ns = lat.stream().mapToLong(Long::longValue).toArray();
        print(users + " users polling all offices every " + everySeconds + " s for " + seconds + " s", ns);
        System.out.printf(Locale.ROOT, "  of which 304 Not Modified (ETag unchanged): %d%n", notModified.get());
    }

    private static void print(String what, long[] ns) {
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "%-55s n=%6d  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", what, ns.length,
                ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.95)] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, ns[ns.length - 1] / 1e6);
    }
}
