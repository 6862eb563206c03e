package tw.jiaohao.hub.accounts;

import java.io.PrintStream;

/**
 * Draws an import's progress on a terminal: one line redrawn in place with a bar, the share of
 * the file read, rows, bad rows and the rate. Without a terminal (output to a file or a pipe) it
 * prints a plain line at every 10 %. Redraws at most every 200 ms.
 */
public final class ProgressBar implements AccountImporter.Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(long bytesRead, long totalBytes, long rows, long bad) {
        long now = System.nanoTime();
        int permille = totalBytes == 0 ? 1000 : (int) Math.min(1000, bytesRead * 1000 / totalBytes);
        boolean done = permille == 1000;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        if (terminal) {
            if (!done && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = permille * WIDTH / 1000;
            out.printf("\r[%s%s] %5.1f%%  %,d rows  %,d bad  %,.0f rows/s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    permille / 10.0, rows, bad, rows / seconds);
            if (done) {
                out.println();
            }
            out.flush();
        } else {
            int decile = permille / 100;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("%3d%%  %,d rows  %,d bad%n", decile * 10, rows, bad);
            }
        }
    }

    /** The line a terminal shows for these figures (for tests of the layout). */
    static String render(long bytesRead, long totalBytes, long rows, long bad) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        new ProgressBar(new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8), true).update(bytesRead, totalBytes, rows, bad);
        return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
