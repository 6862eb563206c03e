package tw.jiaohao.office.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The output of a program a test started as a child JVM, collected as it comes (for conditions and failure messages). */
public final class ProgramOutput {
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    private ProgramOutput(InputStream in) {
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the program ended
            }
        }, "program-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts collecting {@code process}'s output (start it with {@code redirectErrorStream(true)}). */
    public static ProgramOutput of(Process process) {
        return new ProgramOutput(process.getInputStream());
    }

    /** Waits up to 5 s for the rest of the output of an ended program. */
    public void finish() throws InterruptedException {
        reader.join(5_000);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
