package tw.jiaohao.board.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.board.BoardException;

/**
 * Speaks calls one after another: {@link #announce} queues a call and returns at once; a
 * single worker thread joins each plan's clips and plays them, so announcements never talk
 * over each other and are heard in the order the calls were made. Thread-safe.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    private final ClipLibrary clips;
    private final AudioOutput output;
    private volatile AnnouncementPlan.Options options;
    private final BlockingQueue<AnnouncementPlan> queue = new LinkedBlockingQueue<>(100);
    private final Path workDir;
    private final Thread worker;
    private final AtomicLong played = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public Announcer(ClipLibrary clips, AudioOutput output, AnnouncementPlan.Options options) {
        this.clips = clips;
        this.output = output;
        this.options = options;
        try {
            this.workDir = Files.createTempDirectory("jiaohao-voice-");
        } catch (IOException e) {
            throw new BoardException("cannot create a temporary folder for announcements: " + e.getMessage(), e);
        }
        this.worker = new Thread(this::run, "announcer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the call of {@code ticketNumber} to {@code counter}; a full queue (100) drops it, logged. */
    public void announce(String ticketNumber, int counter) {
        AnnouncementPlan plan = AnnouncementPlan.of(ticketNumber, counter, options);
        if (plan.isSilent()) {
            return;
        }
        if (!queue.offer(plan)) {
            dropped.incrementAndGet();
            LOG.warn("announcement queue full; {} → counter {} is shown but not spoken", ticketNumber, counter);
        }
    }

    /** Adds or drops the English sentence for the calls announced from now on (head office's languages). */
    public void speakEnglish(boolean english) {
        AnnouncementPlan.Options o = options;
        options = new AnnouncementPlan.Options(o.chimeMuted(), o.voiceMuted(), english, o.repeat());
    }

    /** Whether calls are announced in English too. */
    public boolean speaksEnglish() {
        return options.english();
    }

    /** Announcements played to their end. */
    public long played() {
        return played.get();
    }

    /** Announcements the output could not play. */
    public long failed() {
        return failed.get();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                AnnouncementPlan plan = queue.take();
                Path file = clips.join(plan, workDir);
                try {
                    if (output.play(file)) {
                        played.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("announcement failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join(2000);
            Files.deleteIfExists(workDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("temporary folder {} left behind: {}", workDir, e.getMessage());
        }
    }
}
