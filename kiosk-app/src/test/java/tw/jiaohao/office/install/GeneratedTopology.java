package tw.jiaohao.office.install;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import tw.jiaohao.protocol.Topics;

/**
 * The real topology from the files {@code mosquitto-config} generates, as real Mosquitto
 * processes on free ports: a head-office broker with a TLS listener (a CA and certificate made
 * with openssl for the run) and office A's broker laid out as on Debian (a main file with
 * {@code persistence_location} that includes the generated {@code jiaohao.conf}), bridged to it
 * over TLS with the generated logins. Office B exists only at head office (its bridge login).
 * A test-only login {@code test-spy} on office A's broker may read everything.
 *
 * <p>Fails (never skips) when Mosquitto or openssl is missing: {@code .ci/run} installs both.
 */
public final class GeneratedTopology implements AutoCloseable {
    public static final String SPY = "test-spy";
    public static final String TRUST_STORE_PASSWORD = "jiaohao-test";

    /** The head-office broker (replaced by {@link #restartCentral}). */
    public volatile MosquittoProcess central;
    private final Path centralConf;
    private final Path centralLog;
    public final MosquittoProcess office;
    /** Passwords of office A's logins (its devices and its bridge), as in its credentials.properties. */
    public final Properties officeCredentials;
    /** Passwords of office B's logins. */
    public final Properties officeBCredentials;
    /** The head-office broker's logins (the hub's). */
    public final Properties centralCredentials;
    public final String spyPassword;
    /** Trusts the run's CA (for ssl:// to the head-office broker). */
    public final SSLSocketFactory tls;
    /** The run's CA in a PKCS12 trust store (password {@link #TRUST_STORE_PASSWORD}), as docs/INSTALL.md sets up for the hub. */
    public final Path trustStore;
    /** Where mosquitto-config wrote office A's files. */
    public final Path officeFiles;

    private GeneratedTopology(MosquittoProcess central, MosquittoProcess office, Properties officeCredentials,
            Properties officeBCredentials, Properties centralCredentials, String spyPassword, SSLSocketFactory tls, Path trustStore,
            Path officeFiles, Path centralConf, Path centralLog) {
        this.central = central;
        this.centralConf = centralConf;
        this.centralLog = centralLog;
        this.office = office;
        this.officeCredentials = officeCredentials;
        this.officeBCredentials = officeBCredentials;
        this.centralCredentials = centralCredentials;
        this.spyPassword = spyPassword;
        this.tls = tls;
        this.trustStore = trustStore;
        this.officeFiles = officeFiles;
    }

    /**
     * Generates and starts both brokers and waits until the bridge carries a message.
     *
     * @param officeA         office A's id
     * @param officeAProperties the rest of office A's {@code office.properties} (counters…), may be empty
     * @param officeB         an office that exists only at head office
     */
    public static GeneratedTopology start(Path dir, String officeA, String officeAProperties, String officeB) throws Exception {
        return start(dir, officeA, officeAProperties, officeB, java.util.function.UnaryOperator.identity());
    }

