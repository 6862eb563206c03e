package tw.jiaohao.hardware.printing.sim;

import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.transport.PrinterTransport;
import tw.jiaohao.hardware.printing.transport.StatusBytes;
import tw.jiaohao.hardware.printing.transport.TransportException;
import tw.jiaohao.hardware.printing.transport.TransportException.Kind;

/**
 * A simulated ESC/POS printer at the far end of a {@link PrinterTransport}: it keeps every byte it
 * receives, interprets them ({@link EscPosInterpreter}) into paper, writes each page as a PNG (and
 * the page's bytes as .bin) into an output directory, and answers real-time status queries
 * ({@code DLE EOT n}) with the same bytes a real printer sends.
 *
 * <p>Faults can be injected at any time, also from another thread: {@link #runOutOfPaper()},
 * {@link #runOutOfPaperAfter(int)} (mid-ticket), {@link #openCover()}, {@link #unplug()},
 * {@link #unplugAfter(int)} (during a write), {@link #replug()}. Like a real printer that is offline,
 * it stops taking data when out of paper or with its cover open; a real write would then time out,
 * the simulator reports the timeout at once instead of waiting. Thread-safe.
 *
 * <p>Memory: only the last {@code keepPages} pages stay in memory ({@link #pages()}); older ones
 * are only in the output directory (when one is configured), so a kiosk running on
 * {@code hardware=simulated} for months does not grow. {@link #received()} likewise holds only
 * the bytes received after the last page dropped from memory.
 */
