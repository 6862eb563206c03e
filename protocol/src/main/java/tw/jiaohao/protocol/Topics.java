package tw.jiaohao.protocol;

import java.util.Optional;

/**
 * The one place where MQTT topic strings are built and parsed. Every topic lives under
 * {@value #ROOT}:
 * <pre>
 * office/{office}/event                       QoS 1          office node → hub
 * office/{office}/state                       QoS 1 retained office node → boards, counter units
 * office/{office}/counter/{counter}/command   QoS 1          counter unit → office node (request/response)
 * office/{office}/device/{device}/status      QoS 1 retained every device → hub (last will: offline)
 * office/{office}/replay                      QoS 1          hub → office node
 * hub/notice/{office|all}                     QoS 1 retained hub → kiosks, boards
 * hub/settings/{office}                       QoS 1 retained hub → office node: head office's settings (OfficeSettings)
 * office/{office}/settings/ack                QoS 1          office node → hub: applied, pending or refused (SettingsAck)
 * hub/account/lookup                          QoS 1          kiosk → hub (request/response)
 * office/{office}/request                     QoS 1          office node → hub: self-service requests (from its outbox)
 * office/{office}/request/ack                 QoS 1          hub → office node: request stored and verified
 * office/{office}/recovery                    QoS 1          office node → hub: high-water mark and missing events (at start)
 * office/{office}/recovery/reply              QoS 1          hub → office node: the answer (correlation data of the request)
 * </pre>
 * Replies to request/response topics go to the MQTT 5 response topic the requester names,
 * built with {@link #replyTo(String, String)}.
 */
public final class Topics {
    public static final String ROOT = "jiaohao/v1";
    /** The scope of a notice addressed to every office. */
    public static final String ALL_OFFICES = "all";

    private Topics() {
    }

    public static String event(String office) {
        return officeTopic(office, "event");
    }

    public static String state(String office) {
        return officeTopic(office, "state");
    }

    public static String counterCommand(String office, int counter) {
        return officeTopic(office, "counter/" + Check.counter("counter", counter) + "/command");
    }

    public static String deviceStatus(String office, String device) {
        return officeTopic(office, "device/" + Check.identifier("device", device) + "/status");
    }

    public static String replay(String office) {
        return officeTopic(office, "replay");
    }

    /** Self-service requests of one office (office node → hub). */
    public static String request(String office) {
        return officeTopic(office, "request");
    }

    /** The hub's acknowledgements of one office's self-service requests (hub → office node). */
    public static String requestAck(String office) {
        return officeTopic(office, "request/ack");
    }

    /** The office node asks the hub what it holds of the office's events (at start, after a restore). */
    public static String recovery(String office) {
        return officeTopic(office, "recovery");
    }

    /** The hub's answers to {@link #recovery(String)}. */
    public static String recoveryReply(String office) {
        return officeTopic(office, "recovery/reply");
    }

    /** Subscription filter: every office's recovery requests (the hub). */
    public static String allOfficeRecoveries() {
        return ROOT + "/office/+/recovery";
    }

    /** Subscription filter: the self-service requests of every office (the hub). */
    public static String allOfficeRequests() {
        return ROOT + "/office/+/request";
    }

    /** A notice topic: {@code scope} is an office id or {@link #ALL_OFFICES}. */
    public static String notice(String scope) {
        return ROOT + "/hub/notice/" + Check.identifier("scope", scope);
    }

    public static String settings(String office) {
        return ROOT + "/hub/settings/" + Check.identifier("office", office);
    }

    /** The office node's answers to {@link #settings(String)} (office node → hub). */
    public static String settingsAck(String office) {
        return officeTopic(office, "settings/ack");
    }

    /** Subscription filter: every office's settings answers (the hub). */
    public static String allSettingsAcks() {
        return ROOT + "/office/+/settings/ack";
    }

    public static String accountLookup() {
        return ROOT + "/hub/account/lookup";
    }

    /** A private reply topic for one client: {@code jiaohao/v1/reply/{client}/{purpose}}. */
    public static String replyTo(String clientId, String purpose) {
        return ROOT + "/reply/" + Check.identifier("clientId", clientId) + "/" + Check.identifier("purpose", purpose);
    }

