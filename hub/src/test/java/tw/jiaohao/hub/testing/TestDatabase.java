package tw.jiaohao.hub.testing;

import java.nio.file.Path;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * The hub database a store test runs on: the SQLite file in the test's folder, or a fresh
 * PostgreSQL database ({@link PostgresDatabase}) dropped at {@link #close()}. Opened (and
 * migrated) at the first {@link #db()}.
 */
public final class TestDatabase implements AutoCloseable {
    private final Path file;
    private final PostgresDatabase pg;
    private HubDatabase db;

    private TestDatabase(Path file, PostgresDatabase pg) {
        this.file = file;
        this.pg = pg;
    }

    public static TestDatabase sqlite(Path dir) {
        return new TestDatabase(dir.resolve("hub.db"), null);
    }

    public static TestDatabase postgresql(String what) {
        return new TestDatabase(null, PostgresDatabase.create(what));
    }

    public synchronized HubDatabase db() {
        if (db == null) {
            db = pg == null ? HubDatabase.open(file) : HubDatabase.open(pg.settings());
        }
        return db;
    }

    /**
     * What the database holds at rest, per place, as ISO-8859-1 text of its bytes (so UTF-8 text
     * is searched byte for byte): for SQLite every {@code hub.db*} file; for PostgreSQL every
     * row of every table in its text form, UTF-8 encoded (a search for clear personal data).
     */
    public synchronized java.util.Map<String, String> storedBytes() throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        if (pg == null) {
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(file.getParent())) {
                for (Path f : s.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString())).toList()) {
                    out.put(f.getFileName().toString(), new String(java.nio.file.Files.readAllBytes(f),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
            return out;
        }
        try (java.sql.Connection c = pg.connect(); java.sql.Statement st = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String t : tables) {
                StringBuilder rows = new StringBuilder();
                try (java.sql.ResultSet r = st.executeQuery("SELECT t::text FROM " + t + " t")) {
                    while (r.next()) {
                        rows.append(r.getString(1)).append('\n');
                    }
                }
                out.put(t, new String(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (pg != null) {
            pg.close();
        }
    }
}
