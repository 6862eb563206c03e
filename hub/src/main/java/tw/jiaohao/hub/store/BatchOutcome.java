package tw.jiaohao.hub.store;

import java.util.List;

/**
 * The result of one committed batch: events newly stored, events already held (redeliveries,
 * replays: the same event again), device statuses applied, the progress of every office the
 * batch touched, the newly stored events themselves in batch order (each {@code (office, seq)}
 * appears in exactly one outcome, so consumers such as the alerts see every event once), and
 * the events not taken because of their seq ({@link SeqTrouble}: conflicts and implausible
 * seqs, kept as evidence, never in the figures nor in the progress).
 */
public record BatchOutcome(int stored, int duplicates, int statuses, List<OfficeProgress> touched,
                           List<tw.jiaohao.protocol.event.OfficeEvent> newEvents, List<SeqTrouble> troubles) {
    public BatchOutcome {
        touched = List.copyOf(touched);
        newEvents = List.copyOf(newEvents);
        troubles = List.copyOf(troubles);
    }

    public BatchOutcome(int stored, int duplicates, int statuses, List<OfficeProgress> touched) {
        this(stored, duplicates, statuses, touched, List.of(), List.of());
    }
}
