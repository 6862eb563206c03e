package tw.jiaohao.office.ticketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.ticketing.lifecycle.Lifecycle;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The queue engine of one office: the only writer of its {@link OfficeDatabase}, and a small
 * coordinator of named parts (docs/ARCHITECTURE.md, docs/office-node/QUEUE.md). It implements the
 * {@link OfficeService} the UI, link and simulator use and the {@link EventOutbox} the publisher
 * drains by handing each call to the part that owns it; the transitions themselves are decided and
 * folded only by the pure ticket lifecycle ({@link Lifecycle#decide}, {@link Lifecycle#apply}). The
 * parts, each with its contract:
 * <ul>
 * <li>{@link Issuing}: a ticket issued — the gates of the hold, the category, the disk, the
 *     clock, the hours and the capacity, its number, people ahead and estimate, and its lifecycle
 *     command;</li>
 * <li>{@link IncomingCommands}: a counter's command and a kiosk's rating turned into lifecycle
 *     commands with what the rules need from the store, and their outcome into the reply;</li>
 * <li>{@link Transitions}: lifecycle commands made durable — decided, their events logged, folded,
 *     the changed rows stored — one at a time (issuing, counter commands, ratings) or as a batch
 *     (the end-of-day sweep), and the events head office gives back folded the same way;</li>
 * <li>{@link PushedSettings}: head office's settings put in force between calls;</li>
 * <li>{@link ChangeGate}: the hold (start-up check, a database behind its high-water mark), the
 *     clock's trust, the disk reserve — what must be true before a change is stored;</li>
 * <li>{@link Changes} over {@link EventLog}: one transaction per change, its events appended to
 *     the log and outbox with the next seq, a failed COMMIT looked for again; after the commit the
 *     {@link HighWaterMark} is recorded off the caller's path;</li>
 * <li>{@link WalCheckpoints}: the WAL copied into the database file every few dozen changes, between
 *     changes, so no change carries SQLite's checkpoint or the WAL's new header;</li>
 * <li>{@link Numbering} and {@link CallOrder}: the next number, the ticket a CALL_NEXT takes;</li>
 * <li>{@link WaitingEstimate}: each category's forecast for the next ticket, computed after every
 *     change on its own thread, so an issue forecasts nothing when the round is current;</li>
 * <li>{@link SnapshotPublisher}: the office's state for the boards, built after each round;</li>
 * <li>{@link EndOfDay}: the upkeep's sweep of tickets left open;</li>
 * <li>{@link HubRestore}: the start-up check's steps — whether head office answered before, the
 *     import of the events it gives back, a database accepted as it is;</li>
 * <li>{@link ClockConfirmations}: head office's time and a date staff confirmed, for the clock's
 *     trust.</li>
 * </ul>
 * Threading: every method is thread-safe; changes are serialised by the database's lock. The
 * engine's own threads are {@code jiaohao-estimate}, {@code jiaohao-snapshot},
 * {@code jiaohao-highwater} and {@code jiaohao-checkpoint} ({@link WalCheckpoints}); {@link #close()} stops them.
 */
public final class QueueEngine implements OfficeService, EventOutbox, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);
    /** Replaced whole by {@link PushedSettings} inside its applying transaction, so between changes (head office's settings); read once per operation. */
    private volatile OfficeConfig config;
    private final OfficeDatabase db;
    private final Clock clock;
    private final NodeHealth health = new NodeHealth();
    private final OfficeTime time;
    private final StorageWatch storage;
    private final HighWaterMark highWater;
    private final EventLog events;
    private final ChangeGate gate;
    private final WaitingEstimate estimate;
    private final WalCheckpoints checkpoints;
    private final Changes changes;
    private final Numbering numbering = new Numbering();
    private final EndOfDay endOfDay;
    private final SnapshotPublisher publisher;
    private final Transitions transitions;
    private final IncomingCommands commands;
    private final PushedSettings settings;
    private final ClockConfirmations clockNews;
    private final HubRestore restore;
    private final Issuing issuing;

    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock) {
        this(config, db, clock, OfficeTime.syncStatusFor(clock));
    }

    /** With the system's clock-synchronisation status given (tests of an unsynchronised clock). */
    public QueueEngine(OfficeConfig config, OfficeDatabase db, Clock clock, ClockTrust.SyncStatus sync) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.events = new EventLog(db, config.officeId());
        this.time = new OfficeTime(clock, config.zone(), new ClockTrust(config.safety().alwaysTrustClock(), sync, config.zone(),
                config.safety().hubClockTolerance()), health);
        this.highWater = new HighWaterMark(db.file(), config.safety().markCopyDir() == null ? null
                : config.safety().markCopyDir().resolve(config.officeId() + ".highwater"));
        this.storage = new StorageWatch(DiskSpace.of(db.file(), config.safety().lowBytes(), config.safety().reserveBytes()), db, health);
        this.gate = new ChangeGate(time, storage::levelForTicket);
        this.estimate = new WaitingEstimate(db, time, config);
        this.checkpoints = new WalCheckpoints(db);
        this.changes = new Changes(events, estimate, highWater, checkpoints);
        this.transitions = new Transitions(events, this::config);
        this.endOfDay = new EndOfDay(db, this::config, time, gate, changes, transitions);
        this.commands = new IncomingCommands(this::config, time, gate, changes, events, numbering, transitions, this::clockTrusted,
                this::confirmDate);
        this.settings = new PushedSettings(db, this::config, next -> this.config = next, estimate);
        settings.addCounters(config);
        this.publisher = new SnapshotPublisher(db, this::config, time, gate, estimate);
        this.clockNews = new ClockConfirmations(db, time, publisher::markDirty);
        this.restore = new HubRestore(db, this::config, time, events, transitions, estimate, highWater, numbering);
        this.issuing = new Issuing(db, this::config, time, gate, storage, changes, events, numbering, transitions, estimate);
        estimate.start();
        checkpoints.start();
    }

    /**
     * Puts head office's settings {@code next} (same office, other categories, counters, hours) in
     * force between calls ({@link PushedSettings}, which says when they wait or are refused);
     * applied, {@code record} has run in the same transaction (the node keeps the version it
     * applied), the state is published again, and null is returned.
     *
     * @return null when applied, else why the settings wait (try again after the next change)
     * @throws SettingsRefusedException when the settings cannot be applied as they are
     */
    public SettingsWait applySettings(OfficeConfig next, OfficeDatabase.Work<Void> record) {
        SettingsWait wait = settings.apply(next, record);
        if (wait == null) {
            publisher.markDirty();
        }
        return wait;
    }

    /** The database this engine writes (for reports such as {@link EstimateAccuracy}). */
    public OfficeDatabase database() {
        return db;
    }

    public OfficeConfig config() {
        return config;
    }

    /** What is wrong with this node now (its device status detail). */
    public NodeHealth health() {
        return health;
    }

    /** The time rules: stamps that never go back, whether the clock is trusted, clock steps. */
    public OfficeTime time() {
        return time;
    }

    /** Whether the clock may decide the office day now (the upkeep purges nothing by a clock it cannot trust). */
    public boolean clockTrusted() {
        return gate.clockTrusted(db.transaction(EventLog::newest).day());
    }

    /** The highest seq this node committed, kept beside the database (read at start by the check with the hub). */
    public HighWaterMark highWater() {
        return highWater;
    }

    /** The watch on the database's disk and store (checked before every ticket and by the upkeep). */
    public StorageWatch storage() {
        return storage;
    }

    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- the hold ({@link ChangeGate})

    /**
     * Holds every change (issue, counter commands, ratings) until {@link #release()}: the node
     * holds while it checks with the hub at start that its database is not older than what the
     * hub already has (docs/office-node/QUEUE.md, "Restored from a backup"). A change asked for
     * meanwhile waits up to {@link ChangeGate#HOLD_WAIT} for the release, then is refused with a
     * message to try again. Snapshots are not held.
     */
    public void hold(String why) {
        gate.hold(why);
    }

    /**
     * Holds like {@link #hold}, and lets a counter's CONFIRM end the hold by calling
     * {@code confirm} with who confirmed (e.g. "counter 3").
     */
    public void holdUntilConfirmed(String why, Consumer<String> confirm) {
        gate.holdUntilConfirmed(why, confirm);
        publisher.markDirty(); // the counter units show the hold and their confirm key
    }

    /** Accepts changes again (and lets waiting ones through); a pending staff confirmation is no longer needed. */
    public void release() {
        if (gate.release()) {
            publisher.markDirty();
        }
    }

    /** Whether changes are held. */
    public boolean isHeld() {
        return gate.isHeld();
    }

    /**
     * Head office's time as it answered the start-up check: one source of trust for this node's
     * clock ({@link ClockConfirmations}); the counters' snapshot shows a hold it causes.
     */
    public void hubTime(Instant at) {
        clockNews.hubTime(at);
    }

    /** Staff confirmed on site that today is {@code date} (lifts the hold of an untrusted clock showing that date; {@link ClockConfirmations}). */
    public void confirmDate(LocalDate date) {
        clockNews.confirmDate(date);
    }

    // ---------------------------------------------------------------- issue ({@link Issuing})

    /** {@inheritDoc} <p>Gated, numbered, forecast and stored by {@link Issuing}. */
    @Override
    public IssuedTicket issue(String category) {
        return issuing.issue(category);
    }

    // ---------------------------------------------------------------- counter commands

    /** {@inheritDoc} <p>Translated and run by {@link IncomingCommands}. */
    @Override
    public CommandReply execute(CounterCommand cmd) {
        return commands.execute(cmd);
    }

    // ---------------------------------------------------------------- ratings

    /** {@inheritDoc} <p>Translated and run by {@link IncomingCommands}. */
    @Override
    public RatingResult rate(String ticketNumberOrId, Rating rating) {
        return commands.rate(ticketNumberOrId, rating);
    }

    // ---------------------------------------------------------------- end of the office day ({@link EndOfDay})

    /**
     * Closes the tickets the office left open (docs/office-node/QUEUE.md, "End of the office day";
     * {@link EndOfDay}). Idempotent; does nothing while held or by an untrusted clock.
     *
     * @return the number of tickets closed
     */
    public int closeLeftovers() {
        return endOfDay.run();
    }

    // ---------------------------------------------------------------- events from the hub ({@link HubRestore})

    /**
     * The start-up check's steps with head office ({@link HubRestore}: whether it answered before,
     * the import of the events it gives back, a database accepted as it is by staff); the
     * composition hands it to the check, which calls it directly.
     */
    public HubRestore hubRestore() {
        return restore;
    }

    // ---------------------------------------------------------------- events and outbox ({@link EventLog})

    @Override
    public long lastSeq() {
        return events.lastSeq();
    }

    @Override
    public List<StoredEvent> pending(long afterSeq, int limit) {
        return events.pending(afterSeq, limit);
    }

    @Override
    public List<StoredEvent> range(long fromSeq, long toSeq, int limit) {
        return events.range(fromSeq, toSeq, limit);
    }

    @Override
    public void markSent(List<Long> seqs) {
        events.markSent(seqs);
    }

    @Override
    public long pendingCount() {
        return events.pendingCount();
    }

    @Override
    public Subscription onAppended(Runnable listener) {
        return events.onAppended(listener);
    }

    // ---------------------------------------------------------------- snapshot and estimate

    /**
     * {@inheritDoc}
     * <p>The store is read in one transaction; estimates the waiting estimate's current round does
     * not hold are forecast after it, so the forecast never holds the writer lock for a snapshot.
     */
    @Override
    public StateSnapshot snapshot() {
        return publisher.snapshot();
    }

    @Override
    public Subscription onSnapshot(Consumer<StateSnapshot> listener) {
        return publisher.onSnapshot(listener);
    }

    /**
     * Head office's languages now in force (null: none set, the boards keep their own files'):
     * every snapshot from now on carries them, so the wall boards show and speak them.
     */
    public void showLanguages(tw.jiaohao.protocol.settings.OfficeSettings.Languages inForce) {
        publisher.languages(inForce);
    }

    /** Builds and hands out a new snapshot now (e.g. after the clock was set; tests). */
    public void republish() {
        publisher.markDirty();
    }

    /**
     * Waits until the waiting estimate has forecast the newest state, so the next ticket forecasts
     * nothing itself: for benchmarks and tests that issue at an office's pace (changes seconds
     * apart). False when {@code timeout} passed first.
     */
    public boolean awaitEstimates(Duration timeout) throws InterruptedException {
        return estimate.awaitCurrent(timeout);
    }

    /**
     * Waits until the node has done the work that follows a change: the waiting estimate has
     * forecast the newest state and no WAL checkpoint is due or running ({@link WalCheckpoints}). For
     * benchmarks and tests that act at an office's pace, where changes come seconds apart. False
     * when {@code timeout} passed first.
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        if (!estimate.awaitCurrent(timeout)) {
            return false;
        }
        while (checkpoints.pending()) {
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.sleep(0, 200_000);
        }
        return true;
    }

    /** The engine's waiting estimate (tests of its contract). */
    WaitingEstimate waitingEstimate() {
        return estimate;
    }

    /** Stops the engine's threads and writes the high-water mark's pending seq. The database is closed by its owner. */
    @Override
    public void close() {
        publisher.close();
        estimate.close();
        checkpoints.close();
        highWater.close();
    }
}
