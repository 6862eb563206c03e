package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.ticketing.lifecycle.Command;
import tw.jiaohao.office.ticketing.lifecycle.Ticket;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * The commands that come in from outside the engine, one part of the queue engine: a counter's
 * {@link CounterCommand} (from a counter unit over MQTT, through {@code office.link.MqttLink}, or
 * from the simulator's counters) and a customer's rating at the kiosk. Each is turned into a
 * lifecycle {@link Command} with what the rules need from the store — the counter's row and
 * tickets, the ticket the call order picks ({@link CallOrder}), the next free number of a
 * transfer's category ({@link Numbering}), whether the clock is trusted, the time stamped so it
 * never goes back — and run as one change ({@link Changes}, {@link Transitions}); the outcome is
 * turned into the reply. A counter's CONFIRM changes no ticket: it confirms the date an untrusted
 * clock shows and ends a hold that waits for staff ({@link ChangeGate#staffConfirmation()}).
 *
 * <p>Threading: any thread, blocking; the change runs under the database's writer lock, and
 * before it the caller may wait up to {@link ChangeGate#HOLD_WAIT} while changes are held.
 * Failure: never throws for bad input or a refused command — the reply says what was wrong with
 * a {@link ReplyCode} and a "zh / en" message, and nothing is stored; a store failure is
 * {@code STORE_FAILED} with a message that says whether nothing changed or that it is not known
 * yet (a failed COMMIT). Offline: needs neither the broker nor head office.
 */
final class IncomingCommands {
    private static final Logger log = LoggerFactory.getLogger(IncomingCommands.class);

    private record CounterRow(int number, boolean open, String currentTicket, String lastTicket) {
    }

    private final Supplier<OfficeConfig> config;
    private final OfficeTime time;
    private final ChangeGate gate;
    private final Changes changes;
    private final EventLog events;
    private final Numbering numbering;
    private final Transitions transitions;
    private final BooleanSupplier clockTrusted;
    private final Consumer<LocalDate> confirmDate;

    /**
     * @param clockTrusted whether the clock may name the office day now
     * @param confirmDate  staff confirmed that today is the given date
     */
    IncomingCommands(Supplier<OfficeConfig> config, OfficeTime time, ChangeGate gate, Changes changes, EventLog events,
            Numbering numbering, Transitions transitions, BooleanSupplier clockTrusted, Consumer<LocalDate> confirmDate) {
        this.config = config;
        this.time = time;
        this.gate = gate;
        this.changes = changes;
        this.events = events;
        this.numbering = numbering;
        this.transitions = transitions;
        this.clockTrusted = clockTrusted;
        this.confirmDate = confirmDate;
    }

    /** {@link OfficeService#execute}: on OK the reply carries the ticket acted on (TRANSFER: the new ticket; OPEN, CLOSE: none). */
    CommandReply execute(CounterCommand cmd) {
        OfficeConfig cfg = config.get();
        String office = cfg.officeId();
        if (!cmd.office().equals(office)) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.MALFORMED, Texts.wrongOffice(cmd.office(), office));
        }
        CounterConfig counter = cfg.counter(cmd.counter()).orElse(null);
        if (counter == null) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.UNKNOWN_COUNTER,
                    Texts.unknownCounter(cmd.counter()));
        }
        if (cmd.action() == CommandAction.CONFIRM) {
            return confirm(office, cmd);
        }
        try {
            gate.admitChange();
            time.look();
            TicketView ticket = changes.run(c -> apply(c, counter, cmd, events.newestForChange(c)));
            log.debug("counter {} {} → {}", cmd.counter(), cmd.action(), ticket == null ? "ok" : ticket.number());
            return CommandReply.ok(office, cmd.counter(), cmd.action(), ticket);
        } catch (Refusal r) {
            log.debug("counter {} {} refused: {}", cmd.counter(), cmd.action(), r.code);
            return CommandReply.error(office, cmd.counter(), cmd.action(), r.code, r.getMessage());
        } catch (StoreException e) {
            log.debug("counter {} {} not stored: {}", cmd.counter(), cmd.action(), e.getMessage());
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.STORE_FAILED, Texts.storeFailure(e));
        }
    }

    /** A counter's CONFIRM: the date the clock shows, and a database held until staff confirm. */
    private CommandReply confirm(String office, CounterCommand cmd) {
        boolean done = false;
        LocalDate today = time.day(time.now());
        if (!clockTrusted.getAsBoolean()) {
            confirmDate.accept(today);
            done = true;
        }
        Consumer<String> hook = gate.staffConfirmation();
        if (hook != null) {
            hook.accept("counter " + cmd.counter());
            done = true;
        }
        if (!done) {
            return CommandReply.error(office, cmd.counter(), cmd.action(), ReplyCode.INVALID_STATE, Texts.nothingToConfirm());
        }
        log.warn("counter {} confirmed: date {}, database as it is", cmd.counter(), today);
        return CommandReply.ok(office, cmd.counter(), cmd.action(), null);
    }

    /** Turns the counter's command into a lifecycle command, with what the rules need from the store, and runs it. */
    private TicketView apply(Connection c, CounterConfig counter, CounterCommand cmd, EventLog.Newest newest) throws SQLException {
        OfficeConfig cfg = config.get(); // read under the writer lock: settings change only between changes
        Instant now = time.stamp(newest.at());
        CounterRow row = counterRow(c, counter.number());
        int n = counter.number();
        List<String> ids = new ArrayList<>(Arrays.asList(cmd.ticketId(), row.currentTicket()));
        Command command = switch (cmd.action()) {
            case OPEN -> new Command.Open(n, now);
            case CLOSE -> new Command.Close(n, now);
            case CALL_NEXT -> {
                boolean trusted = gate.clockTrusted(newest.day());
                TicketRow next = row.open() && trusted ? CallOrder.next(c, cfg, time, time.day(now), counter, now) : null;
                ids.add(next == null ? null : next.ticketId());
                yield new Command.CallNext(n, next == null ? null : next.ticketId(), trusted, now);
            }
            case RECALL -> new Command.Recall(n, cmd.ticketId(), now);
            case NO_SHOW -> new Command.NoShow(n, cmd.ticketId(), now);
            case START -> new Command.Start(n, cmd.ticketId(), now);
            case FINISH -> new Command.Finish(n, cmd.ticketId(), now);
            case TRANSFER -> {
                String subject = cmd.ticketId() != null ? cmd.ticketId() : row.currentTicket();
                String target = cmd.targetCategory();
                boolean known = cfg.category(target).isPresent();
                Integer toNumber = null;
                if (known && subject != null) {
                    try {
                        toNumber = numbering.next(c, TicketId.day(subject), target);
                    } catch (IssueRefusedException full) {
                        toNumber = null; // the day has no number left: the lifecycle refuses
                    }
                }
                yield new Command.Transfer(n, cmd.ticketId(), target, known, toNumber, now);
            }
            case CANCEL -> new Command.Cancel(n, cmd.ticketId(), now);
            case RATE -> {
                ids.add(row.lastTicket());
                yield new Command.RateAtCounter(n, cmd.ticketId(), cmd.rating(), now);
            }
            default -> throw new IllegalStateException("unhandled action " + cmd.action());
        };
        Transitions.Ran ran = transitions.run(c, TicketStore.load(c, ids, List.of(n)), command, counter);
        if (cmd.action() == CommandAction.OPEN || cmd.action() == CommandAction.CLOSE) {
            log.info("counter {} {}", n, cmd.action() == CommandAction.OPEN ? "opened" : "closed");
        }
        return ran.subject() == null ? null : view(ran.subject());
    }

    private static TicketView view(Ticket t) {
        return TicketRow.view(t.ticketId(), t.numberText(), t.ref().category(), t.state(), t.ref().issuedAt(), t.calledAt(),
                t.servingAt(), t.endedAt());
    }

    private static CounterRow counterRow(Connection c, int number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT open, current_ticket, last_ticket FROM counters WHERE number = ?")) {
            s.setInt(1, number);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new Refusal(ReplyCode.UNKNOWN_COUNTER, Texts.unknownCounter(number));
                }
                return new CounterRow(number, r.getInt(1) != 0, r.getString(2), r.getString(3));
            }
        }
    }

    /** {@link OfficeService#rate}: a ticket of today by number ({@code A023}) or any ticket by id. */
    RatingResult rate(String ticketNumberOrId, Rating rating) {
        if (rating == null) {
            throw new IllegalArgumentException("rating is required");
        }
        try {
            gate.admitChange();
            String rated = changes.run(c -> {
                Instant now = time.stamp(events.newestForChange(c).at());
                String id = ticketNumberOrId != null && ticketNumberOrId.length() == 4
                        ? todaysId(ticketNumberOrId, time.day(now)) : ticketNumberOrId;
                if (id == null || !validTicketId(id)) {
                    throw new Refusal(ReplyCode.UNKNOWN_TICKET, Texts.unknownTicket(String.valueOf(ticketNumberOrId)));
                }
                return transitions.run(c, TicketStore.load(c, List.of(id), List.of()), new Command.Rate(id, rating, now), null)
                        .subject().ticketId();
            });
            return new RatingResult(ReplyCode.OK, null, rated, rating);
        } catch (Refusal r) {
            return new RatingResult(r.code, r.getMessage(), null, rating);
        } catch (StoreException e) {
            log.debug("rating not stored: {}", e.getMessage());
            return new RatingResult(ReplyCode.STORE_FAILED, Texts.storeFailure(e), null, rating);
        }
    }

    private static String todaysId(String number, LocalDate day) {
        try {
            return TicketId.of(day, TicketNumber.parse(number));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean validTicketId(String id) {
        try {
            TicketId.check("ticketId", id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
