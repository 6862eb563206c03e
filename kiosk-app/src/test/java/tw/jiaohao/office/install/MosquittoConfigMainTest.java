package tw.jiaohao.office.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.config.ConfigException;

class MosquittoConfigMainTest {
    @TempDir
    Path dir;
    Path config;
    Path out;

    @BeforeEach
    void office() throws IOException {
        config = Files.writeString(dir.resolve("office.properties"), "office.id=taipei-north\ncounters=1,2,7\n"
                + "counter.1.serves=A\ncounter.2.serves=A\ncounter.7.name=7號櫃台\ncounter.7.serves=A\n");
        out = dir.resolve("out");
    }

    private void run(String... extra) {
        String[] base = {"--config", config.toString(), "--out", out.toString(), "--central", "mqtt.example.tw:8883"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        MosquittoConfigMain.run(args, new SecureRandom());
    }

    private Properties credentials() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(out.resolve(MosquittoConfigMain.CREDENTIALS))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void oneLoginPerDevice_fromTheOfficesCounters() throws IOException {
        run("--boards", "2", "--kiosks", "1");
        assertThat(credentials().stringPropertyNames()).containsExactlyInAnyOrder("taipei-north-node", "taipei-north-kiosk-1",
                "taipei-north-board-1", "taipei-north-board-2", "taipei-north-counter-1", "taipei-north-counter-2",
                "taipei-north-counter-7", "taipei-north-bridge");
        assertThat(Files.readAllLines(out.resolve("passwd"))).hasSize(7).allMatch(l -> l.matches("taipei-north-[a-z0-9-]+:\\$7\\$.*"));
        assertThat(Files.readString(out.resolve("devices/taipei-north-counter-7.properties")))
                .contains("device.id=taipei-north-counter-7\n", "counter.number=7\n", "mqtt.url=tcp://jiaohao-node.local:1883\n",
                        "mqtt.password=" + credentials().getProperty("taipei-north-counter-7"));
        assertThat(Files.readString(out.resolve("jiaohao.conf")))
                .contains("remote_password " + credentials().getProperty("taipei-north-bridge"), "cleansession false",
                        "bridge_cafile /etc/mosquitto/ca_certificates/jiaohao-ca.crt", "address mqtt.example.tw:8883",
                        "allow_anonymous false", "per_listener_settings true")
                .doesNotContainPattern("(?m)^persistence_location");
    }

    @Test
    void secrets_areReadableByTheOwnerOnly() throws IOException {
        run();
        for (String f : new String[] {"credentials.properties", "passwd", "jiaohao.conf", "devices/taipei-north-node.properties",
                "central/taipei-north.passwd"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f)))).as(f).isEqualTo("rw-------");
        }
    }

    @Test
    void runningAgain_keepsEveryPassword_andAddsNewDevices() throws IOException {
        run();
        Properties first = credentials();
        run("--boards", "3");
        Properties second = credentials();
        first.stringPropertyNames().forEach(k -> assertThat(second.getProperty(k)).as(k).isEqualTo(first.getProperty(k)));
        assertThat(second.stringPropertyNames()).contains("taipei-north-board-3").hasSize(first.size() + 2);
    }

    @Test
    void rotate_givesOneLoginANewPassword() throws IOException {
        run();
        Properties first = credentials();
        run("--rotate", "taipei-north-counter-2");
        Properties second = credentials();
        assertThat(second.getProperty("taipei-north-counter-2")).isNotEqualTo(first.getProperty("taipei-north-counter-2"));
        assertThat(second.getProperty("taipei-north-counter-1")).isEqualTo(first.getProperty("taipei-north-counter-1"));
        assertThatThrownBy(() -> run("--rotate", "nobody")).isInstanceOf(InstallException.class).hasMessageContaining("no such login");
    }

    @Test
    void badInput_isRefusedWithWhatToFix() {
        assertThatThrownBy(() -> MosquittoConfigMain.run(new String[] {"--config", config.toString(), "--out", out.toString()},
                new SecureRandom())).isInstanceOf(InstallException.class).hasMessageContaining("--central HOST:PORT");
        assertThatThrownBy(() -> run("--boards", "many")).hasMessageContaining("--boards must be a whole number");
        assertThatThrownBy(() -> run("--files-dir", "relative/dir")).hasMessageContaining("--files-dir must be an absolute path");
        assertThatThrownBy(() -> run("--frobnicate", "1")).hasMessageContaining("unknown or incomplete argument '--frobnicate'");
        assertThatThrownBy(() -> MosquittoConfigMain.run(new String[] {"--config", dir.resolve("missing").toString(), "--out",
                out.toString(), "--no-bridge"}, new SecureRandom())).isInstanceOf(ConfigException.class);
        assertThat(out).doesNotExist();
    }

    @Test
    void noBridge_writesNoHeadOfficeEntries() throws IOException {
        MosquittoConfigMain.run(new String[] {"--config", config.toString(), "--out", out.toString(), "--no-bridge"}, new SecureRandom());
        assertThat(Files.readString(out.resolve("jiaohao.conf"))).doesNotContain("connection ");
        assertThat(out.resolve("central")).doesNotExist();
        assertThat(credentials().stringPropertyNames()).doesNotContain("taipei-north-bridge");
    }

    @Test
    void aclOfAnOffice_neverNamesAnotherOffice() throws IOException {
        run();
        for (String line : Files.readAllLines(out.resolve("acl"))) {
            if (line.startsWith("topic ")) {
                assertThat(line).matches("topic (read|write) jiaohao/v1/(office/taipei-north/.*|hub/(notice/(taipei-north|all)"
                        + "|settings/taipei-north|account/lookup)|reply/taipei-north(-counter-[0-9]+/#|/lookup))");
            }
        }
    }

    @Test
    void selfServiceTopics_areInTheAclOfTheNodeOnly_andCrossTheBridgeInTheirDirections() throws IOException {
        run("--boards", "1", "--kiosks", "1");
        java.util.Map<String, java.util.List<String>> acl = aclBlocks(Files.readAllLines(out.resolve("acl")));
        java.util.List<String> selfService = java.util.List.of("topic write jiaohao/v1/office/taipei-north/request",
                "topic read jiaohao/v1/office/taipei-north/request/ack", "topic write jiaohao/v1/hub/account/lookup",
                "topic read jiaohao/v1/reply/taipei-north/lookup");
        assertThat(acl.get("taipei-north-node")).containsAll(selfService);
        acl.forEach((login, lines) -> {
            if (!login.equals("taipei-north-node")) {
                assertThat(lines).as(login).doesNotContainAnyElementsOf(selfService)
                        .noneMatch(l -> l.contains("/request") || l.contains("lookup"));
            }
        });
        assertThat(aclBlocks(Files.readAllLines(out.resolve("central/taipei-north.acl"))).get("taipei-north-bridge"))
                .containsAll(selfService);
        assertThat(Files.readString(out.resolve("jiaohao.conf")))
                .contains("bridge_protocol_version mqttv50\n", "message_size_limit 262144\n",
                        "topic jiaohao/v1/office/taipei-north/recovery out 1\n", "topic jiaohao/v1/office/taipei-north/recovery/reply in 1\n",
                        "topic jiaohao/v1/office/taipei-north/request out 1\n", "topic jiaohao/v1/office/taipei-north/request/ack in 1\n",
                        "topic jiaohao/v1/hub/account/lookup out 1\n", "topic jiaohao/v1/reply/taipei-north/lookup in 1\n",
                        "topic jiaohao/v1/hub/notice/all in 1\n")
                .doesNotContain("hub/# in");
    }

    @Test
    void theNodesLogin_mayPublishTheStatusOfTheNodeAndOfItsKioskUi() throws IOException {
        Files.writeString(config, "device.id=north-node\nkiosk.device-id=north-kiosk\n", java.nio.file.StandardOpenOption.APPEND);
        run();
        assertThat(aclBlocks(Files.readAllLines(out.resolve("acl"))).get("taipei-north-node")).contains(
                "topic write jiaohao/v1/office/taipei-north/device/north-node/status",
                "topic write jiaohao/v1/office/taipei-north/device/north-kiosk/status");
    }

    @Test
    void theEmbeddedBrokersLoginFile_holdsTheSameLoginsAndHashesAsMosquittosFiles() throws IOException {
        run();
        java.util.List<tw.jiaohao.protocol.access.LoginFile.Entry> entries = tw.jiaohao.protocol.access.LoginFile.parse("test",
                Files.readString(out.resolve("embedded/taipei-north.logins")));
        java.util.Map<String, String> passwd = new java.util.HashMap<>();
        for (String f : new String[] {"passwd", "central/taipei-north.passwd"}) {
            Files.readAllLines(out.resolve(f)).forEach(l -> passwd.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1)));
        }
        assertThat(entries).extracting(e -> e.login().username()).containsExactlyInAnyOrderElementsOf(passwd.keySet());
        Properties credentials = credentials();
        for (tw.jiaohao.protocol.access.LoginFile.Entry e : entries) {
            assertThat(e.passwordHash()).as(e.login().username()).isEqualTo(passwd.get(e.login().username()));
            assertThat(tw.jiaohao.protocol.access.PasswordHash.matches(credentials.getProperty(e.login().username()), e.passwordHash())).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("embedded/taipei-north.logins"))))
                .isEqualTo("rw-------");
    }

    /** The lines under each {@code user} of an ACL file. */
    private static java.util.Map<String, java.util.List<String>> aclBlocks(java.util.List<String> lines) {
        java.util.Map<String, java.util.List<String>> blocks = new java.util.LinkedHashMap<>();
        String user = null;
        for (String l : lines) {
            if (l.startsWith("user ")) {
                user = l.substring(5);
                blocks.put(user, new java.util.ArrayList<>());
            } else if (user != null && l.startsWith("topic ")) {
                blocks.get(user).add(l);
            }
        }
        return blocks;
    }
}
