package tw.jiaohao.protocol.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The text form of an office's broker logins for the hub's embedded broker
 * ({@code embedded/<office>.logins}, written by {@code bin/jiaohao mosquitto-config}, read from
 * {@code broker.embedded.logins}). One line per login, fields separated by spaces:
 * <pre>
 * # comment
 * &lt;username&gt; &lt;role&gt; &lt;office|-&gt; &lt;counter|-&gt; &lt;device,device|-&gt; &lt;$7$ password hash&gt;
 * taipei-north-node node taipei-north - office-node,kiosk $7$101$…
 * </pre>
 * It carries what {@link TopicRights} needs, so the embedded broker grants what the generated
 * Mosquitto ACL grants; the hash is the one in Mosquitto's password file.
 */
public final class LoginFile {
    private LoginFile() {
    }

    /** A login with its password hash. */
    public record Entry(BrokerLogin login, String passwordHash) {
        public Entry {
            PasswordHash.requireWellFormed(passwordHash);
        }
    }

    /** The file's text for {@code entries}, headed by {@code comment} (one or more lines). */
    public static String render(String comment, List<Entry> entries) {
        StringBuilder s = new StringBuilder();
        comment.lines().forEach(l -> s.append("# ").append(l).append('\n'));
        s.append("# login role office counter devices password-hash\n");
        for (Entry e : entries) {
            BrokerLogin l = e.login();
            s.append(l.username()).append(' ').append(l.role().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(l.office() == null ? "-" : l.office()).append(' ')
                    .append(l.counter() == null ? "-" : l.counter().toString()).append(' ')
                    .append(l.devices().isEmpty() ? "-" : String.join(",", l.devices())).append(' ')
                    .append(e.passwordHash()).append('\n');
        }
        return s.toString();
    }

    /**
     * Parses a file's text; {@code source} names it in errors, which also give the line number
     * and never echo a hash.
     */
    public static List<Entry> parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = source + " line " + (i + 1);
            if (f.length != 6) {
                throw new AccessException(where + ": expected 6 fields (login role office counter devices hash), found " + f.length);
            }
            try {
                Role role = role(f[1]);
                entries.add(new Entry(new BrokerLogin(f[0], role, dash(f[2]), counter(f[3]),
                        dash(f[4]) == null ? List.of() : Arrays.asList(f[4].split(","))), f[5]));
            } catch (AccessException e) {
                throw new AccessException(where + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static Role role(String s) {
        try {
            return Role.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AccessException("role '" + s + "' is none of " + Arrays.toString(Role.values()).toLowerCase(Locale.ROOT));
        }
    }

    private static Integer counter(String s) {
        if (s.equals("-")) {
            return null;
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            throw new AccessException("counter '" + s + "' is not a number (or '-')");
        }
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }
}
