package tw.jiaohao.office.ticketing;

import java.time.Duration;
import java.util.function.LongSupplier;
import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.health.NodeHealth.Condition;

/**
 * Keeps the node's health in step with its storage: the free space ({@link DiskSpace}) and the
 * store's last outcome ({@link OfficeDatabase#condition()}). {@link #check()} reads both (one
 * {@code statvfs}); the upkeep calls it once a minute, the engine after a store failure.
 * {@link #levelForTicket()}, called before every ticket, reuses a reading younger than
 * {@link #READING_LIFE} that found the store well and the disk more than {@link #MARGIN_BYTES} above
 * the reserve, and checks again otherwise.
 *
 * <p>Why a reading may be reused: the reserve is a margin kept for counter work, not the disk's
 * end, and nothing this node writes in a second comes near {@link #MARGIN_BYTES} (a busy office
 * writes ≈ 2 MB of events a day). So a ticket let through on a reading up to a second old cannot
 * take the disk below the reserve that the reading saw it far above; a disk at or near the
 * reserve, and a store that failed, are checked before every ticket, exactly as before.
 * Threading: any thread.
 */
public final class StorageWatch {
    /** How long a clean reading stands for a new ticket. */
    static final Duration READING_LIFE = Duration.ofSeconds(1);
    /** How far above the reserve a reading must have found the disk to stand for a new ticket. */
    static final long MARGIN_BYTES = 16L * 1024 * 1024;

    /** A reading that may stand for a ticket: taken at {@code nanos} ({@link System#nanoTime()}), with this level. */
    private record Reading(long nanos, DiskSpace.Level level) {
    }

    private final DiskSpace space;
    private final OfficeDatabase db;
    private final NodeHealth health;
    private final LongSupplier nanos;
    private volatile Reading clean;

    public StorageWatch(DiskSpace space, OfficeDatabase db, NodeHealth health) {
        this(space, db, health, System::nanoTime);
    }

    StorageWatch(DiskSpace space, OfficeDatabase db, NodeHealth health, LongSupplier nanos) {
        this.space = space;
        this.db = db;
        this.health = health;
        this.nanos = nanos;
    }

    /** The disk's level for a new ticket: a clean reading younger than {@link #READING_LIFE}, else {@link #check()}. */
    public DiskSpace.Level levelForTicket() {
        Reading r = clean;
        if (r != null && nanos.getAsLong() - r.nanos() < READING_LIFE.toNanos()) {
            return r.level();
        }
        return check();
    }

    /** Updates the health from the disk and the store; returns the disk's level. */
    public DiskSpace.Level check() {
        long at = nanos.getAsLong();
        long free = space.usableBytes();
        DiskSpace.Level level = space.level(free);
        String mb = free(free);
        OfficeDatabase.StoreCondition store = db.condition();
        if (level == DiskSpace.Level.RESERVE || store == OfficeDatabase.StoreCondition.DISK_FULL) {
            health.set(Condition.DISK_FULL, mb + (level == DiskSpace.Level.RESERVE ? ", new tickets refused, counters keep working"
                    : ", the store could not write"));
        } else {
            health.clear(Condition.DISK_FULL);
        }
        if (level == DiskSpace.Level.LOW) {
            health.set(Condition.DISK_LOW, mb);
        } else {
            health.clear(Condition.DISK_LOW);
        }
        if (store == OfficeDatabase.StoreCondition.IO_ERROR || store == OfficeDatabase.StoreCondition.OTHER_ERROR) {
            health.set(Condition.STORE_FAILED, "the database could not store changes (" + store + "); see the node's log");
        } else {
            health.clear(Condition.STORE_FAILED);
        }
        clean = store == OfficeDatabase.StoreCondition.OK && space.aboveReserve(free, MARGIN_BYTES) ? new Reading(at, level) : null;
        return level;
    }

    /** Free space in steps of 10 MB (0.1 MB below 10 MB), so the status is not republished with every write. */
    static String free(long bytes) {
        if (bytes < 0) {
            return "free space unknown";
        }
        double mb = bytes / 1048576.0;
        return mb >= 10 ? ((long) (mb / 10) * 10) + " MB free" : String.format(java.util.Locale.ROOT, "%.1f MB free", Math.floor(mb * 10) / 10);
    }
}
