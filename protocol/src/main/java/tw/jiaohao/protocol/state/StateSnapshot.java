package tw.jiaohao.protocol.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;
import tw.jiaohao.protocol.event.CategoryCode;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketNumber;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.settings.OfficeSettings;

/**
 * The full picture of an office's queue, published retained on {@code office/{office}/state}
 * (QoS 1) after every change, so a board or counter unit that (re)connects shows the current
 * state at once. {@code seq} is the newest event reflected; a consumer ignores a snapshot
 * whose {@code seq} is lower than the one it shows (an older retained copy arriving late).
 * {@code lastCalls} is newest first, at most {@value #MAX_LAST_CALLS} entries.
 * {@code opensAt} is set while the office is outside its hours (no tickets are issued): when it
 * opens next; null while it is open, when it has no hours, and from nodes before office hours.
 * {@code hold} is set while the office node holds new tickets and calls until staff confirm on
 * a counter unit (a {@link tw.jiaohao.protocol.counter.CommandAction#CONFIRM}): why, in the
 * node's words (an unset clock, a database it cannot check against head office); null otherwise
 * and from nodes that predate it. At most {@value #MAX_HOLD} characters.
 * {@code languages} are the languages head office set for the office in the settings version the
 * node has in force ({@link OfficeSettings.Languages}); the wall board shows and speaks them
 * (Chinese always, English beside it when {@code en} is offered). Null while no version in force
 * sets them, and from nodes that predate it: each board keeps its own file's {@code ui.language}.
 */
