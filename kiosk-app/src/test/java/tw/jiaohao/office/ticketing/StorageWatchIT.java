package tw.jiaohao.office.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.health.NodeHealth;

/**
 * The free space asked before every ticket ({@link StorageWatch#levelForTicket()}): a reading that
 * found the disk far above the reserve stands for up to a second; a disk near the reserve, an
 * unknown level and a store that failed are read again before every ticket. A real office database;
 * the disk's free space and the monotonic time are the test's.
 */
class StorageWatchIT {
    private static final long MB = 1024 * 1024;
    private static final long RESERVE = 64 * MB;

    @TempDir
    Path dir;

    private final AtomicLong free = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000);

    private StorageWatch watch(OfficeDatabase db, NodeHealth health) {
        DiskSpace space = new DiskSpace(512 * MB, RESERVE, () -> {
            reads.incrementAndGet();
            return free.get();
        });
        return new StorageWatch(space, db, health, nanos::get);
    }

    @Test
    void aReadingFarAboveTheReserveStandsForASecond_thenTheDiskIsReadAgain() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            StorageWatch watch = watch(db, new NodeHealth());
            free.set(RESERVE + StorageWatch.MARGIN_BYTES + MB);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.LOW);
            free.set(0); // the disk fills within the reading's life: not seen yet
            nanos.addAndGet(StorageWatch.READING_LIFE.toNanos() - 1);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.LOW);
            assertThat(reads).hasValue(1);
            nanos.addAndGet(1);
            assertThat(watch.levelForTicket()).as("a second later the disk is read again").isEqualTo(DiskSpace.Level.RESERVE);
            assertThat(reads).hasValue(2);
        }
    }

    @Test
    void aDiskWithinTheMarginOfTheReserve_isReadBeforeEveryTicket_andTheTicketAfterItCrossesIsRefused() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            NodeHealth health = new NodeHealth();
            StorageWatch watch = watch(db, health);
            free.set(RESERVE + StorageWatch.MARGIN_BYTES);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.LOW);
            free.set(RESERVE - 1);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.RESERVE);
            assertThat(health.isSet(NodeHealth.Condition.DISK_FULL)).isTrue();
            assertThat(watch.levelForTicket()).as("at the reserve: read again").isEqualTo(DiskSpace.Level.RESERVE);
            free.set(RESERVE + StorageWatch.MARGIN_BYTES + MB);
            assertThat(watch.levelForTicket()).as("space freed: seen at the next ticket").isEqualTo(DiskSpace.Level.LOW);
            assertThat(health.isSet(NodeHealth.Condition.DISK_FULL)).isFalse();
            assertThat(reads).hasValue(4);
        }
    }

    @Test
    void anUnknownLevel_isNeverReused() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            StorageWatch watch = watch(db, new NodeHealth());
            free.set(-1);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.RESERVE);
            free.set(1024 * MB);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.OK);
            assertThat(reads).hasValue(2);
        }
    }

    @Test
    void afterAStoreFailure_theNextTicketReadsTheDiskAndTheStoreAgain() {
        try (OfficeDatabase db = OfficeDatabase.open(dir.resolve("office.db"), "office-1")) {
            NodeHealth health = new NodeHealth();
            StorageWatch watch = watch(db, health);
            free.set(1024 * MB);
            assertThat(watch.levelForTicket()).isEqualTo(DiskSpace.Level.OK);
            assertThatThrownBy(() -> db.transaction(c -> c.createStatement().execute("SELECT * FROM no_such_table")))
                    .isInstanceOf(StoreException.class);
            assertThat(db.condition()).isEqualTo(OfficeDatabase.StoreCondition.OTHER_ERROR);
            watch.check(); // what the engine does after a store failure
            assertThat(health.isSet(NodeHealth.Condition.STORE_FAILED)).isTrue();
            int before = reads.get();
            watch.levelForTicket();
            watch.levelForTicket();
            assertThat(reads.get()).as("a failed store is looked at again before every ticket").isEqualTo(before + 2);
        }
    }
}