    /** Subscription filter: the events of every office (the hub's ingest). */
    public static String allOfficeEvents() {
        return ROOT + "/office/+/event";
    }

    /** Subscription filter: the device status of every device of every office. */
    public static String allDeviceStatus() {
        return ROOT + "/office/+/device/+/status";
    }

    /** Subscription filter: every counter's commands of one office (the office node). */
    public static String allCounterCommands(String office) {
        return officeTopic(office, "counter/+/command");
    }

    /** Subscription filter: the notices for one office, both its own and those for all. */
    public static String[] noticesFor(String office) {
        return new String[] {notice(office), notice(ALL_OFFICES)};
    }

    private static String officeTopic(String office, String rest) {
        return ROOT + "/office/" + Check.identifier("office", office) + "/" + rest;
    }

    /** What a topic addresses, recovered by {@link #parse(String)}. */
    public enum Kind { EVENT, STATE, COUNTER_COMMAND, DEVICE_STATUS, REPLAY, NOTICE, SETTINGS, ACCOUNT_LOOKUP, REPLY, REQUEST, REQUEST_ACK, RECOVERY, RECOVERY_REPLY, SETTINGS_ACK }

    /**
     * A parsed topic. {@code office} is the office in the topic (or the notice scope), {@code counter}
     * is set for counter commands, {@code device} for device status.
     */
    public record Parsed(Kind kind, String office, Integer counter, String device) {
    }

    /**
     * Parses a topic built by this class. Returns empty for anything else (a consumer logs and
     * counts such a message; it never throws).
     */
    public static Optional<Parsed> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String[] p = topic.substring(ROOT.length() + 1).split("/", -1);
        try {
            if (p.length >= 3 && p[0].equals("office")) {
                String office = Check.identifier("office", p[1]);
                if (p.length == 3) {
                    return switch (p[2]) {
                        case "event" -> Optional.of(new Parsed(Kind.EVENT, office, null, null));
                        case "state" -> Optional.of(new Parsed(Kind.STATE, office, null, null));
                        case "replay" -> Optional.of(new Parsed(Kind.REPLAY, office, null, null));
                        case "request" -> Optional.of(new Parsed(Kind.REQUEST, office, null, null));
                        case "recovery" -> Optional.of(new Parsed(Kind.RECOVERY, office, null, null));
                        default -> Optional.empty();
                    };
                }
                if (p.length == 4 && p[2].equals("request") && p[3].equals("ack")) {
                    return Optional.of(new Parsed(Kind.REQUEST_ACK, office, null, null));
                }
                if (p.length == 4 && p[2].equals("settings") && p[3].equals("ack")) {
                    return Optional.of(new Parsed(Kind.SETTINGS_ACK, office, null, null));
                }
                if (p.length == 4 && p[2].equals("recovery") && p[3].equals("reply")) {
                    return Optional.of(new Parsed(Kind.RECOVERY_REPLY, office, null, null));
                }
                if (p.length == 5 && p[2].equals("counter") && p[4].equals("command")) {
                    return Optional.of(new Parsed(Kind.COUNTER_COMMAND, office, Check.counter("counter", Integer.parseInt(p[3])), null));
                }
                if (p.length == 5 && p[2].equals("device") && p[4].equals("status")) {
                    return Optional.of(new Parsed(Kind.DEVICE_STATUS, office, null, Check.identifier("device", p[3])));
                }
                return Optional.empty();
            }
            if (p.length == 3 && p[0].equals("hub")) {
                return switch (p[1]) {
                    case "notice" -> Optional.of(new Parsed(Kind.NOTICE, Check.identifier("scope", p[2]), null, null));
                    case "settings" -> Optional.of(new Parsed(Kind.SETTINGS, Check.identifier("office", p[2]), null, null));
                    case "account" -> p[2].equals("lookup") ? Optional.of(new Parsed(Kind.ACCOUNT_LOOKUP, null, null, null)) : Optional.empty();
                    default -> Optional.empty();
                };
            }
            if (p.length == 3 && p[0].equals("reply")) {
                return Optional.of(new Parsed(Kind.REPLY, null, null, Check.identifier("clientId", p[1])));
            }
        } catch (InvalidMessageException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
