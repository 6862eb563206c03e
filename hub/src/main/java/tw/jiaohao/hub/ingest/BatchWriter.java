package tw.jiaohao.hub.ingest;

import tw.jiaohao.messaging.RefusalLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.store.BatchOutcome;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.hub.store.SeqTrouble;
import tw.jiaohao.hub.store.UnstorableEventsException;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * The single writer: one thread drains a bounded queue, decodes what it took (refusing bad
 * payloads, see {@link PayloadDecoder}), writes the rest as one transaction ({@link HubStore#write}) and only then acknowledges those messages, in their
 * order of arrival. A hub that dies between receipt and commit has acknowledged nothing, so
 * the broker redelivers (persistent session) and the store drops what it already has.
 *
 * <p>{@link #submit} blocks while the queue is full, which stops Paho reading and so pushes
 * back on the broker. A write that fails for the database's condition (busy, locked, full,
 * I/O) is retried (the same batch, growing pauses up to 5 s) and never dropped. A write the
 * store refuses for its content ({@link UnstorableEventsException}) is split in halves until
 * the event at fault is alone; that event is set aside ({@link HubStore#quarantine}: counted,
 * logged once without its payload, acknowledged) and the rest is written.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final HubStore store;
    private final PayloadDecoder decoder;
    private final RefusalLog refusals;
    private final BlockingQueue<Inbound> queue;
    private final int maxBatch;
    private final IngestMetrics metrics;
    private final Consumer<BatchOutcome> afterCommit;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicInteger unfinished = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean halted;

    /**
     * @param afterCommit called on the writer thread after each commit (gap tracking); must not block long
     */
    public BatchWriter(HubStore store, JsonCodec codec, int capacity, int maxBatch, IngestMetrics metrics,
                       Consumer<BatchOutcome> afterCommit) {
        if (capacity < 1 || maxBatch < 1) {
            throw new HubException("writer queue capacity and batch size must be ≥ 1");
        }
        this.store = store;
        this.refusals = new RefusalLog(log);
        this.decoder = new PayloadDecoder(codec, metrics, refusals, java.time.Clock.systemUTC());
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.metrics = metrics;
        this.afterCommit = afterCommit;
        this.thread = new Thread(this::run, "hub-writer");
    }

    public void start() {
        thread.start();
    }

    /**
     * Queues a message; blocks while the queue is full. Once the writer is stopping, the
     * message is dropped unacknowledged (the broker redelivers it to the next session).
     */
    public void submit(Inbound item) throws InterruptedException {
        metrics.unacknowledgedHighWater.accumulateAndGet(unfinished.incrementAndGet(), Math::max);
        while (!stopping) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        unfinished.decrementAndGet();
    }

    /** True when every submitted message has been written and acknowledged. */
    public boolean isIdle() {
        return unfinished.get() == 0;
    }

    /** Messages waiting to be written. */
    public int backlog() {
        return queue.size();
    }

    /** Writes and acknowledges everything queued, then stops the thread. */
    @Override
    public void close() {
        stopping = true;
        join();
    }

    /**
     * Stops at once without writing or acknowledging what is queued, as a crash would
     * (the broker redelivers it). For tests of crash recovery and for emergency shutdown.
     */
    public void halt() {
        halted = true;
        stopping = true;
        thread.interrupt();
        join();
    }

    private void join() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Inbound> batch = new ArrayList<>(maxBatch);
        while (!halted) {
            try {
                Inbound first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (!writeWithRetry(batch) || halted) {
                    return;
                }
                for (Inbound item : batch) {
                    item.ack().run();
                }
                unfinished.addAndGet(-batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                if (halted) {
                    return;
                }
            } catch (RuntimeException e) {
                // a bug must not end ingest silently: log, drop nothing, keep going
                log.error("writer loop failed; retrying the same batch", e);
            }
        }
    }

    /** A decoded message: an event or a device status, with the message it came in. */
    private record Item(Inbound in, OfficeEvent event, DeviceStatus status) {
    }

    private boolean writeWithRetry(List<Inbound> batch) throws InterruptedException {
        List<Item> items = new ArrayList<>(batch.size());
        for (Inbound item : batch) {
            PayloadDecoder.Result r = decoder.decode(item.topic(), item.payload());
            if (r.event() != null || r.status() != null) {
                items.add(new Item(item, r.event(), r.status()));
            }
        }
        if (items.isEmpty()) {
            metrics.batches.incrementAndGet();
            return true;
        }
        // parts still to write; a part the store refuses for its content is halved until the
        // item at fault is alone, so a transient failure midway retries only what is left
        Deque<List<Item>> parts = new ArrayDeque<>();
        parts.add(items);
        long pause = 100;
        int failures = 0;
        while (!halted) {
            try {
                writeParts(parts);
                if (failures > 0) {
                    log.info("hub database writable again after {} failed attempts", failures);
                }
                return true;
            } catch (HubException e) {
                metrics.writeFailures.incrementAndGet();
                if (failures++ == 0) {
                    log.error("{}; retrying every few seconds, nothing is acknowledged meanwhile", e.getMessage());
                }
                if (stopping && failures > 3) {
                    log.error("giving up on {} queued messages at shutdown; the broker will redeliver them", batch.size());
                    return false;
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5000);
            }
        }
        return false;
    }

    private void writeParts(Deque<List<Item>> parts) {
        while (!parts.isEmpty()) {
            List<Item> part = parts.peekFirst();
            BatchOutcome outcome;
            try {
                outcome = store.write(part.stream().map(Item::event).filter(Objects::nonNull).toList(),
                        part.stream().map(Item::status).filter(Objects::nonNull).toList());
            } catch (UnstorableEventsException e) {
                if (part.size() == 1) {
                    setAside(part.get(0), e.getMessage()); // may fail transiently: the part stays queued
                }
                parts.removeFirst();
                if (part.size() > 1) {
                    parts.addFirst(part.subList(part.size() / 2, part.size()));
                    parts.addFirst(part.subList(0, part.size() / 2));
                }
                continue;
            }
            parts.removeFirst();
            metrics.batches.incrementAndGet();
            metrics.stored.addAndGet(outcome.stored());
            metrics.duplicates.addAndGet(outcome.duplicates());
            metrics.statuses.addAndGet(outcome.statuses());
            report(outcome.troubles());
            afterCommit(outcome);
        }
    }

    /** Counts and logs (once per kind and office per interval) the events not taken for their seq. */
    private void report(List<SeqTrouble> troubles) {
        for (SeqTrouble t : troubles) {
            if (t.kind() == SeqTrouble.Kind.CONFLICT) {
                metrics.seqConflicts.incrementAndGet();
                refusals.refused("seq conflict", t.office(), "seq " + t.seq() + " is held by event " + t.storedEventId()
                        + "; event " + t.eventId() + " differs. The first stays in the figures, the other is kept in seq_conflict"
                        + (t.newEvidence() ? "" : " (already kept, or the office's evidence is full)"));
            } else {
                metrics.implausibleSeqs.incrementAndGet();
                refusals.refused("implausible seq", t.office(), "seq " + t.seq() + " is more than the bound (ingest.max-seq-ahead) beyond seq "
                        + t.heldSeq() + ", the last of the office's gap-free run here; kept in seq_implausible, not counted");
            }
        }
    }

    /** One message the store cannot take: a poison event goes to the quarantine, a device status is refused. */
    private void setAside(Item item, String error) {
        if (item.status() != null) {
            metrics.rejectedStatuses.incrementAndGet();
            refusals.refused("refused device status", item.status().office(), "device " + item.status().device()
                    + " refused by the store: " + error);
            return;
        }
        OfficeEvent e = item.event();
        HubStore.Quarantined q = store.quarantine(e, item.in().payload(), error);
        if (q.added()) {
            metrics.quarantined.incrementAndGet();
            refusals.refused("quarantined event", e.office(), "seq " + e.seq() + " (" + e.eventId()
                    + ") set aside in the quarantine table, the rest goes on: " + error);
        } else {
            metrics.duplicates.incrementAndGet();
        }
        afterCommit(new BatchOutcome(0, 0, 0, List.of(q.progress())));
    }

    private void afterCommit(BatchOutcome outcome) {
        try {
            afterCommit.accept(outcome);
        } catch (RuntimeException e) {
            log.error("after-commit step failed; the batch is stored and will be acknowledged", e);
        }
    }
}