public record StateSnapshot(
        int v,
        String office,
        String officeName,
        String zone,
        long seq,
        Instant at,
        LocalDate officeDay,
        List<CategoryView> categories,
        List<CounterView> counters,
        List<CallView> lastCalls,
        Instant opensAt,
        String hold,
        OfficeSettings.Languages languages) implements OfficeScoped {

    public static final int MAX_LAST_CALLS = 10;
    public static final int MAX_HOLD = 400;

    /** A snapshot without head office's languages (none in force, or a node that predates them). */
    public StateSnapshot(int v, String office, String officeName, String zone, long seq, Instant at, LocalDate officeDay,
                         List<CategoryView> categories, List<CounterView> counters, List<CallView> lastCalls, Instant opensAt,
                         String hold) {
        this(v, office, officeName, zone, seq, at, officeDay, categories, counters, lastCalls, opensAt, hold, null);
    }

    /** The same snapshot with head office's languages (null: none in force). */
    public StateSnapshot withLanguages(OfficeSettings.Languages inForce) {
        return new StateSnapshot(v, office, officeName, zone, seq, at, officeDay, categories, counters, lastCalls, opensAt, hold, inForce);
    }

    /** A snapshot without a hold for staff to confirm. */
    public StateSnapshot(int v, String office, String officeName, String zone, long seq, Instant at, LocalDate officeDay,
                         List<CategoryView> categories, List<CounterView> counters, List<CallView> lastCalls, Instant opensAt) {
        this(v, office, officeName, zone, seq, at, officeDay, categories, counters, lastCalls, opensAt, null, null);
    }

    /** Whether the office node waits for staff to confirm on a counter ({@link #hold()} says why). */
    public boolean waitingForConfirmation() {
        return hold != null;
    }

    /** A snapshot of an open office (or one without hours). */
    public StateSnapshot(int v, String office, String officeName, String zone, long seq, Instant at, LocalDate officeDay,
                         List<CategoryView> categories, List<CounterView> counters, List<CallView> lastCalls) {
        this(v, office, officeName, zone, seq, at, officeDay, categories, counters, lastCalls, null, null, null);
    }

    /** Whether the office is outside its hours (no tickets issued until {@link #opensAt()}). */
    public boolean closed() {
        return opensAt != null;
    }

    public StateSnapshot {
        Check.version(v);
        Check.identifier("office", office);
        Check.text("officeName", officeName, 100);
        Check.required("zone", zone);
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new InvalidMessageException("zone", "must be a time-zone id such as Asia/Taipei");
        }
        if (seq < 0) {
            throw new InvalidMessageException("seq", "must be ≥ 0, got " + seq);
        }
        Check.required("at", at);
        Check.required("officeDay", officeDay);
        categories = Check.list("categories", categories, 26);
        counters = Check.list("counters", counters, Check.MAX_COUNTER);
        lastCalls = Check.list("lastCalls", lastCalls, MAX_LAST_CALLS);
        if (hold != null) {
            Check.text("hold", hold, MAX_HOLD);
        }
    }

    /**
     * One service category: its waiting count and the estimate a new ticket would get now
     * ({@code estimateMinutes} the median; {@code estimateLowMinutes}–{@code estimateHighMinutes}
     * the range of 80 %, optional, both or neither). {@code servedNow} false: no open counter
     * serves the category, so no wait can be promised (screens say so instead of a number);
     * null from nodes that predate it. {@code lastIssued}/{@code lastCalled} are ticket numbers or null.
     */
    public record CategoryView(String code, String nameZh, String nameEn, boolean priority,
                               int waiting, int estimateMinutes, String lastIssued, String lastCalled,
                               Integer estimateLowMinutes, Integer estimateHighMinutes, Boolean servedNow) {

        /** A category without a range (nodes before the range; tests). */
        public CategoryView(String code, String nameZh, String nameEn, boolean priority, int waiting, int estimateMinutes,
                            String lastIssued, String lastCalled) {
            this(code, nameZh, nameEn, priority, waiting, estimateMinutes, lastIssued, lastCalled, null, null, null);
        }

        /** False only when the node said no open counter serves the category. */
        public boolean served() {
            return !Boolean.FALSE.equals(servedNow);
        }

        /** The range's text, e.g. {@code 10–20}, or the single figure when there is no range. */
        public String minutesText() {
            return estimateLowMinutes == null || estimateLowMinutes.equals(estimateHighMinutes)
                    ? String.valueOf(estimateMinutes) : estimateLowMinutes + "–" + estimateHighMinutes;
        }

        public CategoryView {
            CategoryCode.check("code", code);
            Check.text("nameZh", nameZh, 40);
            Check.text("nameEn", nameEn, 60);
            Check.nonNegative("waiting", waiting);
            Check.nonNegative("estimateMinutes", estimateMinutes);
            if ((estimateLowMinutes == null) != (estimateHighMinutes == null)) {
                throw new InvalidMessageException("estimateLowMinutes", "estimateLowMinutes and estimateHighMinutes come together");
            }
            if (estimateLowMinutes != null && (estimateLowMinutes < 0 || estimateLowMinutes > estimateMinutes
                    || estimateHighMinutes < estimateMinutes)) {
                throw new InvalidMessageException("estimateLowMinutes", "the range must hold the estimate: 0 ≤ low ≤ estimateMinutes ≤ high");
            }
            if (lastIssued != null) {
                TicketNumber.check("lastIssued", lastIssued);
            }
            if (lastCalled != null) {
                TicketNumber.check("lastCalled", lastCalled);
            }
        }
    }

    /**
     * One counter: the categories it serves in priority order, whether it is open, and the
     * ticket it is handling now (null when idle).
     */
    public record CounterView(int counter, String name, List<String> serves, boolean open, TicketView current) {
        public CounterView {
            Check.counter("counter", counter);
            Check.text("name", name, 40);
            serves = Check.list("serves", serves, 26);
            for (String s : serves) {
                CategoryCode.check("serves", s);
            }
        }
    }

    /** A ticket at a counter: CALLED or SERVING, with the instant it entered that state. */
    public record TicketView(String ticketId, String number, String category, TicketState state,
                             Instant issuedAt, Instant since) {
        public TicketView {
            TicketId.check("ticketId", ticketId);
            TicketNumber.check("number", number);
            CategoryCode.check("category", category);
            Check.required("state", state);
            Check.required("issuedAt", issuedAt);
            Check.required("since", since);
        }
    }

    /** One call shown on the boards: ticket → counter; {@code recall} when called again. */
    public record CallView(String ticketId, String number, String category, int counter, Instant at, boolean recall) {
        public CallView {
            TicketId.check("ticketId", ticketId);
            TicketNumber.check("number", number);
            CategoryCode.check("category", category);
            Check.counter("counter", counter);
            Check.required("at", at);
        }
    }
}
