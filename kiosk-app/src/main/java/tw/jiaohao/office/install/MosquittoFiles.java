package tw.jiaohao.office.install;

import java.util.ArrayList;
import java.util.List;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.protocol.access.BrokerLogin;
import tw.jiaohao.protocol.access.LoginFile;
import tw.jiaohao.protocol.access.Role;
import tw.jiaohao.protocol.access.TopicGrant;
import tw.jiaohao.protocol.access.TopicRights;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * The text of the Mosquitto files for one office's broker and its entries at the head-office
 * broker. Pure functions of the office configuration and the {@link Plan}: no I/O, no
 * randomness (passwords come in from {@link MosquittoConfigMain}).
 *
 * <p>Every login's rights come from {@link TopicRights}, the one source the hub's embedded broker
 * reads too; this class only renders them as Mosquitto ACL lines and bridge topics. Mosquitto
 * 2.0 checks read rights per delivered message, so a subscription with a wider filter simply
 * receives nothing it may not read.
 */
public final class MosquittoFiles {
    /** The head-office broker's login for the hub. */
    public static final String HUB_LOGIN = "jiaohao-hub";

    private MosquittoFiles() {
    }

    /**
     * What to generate for one office.
     *
     * @param boards      number of wall boards (logins {@code <office>-board-1…})
     * @param kiosks      number of stand-alone kiosks (logins {@code <office>-kiosk-1…}); the kiosk UI
     *                    running inside the office node uses the node's login
     * @param listenPort  the LAN listener's port (1883)
     * @param bindAddress the address to listen on, empty for every interface
     * @param filesDir    where the password and ACL files will live on the office's machine
     * @param central     the head-office broker, or {@code null} for an office without a bridge (test rigs)
     */
    public record Plan(int boards, int kiosks, int listenPort, String bindAddress, String filesDir, Central central) {
        public Plan {
            if (boards < 0 || boards > 50) {
                throw new InstallException("--boards must be 0..50, got " + boards);
            }
            if (kiosks < 0 || kiosks > 20) {
                throw new InstallException("--kiosks must be 0..20, got " + kiosks);
            }
            if (listenPort < 1 || listenPort > 65535) {
                throw new InstallException("--listen-port must be 1..65535, got " + listenPort);
            }
            if (bindAddress == null || !bindAddress.matches("[0-9A-Za-z.:-]*")) {
                throw new InstallException("--bind must be an IP address or host name (or empty for every interface)");
            }
            if (filesDir == null || !filesDir.startsWith("/") || filesDir.matches(".*\\s.*")) {
                throw new InstallException("--files-dir must be an absolute path without spaces, got '" + filesDir + "'");
            }
        }
    }

    /**
     * The head-office broker the office's broker bridges to, over TLS.
     *
     * @param caFile the CA certificate that signed the head-office broker's certificate, as a path
     *               on the office's machine
     */
    public record Central(String host, int port, String caFile) {
        public Central {
            if (host == null || !host.matches("[0-9A-Za-z.-]+")) {
                throw new InstallException("--central must be host:port of the head-office broker, e.g. mqtt.example.tw:8883; got host '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new InstallException("--central port must be 1..65535, got " + port);
            }
            if (caFile == null || !caFile.startsWith("/") || caFile.matches(".*\\s.*")) {
                throw new InstallException("--central-cafile must be an absolute path without spaces, got '" + caFile + "'");
            }
        }
    }

    /**
     * Every device login of the office, in a stable order: node, kiosks, boards, counters.
     *
     * @param nodeDevices the device ids the node's login publishes the status of: its
     *                    {@code device.id} and its kiosk UI's {@code kiosk.device-id}
     */
    public static List<BrokerLogin> logins(OfficeConfig office, Plan plan, List<String> nodeDevices) {
        String o = office.officeId();
        List<BrokerLogin> logins = new ArrayList<>();
        logins.add(BrokerLogin.node(o, nodeDevices.stream().distinct().toList()));
        for (int i = 1; i <= plan.kiosks(); i++) {
            logins.add(BrokerLogin.kiosk(o, i));
        }
        for (int i = 1; i <= plan.boards(); i++) {
            logins.add(BrokerLogin.board(o, i));
        }
        for (CounterConfig c : office.counters()) {
            logins.add(BrokerLogin.counter(o, c.number()));
        }
        return List.copyOf(logins);
    }

