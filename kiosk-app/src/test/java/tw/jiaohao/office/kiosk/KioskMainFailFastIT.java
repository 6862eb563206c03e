package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.process.Bugs;

/**
 * The kiosk whose screen cannot be built (here: no display to open) is a child JVM that exits
 * non-zero, so systemd restarts it, instead of a running office node with a blank screen.
 */
class KioskMainFailFastIT {
    @TempDir
    Path dir;

    @Test
    void aKioskWhoseUiCannotBeBuiltExitsWithStatus70InsteadOfRunningWithoutAScreen() throws Exception {
        int unusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        Path config = dir.resolve("office.properties");
        Files.writeString(config, String.join("\n",
                "office.id = failfast-" + ProcessHandle.current().pid(),
                "mqtt.broker = tcp://127.0.0.1:" + unusedPort,
                "database.path = " + dir.resolve("office.db"),
                "recovery.timeout-seconds = 0",
                "printer.simulated.output-dir = " + dir.resolve("printer"), ""), StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), KioskMain.class.getName(), "--config", config.toString(), "--windowed"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the kiosk ended; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(Bugs.EXIT_CODE);
        assertThat(out).contains("kiosk: bug on thread main", "DISPLAY", "at tw.jiaohao.office.kiosk.KioskMain");
    }

    @Test
    void selfServiceWithoutThe注音Data_refusesToStart_namingTheKey() throws Exception {
        Path pem = Files.writeString(dir.resolve("hub.pub.pem"), tw.jiaohao.protocol.selfservice.PersonalDataSeal.toPem(
                tw.jiaohao.protocol.selfservice.PersonalDataSeal.generateKeyPair().getPublic()));
        Path empty = Files.createDirectories(dir.resolve("no-rime-data"));
        Path config = dir.resolve("office.properties");
        Files.writeString(config, String.join("\n",
                "office.id = failfast-zy-" + ProcessHandle.current().pid(),
                "database.path = " + dir.resolve("office.db"),
                "selfservice.hub-public-key = " + pem,
                "selfservice.zhuyin-dir = " + empty, ""), StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), KioskMain.class.getName(),
                "--config", config.toString(), "--windowed").redirectErrorStream(true).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the kiosk ended; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("configuration key 'selfservice.zhuyin-dir'", "zhuyin.yaml", "rime-data-bopomofo");
        assertThat(dir.resolve("office.db")).as("nothing started").doesNotExist();
    }
}
