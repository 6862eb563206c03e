package tw.jiaohao.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.jiaohao.hub.testing.PersonalTestData.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hub.accounts.AccountImporter;
import tw.jiaohao.hub.accounts.SqliteAccountStore;
import tw.jiaohao.hub.broker.EmbeddedBroker;
import tw.jiaohao.hub.testing.Poll;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.LookupOutcome;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.Verification;

/** The hub's self-service MQTT side through a real (embedded) broker. */
class SelfServiceMqttIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String OFFICE = "taipei-1";

    @TempDir
    static Path brokerDir;
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;
    private PublicKey hubKey;
    private SelfServiceConfig config;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedBroker(brokerDir).start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @BeforeEach
    void keysAndAccounts() throws Exception {
        HubKeys.create(dir.resolve("keys"));
        hubKey = PersonalDataSeal.publicKeyFromPem(Files.readString(dir.resolve("keys").resolve(HubKeys.SEAL_PUBLIC)));
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir.resolve("hub.db"))) {
            new AccountImporter(accounts, Clock.systemUTC(), 100).importFile(extract(dir), AccountImporter.Progress.NONE);
        }
        Properties p = new Properties();
        p.setProperty("selfservice.keys-dir", dir.resolve("keys").toString());
        p.setProperty("selfservice.mqtt.client-id", "hub-ss-" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", ""));
        config = SelfServiceConfig.from(p);
    }

    private SelfServiceHub startHub() {
        return SelfServiceHub.start(config, dir.resolve("hub.db"), new SelfServiceHub.Broker(broker.url(), null, null, 3600),
                ZoneId.of("Asia/Taipei"), Clock.systemUTC());
    }

    /** An office-side client: publishes requests and look-ups, collects what comes back. */
    static final class Office implements AutoCloseable {
        final MqttClient client;
        final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

        Office(String id) throws MqttException {
            client = new MqttClient(broker.url(), id, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(message);
                }

                @Override
                public void disconnected(MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                }

                @Override
                public void deliveryComplete(IMqttToken t) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int code, MqttProperties p) {
                }
            });
            client.connect(new MqttConnectionOptions());
        }

        void subscribe(String filter) throws MqttException {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        }

        void publish(String topic, byte[] payload, MqttProperties props) throws MqttException {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            if (props != null) {
                m.setProperties(props);
            }
            client.publish(topic, m);
        }

        MqttMessage next() throws InterruptedException {
            MqttMessage m = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(m).as("a message within " + WAIT).isNotNull();
            return m;
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void lookup_isAnsweredOnTheResponseTopicWithTheCorrelationData() throws Exception {
        try (SelfServiceHub hub = startHub(); Office office = new Office("office-lookup")) {
            String replyTo = Topics.replyTo(OFFICE, "lookup");
            office.subscribe(replyTo);
            MqttProperties props = new MqttProperties();
            props.setResponseTopic(replyTo);
            props.setCorrelationData("q-1".getBytes(StandardCharsets.UTF_8));
            office.publish(Topics.accountLookup(), CODEC.encode(AccountLookupRequest.of(OFFICE, "kiosk-1", ACCOUNT_ARREARS, null)), props);
            MqttMessage answer = office.next();
            assertThat(new String(answer.getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("q-1");
            AccountLookupReply reply = CODEC.decodeOrThrow(answer.getPayload(), AccountLookupReply.class);
            assertThat(reply.outcome()).isEqualTo(LookupOutcome.FOUND);
            assertThat(reply.arrears()).isTrue();

            props.setCorrelationData("q-2".getBytes(StandardCharsets.UTF_8));
            office.publish(Topics.accountLookup(), "{\"v\":1,\"office\":\"taipei-1\"".getBytes(StandardCharsets.UTF_8), props);
            AccountLookupReply invalid = CODEC.decodeOrThrow(office.next().getPayload(), AccountLookupReply.class);
            assertThat(invalid.outcome()).isEqualTo(LookupOutcome.INVALID);
            assertThat(hub.cases().metrics().lookupsMalformed.get()).isEqualTo(1);
        }
    }

    @Test
    void theHub_withSelfServiceEnabled_answersLookups() throws Exception {
        java.util.Map<String, String> extra = java.util.Map.of("selfservice.enabled", "true",
                "selfservice.keys-dir", dir.resolve("keys").toString(), "selfservice.mqtt.client-id", "hub-enabled");
        try (tw.jiaohao.hub.Hub hub = tw.jiaohao.hub.Hub.start(tw.jiaohao.hub.testing.HubFixture.config(dir, broker.url(), "hub-enabled", extra),
                Clock.systemUTC()); Office office = new Office("office-enabled")) {
            assertThat(hub.selfService()).isNotNull();
            String replyTo = Topics.replyTo(OFFICE, "lookup");
            office.subscribe(replyTo);
            MqttProperties props = new MqttProperties();
            props.setResponseTopic(replyTo);
            props.setCorrelationData(new byte[] {1});
            office.publish(Topics.accountLookup(), CODEC.encode(AccountLookupRequest.of(OFFICE, "kiosk-1", ACCOUNT_OK, HOUSE_OK)), props);
            AccountLookupReply reply = CODEC.decodeOrThrow(office.next().getPayload(), AccountLookupReply.class);
            assertThat(reply.arrears()).isFalse();
            assertThat(reply.addressMatch()).isTrue();
        }
    }

    /**
     * Issue 10, finding 5: a stranger trying house numbers 1…N at the look-up topic finds the
     * address. The hub answers about the address only until the account has
     * {@code selfservice.lookup.max-wrong-per-account} (default 5) wrong tries in the window; from
     * then on, from any device, even the right number gets "go to a counter"; the duty manager is
     * alerted once.
     */
    @Test
    void guessingHouseNumbers_isStoppedAfterTheDocumentedNumberOfWrongTriesPerAccount() throws Exception {
        int perAccount = Integer.parseInt(SelfServiceConfig.DEFAULTS.get("selfservice.lookup.max-wrong-per-account"));
        assertThat(config.lookupWrongPerAccount()).isEqualTo(perAccount).isEqualTo(5);
        java.util.List<String> alarms = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SelfServiceHub hub = SelfServiceHub.start(config, dir.resolve("hub.db"), new SelfServiceHub.Broker(broker.url(), null, null, 3600),
                ZoneId.of("Asia/Taipei"), Clock.systemUTC(), (office, device, detail) -> alarms.add(office + "/" + device));
             Office office = new Office("office-guess")) {
            office.subscribe(Topics.replyTo(OFFICE, "lookup"));
            int house = 1;
            for (int wrong = 0; wrong < perAccount; wrong++, house++) {
                if (String.valueOf(house).equals(HOUSE_OK)) {
                    house++;
                }
                AccountLookupReply reply = lookup(office, "kiosk-9", ACCOUNT_OK, String.valueOf(house));
                assertThat(reply.outcome()).isEqualTo(LookupOutcome.FOUND);
                assertThat(reply.addressMatch()).as("try %d", wrong + 1).isFalse();
            }
            AccountLookupReply stopped = lookup(office, "kiosk-9", ACCOUNT_OK, HOUSE_OK);
            assertThat(stopped.outcome()).as("the right number, after the limit").isEqualTo(LookupOutcome.INVALID);
            assertThat(stopped.addressMatch()).isNull();
            assertThat(stopped.message()).contains("counter");
            assertThat(lookup(office, "kiosk-2", ACCOUNT_OK, HOUSE_OK).outcome()).as("from another device too").isEqualTo(LookupOutcome.INVALID);
            AccountLookupReply plain = lookup(office, "kiosk-2", ACCOUNT_OK, null);
            assertThat(plain.outcome()).as("without a house number: the masked address only, as before").isEqualTo(LookupOutcome.FOUND);
            assertThat(alarms).containsExactly(OFFICE + "/kiosk-9");
        }
    }

    /** A request with a wrong house number counts like a wrong look-up: alternating the two does not get round the limit. */
    @Test
    void aRequestWithAWrongHouseNumber_countsTowardsTheAccountsLimit() throws Exception {
        try (SelfServiceHub hub = startHub(); Office office = new Office("office-guess-request")) {
            office.subscribe(Topics.replyTo(OFFICE, "lookup"));
            for (int wrong = 0; wrong < config.lookupWrongPerAccount() - 1; wrong++) {
                assertThat(lookup(office, "kiosk-9", ACCOUNT_OK, String.valueOf(900 + wrong)).addressMatch()).isFalse();
            }
            office.subscribe(Topics.requestAck(OFFICE));
            office.publish(Topics.request(OFFICE), CODEC.encode(Requests.transfer(hubKey, OFFICE, 1, ACCOUNT_OK, "999", Instant.now())), null);
            RequestAcknowledgement ack = CODEC.decodeOrThrow(office.next().getPayload(), RequestAcknowledgement.class);
            assertThat(ack.problem()).isEqualTo(tw.jiaohao.protocol.selfservice.VerificationProblem.ADDRESS_MISMATCH);
            assertThat(lookup(office, "kiosk-9", ACCOUNT_OK, HOUSE_OK).outcome()).isEqualTo(LookupOutcome.INVALID);
        }
    }

    /** The same per device: one kiosk guessing across accounts is stopped at {@code selfservice.lookup.max-wrong-per-device}. */
    @Test
    void guessingAcrossAccounts_isStoppedAfterTheDeviceLimit() throws Exception {
        Properties p = new Properties();
        p.setProperty("selfservice.keys-dir", config.keysDir().toString());
        p.setProperty("selfservice.mqtt.client-id", config.mqttClientId());
        p.setProperty("selfservice.lookup.max-wrong-per-device", "2");
        SelfServiceConfig twoPerDevice = SelfServiceConfig.from(p);
        java.util.List<String> alarms = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SelfServiceHub hub = SelfServiceHub.start(twoPerDevice, dir.resolve("hub.db"), new SelfServiceHub.Broker(broker.url(), null, null, 3600),
                ZoneId.of("Asia/Taipei"), Clock.systemUTC(), (office, device, detail) -> alarms.add(office + "/" + device));
             Office office = new Office("office-guess-device")) {
            office.subscribe(Topics.replyTo(OFFICE, "lookup"));
            assertThat(lookup(office, "kiosk-7", ACCOUNT_OK, "999").addressMatch()).isFalse();
            assertThat(lookup(office, "kiosk-7", ACCOUNT_ARREARS, "999").addressMatch()).isFalse();
            assertThat(lookup(office, "kiosk-7", ACCOUNT_ARREARS, "100").outcome()).as("the right number, from the guessing kiosk")
                    .isEqualTo(LookupOutcome.INVALID);
            assertThat(lookup(office, "kiosk-8", ACCOUNT_ARREARS, "100").addressMatch()).as("another kiosk, one wrong try on the account")
                    .isTrue();
            assertThat(alarms).containsExactly(OFFICE + "/kiosk-7");
        }
    }

    /** A look-up whose response topic is not its own office's reply topic is refused unanswered (topic and payload agree). */
    @Test
    void aLookupAskingForAnotherOfficesReplyTopic_isRefused() throws Exception {
        try (SelfServiceHub hub = startHub(); Office office = new Office("office-other-reply")) {
            String elsewhere = Topics.replyTo("kaohsiung-2", "lookup");
            office.subscribe(elsewhere);
            MqttProperties props = new MqttProperties();
            props.setResponseTopic(elsewhere);
            props.setCorrelationData(new byte[] {7});
            office.publish(Topics.accountLookup(), CODEC.encode(AccountLookupRequest.of(OFFICE, "kiosk-1", ACCOUNT_OK, HOUSE_OK)), props);
            Poll.until(WAIT, "refused", () -> hub.cases().metrics().lookupsMalformed.get() == 1);
            assertThat(office.received).as("the refusal sends nothing").isEmpty();
            assertThat(hub.cases().metrics().lookupsAnswered.get()).isZero();
        }
    }

    private static AccountLookupReply lookup(Office office, String device, String account, String house) throws Exception {
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(Topics.replyTo(OFFICE, "lookup"));
        props.setCorrelationData(device.getBytes(StandardCharsets.UTF_8));
        office.publish(Topics.accountLookup(), CODEC.encode(AccountLookupRequest.of(OFFICE, device, account, house)), props);
        return CODEC.decodeOrThrow(office.next().getPayload(), AccountLookupReply.class);
    }

    @Test
    void request_isStoredVerifiedAndAcknowledged_andAMalformedOneIsCountedAndSkipped() throws Exception {
        try (SelfServiceHub hub = startHub(); Office office = new Office("office-req")) {
            office.subscribe(Topics.requestAck(OFFICE));
            office.publish(Topics.request(OFFICE), "{\"v\":1,\"office\":\"taipei-1\",\"kind\":\"TRANSFER\"}".getBytes(StandardCharsets.UTF_8), null);
            SelfServiceRequest r = Requests.transfer(hubKey, OFFICE, 1, ACCOUNT_OK, HOUSE_OK, Instant.now());
            office.publish(Topics.request(OFFICE), CODEC.encode(r), null);
            RequestAcknowledgement ack = CODEC.decodeOrThrow(office.next().getPayload(), RequestAcknowledgement.class);
            assertThat(ack.requestId()).isEqualTo(r.requestId());
            assertThat(ack.verification()).isEqualTo(Verification.VERIFIED);
            assertThat(hub.cases().metrics().requestsMalformed.get()).isEqualTo(1);

            office.publish(Topics.request(OFFICE), CODEC.encode(r), null);
            assertThat(CODEC.decodeOrThrow(office.next().getPayload(), RequestAcknowledgement.class).verification()).isEqualTo(Verification.VERIFIED);
            assertThat(hub.cases().metrics().requestsStored.get()).isEqualTo(1);
            assertThat(hub.cases().metrics().requestsDuplicate.get()).isEqualTo(1);
        }
    }

    @Test
    void requestSentWhileTheHubIsDown_isVerifiedWhenTheHubComesBack() throws Exception {
        startHub().close(); // the hub's persistent session now exists at the broker
        try (Office office = new Office("office-later")) {
            office.subscribe(Topics.requestAck(OFFICE));
            SelfServiceRequest r = Requests.suspension(hubKey, OFFICE, 1, ACCOUNT_OK, Instant.now(),
                    Instant.now().atZone(Requests.TAIPEI).toLocalDate().plusDays(2), KioskCheck.NOT_YET_VERIFIED);
            office.publish(Topics.request(OFFICE), CODEC.encode(r), null);
            assertThat(office.received.poll(500, TimeUnit.MILLISECONDS)).as("no hub, no acknowledgement").isNull();
            try (SelfServiceHub hub = startHub()) {
                RequestAcknowledgement ack = CODEC.decodeOrThrow(office.next().getPayload(), RequestAcknowledgement.class);
                assertThat(ack.verification()).isEqualTo(Verification.VERIFIED);
                Staff manager = new Staff("mgr", Role.OFFICE_MANAGER, OFFICE);
                CaseDetail c = hub.cases().view(manager, OFFICE, r.caseNumber());
                assertThat(c.summary().kioskCheck()).isEqualTo(KioskCheck.NOT_YET_VERIFIED);
                assertThat(c.summary().state()).isEqualTo(CaseState.VERIFIED);
                assertThat(c.steps().get(0).note()).contains("not yet verified");
                Poll.until(WAIT, "hub connected", hub::connected);
            }
        }
    }
}
