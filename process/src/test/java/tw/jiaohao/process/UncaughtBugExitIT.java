package tw.jiaohao.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A child JVM whose main thread would wait forever: the bug on its worker thread ends it with status 70. */
class UncaughtBugExitIT {
    private record Ended(int status, String output) {
    }

    private static Ended run(Class<?> main) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the program ended; output:%n%s", out).isTrue();
        return new Ended(p.exitValue(), out);
    }

    @Test
    void aProgramWhoseBackgroundThreadHitsABugExitsWith70AndLogsTheStackTrace() throws Exception {
        Ended e = run(BackgroundBugMain.class);
        String out = e.output();
        assertThat(e.status()).isEqualTo(Bugs.EXIT_CODE);
        assertThat(out).contains("background-bug: bug on thread worker", "IllegalStateException: a bug in a background loop",
                "at tw.jiaohao.process.BackgroundBugMain");
    }

    @Test
    void aBugInAShutdownHookIsLoggedButNeitherHangsNorChangesTheExitStatus() throws Exception {
        Ended e = run(BugDuringShutdownMain.class);
        assertThat(e.status()).isEqualTo(3);
        assertThat(e.output()).contains("bug-during-shutdown: bug on thread closing", "a bug while closing");
    }
}
