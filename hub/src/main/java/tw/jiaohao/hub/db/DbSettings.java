package tw.jiaohao.hub.db;

import java.nio.file.Path;
import java.util.regex.Pattern;
import tw.jiaohao.hub.HubException;

/**
 * Where the hub keeps its data: the SQLite file {@code file} when {@code url} is empty (the
 * default), else the PostgreSQL server at {@code url} ({@code db.url=jdbc:postgresql://host:port/db}),
 * logged in as {@code user}/{@code password}, with at most {@code poolSize} connections.
 * Validated here, so a bad {@code db.*} key stops the hub at start naming the key.
 */
public record DbSettings(Path file, String url, String user, String password, int poolSize) {
    private static final Pattern POSTGRESQL_URL = Pattern.compile("jdbc:postgresql://[^\\s/]+(:\\d+)?/[A-Za-z0-9_.-]+(\\?\\S*)?");
    /** The default of {@code db.pool-size}: the ingest's writer, four readers, the web side, cases, accounts, alerts and spare. */
    public static final int DEFAULT_POOL_SIZE = 16;

    public DbSettings {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (url.isEmpty() && file == null) {
            throw new HubException("configuration key db.path has no value; expected the hub's SQLite file (or set db.url)");
        }
        if (!url.isEmpty() && !POSTGRESQL_URL.matcher(url).matches()) {
            throw new HubException("configuration key db.url has '" + url.replaceAll("password=[^&]*", "password=(hidden)")
                    + "'; expected jdbc:postgresql://host[:port]/database, or empty for the SQLite file at db.path");
        }
        if (poolSize < 2 || poolSize > 1000) {
            throw new HubException("configuration key db.pool-size has '" + poolSize + "'; expected a whole number from 2 to 1000");
        }
    }

    /** The SQLite file {@code file} (no server). */
    public static DbSettings sqlite(Path file) {
        return new DbSettings(file, "", "", "", DEFAULT_POOL_SIZE);
    }

    /** The PostgreSQL database at {@code url} with the default pool size. */
    public static DbSettings postgresql(String url, String user, String password) {
        return new DbSettings(null, url, user, password, DEFAULT_POOL_SIZE);
    }

    public Dialect dialect() {
        return url.isEmpty() ? Dialect.SQLITE : Dialect.POSTGRESQL;
    }

    /** Where the data is, for messages: the file, or the url without its query (which may hold a password). */
    public String where() {
        return url.isEmpty() ? file.toAbsolutePath().toString() : url.replaceFirst("\\?.*", "");
    }

    @Override
    public String toString() {
        return "DbSettings[" + where() + (url.isEmpty() ? "" : ", user=" + user + ", pool=" + poolSize) + "]";
    }
}
