package tw.jiaohao.office.selfservice;

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

/**
 * Runs after every other test of the module (see junit-platform.properties) and reads every log
 * written during the run — the test log file and the console output the test reports captured —
 * for the national ID, phones, names and address the self-service tests used. None may appear.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataNotInLogsIT {
    private static final List<String> SECRETS = List.of(SelfServiceSessionIT.NATIONAL_ID, SelfServiceSessionIT.PHONE, "0912-345-678",
            SelfServiceSessionIT.ADDRESS, "陳小明", "林美華");

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
        Path main = Path.of("target/test-logs/kiosk-app-tests.log");
        assertThat(main).exists();
        assertThat(Files.readString(main, StandardCharsets.UTF_8)).as("self-service code logged during the run")
                .contains("request taken: case", "refused at the kiosk");
        for (Path log : logs) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            for (String secret : SECRETS) {
                assertThat(text).as("%s must not contain personal data used by the tests", log).doesNotContain(secret);
            }
        }
    }
}
