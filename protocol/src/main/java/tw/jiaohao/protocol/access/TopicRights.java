package tw.jiaohao.protocol.access;

import static tw.jiaohao.protocol.access.TopicGrant.read;
import static tw.jiaohao.protocol.access.TopicGrant.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tw.jiaohao.protocol.Topics;

/**
 * The one source of every login's topic rights, for every broker: the generated Mosquitto ACLs
 * and bridge topics ({@code bin/jiaohao mosquitto-config}) and the hub's embedded broker render
 * what this class returns, so the two deployments grant exactly the same.
 *
 * <p>An office's logins write only under their own {@code jiaohao/v1/office/<office>/…} (plus the
 * node's replies to its own counter units and the shared account look-up topic, whose replies go
 * to the office's own {@code reply/<office>/lookup}) and read only what they consume. Nothing
 * grants a device {@code #}. The topics are those of {@link Topics} and docs/PROTOCOL.md.
 */
public final class TopicRights {
    private static final String R = Topics.ROOT;

    private TopicRights() {
    }

    /**
     * The rights of {@code login}.
     *
     * @param sameOffice every login of the login's office (the node may reply to each of its
     *                   counter units); ignored for other roles
     */
    public static List<TopicGrant> of(BrokerLogin login, Collection<BrokerLogin> sameOffice) {
        String o = login.office();
        List<TopicGrant> g = new ArrayList<>();
        switch (login.role()) {
            case NODE -> {
                g.add(write(Topics.event(o)));
                g.add(write(Topics.state(o)));
                login.devices().forEach(d -> g.add(write(Topics.deviceStatus(o, d))));
                g.add(read(Topics.allCounterCommands(o)));
                g.add(read(Topics.replay(o)));
                g.add(write(Topics.recovery(o)));
                g.add(read(Topics.recoveryReply(o)));
                selfService(g, o);
                officeNews(g, o);
                g.add(read(Topics.settings(o)));
                g.add(write(Topics.settingsAck(o)));
                sameOffice.stream().filter(l -> l.role() == Role.COUNTER && o.equals(l.office()))
                        .forEach(c -> g.add(write(c.replyFilter())));
            }
            case KIOSK, BOARD -> {
                login.devices().forEach(d -> g.add(write(Topics.deviceStatus(o, d))));
                officeNews(g, o);
            }
            case COUNTER -> {
                g.add(write(Topics.counterCommand(o, login.counter())));
                login.devices().forEach(d -> g.add(write(Topics.deviceStatus(o, d))));
                g.add(read(login.replyFilter()));
                officeNews(g, o);
            }
            case BRIDGE -> {
                // write = the bridge's "out" topics, read = its "in" topics
                g.add(write(Topics.event(o)));
                g.add(write(Topics.state(o)));
                g.add(write(R + "/office/" + o + "/device/+/status"));
                g.add(write(Topics.recovery(o)));
                g.add(read(Topics.replay(o)));
                g.add(read(Topics.recoveryReply(o)));
                selfService(g, o);
                g.add(read(Topics.notice(o)));
                g.add(read(Topics.notice(Topics.ALL_OFFICES)));
                g.add(read(Topics.settings(o)));
                g.add(write(Topics.settingsAck(o)));
            }
            case HUB -> {
                g.add(read(Topics.allOfficeEvents()));
                g.add(read(Topics.allDeviceStatus()));
                g.add(read(R + "/office/+/state"));
                g.add(write(R + "/office/+/replay"));
                g.add(read(Topics.allOfficeRecoveries()));
                g.add(write(R + "/office/+/recovery/reply"));
                g.add(read(Topics.allOfficeRequests()));
                g.add(write(R + "/office/+/request/ack"));
                g.add(read(Topics.accountLookup()));
                g.add(read(Topics.allSettingsAcks()));
                g.add(write(R + "/hub/#"));
                g.add(write(R + "/reply/#"));
            }
        }
        return List.copyOf(g);
    }

    /**
     * True when {@code grants} let a client publish to {@code topic} ({@link TopicGrant.Access#WRITE})
     * or subscribe to the filter {@code topic} ({@link TopicGrant.Access#READ}: the filter must lie
     * within a granted one, so {@code #} or {@code office/+/event} is refused where only one
     * office is granted). A shared subscription {@code $share/<group>/<filter>} is judged by its filter.
     */
    public static boolean permits(List<TopicGrant> grants, TopicGrant.Access access, String topic) {
        String t = access == TopicGrant.Access.READ && topic.startsWith("$share/") && topic.indexOf('/', 7) > 0
                ? topic.substring(topic.indexOf('/', 7) + 1) : topic;
        if (access == TopicGrant.Access.WRITE && (t.contains("+") || t.contains("#"))) {
            return false; // wildcards are never a topic to publish to
        }
        for (TopicGrant g : grants) {
            if (g.access() == access && within(t, g.filter())) {
                return true;
            }
        }
        return false;
    }

    /** True when every topic {@code inner} (a topic or filter) matches also matches {@code outer}. */
    static boolean within(String inner, String outer) {
        String[] in = inner.split("/", -1);
        String[] out = outer.split("/", -1);
        for (int i = 0; i < out.length; i++) {
            if (out[i].equals("#")) {
                return true;
            }
            if (i >= in.length || in[i].equals("#")) {
                return false;
            }
            if (!out[i].equals("+") && !out[i].equals(in[i])) {
                return false;
            }
        }
        return in.length == out.length;
    }

    /** The office's private reply topic for account look-ups ({@code reply/<office>/lookup}). */
    public static String lookupReply(String office) {
        return Topics.replyTo(office, "lookup");
    }

    /** Self-service: requests out, their acknowledgements in; look-ups out, their replies in. */
    private static void selfService(List<TopicGrant> g, String o) {
        g.add(write(Topics.request(o)));
        g.add(read(Topics.requestAck(o)));
        g.add(write(Topics.accountLookup()));
        g.add(read(lookupReply(o)));
    }

    private static void officeNews(List<TopicGrant> g, String o) {
        g.add(read(Topics.state(o)));
        g.add(read(Topics.notice(o)));
        g.add(read(Topics.notice(Topics.ALL_OFFICES)));
    }
}
