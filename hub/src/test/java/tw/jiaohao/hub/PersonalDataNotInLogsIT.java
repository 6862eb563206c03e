package tw.jiaohao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hub.testing.PersonalTestData;

/**
 * Runs after every other test of the module (see junit-platform.properties) and reads every log
 * written during the run — the test log file and the console output the test reports captured —
 * for the national IDs, phones, names and addresses the tests used. None may appear.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataNotInLogsIT {

    @Test
    void noLogWrittenDuringTheTestRun_holdsPersonalData() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String folder : List.of("target/test-logs", "target/surefire-reports", "target/failsafe-reports")) {
            Path d = Path.of(folder);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).forEach(logs::add);
                }
            }
        }
        Path main = Path.of("target/test-logs/hub-tests.log");
        assertThat(main).as("the test log file (logback-test.xml FILE appender)").exists();
        String all = read(main);
        assertThat(all).as("the self-service code logged during the run, so the search means something")
                .contains("received: VERIFIED", "billing extract");
        for (Path log : logs) {
            String text = read(log);
            for (String secret : PersonalTestData.secrets()) {
                assertThat(text).as("%s must not contain personal data used by the tests", log).doesNotContain(secret);
            }
        }
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
