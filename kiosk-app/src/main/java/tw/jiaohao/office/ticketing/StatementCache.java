package tw.jiaohao.office.ticketing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements prepared on one writer connection, kept for the connection's life: preparing a
 * statement costs several microseconds of CPU, a noticeable part of issuing a ticket.
 *
 * <p>The cache travels with its connection through JDBC's own wrapper mechanism: the office
 * database hands its work a connection from {@link #attach}, and code holding only that
 * {@link Connection} finds the cache with {@code unwrap} ({@link #prepared}). Closing the
 * connection closes its statements first (the driver would otherwise keep them open).
 *
 * <p>Threading: one thread at a time, as the office database's lock allows on its connection.
 */
final class StatementCache {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** {@code raw} wrapped so that it carries a statement cache of its own. */
    static Connection attach(Connection raw) {
        StatementCache cache = new StatementCache(raw);
        InvocationHandler handler = (proxy, method, args) -> cache.invoke(method, args);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /**
     * The statement for {@code sql} on {@code c}: prepared once on a connection from {@link #attach}
     * and reused by every later transaction on it; callers set all its parameters, close the result
     * sets they open, and never close the statement. On any other connection it is a new statement,
     * closed with that connection.
     */
    static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        if (!c.isWrapperFor(StatementCache.class)) {
            return c.prepareStatement(sql);
        }
        return c.unwrap(StatementCache.class).get(sql);
    }

    private PreparedStatement get(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    private Object invoke(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "isWrapperFor":
                if (args[0] == StatementCache.class) {
                    return true;
                }
                break;
            case "unwrap":
                if (args[0] == StatementCache.class) {
                    return this;
                }
                break;
            case "close":
                closeStatements();
                break;
            default:
                break;
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void closeStatements() {
        for (PreparedStatement s : statements.values()) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // the connection is being closed; its statements go with it
            }
        }
        statements.clear();
    }
}
