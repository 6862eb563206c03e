package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.forecast.Estimate;
import tw.jiaohao.office.config.CategoryConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeHours;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.QueueState;
import tw.jiaohao.office.ticketing.lifecycle.TicketRef;
import tw.jiaohao.protocol.counter.ReplyCode;

/**
 * Issuing a ticket, one part of the queue engine (docs/office-node/QUEUE.md, "Numbers" and
 * "Office hours and the day's last ticket"): the gates before it — the hold, a known category, the disk reserve, the clock's
 * trust, the office's hours and last tickets, a category closing by capacity — then the next
 * number, the people ahead and the waiting estimate, and the lifecycle's {@link Command.Issue}
 * made durable by {@link Transitions#run} in one change ({@link Changes#run}).
 *
 * <p>The estimate a ticket carries always fits its place in the queue: the waiting estimate's
 * current round when it is of the very state the issuing transaction sees (the usual case: the
 * issue forecasts nothing); else a forecast prepared before the transaction from a short read of
 * its own ({@link Prepared}), used when nothing changed since that read; else one computed inside
 * the transaction.
 *
 * <p>Threading: any thread, blocking; the change runs under the database's writer lock, the
 * forecast prepared before it never holds that lock. While changes are held the call waits up to
 * {@link ChangeGate#HOLD_WAIT} for the release. Failure: every refusal is an
 * {@link IssueRefusedException} with its reply code and a message for the customer ("zh / en"),
 * and nothing is stored — an unknown category ({@code UNKNOWN_CATEGORY}), held, the disk reserve
 * reached, an untrusted clock, closed, the last ticket passed or the day's capacity reached
 * ({@code INVALID_STATE}), the day's 999 numbers used up; a store failure is {@code STORE_FAILED}
 * (its message says whether nothing was issued or whether that is not known yet; the store logged
 * it once, the disk is checked again). A failed forecast before the transaction is not a failure:
 * the issue then forecasts inside it. Offline: the store only — issuing needs neither the broker
 * nor head office; the event reaches the hub later through the outbox.
 */
final class Issuing {
    private static final Logger log = LoggerFactory.getLogger(Issuing.class);

    private final OfficeDatabase db;
    private final Supplier<OfficeConfig> config;
    private final OfficeTime time;
    private final ChangeGate gate;
    private final StorageWatch storage;
    private final Changes changes;
    private final EventLog events;
    private final Numbering numbering;
    private final Transitions transitions;
    private final WaitingEstimate estimate;

    Issuing(OfficeDatabase db, Supplier<OfficeConfig> config, OfficeTime time, ChangeGate gate, StorageWatch storage, Changes changes,
            EventLog events, Numbering numbering, Transitions transitions, WaitingEstimate estimate) {
        this.db = db;
        this.config = config;
        this.time = time;
        this.gate = gate;
        this.storage = storage;
        this.changes = changes;
        this.events = events;
        this.numbering = numbering;
        this.transitions = transitions;
        this.estimate = estimate;
    }