    /**
     * As above; {@code officeConfEdit} changes office A's generated {@code jiaohao.conf} before its
     * broker starts (a test's smaller queue limit).
     */
    public static GeneratedTopology start(Path dir, String officeA, String officeAProperties, String officeB,
            java.util.function.UnaryOperator<String> officeConfEdit) throws Exception {
        assertThat(MosquittoProcess.BINARY).as("Mosquitto (apt-get install mosquitto; .ci/run installs it)").isExecutable();
        assertThat(Path.of("/usr/bin/openssl")).as("openssl, to make this test's certificates").isExecutable();
        Path tlsDir = Files.createDirectories(dir.resolve("tls"));
        makeCertificates(tlsDir);
        Path ca = tlsDir.resolve("ca.crt");

        int centralPort = MosquittoProcess.freePort();
        Path centralGen = dir.resolve("central-gen");
        SecureRandom random = new SecureRandom();
        MosquittoConfigMain.run(new String[] {"--central-broker", "--out", centralGen.toString(),
                "--listen-port", String.valueOf(centralPort), "--files-dir", centralGen.toString(),
                "--cafile", ca.toString(), "--certfile", tlsDir.resolve("broker.crt").toString(),
                "--keyfile", tlsDir.resolve("broker.key").toString()}, random);

        int officePort = MosquittoProcess.freePort();
        Path officeGen = dir.resolve(officeA + "-gen");
        Path officeBGen = dir.resolve(officeB + "-gen");
        for (String office : List.of(officeA, officeB)) {
            Path props = dir.resolve(office + ".properties");
            Files.writeString(props, "office.id=" + office + "\n" + (office.equals(officeA) ? officeAProperties : ""));
            Path gen = office.equals(officeA) ? officeGen : officeBGen;
            MosquittoConfigMain.run(new String[] {"--config", props.toString(), "--out", gen.toString(),
                    "--central", "localhost:" + centralPort, "--central-cafile", ca.toString(),
                    "--listen-port", String.valueOf(officePort), "--files-dir", gen.toString()}, random);
        }
        // head office: the hub's files with each office's block appended, as docs/INSTALL.md says
        Files.writeString(centralGen.resolve("passwd"), Files.readString(centralGen.resolve("hub.passwd"))
                + Files.readString(officeGen.resolve("central/" + officeA + ".passwd"))
                + Files.readString(officeBGen.resolve("central/" + officeB + ".passwd")));
        Files.writeString(centralGen.resolve("acl"), Files.readString(centralGen.resolve("hub.acl"))
                + Files.readString(officeGen.resolve("central/" + officeA + ".acl"))
                + Files.readString(officeBGen.resolve("central/" + officeB + ".acl")));

        String spyPassword = new MosquittoPasswords(random).newPassword();
        Files.writeString(officeGen.resolve("passwd"), new MosquittoPasswords(random).line(SPY, spyPassword) + "\n", StandardOpenOption.APPEND);
        Files.writeString(officeGen.resolve("acl"), "\nuser " + SPY + "\ntopic read jiaohao/v1/#\n", StandardOpenOption.APPEND);

        Path officeConf = officeGen.resolve("jiaohao.conf");
        Files.writeString(officeConf, officeConfEdit.apply(Files.readString(officeConf)));
        Path centralConf = mainConf(dir, "central", centralGen);
        MosquittoProcess central = MosquittoProcess.start(centralConf, centralPort, dir.resolve("central.log"));
        MosquittoProcess office;
        try {
            office = MosquittoProcess.start(mainConf(dir, officeA, officeGen), officePort, dir.resolve(officeA + ".log"));
        } catch (IOException | RuntimeException | Error e) {
            central.close();
            throw e;
        }
        Path trustStore = trustStore(ca, dir.resolve("truststore.p12"));
        GeneratedTopology t = new GeneratedTopology(central, office, load(officeGen.resolve(MosquittoConfigMain.CREDENTIALS)),
                load(officeBGen.resolve(MosquittoConfigMain.CREDENTIALS)), load(centralGen.resolve(MosquittoConfigMain.CREDENTIALS)),
                spyPassword, socketFactory(trustStore), trustStore, officeGen, centralConf, dir.resolve("central.log"));
        try {
            t.awaitBridge();
        } catch (Exception | Error e) {
            t.close();
            throw e;
        }
        return t;
    }

    public String officeUrl() {
        return "tcp://127.0.0.1:" + office.port;
    }

    public String centralUrl() {
        return "ssl://localhost:" + central.port;
    }

    /** A client on office A's broker with one of its generated logins. */
    public AclProbe officeDevice(String login) throws Exception {
        return AclProbe.connect(officeUrl(), login, login.equals(SPY) ? spyPassword : officeCredentials.getProperty(login), null);
    }

    /** A client at head office with the hub's generated login. */
    public AclProbe hub() throws Exception {
        return AclProbe.connect(centralUrl(), MosquittoFiles.HUB_LOGIN, centralCredentials.getProperty(MosquittoFiles.HUB_LOGIN), tls);
    }

    /** The bridge is up once a notice the hub publishes at head office reaches office A's broker. */
    private void awaitBridge() throws Exception {
        try (AclProbe spy = officeDevice(SPY); AclProbe hub = hub()) {
            spy.subscribe(Topics.notice(Topics.ALL_OFFICES));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                assertThat(hub.publish(Topics.notice(Topics.ALL_OFFICES), "probe")).isZero();
                if (spy.messages.poll(200, TimeUnit.MILLISECONDS) != null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the office's bridge did not connect to head office:\n" + office.log());
                }
            }
        }
    }

    /** The head-office link goes down: head office's broker stops (the office's bridge then queues). */
    public void stopCentral() throws InterruptedException {
        central.close();
    }

    /** Head office's broker starts again on the same port with the same files (its persistence kept). */
    public void restartCentral() throws IOException {
        central = MosquittoProcess.start(centralConf, central.port, centralLog.resolveSibling("central-" + System.nanoTime() + ".log"));
    }

    @Override
    public void close() throws InterruptedException {
        office.close();
        central.close();
    }

    private static void makeCertificates(Path tlsDir) throws IOException, InterruptedException {
        openssl(tlsDir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=jiaohao-test-ca");
        openssl(tlsDir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=localhost");
        Files.writeString(tlsDir.resolve("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(tlsDir, "x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "broker.crt", "-days", "2", "-extfile", "ext");
    }

    private static void openssl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    private static Path trustStore(Path caPem, Path target) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("jiaohao-ca", c);
        }
        try (var out = Files.newOutputStream(target)) {
            trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return target;
    }

    private static SSLSocketFactory socketFactory(Path trustStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trust.load(in, TRUST_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    /** A Debian-like main file: persistence folder, then the generated files' folder included. */
    private static Path mainConf(Path dir, String name, Path generated) throws IOException {
        Path data = Files.createDirectories(dir.resolve(name + "-data"));
        // the JUnit temp folder is private to this user, so Mosquitto keeps this user instead of dropping to 'mosquitto'
        return Files.writeString(dir.resolve(name + "-main.conf"), "user " + System.getProperty("user.name") + "\n"
                + "persistence_location " + data + "/\n"
                + "include_dir " + generated + "\n");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
