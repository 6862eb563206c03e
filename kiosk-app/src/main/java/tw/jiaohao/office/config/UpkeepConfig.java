package tw.jiaohao.office.config;

import java.time.Duration;
import java.time.LocalTime;

/**
 * What keeps an office node running for years without anyone touching it
 * (docs/office-node/QUEUE.md, "Upkeep").
 *
 * @param closesAt         {@code office.closes-at}: local time after which tickets still waiting or
 *                         called are closed; null = only at the end of the office day (local midnight)
 * @param retentionDays    {@code retention.days}: acknowledged events and tickets of office days
 *                         older than this are deleted from the node (the hub keeps them)
 * @param recoveryTimeout  {@code recovery.timeout-seconds}: how long the node waits at start for the
 *                         hub's high-water mark before it issues anyway; zero = do not ask
 */
public record UpkeepConfig(LocalTime closesAt, int retentionDays, Duration recoveryTimeout) {
    public static final int MIN_RETENTION_DAYS = 7;

    public UpkeepConfig {
        if (retentionDays < MIN_RETENTION_DAYS || retentionDays > 3650) {
            throw new ConfigException("retention.days", "must be " + MIN_RETENTION_DAYS + "..3650 days, e.g. 90; got " + retentionDays);
        }
        if (recoveryTimeout == null || recoveryTimeout.isNegative()) {
            throw new ConfigException("recovery.timeout-seconds", "must be 0 (do not ask the hub) or more seconds, e.g. 30");
        }
    }

    /** The defaults: close at midnight only, keep 90 days, wait 30 s for the hub at start. */
    public static UpkeepConfig defaults() {
        return new UpkeepConfig(null, 90, Duration.ofSeconds(30));
    }
}
