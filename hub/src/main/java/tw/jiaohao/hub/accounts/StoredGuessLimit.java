package tw.jiaohao.hub.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.db.HubDatabase;

/**
 * The {@link GuessLimit} whose counts are rows of the hub database's {@code lookup_guess} table
 * (migration V43), so the limits hold across every hub instance on the same database (SQLite for
 * one machine, PostgreSQL for several) and across a restart.
 *
 * <p>The window is cut into {@value #SLOTS} slots (60 min: 1-minute slots); each key has one row
 * per slot with a try in it, incremented by one upsert
 * ({@code INSERT … ON CONFLICT (guess_key, slot) DO UPDATE SET tries = tries + 1 RETURNING tries}):
 * the database's row lock (PostgreSQL) or write lock (SQLite) makes every increment see the one
 * before it, so two instances never read the same count and both answer. A key's count is its
 * current slot's tries plus those of the slots before it whose start is within the window of the
 * current slot's start: it covers at least the last {@code window} (so the limit holds in any span
 * of that length) and at most one slot more (a limit reached lasts up to one slot longer than the
 * window). Slots before the current one are closed, so their sum does not race; instances' clocks
 * must agree to well within a slot (NTP), as for the job lease.
 *
 * <p>No account number or device is stored in the clear: a row's key is HMAC-SHA-256 of
 * {@code a|<account>} or {@code d|<office>|<device>} (its first 16 bytes, hex), keyed by a key
 * derived from the hub's personal-data key ({@code selfservice.keys-dir}, shared by every instance,
 * never in the database), so the table cannot be searched for an account number without that key.
 * Rows whose slot has left the window are deleted by every instance every slot ({@link #purge}),
 * so a count is kept at most the window plus two slots (62 minutes of the default 60).
 * Thread-safe.
 */
public final class StoredGuessLimit implements GuessLimit, AutoCloseable {
    /** Slots per window. */
    static final int SLOTS = 60;
    private static final Logger log = LoggerFactory.getLogger(StoredGuessLimit.class);
    private static final byte[] DERIVATION = "jiaohao lookup_guess key v1".getBytes(StandardCharsets.US_ASCII);

    private final HubDatabase db;
    private final SecretKeySpec hashKey;
    private final int perAccount;
    private final int perDevice;
    private final Duration window;
    private final long slotMillis;
    /** Slots before the current one that a count includes. */
    private final long slotsBack;
    private final Clock clock;
    private final AtomicBoolean purgeFailing = new AtomicBoolean();
    private final AtomicLong purged = new AtomicLong();
    private ScheduledExecutorService timer;

