package tw.jiaohao.office.ticketing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Free space on the file system of the office database, against two thresholds
 * ({@code storage.low-mb}, {@code storage.reserve-mb}): below the low mark the operator is told;
 * below the reserve new tickets are refused, so the space left goes to what must still work —
 * calling and finishing the customers already in the room, closing the day, reports. A day of a
 * busy office is about 2 MB of events, so the default reserve of 64 MB lasts weeks of counter work.
 */
public final class DiskSpace {
    /** How full the disk is. */
    public enum Level { OK, LOW, RESERVE }

    private final long lowBytes;
    private final long reserveBytes;
    private final LongSupplier usable;

    public DiskSpace(long lowBytes, long reserveBytes, LongSupplier usable) {
        if (reserveBytes < 0 || lowBytes < reserveBytes) {
            throw new IllegalArgumentException("need 0 ≤ reserve ≤ low, got reserve " + reserveBytes + ", low " + lowBytes);
        }
        this.lowBytes = lowBytes;
        this.reserveBytes = reserveBytes;
        this.usable = usable;
    }

    /** The free space of the folder that holds {@code databaseFile} (-1 when it cannot be read: counts as full). */
    public static DiskSpace of(Path databaseFile, long lowBytes, long reserveBytes) {
        Path folder = databaseFile.toAbsolutePath().getParent();
        // finding a folder's file store reads the mount table (≈ 0.1 ms); its free space is one statvfs of the folder
        java.util.concurrent.atomic.AtomicReference<java.nio.file.FileStore> store = new java.util.concurrent.atomic.AtomicReference<>();
        return new DiskSpace(lowBytes, reserveBytes, () -> {
            try {
                java.nio.file.FileStore s = store.get();
                if (s == null) {
                    s = Files.getFileStore(folder);
                    store.set(s);
                }
                return s.getUsableSpace();
            } catch (IOException | RuntimeException e) {
                store.set(null);
                return -1;
            }
        });
    }

    /** Bytes free for the node now (-1 when unknown). */
    public long usableBytes() {
        return usable.getAsLong();
    }

    public Level level() {
        return level(usableBytes());
    }

    /** Whether {@code free} bytes (-1: unknown) are more than {@code margin} bytes above the reserve. */
    public boolean aboveReserve(long free, long margin) {
        return free >= 0 && free - reserveBytes > margin;
    }

    public Level level(long free) {
        if (free < reserveBytes || (free < 0 && reserveBytes > 0)) {
            return Level.RESERVE;
        }
        return free < lowBytes ? Level.LOW : Level.OK;
    }
}
