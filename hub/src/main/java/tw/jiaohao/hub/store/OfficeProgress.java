package tw.jiaohao.hub.store;

/**
 * How far the hub has an office's events: every {@code seq ≤ contiguousSeq} is stored,
 * {@code maxSeq} is the highest stored, and {@code nextStoredAbove} the lowest stored seq
 * above {@code contiguousSeq} (null without a gap). A gap is {@code contiguousSeq + 1 ..
 * nextStoredAbove - 1}.
 */
public record OfficeProgress(String office, long contiguousSeq, long maxSeq, Long nextStoredAbove) {
    public boolean hasGap() {
        return maxSeq > contiguousSeq;
    }
}