    /** The office broker's ACL file: each login's {@link TopicRights}. */
    public static String officeAcl(OfficeConfig office, List<BrokerLogin> logins) {
        StringBuilder acl = new StringBuilder();
        acl.append("# Jiaohao: ACL of office ").append(office.officeId()).append("'s broker. Generated by `bin/jiaohao mosquitto-config`;\n")
                .append("# regenerate instead of editing. A login may do only what is listed under it.\n");
        for (BrokerLogin login : logins) {
            if (login.role() == Role.BRIDGE || login.role() == Role.HUB) {
                throw new InstallException("the " + login.role() + " login belongs to the head-office broker's ACL");
            }
            acl.append("\nuser ").append(login.username()).append('\n');
            grants(acl, TopicRights.of(login, logins));
        }
        return acl.toString();
    }

    /**
     * The office broker's configuration, for {@code /etc/mosquitto/conf.d/}. It relies on the
     * Debian main file for {@code persistence_location} (Mosquitto refuses a second one).
     */
    public static String officeConf(OfficeConfig office, Plan plan, String bridgePassword) {
        String o = office.officeId();
        StringBuilder c = new StringBuilder();
        c.append("# Jiaohao: office ").append(o).append("'s broker. Generated by `bin/jiaohao mosquitto-config`;\n")
                .append("# regenerate instead of editing. Goes to /etc/mosquitto/conf.d/jiaohao.conf; the Debian\n")
                .append("# /etc/mosquitto/mosquitto.conf sets persistence_location /var/lib/mosquitto/ and includes it.\n\n")
                .append("per_listener_settings true\n")
                .append("# Messages queued for the bridge survive a restart of Mosquitto (saved every minute and on stop).\n")
                .append("persistence true\n")
                .append("autosave_interval 60\n")
                .append("# A whole office day of events and state snapshots fits while the head-office link is down.\n")
                .append("max_queued_messages 100000\n");
        messageSizeLimit(c);
        c.append("\n# The office LAN: counter units, boards and kiosks; one login per device.\n")
                .append("listener ").append(plan.listenPort());
        if (!plan.bindAddress().isEmpty()) {
            c.append(' ').append(plan.bindAddress());
        }
        c.append("\nprotocol mqtt\n")
                .append("allow_anonymous false\n")
                .append("password_file ").append(plan.filesDir()).append("/passwd\n")
                .append("acl_file ").append(plan.filesDir()).append("/acl\n");
        Central central = plan.central();
        if (central != null) {
            BrokerLogin bridge = bridgeLogin(office);
            c.append("\n# The link to head office: TLS, one persistent session (cleansession false), QoS 1.\n")
                    .append("connection ").append(bridge.username()).append('\n')
                    .append("address ").append(central.host()).append(':').append(central.port()).append('\n')
                    .append("bridge_cafile ").append(central.caFile()).append('\n')
                    .append("bridge_insecure false\n")
                    .append("bridge_tls_version tlsv1.2\n")
                    .append("# MQTT 5, so that the response topic and correlation data of the start-up recovery\n")
                    .append("# request and of account look-ups cross the bridge (MQTT 3.1.1 would strip them).\n")
                    .append("bridge_protocol_version mqttv50\n")
                    .append("remote_clientid ").append(bridge.username()).append('\n')
                    .append("remote_username ").append(bridge.username()).append('\n')
                    .append("remote_password ").append(bridgePassword).append('\n')
                    .append("cleansession false\n")
                    .append("start_type automatic\n")
                    .append("restart_timeout 2 60\n")
                    .append("keepalive_interval 30\n")
                    .append("notifications_local_only true\n")
                    .append("try_private false\n")
                    .append("# The bridge login's rights at head office, one line each: what it may publish goes out,\n")
                    .append("# what it may read comes in. Counter commands and their replies stay in the office.\n");
            for (TopicGrant g : TopicRights.of(bridge, List.of())) {
                c.append("topic ").append(g.filter()).append(g.access() == TopicGrant.Access.WRITE ? " out 1\n" : " in 1\n");
            }
        }
        return c.toString();
    }

