package tw.jiaohao.hub.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.protocol.access.TopicGrant;
import tw.jiaohao.protocol.access.TopicRights;
import tw.jiaohao.protocol.Topics;

/**
 * The embedded broker's authenticator and authorisers, as a HiveMQ embedded extension. At each
 * CONNECT the authenticator asks {@link BrokerLogins} and either refuses the client (CONNACK
 * "bad user name or password" / "not authorized") or admits it, noting its login on the
 * connection. Every PUBLISH and SUBSCRIBE is then judged by the login's {@link TopicRights}: a
 * publish inbound interceptor refuses a publish with PUBACK 0x87 and keeps the connection (as
 * Mosquitto does; a refusing publish authoriser would make HiveMQ CE close it, so one device
 * could make the office node's link drop by naming a reply topic the node may not write); the
 * publish authoriser checks again and judges the CONNECT's will; the subscription authoriser
 * refuses with SUBACK 0x87 — a filter must lie within a granted one, so {@code #} is refused to
 * every device. The same rights are also given
 * as HiveMQ default permissions, which HiveMQ applies to the CONNECT's will.
 *
 * <p>Every refusal is counted; each kind is logged once per login (or address) and topic per
 * {@link #LOG_INTERVAL}.
 */
final class AccessExtension implements ExtensionMain {
    private static final Logger log = LoggerFactory.getLogger(AccessExtension.class);
    static final Duration LOG_INTERVAL = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 10_000;

    /** The connection attribute naming the login a client connected with. */
    private static final String LOGIN_ATTRIBUTE = "jiaohao.login";
    /** The login attribute of an anonymous loopback client, which may do anything. */
    private static final String ANYTHING = "*";

    private final BrokerLogins logins;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    /** Each login's rights as at its latest connection (a login file may have changed since the last). */
    private final Map<String, List<TopicGrant>> rights = new ConcurrentHashMap<>();
    /** Connections refused since start. */
    final AtomicLong refused = new AtomicLong();
    /** Publishes refused since start (PUBACK 0x87; the connection stays). */
    final AtomicLong refusedPublishes = new AtomicLong();
    /** Subscriptions refused since start (SUBACK 0x87). */
    final AtomicLong refusedSubscriptions = new AtomicLong();

    AccessExtension(BrokerLogins logins) {
        this.logins = logins;
    }

    EmbeddedExtension embedded() {
        return EmbeddedExtension.builder().withId("jiaohao-access").withName("Jiaohao logins and topic rights")
                .withVersion("1").withAuthor("jiaohao").withPriority(1000).withStartPriority(1000).withExtensionMain(this).build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SimpleAuthenticator authenticator = this::onConnect;
        Services.securityRegistry().setAuthenticatorProvider(i -> authenticator);
        Authorizers authorizers = new Authorizers();
        Services.securityRegistry().setAuthorizerProvider(i -> authorizers);
        // HiveMQ runs inbound interceptors before the authorisers: refusing here answers PUBACK 0x87
        // and keeps the connection, where a refusing publish authoriser would also close it
        PublishInboundInterceptor refuse = this::onInboundPublish;
        Services.initializerRegistry().setClientInitializer((in, client) -> client.addPublishInboundInterceptor(refuse));
    }

    /** One extension registers one authoriser provider: this object judges both publishes and subscriptions. */
    private final class Authorizers implements PublishAuthorizer, SubscriptionAuthorizer {
        @Override
        public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
            onPublish(input, output);
        }

        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
            onSubscribe(input, output);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> user = input.getConnectPacket().getUserName();
        Optional<byte[]> password = input.getConnectPacket().getPassword().map(AccessExtension::bytes);
        Optional<InetAddress> from = input.getConnectionInformation().getInetAddress();
        BrokerLogins.Decision d = logins.decide(user, password, from);
        if (!d.admitted()) {
            refused.incrementAndGet();
            String who = user.orElse(from.map(InetAddress::getHostAddress).orElse("?"));
            logOnce(d.refusal() + "|" + who, "embedded broker refused a client ({}, login {} from {}); {} refused since start",
                    d.refusal(), user.orElse("(none)"), from.map(InetAddress::getHostAddress).orElse("?"), refused.get());
            output.failAuthentication(user.isEmpty() ? ConnackReasonCode.NOT_AUTHORIZED : ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    d.refusal());
            return;
        }
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(LOGIN_ATTRIBUTE,
                d.grants() == null ? ANYTHING : d.login());
        if (d.grants() != null) {
            rights.put(d.login(), d.grants());
        }
        // the same rights as HiveMQ default permissions, which it applies to the CONNECT's will
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        if (d.grants() == null) {
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
        } else {
            for (TopicGrant g : d.grants()) {
                permissions.add(Builders.topicPermission().topicFilter(g.filter()).type(TopicPermission.PermissionType.ALLOW)
                        .activity(g.access() == TopicGrant.Access.WRITE ? TopicPermission.MqttActivity.PUBLISH
                                : TopicPermission.MqttActivity.SUBSCRIBE).build());
            }
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        }
        output.authenticateSuccessfully();
    }

    private void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        String login = loginOf(input);
        if (!allowed(login, TopicGrant.Access.WRITE, topic)) {
            refusePublish(login, topic);
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "login " + login + " may not publish to " + topic);
        }
    }

    /** Second line (and the judge of a CONNECT's will): what the interceptor let through is allowed already. */
    private void onPublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        String login = loginOf(input);
        if (allowed(login, TopicGrant.Access.WRITE, topic)) {
            output.authorizeSuccessfully();
            return;
        }
        refusePublish(login, topic);
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "login " + login + " may not publish to " + topic);
    }

    private void refusePublish(String login, String topic) {
        refusedPublishes.incrementAndGet();
        logOnce("publish|" + login + "|" + topic, "embedded broker refused login {} publishing to {}; {} publishes refused since start",
                login, topic, refusedPublishes.get());
    }

    private void onSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        // a shared subscription ($share/{group}/…) needs the right to read what it filters
        String filter = Topics.unshared(input.getSubscription().getTopicFilter());
        String login = loginOf(input);
        if (allowed(login, TopicGrant.Access.READ, filter)) {
            output.authorizeSuccessfully();
            return;
        }
        refusedSubscriptions.incrementAndGet();
        logOnce("subscribe|" + login + "|" + filter, "embedded broker refused login {} subscribing to {}; {} subscriptions refused since start",
                login, filter, refusedSubscriptions.get());
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "login " + login + " may not subscribe to " + filter);
    }

    private static String loginOf(ClientBasedInput input) {
        return input.getConnectionInformation().getConnectionAttributeStore().getAsString(LOGIN_ATTRIBUTE).orElse("(unknown)");
    }

    private boolean allowed(String login, TopicGrant.Access access, String topic) {
        if (login.equals(ANYTHING)) {
            return true;
        }
        List<TopicGrant> grants = rights.get(login);
        return grants != null && TopicRights.permits(grants, access, topic);
    }

    private void logOnce(String key, String format, Object... args) {
        long now = System.nanoTime();
        Long last = lastLogged.get(key);
        if (last != null && now - last < LOG_INTERVAL.toNanos()) {
            return;
        }
        if (lastLogged.size() > MAX_REMEMBERED) {
            lastLogged.clear(); // a flood of distinct sources: forget, rather than grow without bound
        }
        lastLogged.put(key, now);
        log.warn(format, args);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.asReadOnlyBuffer();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
