package tw.jiaohao.office.install;

import java.util.ArrayList;
import java.util.List;
import tw.jiaohao.office.config.CounterConfig;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.install.DeviceLogin.Role;
import tw.jiaohao.protocol.Topics;

/**
 * The text of the Mosquitto files for one office's broker and its entries at the head-office
 * broker. Pure functions of the office configuration and the {@link Plan}: no I/O, no
 * randomness (passwords come in from {@link MosquittoConfigMain}).
 *
 * <p>Topic rights follow {@code docs/PROTOCOL.md}: an office's devices write only under their own
 * {@code jiaohao/v1/office/<office>/…} (plus the private reply topics of that office's counter
 * units) and read only what they consume. Mosquitto 2.0 checks read rights per delivered
 * message, so a subscription with a wider filter simply receives nothing it may not read.
 */
public final class MosquittoFiles {
    /** The head-office broker's login for the hub. */
    public static final String HUB_LOGIN = "jiaohao-hub";
    private static final String R = Topics.ROOT;

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

    /** Every device login of the office, in a stable order: node, kiosks, boards, counters. */
    public static List<DeviceLogin> logins(OfficeConfig office, Plan plan) {
        String o = office.officeId();
        List<DeviceLogin> logins = new ArrayList<>();
        logins.add(new DeviceLogin(o + "-node", Role.NODE, null));
        for (int i = 1; i <= plan.kiosks(); i++) {
            logins.add(new DeviceLogin(o + "-kiosk-" + i, Role.KIOSK, null));
        }
        for (int i = 1; i <= plan.boards(); i++) {
            logins.add(new DeviceLogin(o + "-board-" + i, Role.BOARD, null));
        }
        for (CounterConfig c : office.counters()) {
            logins.add(new DeviceLogin(o + "-counter-" + c.number(), Role.COUNTER, c.number()));
        }
        return List.copyOf(logins);
    }

    /** The bridge's login at the head-office broker. */
    public static DeviceLogin bridgeLogin(OfficeConfig office) {
        return new DeviceLogin(office.officeId() + "-bridge", Role.BRIDGE, null);
    }

    /** The office broker's ACL file. */
    public static String officeAcl(OfficeConfig office, List<DeviceLogin> logins) {
        String o = office.officeId();
        StringBuilder acl = new StringBuilder();
        acl.append("# Jiaohao: ACL of office ").append(o).append("'s broker. Generated by `bin/jiaohao mosquitto-config`;\n")
                .append("# regenerate instead of editing. A login may do only what is listed under it.\n");
        for (DeviceLogin login : logins) {
            acl.append("\nuser ").append(login.username()).append('\n');
            switch (login.role()) {
                case NODE -> {
                    write(acl, Topics.event(o));
                    write(acl, Topics.state(o));
                    write(acl, Topics.deviceStatus(o, office.deviceId()));
                    read(acl, Topics.allCounterCommands(o));
                    read(acl, Topics.replay(o));
                    write(acl, Topics.recovery(o));
                    read(acl, Topics.recoveryReply(o));
                    readOfficeNews(acl, o);
                    read(acl, Topics.settings(o));
                    for (DeviceLogin other : logins) {
                        if (other.role() == Role.COUNTER) {
                            write(acl, R + "/reply/" + other.username() + "/#");
                        }
                    }
                }
                case KIOSK -> {
                    write(acl, Topics.deviceStatus(o, login.username()));
                    readOfficeNews(acl, o);
                }
                case BOARD -> {
                    write(acl, Topics.deviceStatus(o, login.username()));
                    readOfficeNews(acl, o);
                }
                case COUNTER -> {
                    write(acl, Topics.counterCommand(o, login.counter()));
                    write(acl, Topics.deviceStatus(o, login.username()));
                    read(acl, R + "/reply/" + login.username() + "/#");
                    readOfficeNews(acl, o);
                }
                case BRIDGE -> throw new InstallException("the bridge login belongs to the head-office broker's ACL");
            }
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
                .append("max_queued_messages 100000\n\n")
                .append("# The office LAN: counter units, boards and kiosks; one login per device.\n")
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
            DeviceLogin bridge = bridgeLogin(office);
            c.append("\n# The link to head office: TLS, one persistent session (cleansession false), QoS 1.\n")
                    .append("connection ").append(bridge.username()).append('\n')
                    .append("address ").append(central.host()).append(':').append(central.port()).append('\n')
                    .append("bridge_cafile ").append(central.caFile()).append('\n')
                    .append("bridge_insecure false\n")
                    .append("bridge_tls_version tlsv1.2\n")
                    .append("remote_clientid ").append(bridge.username()).append('\n')
                    .append("remote_username ").append(bridge.username()).append('\n')
                    .append("remote_password ").append(bridgePassword).append('\n')
                    .append("cleansession false\n")
                    .append("start_type automatic\n")
                    .append("restart_timeout 2 60\n")
                    .append("keepalive_interval 30\n")
                    .append("notifications_local_only true\n")
                    .append("try_private false\n")
                    .append("# Out: what the hub consumes. Counter commands and their replies stay in the office.\n")
                    .append("topic ").append(Topics.event(o)).append(" out 1\n")
                    .append("topic ").append(Topics.state(o)).append(" out 1\n")
                    .append("topic ").append(R).append("/office/").append(o).append("/device/+/status out 1\n")
                    .append("# The node's start-up check with the hub (after a restore) and its answer.\n")
                    .append("topic ").append(Topics.recovery(o)).append(" out 1\n")
                    .append("topic ").append(Topics.recoveryReply(o)).append(" in 1\n")
                    .append("# In: the hub's replay requests, notices and settings (the head-office ACL lets\n")
                    .append("# this office read only its own and those for all offices).\n")
                    .append("topic ").append(Topics.replay(o)).append(" in 1\n")
                    .append("topic ").append(R).append("/hub/# in 1\n");
        }
        return c.toString();
    }

