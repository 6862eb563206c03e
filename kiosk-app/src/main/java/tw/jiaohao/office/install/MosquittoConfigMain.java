package tw.jiaohao.office.install;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import tw.jiaohao.office.OfficeException;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.kiosk.KioskSettings;
import tw.jiaohao.protocol.access.BrokerLogin;
import tw.jiaohao.protocol.access.LoginFile;
import tw.jiaohao.protocol.access.Role;
import tw.jiaohao.process.Bugs;

/**
 * {@code bin/jiaohao mosquitto-config}: writes the Mosquitto files for one office (its broker's
 * configuration, password file, ACL, every device's login snippet and the office's entries for
 * the head-office broker), or with {@code --central-broker} those of the head-office broker.
 *
 * <p>Passwords are random and kept in {@code credentials.properties} in the output folder (mode
 * 600): running the command again for the same folder keeps every existing login's password and
 * only adds new ones, so devices already set up keep working; {@code --rotate LOGIN} gives one
 * login a new password. Hashes are written in {@code mosquitto_passwd}'s own format
 * ({@link MosquittoPasswords}); no Mosquitto tools are needed on the generating machine.
 */
public final class MosquittoConfigMain {
    static final String CREDENTIALS = "credentials.properties";

    private MosquittoConfigMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("mosquitto-config");
        try {
            List<Path> written = run(args, new SecureRandom());
            written.forEach(p -> System.out.println("wrote " + p));
        } catch (OfficeException e) {
            System.err.println("mosquitto-config: " + e.getMessage());
            System.exit(2);
        }
    }

    static final String USAGE = """
            usage: bin/jiaohao mosquitto-config --config office.properties --out DIR
                       (--central HOST:PORT [--central-cafile PATH] | --no-bridge)
                       [--boards 1] [--kiosks 0] [--listen-port 1883] [--bind ADDR]
                       [--files-dir /etc/mosquitto/jiaohao] [--broker-host jiaohao-node.local] [--rotate LOGIN]
                   bin/jiaohao mosquitto-config --central-broker --out DIR [--listen-port 8883]
                       [--files-dir /etc/mosquitto/jiaohao] [--cafile PATH] [--certfile PATH] [--keyfile PATH]
                       [--broker-host HOST] [--rotate jiaohao-hub]
            See docs/INSTALL.md, "MQTT logins and ACL".""";

    /** Runs the command; returns the files written. */
    public static List<Path> run(String[] args, SecureRandom random) {
        Map<String, String> flags = parse(args);
        if (flags.containsKey("--help")) {
            System.out.println(USAGE);
            return List.of();
        }
        Path out = Path.of(require(flags, "--out"));
        MosquittoPasswords passwords = new MosquittoPasswords(random);
        Properties credentials = readCredentials(out.resolve(CREDENTIALS));
        String rotate = flags.get("--rotate");
        if (rotate != null) {
            if (!credentials.containsKey(rotate)) {
                throw new InstallException("--rotate " + rotate + ": no such login in " + out.resolve(CREDENTIALS));
            }
            credentials.remove(rotate);
        }
        Map<Path, String> files = new LinkedHashMap<>();
        if (flags.containsKey("--central-broker")) {
            central(flags, out, passwords, credentials, files);
        } else {
            office(flags, out, passwords, credentials, files);
        }
        return write(out, credentials, files);
    }

    private static void office(Map<String, String> flags, Path out, MosquittoPasswords passwords, Properties credentials,
            Map<Path, String> files) {
        Path configFile = Path.of(require(flags, "--config"));
        OfficeConfig office = OfficeConfigLoader.load(configFile);
        Properties props = readOfficeProperties(configFile);
        MosquittoFiles.Central central = null;
        if (flags.containsKey("--no-bridge")) {
            if (flags.containsKey("--central")) {
                throw new InstallException("give either --central HOST:PORT or --no-bridge, not both");
            }
        } else {
            String hostPort = flags.get("--central");
            if (hostPort == null) {
                throw new InstallException("--central HOST:PORT (the head-office broker, e.g. mqtt.example.tw:8883) is required;"
                        + " --no-bridge for an office without a link to head office");
            }
            int colon = hostPort.lastIndexOf(':');
            central = new MosquittoFiles.Central(colon < 0 ? hostPort : hostPort.substring(0, colon),
                    colon < 0 ? 8883 : integer("--central", hostPort.substring(colon + 1)),
                    flags.getOrDefault("--central-cafile", "/etc/mosquitto/ca_certificates/jiaohao-ca.crt"));
        }
        MosquittoFiles.Plan plan = new MosquittoFiles.Plan(integer("--boards", flags.getOrDefault("--boards", "1")),
                integer("--kiosks", flags.getOrDefault("--kiosks", "0")),
                integer("--listen-port", flags.getOrDefault("--listen-port", "1883")),
                flags.getOrDefault("--bind", ""), flags.getOrDefault("--files-dir", "/etc/mosquitto/jiaohao"), central);
        String brokerUrl = "tcp://" + flags.getOrDefault("--broker-host", "jiaohao-node.local") + ":" + plan.listenPort();

        List<BrokerLogin> logins = MosquittoFiles.logins(office, plan, List.of(office.deviceId(), kioskDeviceId(props)));
        StringBuilder passwd = new StringBuilder();
        List<LoginFile.Entry> embedded = new ArrayList<>();
        for (BrokerLogin login : logins) {
            String password = passwordOf(login.username(), credentials, passwords);
            String hash = passwords.newHash(password);
            passwd.append(login.username()).append(':').append(hash).append('\n');
            embedded.add(new LoginFile.Entry(login, hash));
            files.put(Path.of("devices", login.username() + ".properties"), deviceSnippet(office, login, password, brokerUrl));
        }
        files.put(Path.of("passwd"), passwd.toString());
        files.put(Path.of("acl"), MosquittoFiles.officeAcl(office, logins));
        String bridgePassword = null;
        if (central != null) {
            BrokerLogin bridge = MosquittoFiles.bridgeLogin(office);
            bridgePassword = passwordOf(bridge.username(), credentials, passwords);
            String hash = passwords.newHash(bridgePassword);
            embedded.add(new LoginFile.Entry(bridge, hash));
            files.put(Path.of("central", office.officeId() + ".passwd"), bridge.username() + ":" + hash + "\n");
            files.put(Path.of("central", office.officeId() + ".acl"), MosquittoFiles.centralOfficeAcl(office));
        }
        files.put(Path.of("embedded", office.officeId() + ".logins"), MosquittoFiles.embeddedLogins(office, embedded));
        files.put(Path.of("jiaohao.conf"), MosquittoFiles.officeConf(office, plan, bridgePassword));
    }

    private static void central(Map<String, String> flags, Path out, MosquittoPasswords passwords, Properties credentials,
            Map<Path, String> files) {
        int port = integer("--listen-port", flags.getOrDefault("--listen-port", "8883"));
        String dir = flags.getOrDefault("--files-dir", "/etc/mosquitto/jiaohao");
        String hub = MosquittoFiles.HUB_LOGIN;
        String password = passwordOf(hub, credentials, passwords);
        files.put(Path.of("hub.passwd"), passwords.line(hub, password) + "\n");
        files.put(Path.of("hub.acl"), MosquittoFiles.centralHubAcl());
        files.put(Path.of("jiaohao.conf"), MosquittoFiles.centralConf(port, dir,
                flags.getOrDefault("--cafile", "/etc/mosquitto/ca_certificates/jiaohao-ca.crt"),
                flags.getOrDefault("--certfile", "/etc/mosquitto/certs/broker.crt"),
                flags.getOrDefault("--keyfile", "/etc/mosquitto/certs/broker.key")));
        files.put(Path.of("devices", hub + ".properties"), "# for hub.properties\n"
                + "mqtt.url=ssl://" + flags.getOrDefault("--broker-host", "localhost") + ":" + port + "\n"
                + "mqtt.username=" + hub + "\nmqtt.password=" + password + "\n");
    }

    /** The kiosk UI's device id ({@code kiosk.device-id}), which publishes its status with the node's login. */
    private static String kioskDeviceId(Properties officeProperties) {
        return KioskSettings.deviceId(officeProperties);
    }

    private static String deviceSnippet(OfficeConfig office, BrokerLogin login, String password, String brokerUrl) {
        StringBuilder s = new StringBuilder("# MQTT login of " + login.username() + "; paste into its configuration file\n");
        switch (login.role()) {
            case NODE -> s.append("# (office.properties: the node connects to the broker on its own machine)\n")
                    .append("mqtt.url=tcp://127.0.0.1:").append(brokerUrl.substring(brokerUrl.lastIndexOf(':') + 1)).append('\n')
                    .append("mqtt.username=").append(login.username()).append('\n')
                    .append("mqtt.password=").append(password).append('\n');
            case KIOSK, BOARD, COUNTER -> {
                s.append("office.id=").append(office.officeId()).append('\n')
                        .append("device.id=").append(login.username()).append('\n');
                if (login.role() == Role.COUNTER) {
                    s.append("counter.number=").append(login.counter()).append('\n');
                }
                s.append("mqtt.url=").append(brokerUrl).append('\n')
                        .append("mqtt.username=").append(login.username()).append('\n')
                        .append("mqtt.password=").append(password).append('\n');
            }
            case BRIDGE, HUB -> throw new IllegalArgumentException("no device snippet for the " + login.role());
        }
        return s.toString();
    }

    private static String passwordOf(String login, Properties credentials, MosquittoPasswords passwords) {
        String existing = credentials.getProperty(login);
        if (existing != null) {
            return existing;
        }
        String fresh = passwords.newPassword();
        credentials.setProperty(login, fresh);
        return fresh;
    }

    /** The office's properties as text (already validated by {@link OfficeConfigLoader}), for the keys it does not model. */
    private static Properties readOfficeProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new InstallException("cannot read " + file + " (" + e.getMessage() + "); pass a readable --config");
        }
        return p;
    }

    private static Properties readCredentials(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new InstallException("cannot read " + file + " (" + e.getMessage() + "); restore it from the backup or"
                        + " remove it to give every device a new password");
            }
        }
        return p;
    }

    private static List<Path> write(Path out, Properties credentials, Map<Path, String> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            Path cred = out.resolve(CREDENTIALS);
            try (Writer w = Files.newBufferedWriter(secret(cred), StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder("# Jiaohao MQTT passwords in plain text: keep this file (mode 600) with the office's"
                        + " backup;\n# mosquitto-config reuses them when run again for this folder.\n");
                credentials.stringPropertyNames().stream().sorted()
                        .forEach(k -> text.append(k).append('=').append(credentials.getProperty(k)).append('\n'));
                w.write(text.toString());
            }
            written.add(cred);
            for (Map.Entry<Path, String> f : files.entrySet()) {
                Path target = out.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                // the ACL holds no secret; every other file holds a password or its hash
                Files.writeString(f.getKey().toString().endsWith("acl") ? target : secret(target), f.getValue(), StandardCharsets.UTF_8);
                written.add(target);
            }
        } catch (IOException e) {
            throw new InstallException("cannot write to " + out + ": " + e.getMessage() + "; pass a writable --out folder", e);
        }
        return written;
    }

    /** Creates (or truncates) a file readable by its owner only, before any secret is written to it. */
    private static Path secret(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> switches = List.of("--no-bridge", "--central-broker", "--help");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (switches.contains(a)) {
                flags.put(a, "true");
            } else if (a.startsWith("--") && i + 1 < args.length && List.of("--config", "--out", "--central", "--central-cafile",
                    "--boards", "--kiosks", "--listen-port", "--bind", "--files-dir", "--broker-host", "--rotate", "--cafile",
                    "--certfile", "--keyfile").contains(a)) {
                flags.put(a, args[++i]);
            } else {
                throw new InstallException("unknown or incomplete argument '" + a + "'\n" + USAGE);
            }
        }
        return flags;
    }

    private static String require(Map<String, String> flags, String flag) {
        String v = flags.get(flag);
        if (v == null) {
            throw new InstallException(flag + " is required\n" + USAGE);
        }
        return v;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InstallException(flag + " must be a whole number, got '" + value + "'");
        }
    }
}
