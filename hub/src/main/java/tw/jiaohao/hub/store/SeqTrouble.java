package tw.jiaohao.hub.store;

/**
 * An event the store did not take into its office's figures because of its seq: a
 * {@link Kind#CONFLICT} (the office's seq is already held by a different event; the first
 * stays) or {@link Kind#IMPLAUSIBLE} (the seq is more than the store's bound beyond the office's
 * contiguous seq {@code heldSeq}). {@code newEvidence} is false when the same event was already
 * kept as evidence (a redelivery), or when the office's evidence is full (counted only).
 */
public record SeqTrouble(Kind kind, String office, long seq, long heldSeq, String eventId, String storedEventId,
                         boolean newEvidence) {
    /** Why the event was not taken. */
    public enum Kind { CONFLICT, IMPLAUSIBLE }
}