    /** This office's block for the head-office broker's ACL file (its bridge login). */
    public static String centralOfficeAcl(OfficeConfig office) {
        String o = office.officeId();
        StringBuilder acl = new StringBuilder();
        acl.append("\n# office ").append(o).append(": its broker's bridge\n")
                .append("user ").append(bridgeLogin(office).username()).append('\n');
        write(acl, Topics.event(o));
        write(acl, Topics.state(o));
        write(acl, R + "/office/" + o + "/device/+/status");
        read(acl, Topics.replay(o));
        write(acl, Topics.recovery(o));
        read(acl, Topics.recoveryReply(o));
        read(acl, Topics.notice(o));
        read(acl, Topics.notice(Topics.ALL_OFFICES));
        read(acl, Topics.settings(o));
        return acl.toString();
    }

    /** The head-office broker's ACL head: the hub's rights. Office blocks are appended to it. */
    public static String centralHubAcl() {
        StringBuilder acl = new StringBuilder();
        acl.append("# Jiaohao: ACL of the head-office broker. Generated by `bin/jiaohao mosquitto-config --central-broker`;\n")
                .append("# each office's block (central/<office>.acl from its own run) is appended below.\n")
                .append("\nuser ").append(HUB_LOGIN).append('\n');
        read(acl, Topics.allOfficeEvents());
        read(acl, Topics.allDeviceStatus());
        read(acl, R + "/office/+/state");
        write(acl, R + "/office/+/replay");
        read(acl, R + "/office/+/recovery");
        write(acl, R + "/office/+/recovery/reply");
        write(acl, R + "/hub/#");
        read(acl, Topics.accountLookup());
        write(acl, R + "/reply/#");
        return acl.toString();
    }

    /**
     * The head-office broker's configuration: one TLS listener, logins and ACL from files.
     *
     * @param certFile the broker's certificate (its name must be what offices put in {@code --central})
     */
    public static String centralConf(int port, String filesDir, String caFile, String certFile, String keyFile) {
        return "# Jiaohao: the head-office broker. Generated by `bin/jiaohao mosquitto-config --central-broker`.\n"
                + "# Goes to /etc/mosquitto/conf.d/jiaohao.conf on the head-office broker.\n\n"
                + "per_listener_settings true\n"
                + "persistence true\n"
                + "autosave_interval 60\n"
                + "max_queued_messages 100000\n\n"
                + "# Offices' bridges and the hub: TLS only.\n"
                + "listener " + port + "\n"
                + "protocol mqtt\n"
                + "cafile " + caFile + "\n"
                + "certfile " + certFile + "\n"
                + "keyfile " + keyFile + "\n"
                + "tls_version tlsv1.2\n"
                + "allow_anonymous false\n"
                + "password_file " + filesDir + "/passwd\n"
                + "acl_file " + filesDir + "/acl\n";
    }

    private static void readOfficeNews(StringBuilder acl, String office) {
        read(acl, Topics.state(office));
        read(acl, Topics.notice(office));
        read(acl, Topics.notice(Topics.ALL_OFFICES));
    }

    private static void write(StringBuilder acl, String topic) {
        acl.append("topic write ").append(topic).append('\n');
    }

    private static void read(StringBuilder acl, String topic) {
        acl.append("topic read ").append(topic).append('\n');
    }
}
