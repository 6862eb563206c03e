package tw.jiaohao.hub.store;

import java.util.List;

/**
 * The result of one committed batch: events newly stored, events already held (redeliveries,
 * replays), device statuses applied, and the progress of every office the batch touched.
 */
public record BatchOutcome(int stored, int duplicates, int statuses, List<OfficeProgress> touched) {
    public BatchOutcome {
        touched = List.copyOf(touched);
    }
}
