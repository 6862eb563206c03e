package tw.jiaohao.office.selfservice;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.hardware.printing.TicketPrinter;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.protocol.selfservice.RequestKind;

/**
 * The self-service requests the kiosk UI offers (過戶 transfer, 停用 suspension): the service the
 * touchscreen calls. One {@link SelfServiceSession} per customer; the rules live in the session,
 * not in the UI.
 *
 * <p>Threading: sessions block (the look-up waits up to {@code selfservice.lookup-timeout-ms},
 * taking a request is a durable commit, printing waits for the printer): call them off the UI
 * thread. The desk itself is thread-safe; a session is used by one thread at a time.
 *
 * <p>Offline: with the hub unreachable a request is still taken, marked "not yet verified",
 * kept in the {@link RequestStore} and sent by the {@link RequestPublisher} when the broker is
 * back; the hub verifies it then.
 *
 * <p>Personal data stays in the session's memory until {@link SelfServiceSession#submit()}
 * seals it for the hub; a session that is abandoned (idle timeout) leaves nothing behind.
 */
public final class SelfServiceDesk {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceDesk.class);

    final String office;
    final String officeName;
    final ZoneId zone;
    final SelfServiceSettings settings;
    final AccountLookupPort lookup;
    final RequestStore store;
    final OfficeService queue;
    final Clock clock;
    final Runnable requestTaken;
    private final TicketPrinter printer;

    /**
     * @param requestTaken called after each taken request (wakes the publisher); must not block
     */
    public SelfServiceDesk(String office, String officeName, ZoneId zone, SelfServiceSettings settings, AccountLookupPort lookup,
                           RequestStore store, OfficeService queue, TicketPrinter printer, Clock clock, Runnable requestTaken) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("self-service needs selfservice.hub-public-key");
        }
        this.office = office;
        this.officeName = officeName;
        this.zone = zone;
        this.settings = settings;
        this.lookup = lookup;
        this.store = store;
        this.queue = queue;
        this.printer = printer;
        this.clock = clock;
        this.requestTaken = requestTaken;
    }

    /** Starts a customer's request. */
    public SelfServiceSession begin(RequestKind kind) {
        return new SelfServiceSession(this, Objects.requireNonNull(kind, "kind"));
    }

    /** Prints the receipt of a taken request; the outcome says whether it came out (the case is taken either way). */
    public PrintOutcome print(TakenRequest taken) {
        PrintOutcome outcome = printer.print(taken.receipt());
        if (!outcome.isPrinted()) {
            log.warn("receipt of case {} not printed: {}", taken.caseNumber(), ((PrintOutcome.Failed) outcome).reason());
        }
        return outcome;
    }

    /** The ticket category offered after an arrears refusal ({@code selfservice.arrears-ticket-category}): the payment counter. */
    public String arrearsTicketCategory() {
        return settings.arrearsTicketCategory();
    }

    IssuedTicket issueTicket() {
        return queue.issue(settings.arrearsTicketCategory());
    }
}