    /** Issues the next ticket of {@code category} ({@link OfficeService#issue}; refusals in the class comment). */
    IssuedTicket issue(String category) {
        gate.admitTicket();
        OfficeConfig office = config.get();
        CategoryConfig cat = office.category(category).orElseThrow(() -> new IssueRefusedException(ReplyCode.UNKNOWN_CATEGORY,
                Texts.unknownCategory(String.valueOf(category), office.categoryCodes())));
        gate.requireSpaceForTicket();
        IssuedTicket issued;
        time.look();
        // normally the waiting estimate's round is current and the issue forecasts nothing; when it
        // is not (a change just before, a clock moved on), forecast before the write transaction
        Prepared prepared = roundIsCurrent(category) ? null : prepareEstimate(category);
        try {
            issued = changes.run(c -> {
                OfficeConfig inForce = config.get();
                EventLog.Newest newest = events.newestForChange(c);
                gate.requireTrustedClock(newest.day());
                Instant now = time.stamp(newest.at());
                LocalDate day = day(now);
                LocalDateTime local = LocalDateTime.ofInstant(now, inForce.zone());
                OfficeHours hours = inForce.hours();
                if (!hours.isOpen(local)) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.officeClosed(hours.nextOpening(local)));
                }
                Optional<LocalDateTime> last = hours.lastTicket(category, local.toLocalDate());
                if (last.isPresent() && !local.isBefore(last.get())) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketPassed(category, last.get()));
                }
                int number = numbering.next(c, day, category);
                int ahead = waiting(c, day, category);
                Estimate e = estimateInside(c, category, day, now, prepared);
                Optional<LocalDateTime> closing = hours.closing(local.toLocalDate());
                if (hours.byCapacity(category) && closing.isPresent()
                        && local.plusMinutes(e.highMinutes()).isAfter(closing.get().plusMinutes(hours.graceMinutes()))) {
                    throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.lastTicketByCapacity(category));
                }
                int minutes = e.medianMinutes();
                Integer low = e.servable() ? e.lowMinutes() : null;
                Integer high = e.servable() ? e.highMinutes() : null;
                TicketRef ref = new TicketRef(day, category, number, now);
                long seq = transitions.run(c, QueueState.EMPTY, new Command.Issue(ref, ahead, minutes, low, high), null).seq();
                time.issued(ref.ticketId());
                return new IssuedTicket(ref.ticketId(), ref.numberText(), category, cat.nameZh(), cat.nameEn(), day, now,
                        ahead, minutes, seq, low, high);
            });
        } catch (Refusal r) {
            throw new IssueRefusedException(r.code, r.getMessage());
        } catch (StoreException e) {
            log.debug("ticket of {} not issued: {}", category, e.getMessage()); // the store logs its failure once
            storage.check();
            throw new IssueRefusedException(ReplyCode.STORE_FAILED, Texts.storeFailure(e));
        }
        log.debug("issued {} ({} ahead, ~{} min)", issued.number(), issued.peopleAhead(), issued.estimateMinutes());
        return issued;
    }

    /** Tickets of {@code category} waiting on {@code day}: the new ticket's people ahead. */
    private static int waiting(Connection c, LocalDate day, String category) throws SQLException {
        PreparedStatement s = OfficeDatabase.prepared(c, "SELECT COUNT(*) FROM tickets WHERE office_day = ? AND state = 'WAITING' AND category = ?");
        s.setString(1, day.toString());
        s.setString(2, category);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /**
     * A forecast computed before the issuing transaction, and the state it was read from: the
     * waiting estimate's {@code version} (never negative) and the office {@code day}. Used inside
     * the transaction only when both are still those of the state it sees.
     */
    record Prepared(long version, LocalDate day, Estimate estimate) {
        Prepared {
            if (version < 0) {
                throw new IllegalArgumentException("state version must not be negative: " + version);
            }
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(estimate, "estimate");
        }
    }

    /** Whether the waiting estimate's round looks current now (checked again inside the transaction). */
    private boolean roundIsCurrent(String category) {
        Instant now = time.now();
        return estimate.current(category, estimate.version(), day(now), now) != null;
    }

    /**
     * Reads the state in its own short transaction and forecasts outside any transaction, so the
     * forecast never holds the writer lock. Null when the read or the forecast fails: the issue
     * then forecasts inside its transaction.
     */
    private Prepared prepareEstimate(String category) {
        try {
            WaitingEstimate.Pending p = db.transaction(c -> {
                Instant now = time.now();
                return estimate.read(c, day(now), now);
            });
            return new Prepared(p.version, p.day, p.estimate(category));
        } catch (RuntimeException e) {
            log.debug("estimate not prepared before the issue: {}", e.toString());
            return null;
        }
    }

    /**
     * Inside the issuing transaction: the round's forecast when it is of this very state, else the
     * one prepared before the transaction when nothing changed since its read, else one computed
     * here — so the estimate always fits the ticket's place in the queue.
     */
    private Estimate estimateInside(Connection c, String category, LocalDate day, Instant now, Prepared prepared) throws SQLException {
        long version = estimate.version();
        Estimate e = estimate.current(category, version, day, now);
        if (e != null) {
            return e;
        }
        if (prepared != null && prepared.version() == version && prepared.day().equals(day)) {
            return prepared.estimate();
        }
        return estimate.forecastNow(c, category, day, now);
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, config.get().zone());
    }
}
