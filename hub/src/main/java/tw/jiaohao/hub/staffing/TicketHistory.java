package tw.jiaohao.hub.staffing;

import java.util.List;

/**
 * Port: the stored tickets of one office that staffing advice learns from (the hub's ticket
 * table; no personal data: category, times, counter). Thread-safe; reads committed data only;
 * a database failure throws {@link tw.jiaohao.hub.HubException} and changes nothing.
 */
public interface TicketHistory {

    /** Tickets of {@code office} issued in {@code [fromMs, toMs)}, in issue order. */
    List<Ticket> tickets(String office, long fromMs, long toMs);

    /**
     * One stored ticket. Times are epoch milliseconds; null when the step did not happen (yet).
     *
     * @param state the ticket's last state (WAITING, CALLED, SERVING, DONE, NO_SHOW, TRANSFERRED, CANCELLED)
     */
    record Ticket(String category, long issuedMs, Long calledMs, Long startedMs, Long finishedMs, Integer counter, String state) {
        public Ticket {
            if (category == null || category.isEmpty() || state == null) {
                throw new IllegalArgumentException("a ticket needs a category and a state");
            }
        }
    }
}
