package tw.jiaohao.hub.accounts;

import java.time.Duration;
import java.util.List;

/**
 * What an import did: data rows read, rows stored (new or changed), rows unchanged (already
 * held with the same values — a re-import of the same file stores nothing), bad rows (each with
 * its line; at most {@link AccountImporter#MAX_REPORTED_BAD_ROWS} are listed, {@code badRows}
 * counts them all) and the wall time.
 */
public record ImportReport(long importId, long rowsRead, long stored, long unchanged, long badRows, List<BadRow> bad, Duration took) {
    public ImportReport {
        bad = List.copyOf(bad);
    }

    public double rowsPerSecond() {
        return took.isZero() ? rowsRead : rowsRead / (took.toNanos() / 1e9);
    }

    /** A one-line summary for the terminal and the log. */
    public String summary() {
        return String.format("import %d: %,d rows read, %,d stored, %,d unchanged, %,d bad, in %.1f s (%,.0f rows/s)",
                importId, rowsRead, stored, unchanged, badRows, took.toMillis() / 1000.0, rowsPerSecond());
    }
}
