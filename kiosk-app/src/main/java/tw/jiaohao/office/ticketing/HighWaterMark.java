package tw.jiaohao.office.ticketing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest seq this node has committed, kept in a small file beside the database
 * ({@code office.db.highwater}), outside SQLite: when the database is truncated, deleted, loses
 * its {@code -wal} file or is replaced by an older backup, the file still says how far this
 * office had got, so the node knows its database is behind what it has already issued and holds
 * until head office has given the rest back (docs/office-node/QUEUE.md, "Restored from a
 * backup"). {@code jiaohao-restore} writes {@value #RESTORED} into it, which means "behind by an
 * unknown amount".
 *
 * <p>Written after every committed change (a rename of a few bytes, not synced: after a power cut
 * it may lag the database, which is the safe direction — a database at or beyond it is trusted).
 * The engine records through {@link #recordSoon}: the write happens on the thread
 * {@code jiaohao-highwater}, after the commit and off the committing caller's path, at most once
 * every {@link #MIN_GAP} (a burst of changes is one write of its newest seq), so the file may lag
 * the database by the changes of the last few tens of milliseconds — again the safe direction: it
 * only weakens the detection of a database that lost exactly those changes
 * (docs/office-node/QUEUE.md, "Restored from a backup"). {@link #flush()} (and the engine's
 * close) writes what is pending. A write that fails (a full disk) is logged once and tried again
 * with the next change.
 *
 * <p>A second copy ({@code recovery.mark-copy-dir}, {@code <office>.highwater}, on another disk
 * where there is one) is written at the first change of each run and then every
 * {@value #COPY_EVERY} seqs: it may lag, but it only has to say that the office had history. When
 * the database and the mark beside it are both lost (a new card, a wiped folder), the copy still
 * says so and the node holds (behind by an unknown amount) instead of numbering as a new office.
 */
public final class HighWaterMark {
    private static final Logger log = LoggerFactory.getLogger(HighWaterMark.class);
    /** The content {@code jiaohao-restore} writes: the database was replaced by a backup. */
    public static final String RESTORED = "restored";

    /** The copy is written again once the seq has grown by this much. */
    static final long COPY_EVERY = 50;
    /** {@link #recordSoon} writes at most once per this interval. */
    static final java.time.Duration MIN_GAP = java.time.Duration.ofMillis(50);
    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong(-1);
    private final Object signal = new Object();
    private Thread writer;
    private volatile boolean closed;

    private final Path file;
    private final Path temp;
    private final Path copy;
    private long written = -1;
    private long copyWritten = -1;
    private boolean failing;
    private boolean copyFailing;

    public HighWaterMark(Path databaseFile) {
        this(databaseFile, null);
    }

    /** @param copy the second copy's file ({@code recovery.mark-copy-dir}/{@code <office>.highwater}); null = none */
    public HighWaterMark(Path databaseFile, Path copy) {
        this.file = Path.of(databaseFile.toAbsolutePath() + ".highwater");
        this.temp = Path.of(databaseFile.toAbsolutePath() + ".highwater.tmp");
        this.copy = copy;
    }

    /** Why a database is behind, and the seq it must reach ({@link Long#MAX_VALUE}: unknown, the hub decides). */
    public record Behind(long mark, String why) {
    }

    /** What the file says. */
    public sealed interface Reading permits None, Seq, Restored {
    }

    /** No file (a node from before this release, or a new office). */
    public record None() implements Reading {
    }

    /** This node had committed up to {@code seq}. */
    public record Seq(long seq) implements Reading {
    }

    /** The database was put back from a backup by {@code jiaohao-restore}. */
    public record Restored() implements Reading {
    }

    public Reading read() {
        return read(file);
    }

    private static Reading read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            return new None();
        } catch (IOException e) {
            log.warn("cannot read {}: {}; the database is treated as restored", file, e.getMessage());
            return new Restored();
        }
        if (RESTORED.equals(text)) {
            return new Restored();
        }
        try {
            long seq = Long.parseLong(text);
            return seq >= 0 ? new Seq(seq) : new Restored();
        } catch (NumberFormatException e) {
            log.warn("{} holds '{}', not a seq; the database is treated as restored", file, text.length() > 20 ? text.substring(0, 20) : text);
            return new Restored();
        }
    }

    /** The seq the database behind this file must reach before it is trusted, if it is behind at all. */
    public OptionalLong behind(long databaseSeq) {
        return why(databaseSeq).map(b -> OptionalLong.of(b.mark())).orElse(OptionalLong.empty());
    }

    /** As {@link #behind}, with the evidence in words (for the staff and head office). */
    public java.util.Optional<Behind> why(long databaseSeq) {
        Reading r = read();
        if (r instanceof Restored) {
            return java.util.Optional.of(new Behind(Long.MAX_VALUE, "it was restored from a backup"));
        }
        if (r instanceof Seq s && s.seq() > databaseSeq) {
            return java.util.Optional.of(new Behind(s.seq(), "this node had already issued up to seq " + s.seq()));
        }
        if (copy != null && read(copy) instanceof Seq c && c.seq() > databaseSeq) {
            // the mark beside the database is gone or older, the copy elsewhere says the office went further
            return java.util.Optional.of(new Behind(Long.MAX_VALUE, "the copy of the high-water mark in " + copy.getParent()
                    + " says this office had reached at least seq " + c.seq()));
        }
        return java.util.Optional.empty();
    }

    /** Records {@code seq} (no-op when it is not newer than the file already says, or the file says "restored"). */
    public synchronized void record(long seq) {
        if (written < 0) {
            // never lower what the file says (an import stops at what head office holds, maybe short of
            // the mark) nor clear "restored": only force() does, when the check has caught up or staff confirmed
            Reading r = read();
            if (r instanceof Seq s) {
                written = s.seq();
            } else if (r instanceof Restored) {
                written = Long.MAX_VALUE;
            }
        }
        if (seq <= written) {
            return;
        }
        force(seq);
    }

    /**
     * Records {@code seq} soon, on the thread {@code jiaohao-highwater} (started at the first call),
     * so the committing thread does not wait for the file system. Thread-safe, never blocks.
     */
    public void recordSoon(long seq) {
        pending.accumulateAndGet(seq, Math::max);
        synchronized (signal) {
            if (writer == null && !closed) {
                writer = new Thread(this::writeLoop, "jiaohao-highwater");
                writer.setDaemon(true);
                writer.start();
            }
            signal.notifyAll();
        }
    }

    /** Writes what {@link #recordSoon} left pending, on the calling thread. */
    public void flush() {
        long seq = pending.getAndSet(-1);
        if (seq >= 0) {
            record(seq);
        }
    }

    /** Stops the writer thread after writing what is pending. */
    public void close() {
        Thread t;
        synchronized (signal) {
            closed = true;
            t = writer;
            signal.notifyAll();
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void writeLoop() {
        while (true) {
            synchronized (signal) {
                while (pending.get() < 0 && !closed) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
            }
            flush();
            try {
                Thread.sleep(MIN_GAP.toMillis()); // a burst of changes becomes one write
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void copy(long seq, boolean always) {
        if (copy == null || !always && copyWritten >= 0 && seq < copyWritten + COPY_EVERY) {
            return;
        }
        Path tmp = Path.of(copy + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(seq), StandardCharsets.US_ASCII);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            copyWritten = seq;
            if (copyFailing) {
                log.info("{} written again", copy);
                copyFailing = false;
            }
        } catch (IOException e) {
            if (!copyFailing) {
                log.warn("cannot write the high-water copy {} ({}); retried with later changes", copy, e.getMessage());
                copyFailing = true;
            }
            copyWritten = seq; // tried again after COPY_EVERY more, not at every change
        }
    }

    /** Writes {@code seq} even when lower (staff confirmed the database as it is). */
    public synchronized void force(long seq) {
        try {
            Files.writeString(temp, Long.toString(seq), StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            boolean lower = seq < written;
            written = seq;
            copy(seq, lower || copyWritten > seq);
            if (failing) {
                log.info("{} written again", file.getFileName());
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                log.warn("cannot write {} ({}); retried with the next change", file.getFileName(), e.getMessage());
                failing = true;
            }
        }
    }

    public Path file() {
        return file;
    }
}
