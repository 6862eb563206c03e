package tw.jiaohao.office.ticketing.lifecycle;

import java.util.UUID;
import tw.jiaohao.office.ticketing.lifecycle.Event.AlertRaised;
import tw.jiaohao.office.ticketing.lifecycle.Event.Called;
import tw.jiaohao.office.ticketing.lifecycle.Event.Cancelled;
import tw.jiaohao.office.ticketing.lifecycle.Event.Finished;
import tw.jiaohao.office.ticketing.lifecycle.Event.Issued;
import tw.jiaohao.office.ticketing.lifecycle.Event.NoShown;
import tw.jiaohao.office.ticketing.lifecycle.Event.Rated;
import tw.jiaohao.office.ticketing.lifecycle.Event.Recalled;
import tw.jiaohao.office.ticketing.lifecycle.Event.Started;
import tw.jiaohao.office.ticketing.lifecycle.Event.TicketEvent;
import tw.jiaohao.office.ticketing.lifecycle.Event.Transferred;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * The lifecycle's {@link TicketEvent}s as the office's published {@link OfficeEvent}s and back:
 * {@code from(of(e, ...)) equals e} for every ticket event.
 */
public final class OfficeEvents {
    private OfficeEvents() {
    }

    /**
     * The office event of {@code e}, numbered {@code seq} with id {@code eventId}.
     *
     * @param alert what an {@link AlertRaised} is about, for people (null for other events)
     */
    public static OfficeEvent of(TicketEvent e, String office, long seq, UUID eventId, String alert) {
        TicketRef t = e.ticket();
        Issued issued = e instanceof Issued i ? i : null;
        TicketRef to = e instanceof Transferred x ? x.to() : null;
        tw.jiaohao.protocol.event.Rating rating = e instanceof Rated r ? r.rating() : e instanceof AlertRaised a ? a.rating() : null;
        return new OfficeEvent(ProtocolVersion.CURRENT, eventId, office, seq, e.type(), e.at(), t.officeDay(), t.ticketId(),
                t.numberText(), t.category(), t.issuedAt(), e.counter(),
                issued == null ? null : issued.peopleAhead(), issued == null ? null : issued.estimateMinutes(),
                to == null ? null : to.category(), to == null ? null : to.ticketId(), to == null ? null : to.numberText(),
                rating, e instanceof AlertRaised ? alert : null, e instanceof Cancelled c ? c.reason() : null,
                issued == null ? null : issued.estimateLow(), issued == null ? null : issued.estimateHigh());
    }

    /** The lifecycle event an office event records. */
    public static TicketEvent from(OfficeEvent e) {
        TicketNumber n = TicketNumber.parse(e.ticketNumber());
        TicketRef t = new TicketRef(e.officeDay(), e.category(), n.sequence(), e.issuedAt());
        return switch (e.type()) {
            case TICKET_ISSUED -> new Issued(t, e.peopleAhead(), e.estimateMinutes(), e.estimateLowMinutes(),
                    e.estimateHighMinutes(), e.at());
            case TICKET_CALLED -> new Called(t, e.counter(), e.at());
            case TICKET_RECALLED -> new Recalled(t, e.counter(), e.at());
            case TICKET_NO_SHOW -> new NoShown(t, e.counter(), e.at());
            case SERVICE_STARTED -> new Started(t, e.counter(), e.at());
            case SERVICE_FINISHED -> new Finished(t, e.counter(), e.at());
            case TICKET_TRANSFERRED -> new Transferred(t, e.counter(), TicketRef.of(e.toTicketId(), e.issuedAt()), e.at());
            case TICKET_CANCELLED -> new Cancelled(t, e.counter(), e.reason(), e.at());
            case RATING_RECORDED -> new Rated(t, e.counter(), e.rating(), e.at());
            case ALERT_RAISED -> new AlertRaised(t, e.counter(), e.rating(), e.at());
        };
    }
}
