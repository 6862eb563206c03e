package tw.jiaohao.process;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BugsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("bugs-test-" + UUID.randomUUID());
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    BugsTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @Test
    void aBugCaughtByALoopIsLoggedWithItsStackTraceAndCounted() {
        String where = "loop-" + UUID.randomUUID();
        Bugs.caught(logger, where, new IllegalStateException("boom"));

        assertThat(Bugs.count(where)).isEqualTo(1);
        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).isEqualTo("bug in " + where);
            assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        });
    }

    @Test
    void theSameBugRepeatedOnEveryTickIsCountedEveryTimeButItsStackTraceLoggedOnce() {
        String where = "tick-" + UUID.randomUUID();
        for (int i = 0; i < 50; i++) {
            Bugs.caught(logger, where, new IllegalStateException("again"));
        }
        assertThat(Bugs.count(where)).isEqualTo(50);
        assertThat(appender.list).hasSize(1);
        assertThat(Bugs.counts()).containsEntry(where, 50L);
    }

    @Test
    void anotherKindOfBugInTheSamePlaceGetsItsOwnStackTrace() {
        String where = "handler-" + UUID.randomUUID();
        Bugs.caught(logger, where, new IllegalStateException("one"));
        Bugs.caught(logger, where, new NullPointerException("two"));
        assertThat(appender.list).extracting(e -> e.getThrowableProxy().getClassName())
                .containsExactly(IllegalStateException.class.getName(), NullPointerException.class.getName());
    }

    @Test
    void anUncaughtBugIsLoggedWithItsStackTraceThenTheProgramExitsWithStatus70() {
        List<Integer> exits = new ArrayList<>();
        Thread.UncaughtExceptionHandler handler = Bugs.handler("test-program", exits::add);
        Logger bugs = (Logger) LoggerFactory.getLogger(Bugs.class);
        ListAppender<ILoggingEvent> out = new ListAppender<>();
        out.start();
        bugs.addAppender(out);
        try {
            handler.uncaughtException(new Thread("worker"), new IllegalStateException("nobody caught me"));
        } finally {
            bugs.detachAppender(out);
        }
        assertThat(exits).containsExactly(70);
        assertThat(out.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("test-program", "worker", "70");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("nobody caught me");
        });
    }
}
