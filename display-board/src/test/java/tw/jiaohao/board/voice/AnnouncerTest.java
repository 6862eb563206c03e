package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class AnnouncerTest {

    /** An output that plays until the test releases it, and records what it was given. */
    static final class GatedOutput implements AudioOutput {
        final Semaphore release = new Semaphore(0);
        final Semaphore started = new Semaphore(0);
        final AtomicInteger playing = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<Long> frames = new CopyOnWriteArrayList<>();

        @Override
        public boolean play(Path wav) throws InterruptedException {
            mostAtOnce.accumulateAndGet(playing.incrementAndGet(), Math::max);
            try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
                frames.add(in.getFrameLength());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            started.release();
            release.acquire();
            playing.decrementAndGet();
            return true;
        }
    }

    private static long clipFrames(ClipLibrary lib, AnnouncementPlan plan) {
        return plan.clips().stream().mapToLong(c -> lib.samples(c).length / 2).sum();
    }

    @Test
    void callsQueueAndNeverOverlap() throws Exception {
        GatedOutput out = new GatedOutput();
        ClipLibrary lib = new ClipLibrary();
        try (Announcer announcer = new Announcer(lib, out, new AnnouncementPlan.Options(false, false, false))) {
            announcer.announce("A001", 3);
            announcer.announce("A002", 12);
            announcer.announce("B105", 3);
            assertThat(out.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            // the first is still playing: the others wait
            assertThat(out.started.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
            out.release.release();
            assertThat(out.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            out.release.release();
            assertThat(out.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            out.release.release();
            waitUntil(() -> announcer.played() == 3);
            assertThat(out.mostAtOnce.get()).isEqualTo(1);
            // in call order: each file is as long as its own plan's clips plus pauses
            AnnouncementPlan.Options o = new AnnouncementPlan.Options(false, false, false);
            assertThat(out.frames.get(0)).isGreaterThan(clipFrames(lib, AnnouncementPlan.of("A001", 3, o)));
            assertThat(out.frames.get(2)).isGreaterThan(clipFrames(lib, AnnouncementPlan.of("B105", 3, o)));
            assertThat(out.frames.get(2)).isGreaterThan(out.frames.get(0));
        }
    }

    @Test
    void withTheVoiceMutedOnlyTheChimeIsPlayed() throws Exception {
        GatedOutput out = new GatedOutput();
        ClipLibrary lib = new ClipLibrary();
        try (Announcer announcer = new Announcer(lib, out, new AnnouncementPlan.Options(false, true, false))) {
            announcer.announce("A023", 3);
            assertThat(out.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            out.release.release();
            waitUntil(() -> announcer.played() == 1);
            long chime = lib.samples(Clip.CHIME).length / 2;
            long pause = (long) (ClipLibrary.FORMAT.getSampleRate() * 0.25);
            assertThat(out.frames.get(0)).isEqualTo(chime + pause);
        }
    }

    @Test
    void withEverythingMutedNothingIsPlayed() throws Exception {
        GatedOutput out = new GatedOutput();
        try (Announcer announcer = new Announcer(new ClipLibrary(), out, new AnnouncementPlan.Options(true, true, false))) {
            announcer.announce("A023", 3);
            assertThat(out.started.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    @Test
    void theTemporaryFileIsRemovedAfterPlaying() throws Exception {
        List<Path> seen = new CopyOnWriteArrayList<>();
        AudioOutput out = wav -> {
            seen.add(wav);
            return true;
        };
        try (Announcer announcer = new Announcer(new ClipLibrary(), out, new AnnouncementPlan.Options(false, false, false))) {
            announcer.announce("A001", 1);
            waitUntil(() -> announcer.played() == 1);
            File f = seen.get(0).toFile();
            waitUntil(() -> !f.exists());
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
