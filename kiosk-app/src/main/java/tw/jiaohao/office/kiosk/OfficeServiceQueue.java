package tw.jiaohao.office.kiosk;

import java.util.Objects;
import java.util.function.Consumer;
import tw.jiaohao.office.ticketing.IssueRefusedException;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.ticketing.OfficeService;
import tw.jiaohao.office.ticketing.RatingResult;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.state.StateSnapshot;

/** Adapter: the kiosk's {@link KioskQueue} port on the office node's {@link OfficeService}. Thread-safe as the service is. */
public final class OfficeServiceQueue implements KioskQueue {
    private final OfficeService service;

    public OfficeServiceQueue(OfficeService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public KioskTicket issue(String category) {
        IssuedTicket t;
        try {
            t = service.issue(category);
        } catch (IssueRefusedException e) {
            throw new KioskRefusedException(e.getMessage());
        }
        return new KioskTicket(t.ticketId(), t.number(), t.category(), t.officeDay(), t.issuedAt(), t.peopleAhead(),
                t.estimateMinutes(), t.estimateLowMinutes(), t.estimateHighMinutes());
    }

    @Override
    public RatingReply rate(String ticketNumber, Rating rating) {
        RatingResult r = service.rate(ticketNumber, rating);
        RatingReply.Outcome outcome = switch (r.code()) {
            case OK -> RatingReply.Outcome.ACCEPTED;
            case ALREADY_RATED -> RatingReply.Outcome.ALREADY_RATED;
            case UNKNOWN_TICKET -> RatingReply.Outcome.UNKNOWN_TICKET;
            case INVALID_STATE -> RatingReply.Outcome.NOT_SERVED_YET;
            default -> RatingReply.Outcome.FAILED;
        };
        return new RatingReply(outcome, r.message());
    }

    @Override
    public StateSnapshot snapshot() {
        return service.snapshot();
    }

    @Override
    public Runnable onSnapshot(Consumer<StateSnapshot> listener) {
        return service.onSnapshot(listener)::close;
    }
}
