package tw.jiaohao.office.config;

/**
 * What keeps an office node honest when its hardware fails (docs/office-node/CONFIG.md,
 * docs/OPERATIONS.md).
 *
 * @param lowMb     {@code storage.low-mb}: below this many MB free on the database's file system the
 *                  operator is told (device status {@code disk-low}, alert at the hub)
 * @param reserveMb {@code storage.reserve-mb}: below this many MB free new tickets are refused, so the
 *                  space left is kept for calling the customers already in the room, closing the day
 *                  and reports; 0 = no reserve
 * @param clockTrust {@code clock.trust}: {@code auto} = the office day comes from the clock only while
 *                  the system says it is synchronised (where it can say) and it is not behind the
 *                  newest stored event's office day; {@code always} = trust the clock (development)
 * @param markCopyDir {@code recovery.mark-copy-dir}: a second folder (another disk where there is one)
 *                  that keeps a copy of the high-water mark as {@code <office>.highwater}, so a node
 *                  that lost its database and the mark beside it still knows the office had history;
 *                  null = no copy
 * @param inServiceSince {@code office.in-service-since}: the date the office started issuing with
 *                  this system; an empty database then is never taken for a new office; null = not set
 * @param hubClockTolerance {@code clock.hub-tolerance-seconds}: how far the node's clock may be from the
 *                  hub's time (when the hub publishes it) before new tickets and calls wait for the
 *                  clock or for staff to confirm; 0 = do not compare
 */
public record SafetyConfig(int lowMb, int reserveMb, String clockTrust, java.nio.file.Path markCopyDir,
                           java.time.LocalDate inServiceSince, java.time.Duration hubClockTolerance) {
    /** Without a second mark, an in-service date, and with the default hub tolerance (15 min). */
    public SafetyConfig(int lowMb, int reserveMb, String clockTrust) {
        this(lowMb, reserveMb, clockTrust, null, null, java.time.Duration.ofMinutes(15));
    }

    public SafetyConfig {
        if (hubClockTolerance == null || hubClockTolerance.isNegative() || hubClockTolerance.compareTo(java.time.Duration.ofDays(1)) > 0) {
            throw new ConfigException("clock.hub-tolerance-seconds", "must be 0 (do not compare) to 86400 seconds, e.g. 900; got "
                    + hubClockTolerance);
        }
        if (markCopyDir != null && !markCopyDir.isAbsolute()) {
            throw new ConfigException("recovery.mark-copy-dir", "must be an absolute folder such as /var/backups/jiaohao, or empty; got '"
                    + markCopyDir + "'");
        }
        if (reserveMb < 0 || reserveMb > 100_000) {
            throw new ConfigException("storage.reserve-mb", "must be 0..100000 MB, e.g. 64; got " + reserveMb);
        }
        if (lowMb < reserveMb || lowMb > 1_000_000) {
            throw new ConfigException("storage.low-mb", "must be at least storage.reserve-mb (" + reserveMb
                    + ") and at most 1000000 MB, e.g. 512; got " + lowMb);
        }
        if (!"auto".equals(clockTrust) && !"always".equals(clockTrust)) {
            throw new ConfigException("clock.trust", "must be 'auto' or 'always'; got '" + clockTrust + "'");
        }
    }

    /** The defaults: told below 512 MB, tickets refused below 64 MB, clock trusted only when synchronised. */
    public static SafetyConfig defaults() {
        return new SafetyConfig(512, 64, "auto");
    }

    public long lowBytes() {
        return lowMb * 1024L * 1024L;
    }

    public long reserveBytes() {
        return reserveMb * 1024L * 1024L;
    }

    /** Whether the clock is trusted without checking ({@code clock.trust=always}). */
    public boolean alwaysTrustClock() {
        return "always".equals(clockTrust);
    }
}
