package tw.jiaohao.hub.store;

import java.util.List;

/**
 * The result of one committed batch: events newly stored, events already held (redeliveries,
 * replays), device statuses applied, the progress of every office the batch touched, and the
 * newly stored events themselves in batch order (each {@code (office, seq)} appears in exactly
 * one outcome, so consumers such as the alerts see every event once).
 */
public record BatchOutcome(int stored, int duplicates, int statuses, List<OfficeProgress> touched, List<tw.jiaohao.protocol.event.OfficeEvent> newEvents) {
    public BatchOutcome {
        touched = List.copyOf(touched);
        newEvents = List.copyOf(newEvents);
    }

    public BatchOutcome(int stored, int duplicates, int statuses, List<OfficeProgress> touched) {
        this(stored, duplicates, statuses, touched, List.of());
    }
}
