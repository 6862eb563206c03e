package tw.jiaohao.office.fleet;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.ConfigException;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.office.ticketing.SettingsRefusedException;
import tw.jiaohao.office.ticketing.SettingsWait;
import tw.jiaohao.office.ticketing.StoreException;
import tw.jiaohao.office.ticketing.Subscription;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * Head office's settings on the office node ({@link OfficeSettings} on {@code hub/settings/{office}}):
 * a newer version is checked as the office file would be, put in force by the engine between
 * calls ({@link QueueEngine#applySettings}; while a counter whose settings change is in a call it
 * waits and is tried again after every change of the queue), kept in the office database so a
 * restart keeps it ({@link #restore}), and answered with a {@link SettingsAck}. A version that
 * cannot be applied is answered {@code REFUSED} with the reason and the node keeps the one it had.
 *
 * <p>Threading: messages and retries are handled one at a time on thread {@code jiaohao-settings};
 * {@link #onMessage} returns at once. Offline: acknowledgements that cannot be published are
 * dropped; the retained settings arrive again after the reconnect and are answered again.
 */
public final class FleetSettings implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetSettings.class);

    /**
     * The configuration at start (file plus the settings kept from before), the version it holds
     * (0 = none yet) and the languages that version sets (null = the kiosk's and boards' own files).
     */
    public record Restored(OfficeConfig config, long version, OfficeSettings.Languages languages) {
        public Restored(OfficeConfig config, long version) {
            this(config, version, null);
        }
    }

    private final QueueEngine engine;
    private final OfficeConfig base;
    private final Consumer<SettingsAck> acks;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jiaohao-settings");
        t.setDaemon(true);
        return t;
    });
    private final Subscription onChange;
    private volatile long applied;
    private volatile OfficeSettings.Languages languages;
    private final java.util.List<Consumer<OfficeSettings.Languages>> languageListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Pending pending;
    private long refusedLogged;

    private record Pending(OfficeSettings settings, byte[] body, OfficeConfig next, SettingsWait announced) {
    }

    /**
     * @param base    the node's own configuration (its file), onto which each version is laid
     * @param applied the version in force at start ({@link Restored#version()})
     * @param acks    publishes an answer; may throw while the broker is unreachable
     */
    public FleetSettings(QueueEngine engine, OfficeConfig base, long applied, Consumer<SettingsAck> acks, Clock clock) {
        this.engine = engine;
        this.base = base;
        this.applied = applied;
        this.acks = acks;
        this.clock = clock;
        this.onChange = engine.onAppended(() -> submit(this::retry));
    }

    /** The node's configuration with the settings it applied before its restart, if any (a version it can no longer apply is logged and left out). */
    public static Restored restore(OfficeDatabase db, OfficeConfig base) {
        byte[] body = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM fleet_settings WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        });
        if (body == null) {
            return new Restored(base, 0);
        }
        Decoded<OfficeSettings> d = new JsonCodec().decode(Topics.settings(base.officeId()), body, OfficeSettings.class);
        if (!(d instanceof Decoded.Accepted<OfficeSettings> a)) {
            log.warn("the kept head-office settings cannot be read ({}); starting with the office file's", d);
            return new Restored(base, 0);
        }
        try {
            OfficeConfig config = SettingsProperties.apply(base, a.message());
            log.info("head-office settings version {} in force", a.message().version());
            return new Restored(config, a.message().version(), a.message().languages());
        } catch (ConfigException e) {
            log.warn("the kept head-office settings version {} no longer apply ({}); starting with the office file's", a.message().version(), e.getMessage());
            return new Restored(base, 0);
        }
    }

    /** The languages in force at start ({@link Restored#languages()}); null = the kiosk's own file's. */
    public void restoreLanguages(OfficeSettings.Languages kept) {
        this.languages = kept;
    }

    /** The offered languages in force, or null while no version in force sets them (the kiosk's own file's then). */
    public OfficeSettings.Languages languages() {
        return languages;
    }

    /**
     * Calls {@code listener} on the settings thread each time an applied version sets the
     * languages (not for a version that leaves them unset). The kiosk switches between customers.
     */
    public Subscription onLanguages(Consumer<OfficeSettings.Languages> listener) {
        languageListeners.add(listener);
        return () -> languageListeners.remove(listener);
    }

    /** The version in force (0 = the office file's settings). */
    public long appliedVersion() {
        return applied;
    }

    /** A payload from {@code hub/settings/{office}}; handled on the settings thread. */
    public void onMessage(byte[] payload) {
        submit(() -> handle(payload));
    }

    private void submit(Runnable r) {
        try {
            worker.execute(r);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void handle(byte[] payload) {
        if (payload.length == 0) {
            return; // head office cleared the retained settings: keep what is in force
        }
        Decoded<OfficeSettings> d = codec.decode(Topics.settings(base.officeId()), payload, OfficeSettings.class);
        if (!(d instanceof Decoded.Accepted<OfficeSettings> a)) {
            log.warn("refused head-office settings that cannot be read: {}", d);
            return;
        }
        OfficeSettings s = a.message();
        if (s.version() <= applied) {
            answer(applied, SettingsAck.Outcome.APPLIED, null, null, java.util.List.of());
            return;
        }
        if (pending != null && pending.settings().version() == s.version()) {
            retry();
            return;
        }
        if (s.languages() != null && !s.languages().defaultOffered()) {
            String offered = String.join(",", s.languages().offered());
            refuse(s.version(), "LANGUAGE_NOT_OFFERED", java.util.List.of(s.languages().defaultLanguage(), offered),
                    "the default language " + s.languages().defaultLanguage() + " is not among the offered languages (" + offered + ")");
            return;
        }
        if (s.languages() != null && !s.languages().boardsCanShow()) {
            String offered = String.join(",", s.languages().offered());
            refuse(s.version(), "BOARD_CANNOT_SHOW", java.util.List.of(offered),
                    "the wall boards cannot show an office offering only " + offered + " (they show zh-TW, with en beside it)");
            return;
        }
        OfficeConfig next;
        try {
            next = SettingsProperties.apply(base, s);
        } catch (ConfigException e) {
            refuse(s.version(), "BAD_SETTING", badSetting(e), e.getMessage());
            return;
        }
        pending = new Pending(s, payload, next, null);
        retry();
    }

    /** [key, problem code, its parameters…] for the dashboard to translate; [key, the English problem] for a problem without a code. */
    private static java.util.List<String> badSetting(ConfigException e) {
        java.util.List<String> args = new java.util.ArrayList<>();
        args.add(e.key() == null ? "" : e.key());
        if (e.code() != null) {
            args.add(e.code().name());
            args.addAll(e.args());
        } else {
            args.add(e.problem() == null ? "" : e.problem());
        }
        return args;
    }

    private void retry() {
        Pending p = pending;
        if (p == null) {
            return;
        }
        SettingsWait wait;
        try {
            wait = engine.applySettings(p.next(), c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO fleet_settings (id, version, body, applied_at) VALUES (1, ?, ?, ?)")) {
                    s.setLong(1, p.settings().version());
                    s.setBytes(2, p.body());
                    s.setLong(3, clock.millis());
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SettingsRefusedException e) {
            pending = null;
            refuse(p.settings().version(), e.code(), e.args(), e.getMessage());
            return;
        } catch (StoreException e) {
            log.warn("head-office settings version {} not stored ({}); trying again after the next change", p.settings().version(), e.getMessage());
            return;
        }
        if (wait == null) {
            pending = null;
            applied = p.settings().version();
            if (p.settings().languages() != null) {
                languages = p.settings().languages();
                for (Consumer<OfficeSettings.Languages> l : languageListeners) {
                    l.accept(languages);
                }
            }
            log.info("head-office settings version {} applied (by {})", applied, p.settings().publishedBy());
            answer(applied, SettingsAck.Outcome.APPLIED, null, null, java.util.List.of());
        } else if (!wait.equals(p.announced())) {
            pending = new Pending(p.settings(), p.body(), p.next(), wait);
            log.info("head-office settings version {} wait: {}", p.settings().version(), wait.text());
            answer(p.settings().version(), SettingsAck.Outcome.PENDING, wait.text(), wait.code(), wait.args());
        }
    }

    private void refuse(long version, String code, java.util.List<String> args, String reason) {
        if (refusedLogged != version) {
            refusedLogged = version;
            log.warn("head-office settings version {} refused: {}; keeping version {}", version, reason, applied);
        }
        answer(version, SettingsAck.Outcome.REFUSED, reason + " (version " + applied + " stays in force)", code, args);
    }

    private void answer(long version, SettingsAck.Outcome outcome, String reason, String code, java.util.List<String> args) {
        if (version < 1) {
            return;
        }
        try {
            acks.accept(new SettingsAck(ProtocolVersion.CURRENT, base.officeId(), version, outcome, reason, clock.instant(), code,
                    args.stream().map(a -> a.length() <= 200 ? a : a.substring(0, 199) + "…").toList()));
        } catch (RuntimeException e) {
            log.debug("settings answer for version {} not sent ({}); the retained settings bring it again after the reconnect", version, e.toString());
        }
    }

    @Override
    public void close() {
        onChange.close();
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
