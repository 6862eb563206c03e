package tw.jiaohao.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A child JVM whose main thread would wait forever: the bug on its worker thread ends it with status 70. */
class UncaughtBugExitIT {
    @Test
    void aProgramWhoseBackgroundThreadHitsABugExitsWith70AndLogsTheStackTrace() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BackgroundBugMain.class.getName())
                .redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the program ended; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).isEqualTo(Bugs.EXIT_CODE);
        assertThat(out).contains("background-bug: bug on thread worker", "IllegalStateException: a bug in a background loop",
                "at tw.jiaohao.process.BackgroundBugMain");
    }
}
