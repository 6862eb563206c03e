package tw.jiaohao.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/** Opening the hub's SQLite file, shared by the stores that keep their tables in it. */
public final class SqliteFiles {
    /** The hub database's Flyway migrations. */
    public static final String MIGRATIONS = "classpath:tw/jiaohao/hub/store/migration";

    private SqliteFiles() {
    }

    /**
     * Creates {@code absolute}'s folder if missing, brings the database there up to the newest
     * schema (creating it if absent) and returns its JDBC url. Not thread-safe against another
     * migration of the same file.
     */
    public static String migrate(Path absolute) throws IOException {
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        String url = "jdbc:sqlite:" + absolute;
        Flyway.configure().dataSource(url, "", "").locations(MIGRATIONS).load().migrate();
        return url;
    }

    /** Connection settings: WAL journal, {@code synchronous} as given, 10 s busy timeout. */
    public static SQLiteConfig walConfig(SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.setBusyTimeout(10_000);
        return config;
    }
}
