package tw.jiaohao.office.ticketing;

import tw.jiaohao.office.health.NodeHealth;
import tw.jiaohao.office.health.NodeHealth.Condition;

/**
 * Keeps the node's health in step with its storage: the free space ({@link DiskSpace}) and the
 * store's last outcome ({@link OfficeDatabase#condition()}). {@link #check()} is cheap (one
 * {@code statvfs}); the engine calls it before every ticket, the upkeep once a minute.
 */
public final class StorageWatch {
    private final DiskSpace space;
    private final OfficeDatabase db;
    private final NodeHealth health;

    public StorageWatch(DiskSpace space, OfficeDatabase db, NodeHealth health) {
        this.space = space;
        this.db = db;
        this.health = health;
    }

    /** Updates the health from the disk and the store; returns the disk's level. */
    public DiskSpace.Level check() {
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