public final class SimulatedPrinter implements PrinterTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPrinter.class);

    private final PrinterProfile profile;
    private final Path outputDir;
    private final EscPosInterpreter interpreter;
    /** Pages kept in memory by default ({@code printer.simulated.keep-pages}). */
    public static final int DEFAULT_KEEP_PAGES = 50;

    private final int keepPages;
    private ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Deque<PrintedPage> pages = new ArrayDeque<>();
    /** For each kept page, the size of {@link #received} when it left the printer. */
    private final List<Integer> pageEnds = new java.util.ArrayList<>();
    private long pagesPrinted;

    private boolean plugged = true;
    private boolean open;
    private boolean paperOut;
    private boolean paperNearEnd;
    private boolean coverOpen;
    private int bytesUntilPaperOut = -1;
    private int bytesUntilUnplug = -1;

    /**
     * @param profile   the model being simulated (paper width)
     * @param mono      the font for ROM text, Noto Sans Mono CJK TC
     * @param outputDir where page PNGs go; null to keep them in memory only
     */
    public SimulatedPrinter(PrinterProfile profile, Font mono, Path outputDir) {
        this(profile, mono, outputDir, DEFAULT_KEEP_PAGES);
    }

    /**
     * @param profile   the model being simulated (paper width)
     * @param mono      the font for ROM text, Noto Sans Mono CJK TC
     * @param outputDir where every page's PNG and bytes go; null to keep only the last pages in memory
     * @param keepPages how many of the newest pages {@link #pages()} keeps in memory (≥ 1)
     */
    public SimulatedPrinter(PrinterProfile profile, Font mono, Path outputDir, int keepPages) {
        if (keepPages < 1) {
            throw new HardwareException("the simulated printer must keep at least 1 page in memory, got " + keepPages
                    + " (printer.simulated.keep-pages)");
        }
        this.keepPages = keepPages;
        this.profile = profile;
        this.outputDir = outputDir;
        this.interpreter = new EscPosInterpreter(profile.dotsPerLine(), mono, this::pagePrinted);
        if (outputDir != null) {
            try {
                Files.createDirectories(outputDir);
            } catch (IOException e) {
                throw new HardwareException("cannot create the simulated printer's output directory " + outputDir
                        + ": " + e.getMessage() + " (set printer.simulated.output-dir to a writable directory)", e);
            }
        }
    }

    // ---- PrinterTransport -------------------------------------------------------------------

    @Override
    public synchronized void open() {
        if (!plugged) {
            throw new TransportException(Kind.NOT_FOUND, "no printer found (looked for the simulated printer, "
                    + "which is unplugged)");
        }
        open = true;
    }

    @Override
    public synchronized void write(byte[] data, Duration timeout) {
        requireConnected();
        if (data.length == 3 && data[0] == 0x10) { // real-time command: handled even while offline
            received.write(data, 0, 3);
            for (byte b : data) {
                interpreter.accept(b);
            }
            return;
        }
        for (int i = 0; i < data.length; i++) {
            if (bytesUntilUnplug == 0) {
                bytesUntilUnplug = -1;
                unplug();
                throw new TransportException(Kind.DISCONNECTED, "printer disconnected after " + i + " of "
                        + data.length + " bytes", i, null);
            }
            if (bytesUntilPaperOut == 0) {
                bytesUntilPaperOut = -1;
                runOutOfPaper();
            }
            if (paperOut || coverOpen) {
                throw new TransportException(Kind.TIMEOUT, "printer stopped taking data after " + i + " of "
                        + data.length + " bytes (no progress for " + timeout.toMillis() + " ms)", i, null);
            }
            received.write(data[i]);
            interpreter.accept(data[i]);
            if (bytesUntilUnplug > 0) {
                bytesUntilUnplug--;
            }
            if (bytesUntilPaperOut > 0) {
                bytesUntilPaperOut--;
            }
        }
        if (profile.cutter() == PrinterProfile.Cutter.NONE) {
            interpreter.tearOff(); // no cutter: the customer tears the ticket off once it has printed
        }
    }

    @Override
    public synchronized int queryStatus(int n, Duration timeout) {
        requireConnected();
        received.write(0x10);
        received.write(0x04);
        received.write(n);
        int b = StatusBytes.FIXED;
        switch (n) {
            case 1 -> b |= (paperOut || coverOpen) ? StatusBytes.PRINTER_OFFLINE : 0;
            case 2 -> b |= (coverOpen ? StatusBytes.COVER_OPEN : 0) | (paperOut ? StatusBytes.STOPPED_PAPER_END : 0);
            case 3 -> { }
            case 4 -> b |= (paperOut ? StatusBytes.PAPER_END | StatusBytes.PAPER_NEAR_END : 0)
                    | (paperNearEnd ? StatusBytes.PAPER_NEAR_END : 0);
            default -> throw new IllegalArgumentException("DLE EOT n: n must be 1..4, was " + n);
        }
        return b;
    }

    @Override
    public synchronized String describe() {
        return "simulated printer (" + profile.name() + (outputDir == null ? "" : ", pages to " + outputDir) + ")";
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    private void requireConnected() {
        if (!plugged) {
            throw new TransportException(Kind.DISCONNECTED, "printer disconnected (simulated printer unplugged)");
        }
        if (!open) {
            throw new TransportException(Kind.NOT_FOUND, "printer not opened");
        }
    }

    // ---- faults ------------------------------------------------------------------------------

    /** The roll runs out now; what is on paper is torn off as incomplete. */
    public synchronized void runOutOfPaper() {
        paperOut = true;
        interpreter.interrupt();
        LOG.info("simulated printer: paper out");
    }

    /** The roll runs out after {@code bytes} more data bytes (counting from the next write). */
    public synchronized void runOutOfPaperAfter(int bytes) {
        bytesUntilPaperOut = bytes;
    }

    /** A new roll is loaded; the printer is online again. */
    public synchronized void loadPaper() {
        paperOut = false;
        paperNearEnd = false;
        bytesUntilPaperOut = -1;
        LOG.info("simulated printer: paper loaded");
    }

    /** Turns the paper-near-end sensor on or off. */
    public synchronized void setPaperNearEnd(boolean nearEnd) {
        paperNearEnd = nearEnd;
    }

    /** Opens the cover: the printer goes offline. */
    public synchronized void openCover() {
        coverOpen = true;
        LOG.info("simulated printer: cover open");
    }

    /** Closes the cover. */
    public synchronized void closeCover() {
        coverOpen = false;
        LOG.info("simulated printer: cover closed");
    }

    /** Pulls the USB cable: transfers fail and the device is not found until {@link #replug()}. */
    public synchronized void unplug() {
        plugged = false;
        open = false;
        interpreter.interrupt();
        LOG.info("simulated printer: unplugged");
    }

    /** Pulls the cable after {@code bytes} more data bytes (counting from the next write). */
    public synchronized void unplugAfter(int bytes) {
        bytesUntilUnplug = bytes;
    }

    /** Plugs the cable back in. */
    public synchronized void replug() {
        plugged = true;
        LOG.info("simulated printer: plugged in");
    }

    /** Tears off paper printed since the last cut (printers without a cutter). */
    public synchronized void tearOff() {
        interpreter.tearOff();
    }

    // ---- what it printed ---------------------------------------------------------------------

    /**
     * @return the bytes received, in order, real-time commands included: all of them until more
     *         than {@code keepPages} pages were printed, then those after the newest page dropped from memory
     */
    public synchronized byte[] received() {
        return received.toByteArray();
    }

    /** @return the newest pages that left the printer (at most {@code keepPages}), oldest first */
    public synchronized List<PrintedPage> pages() {
        return List.copyOf(pages);
    }

    /** @return how many pages left the printer since it was created, including those no longer in memory */
    public synchronized long pagesPrinted() {
        return pagesPrinted;
    }

    /** @return the last page, or throws if none was printed */
    public synchronized PrintedPage lastPage() {
        if (pages.isEmpty()) {
            throw new IllegalStateException("the simulated printer has printed nothing yet");
        }
        return pages.getLast();
    }

    private void pagePrinted(PrintedPage page) {
        pagesPrinted++;
        pages.addLast(page);
        pageEnds.add(received.size());
        if (pages.size() > keepPages) {
            pages.removeFirst();
            // forget the bytes up to the end of the page dropped from memory
            int cut = pageEnds.remove(0);
            byte[] all = received.toByteArray();
            received = new ByteArrayOutputStream(Math.max(32, all.length - cut));
            received.write(all, cut, all.length - cut);
            pageEnds.replaceAll(end -> end - cut);
        }
        if (!page.unsupported().isEmpty()) {
            LOG.warn("simulated printer: page {} had unsupported ESC/POS commands {}", page.number(), page.unsupported());
        }
        if (outputDir != null) {
            String name = String.format("page-%04d%s", page.number(), page.complete() ? "" : "-incomplete");
            try {
                ImageIO.write(page.image(), "png", outputDir.resolve(name + ".png").toFile());
                Files.write(outputDir.resolve(name + ".bin"), page.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + name + " to " + outputDir, e);
            }
            LOG.info("simulated printer: {} {} ({} bytes) -> {}", page.complete() ? "printed" : "tore off incomplete",
                    name, page.bytes().length, outputDir.resolve(name + ".png"));
        }
    }
}
