package tw.jiaohao.hub.store;

import java.time.Instant;
import java.util.List;

/**
 * One office at a glance, for {@code GET /api/offices}. {@code ticketsToday} counts tickets
 * issued on the office's current day; {@code waitingNow} is the number of today's tickets
 * still waiting, or null while the hub misses some of the office's events (a gap is being
 * replayed) and so cannot know. Offices known only from device status have no seq yet.
 */
public record OfficeOverview(String office, Instant lastEventAt, Instant lastReceivedAt, long contiguousSeq, long maxSeq,
                             long ticketsToday, Integer waitingNow, List<DeviceState> devices) {
    public OfficeOverview {
        devices = List.copyOf(devices);
    }
}
