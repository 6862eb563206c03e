package tw.jiaohao.hub.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.access.AccessException;
import tw.jiaohao.protocol.access.BrokerLogin;
import tw.jiaohao.protocol.access.LoginFile;
import tw.jiaohao.protocol.access.PasswordHash;
import tw.jiaohao.protocol.access.TopicGrant;
import tw.jiaohao.protocol.access.TopicRights;

/**
 * Who may connect to the embedded broker, and what each login may do — the decision behind
 * {@link AccessExtension}. Two modes:
 * <ul>
 *   <li><b>Logins</b> ({@code broker.embedded.logins} names a file or a folder of
 *       {@code *.logins} files written by {@code bin/jiaohao mosquitto-config}): every client
 *       logs in, and gets exactly the {@link TopicRights} the generated Mosquitto ACL gives the
 *       same login. The hub's own clients log in as {@value #HUB_USERNAME} with a password made
 *       at start and never written anywhere. The files are read again when they change
 *       (checked at each connection), so a removed line locks its device out of new connections.</li>
 *   <li><b>Anonymous, loopback only</b> (no logins: the demo and tests on one machine): clients
 *       from a loopback address may do anything; any other address is refused. The broker
 *       refuses to be built this way on a non-loopback bind address.</li>
 * </ul>
 * Thread-safe.
 */
public final class BrokerLogins {
    private static final Logger log = LoggerFactory.getLogger(BrokerLogins.class);
    /** The hub's own login at the embedded broker (and at a head-office Mosquitto). */
    public static final String HUB_USERNAME = "jiaohao-hub";

    /** A connection's outcome: refused with a reason, or admitted with its rights (null = anything). */
    public record Decision(boolean admitted, String refusal, String login, List<TopicGrant> grants) {
        static Decision refuse(String why) {
            return new Decision(false, why, null, null);
        }
    }

    private final Path source;
    private final String hubPassword;
    private volatile Table table;
    private volatile String lastError;

    private record Table(long stamp, Map<String, LoginFile.Entry> byUsername, Map<String, List<BrokerLogin>> byOffice) {
    }

    private BrokerLogins(Path source, String hubPassword) {
        this.source = source;
        this.hubPassword = hubPassword;
    }

    /** Anonymous clients from loopback addresses only; for the demo and tests on one machine. */
    public static BrokerLogins anonymousLoopback() {
        return new BrokerLogins(null, null);
    }

    /**
     * The logins in {@code source} (a {@code .logins} file, or a folder whose {@code *.logins}
     * files are all read). Fails with a {@link HubException} naming {@code broker.embedded.logins}
     * when they cannot be read.
     */
    public static BrokerLogins fromFiles(Path source) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        BrokerLogins logins = new BrokerLogins(source, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        try {
            logins.table = load(source);
        } catch (AccessException | IOException e) {
            throw new HubException("configuration key broker.embedded.logins has '" + source + "'; expected a file or folder of"
                    + " .logins files written by bin/jiaohao mosquitto-config: " + e.getMessage());
        }
        log.info("embedded broker: {} logins from {}", logins.table.byUsername().size(), source);
        return logins;
    }

    /** True when anonymous clients (from loopback) are let in. */
    public boolean anonymous() {
        return source == null;
    }

    /** The hub's own username for its clients, or null in anonymous mode. */
    public String hubUsername() {
        return anonymous() ? null : HUB_USERNAME;
    }

    /** The hub's own password for its clients, or null in anonymous mode. */
    public String hubPassword() {
        return hubPassword;
    }

    /** Decides a CONNECT: {@code username} and {@code password} as sent (either may be absent). */
    public Decision decide(Optional<String> username, Optional<byte[]> password, Optional<InetAddress> from) {
        if (anonymous()) {
            if (from.isPresent() && from.get().isLoopbackAddress()) {
                return new Decision(true, null, username.orElse("(anonymous)"), null);
            }
            return Decision.refuse("anonymous access is for loopback clients only");
        }
        if (username.isEmpty() || password.isEmpty()) {
            return Decision.refuse("no username or password");
        }
        String user = username.get();
        String pw = new String(password.get(), StandardCharsets.UTF_8);
        if (user.equals(HUB_USERNAME)) {
            return MessageDigest.isEqual(pw.getBytes(StandardCharsets.UTF_8), hubPassword.getBytes(StandardCharsets.UTF_8))
                    ? new Decision(true, null, user, TopicRights.of(BrokerLogin.hub(HUB_USERNAME), List.of()))
                    : Decision.refuse("wrong password");
        }
        Table t = current();
        LoginFile.Entry entry = t.byUsername().get(user);
        if (entry == null) {
            return Decision.refuse("no such login");
        }
        if (!PasswordHash.matches(pw, entry.passwordHash())) {
            return Decision.refuse("wrong password");
        }
        BrokerLogin login = entry.login();
        return new Decision(true, null, user, TopicRights.of(login, t.byOffice().getOrDefault(login.office(), List.of())));
    }

    private Table current() {
        Table t = table;
        try {
            long stamp = stamp(source);
            if (stamp != t.stamp()) {
                Table fresh = load(source);
                table = fresh;
                lastError = null;
                log.info("embedded broker: logins changed; now {} from {}", fresh.byUsername().size(), source);
                return fresh;
            }
        } catch (AccessException | IOException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(lastError)) { // once per distinct problem, not once per connection
                lastError = why;
                log.error("embedded broker: cannot read the changed logins in {} ({}); keeping the {} logins read before",
                        source, why, t.byUsername().size());
            }
        }
        return t;
    }

    private static Table load(Path source) throws IOException {
        long stamp = stamp(source);
        Map<String, LoginFile.Entry> byUsername = new HashMap<>();
        Map<String, List<BrokerLogin>> byOffice = new HashMap<>();
        for (Path f : files(source)) {
            for (LoginFile.Entry e : LoginFile.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8))) {
                String u = e.login().username();
                if (u.equals(HUB_USERNAME) || byUsername.putIfAbsent(u, e) != null) {
                    throw new AccessException(f + ": login " + u + " is given twice (or is the hub's own); each login once");
                }
                byOffice.computeIfAbsent(e.login().office(), o -> new ArrayList<>()).add(e.login());
            }
        }
        return new Table(stamp, Map.copyOf(byUsername), Map.copyOf(byOffice));
    }

    private static List<Path> files(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> s = Files.list(source)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".logins") && Files.isRegularFile(p)).sorted().toList();
            }
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException("no such file or folder");
        }
        return List.of(source);
    }

    /** Changes when any login file (or the folder's list of them) changes. */
    private static long stamp(Path source) throws IOException {
        long stamp = Files.getLastModifiedTime(source).toMillis();
        if (Files.isDirectory(source)) {
            for (Path f : files(source)) {
                stamp = stamp * 31 + Files.getLastModifiedTime(f).toMillis() + Files.size(f);
            }
        } else {
            stamp = stamp * 31 + Files.size(source);
        }
        return stamp;
    }
}
