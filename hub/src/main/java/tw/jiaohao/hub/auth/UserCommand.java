package tw.jiaohao.hub.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * {@code bin/jiaohao hub create-admin --config hub.properties --user NAME} (the first
 * head-office user) and {@code bin/jiaohao hub add-user --config … --user NAME --role
 * OFFICE_MANAGER|STAFF|HEAD_OFFICE [--office ID]}. The password is read from the terminal
 * without echo (asked twice), or as the first line of stdin when stdin is not a terminal (for
 * scripts: {@code printf '%s\n' "$PW" | bin/jiaohao hub create-admin …}). It never appears on
 * the command line, where other users of the machine could see it.
 */
public final class UserCommand {
    private UserCommand() {
    }

    /** Runs the sub-command against the database file; returns the process exit code. */
    public static int run(String command, String username, Role role, String office, Path dbFile, InputStream stdin, PrintStream out) {
        return run(command, username, role, office, tw.jiaohao.hub.db.DbSettings.sqlite(dbFile), stdin, out);
    }

    /** Runs the sub-command against the hub's database (either kind); returns the process exit code. */
    public static int run(String command, String username, Role role, String office, tw.jiaohao.hub.db.DbSettings database,
                          InputStream stdin, PrintStream out) {
        if (command.equals("create-admin")) {
            role = Role.HEAD_OFFICE;
            office = null;
        }
        User user = new User(username, role, office);
        char[] password = readPassword(stdin, out);
        try (HubDatabase db = HubDatabase.open(database)) {
            AuthService auth = AuthService.open(db, Clock.systemUTC(), Duration.ofHours(8), 5, Duration.ofMinutes(15));
            auth.createUser(user, password);
        }
        out.println("user " + user.username() + " (" + user.role() + (office == null ? "" : ", office " + office) + ") created in "
                + database.where());
        return 0;
    }

    private static char[] readPassword(InputStream stdin, PrintStream out) {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] first = console.readPassword("password (at least %d characters): ", PasswordHasher.MIN_LENGTH);
            char[] again = console.readPassword("the same password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new HubException("the two passwords differ; nothing was changed");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new HubException("no password on stdin; pipe it as the first line, or run in a terminal to be asked");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new HubException("cannot read the password from stdin: " + e.getMessage(), e);
        }
    }
}