    /**
     * @param personalDataKey the hub's personal-data key ({@code HubKeys.atRest()}), the same on every
     *                        instance: the counts' keys are hashed with a key derived from it
     * @throws HubException when a limit is below 1 or the window shorter than {@value #SLOTS} ms
     */
    public StoredGuessLimit(HubDatabase db, SecretKey personalDataKey, int perAccount, int perDevice, Duration window, Clock clock) {
        if (perAccount < 1 || perDevice < 1) {
            throw new HubException("look-up guessing limits must be at least 1, not " + perAccount + " per account and " + perDevice + " per device");
        }
        if (window.toMillis() < SLOTS) {
            throw new HubException("the look-up guessing window must be at least " + SLOTS + " ms, not " + window);
        }
        byte[] secret = personalDataKey.getEncoded();
        if (secret == null || secret.length == 0) {
            throw new HubException("the hub's personal-data key cannot be read to hash the look-up guessing counts");
        }
        this.db = db;
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), DERIVATION), "HmacSHA256");
        this.perAccount = perAccount;
        this.perDevice = perDevice;
        this.window = window;
        this.slotMillis = window.toMillis() / SLOTS;
        this.slotsBack = (window.toMillis() + slotMillis - 1) / slotMillis;
        this.clock = clock;
    }

    /** Deletes the rows that have left the window now and then every slot on a daemon thread of its own, until {@link #close}. */
    public synchronized StoredGuessLimit start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lookup-guess-purge");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(slotMillis, 1000);
            timer.scheduleWithFixedDelay(this::purgeQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public String refusal(String accountNumber, String office, String device) {
        long slot = slotOf(clock.millis());
        Keys keys = keys(accountNumber, office, device);
        return db.with("reading look-up guessing counts", c -> {
            if (count(c, keys.account(), slot, true) >= perAccount) {
                return "account";
            }
            return count(c, keys.device(), slot, true) >= perDevice ? "device" : null;
        });
    }

    @Override
    public Wrong wrong(String accountNumber, String office, String device) {
        long slot = slotOf(clock.millis());
        Keys keys = keys(accountNumber, office, device);
        // always the device's row before the account's: two transactions never wait on each other in a circle
        return db.inTransaction("counting a wrong house number", c -> {
            long devices = increment(c, keys.device(), slot);
            long accounts = increment(c, keys.account(), slot);
            String reached = accounts == perAccount ? "account" : devices == perDevice ? "device" : null;
            String over = accounts > perAccount ? "account" : devices > perDevice ? "device" : null;
            return new Wrong(reached, over);
        });
    }

    /**
     * Deletes every row whose slot has left the window (at every slot's start by the timer of
     * {@link #start}); returns how many.
     */
    public int purge() {
        long oldest = slotOf(clock.millis()) - slotsBack * slotMillis;
        int n = db.with("deleting old look-up guessing counts", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lookup_guess WHERE slot < ?")) {
                ps.setLong(1, oldest);
                return ps.executeUpdate();
            }
        });
        purged.addAndGet(n);
        return n;
    }

    /** Rows deleted by {@link #purge} so far. */
    public long purgedRows() {
        return purged.get();
    }

    private void purgeQuietly() {
        try {
            purge();
            if (purgeFailing.compareAndSet(true, false)) {
                log.info("deleting old look-up guessing counts works again");
            }
        } catch (RuntimeException e) {
            if (purgeFailing.compareAndSet(false, true)) {
                log.warn("cannot delete old look-up guessing counts (tried again every slot, logged again once it works): {}", e.getMessage());
            }
        }
    }

    /** Adds one try to the key's current slot and returns the key's count in the window, this try included. */
    private long increment(Connection c, String key, long slot) throws SQLException {
        long current;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lookup_guess (guess_key, slot, tries) VALUES (?, ?, 1) "
                + "ON CONFLICT (guess_key, slot) DO UPDATE SET tries = lookup_guess.tries + 1 RETURNING tries")) {
            ps.setString(1, key);
            ps.setLong(2, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                current = rs.getLong(1);
            }
        }
        return current + count(c, key, slot, false);
    }

    /** The key's tries in the slots of the window before {@code slot}, and in {@code slot} itself if asked. */
    private long count(Connection c, String key, long slot, boolean withCurrent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(tries), 0) FROM lookup_guess WHERE guess_key = ? AND slot >= ? AND slot "
                + (withCurrent ? "<=" : "<") + " ?")) {
            ps.setString(1, key);
            ps.setLong(2, slot - slotsBack * slotMillis);
            ps.setLong(3, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long slotOf(long millis) {
        return Math.floorDiv(millis, slotMillis) * slotMillis;
    }

    /** The stored form of a key: HMAC-SHA-256 with the derived key, first 16 bytes as hex. */
    /** The stored keys of an account and of the device asking: hashes, never the account number. */
    private record Keys(String account, String device) {
    }

    private Keys keys(String accountNumber, String office, String device) {
        return new Keys(key("a|" + accountNumber), key("d|" + office + "|" + device));
    }

    String key(String clear) {
        return HexFormat.of().formatHex(hmac(hashKey, clear.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    @Override
    public int perAccount() {
        return perAccount;
    }

    @Override
    public int perDevice() {
        return perDevice;
    }

    @Override
    public Duration window() {
        return window;
    }

    /** Stops the timer of {@link #start} (the counts stay in the database). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
