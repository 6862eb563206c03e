package tw.jiaohao.hub.alerts;

import java.time.Instant;

/**
 * One alert. {@code occurrences} counts repeats folded into it while it was open (a device
 * that keeps going offline, more customers over the target wait). {@code handledBy} and
 * {@code handledAt} are set once someone marks it handled; it then stays as history.
 */
public record Alert(long id, AlertKind kind, String office, String device, Integer counter, String ticketNumber,
                    String detail, Instant raisedAt, Instant lastAt, int occurrences, String handledBy, Instant handledAt) {

    public boolean open() {
        return handledAt == null;
    }
}