    /** The office broker's bridge login at the head-office broker. */
    public static BrokerLogin bridgeLogin(OfficeConfig office) {
        return BrokerLogin.bridge(office.officeId());
    }

    /** This office's block for the head-office broker's ACL file (its bridge login). */
    public static String centralOfficeAcl(OfficeConfig office) {
        BrokerLogin bridge = bridgeLogin(office);
        StringBuilder acl = new StringBuilder();
        acl.append("\n# office ").append(office.officeId()).append(": its broker's bridge\n")
                .append("user ").append(bridge.username()).append('\n');
        grants(acl, TopicRights.of(bridge, List.of()));
        return acl.toString();
    }

    /** The head-office broker's ACL head: the hub's rights. Office blocks are appended to it. */
    public static String centralHubAcl() {
        StringBuilder acl = new StringBuilder();
        acl.append("# Jiaohao: ACL of the head-office broker. Generated by `bin/jiaohao mosquitto-config --central-broker`;\n")
                .append("# each office's block (central/<office>.acl from its own run) is appended below.\n")
                .append("\nuser ").append(HUB_LOGIN).append('\n');
        grants(acl, TopicRights.of(BrokerLogin.hub(HUB_LOGIN), List.of()));
        return acl.toString();
    }

    /**
     * The head-office broker's configuration: one TLS listener, logins and ACL from files.
     *
     * @param certFile the broker's certificate (its name must be what offices put in {@code --central})
     */
    public static String centralConf(int port, String filesDir, String caFile, String certFile, String keyFile) {
        StringBuilder c = new StringBuilder("# Jiaohao: the head-office broker. Generated by `bin/jiaohao mosquitto-config --central-broker`.\n"
                + "# Goes to /etc/mosquitto/conf.d/jiaohao.conf on the head-office broker.\n\n"
                + "per_listener_settings true\n"
                + "persistence true\n"
                + "autosave_interval 60\n"
                + "max_queued_messages 100000\n");
        messageSizeLimit(c);
        return c.append("\n# Offices' bridges and the hub: TLS only.\n"
                + "listener " + port + "\n"
                + "protocol mqtt\n"
                + "cafile " + caFile + "\n"
                + "certfile " + certFile + "\n"
                + "keyfile " + keyFile + "\n"
                + "tls_version tlsv1.2\n"
                + "allow_anonymous false\n"
                + "password_file " + filesDir + "/passwd\n"
                + "acl_file " + filesDir + "/acl\n").toString();
    }

    /**
     * The office's logins for the hub's embedded broker ({@code broker.embedded.logins}): the
     * same logins and password hashes as the Mosquitto files, in {@link LoginFile}'s form.
     */
    public static String embeddedLogins(OfficeConfig office, List<LoginFile.Entry> entries) {
        return LoginFile.render("Jiaohao: office " + office.officeId() + "'s logins for the hub's embedded broker"
                + " (broker.embedded.logins).\nGenerated by `bin/jiaohao mosquitto-config`; regenerate instead of editing.", entries);
    }

    /** A payload larger than any message of the protocol is refused by the broker, before any client reads it. */
    private static void messageSizeLimit(StringBuilder c) {
        c.append("# No message of the protocol is larger; a bigger one is refused (MQTT 5 senders get a reason code).\n")
                .append("message_size_limit ").append(JsonCodec.MAX_PAYLOAD_BYTES).append('\n');
    }

    private static void grants(StringBuilder acl, List<TopicGrant> grants) {
        for (TopicGrant g : grants) {
            acl.append("topic ").append(g.access() == TopicGrant.Access.WRITE ? "write " : "read ").append(g.filter()).append('\n');
        }
    }
}
