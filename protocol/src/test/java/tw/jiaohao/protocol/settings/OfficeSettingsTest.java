package tw.jiaohao.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;

class OfficeSettingsTest {
    private static final OfficeSettings.Category A = new OfficeSettings.Category("A", "水費/一般", "Bills / general", false, 4, null, null);
    private static final OfficeSettings.Category P = new OfficeSettings.Category("P", "優先", "Priority", true, 6, 30, true);

    static OfficeSettings settings(List<OfficeSettings.Counter> counters, OfficeSettings.Hours hours) {
        return new OfficeSettings(ProtocolVersion.CURRENT, "north", 3, Instant.parse("2026-12-03T08:00:00Z"), "admin",
                List.of(A, P), counters, hours, 30);
    }

    @Test
    void settings_roundTripThroughJson_andArriveOnlyOnTheirOfficesTopic() {
        OfficeSettings s = settings(List.of(new OfficeSettings.Counter(1, "1號櫃台", List.of("P", "A"))),
                new OfficeSettings.Hours(List.of("08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "", ""),
                        "12:00-13:00", List.of(1), List.of(LocalDate.of(2027, 1, 1)), List.of(), "08:30-17:00", 30, true, 15));
        JsonCodec codec = new JsonCodec();
        byte[] json = codec.encode(s);
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settings("north"), json, OfficeSettings.class))
                .isEqualTo(new Decoded.Accepted<>(s));
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settings("south"), json, OfficeSettings.class))
                .isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void aProfileNamingAnUnlistedCategory_isRefusedNamingTheCounter() {
        assertThatThrownBy(() -> settings(List.of(new OfficeSettings.Counter(2, "2號", List.of("A", "Z"))), OfficeSettings.Hours.always()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("counter.2.serves").hasMessageContaining("Z");
    }

    @Test
    void implausibleHours_areRefusedNamingTheField() {
        assertThatThrownBy(() -> new OfficeSettings.Hours(List.of("17:00-08:30", "", "", "", "", "", ""), "", List.of(), List.of(),
                List.of(), "08:30-17:00", 0, false, 15)).hasMessageContaining("hours.mon");
        assertThatThrownBy(() -> new OfficeSettings.Hours(List.of("8-5", "", "", "", "", "", ""), "", List.of(), List.of(),
                List.of(), "08:30-17:00", 0, false, 15)).hasMessageContaining("hours.mon");
        assertThatThrownBy(() -> new OfficeSettings.Hours(List.of("", "", "", "", "", "", ""), "25:00-26:00", List.of(), List.of(),
                List.of(), "08:30-17:00", 0, false, 15)).hasMessageContaining("hours.lunch");
        LocalDate d = LocalDate.of(2027, 2, 6);
        assertThatThrownBy(() -> new OfficeSettings.Hours(List.of("", "", "", "", "", "", ""), "", List.of(), List.of(d),
                List.of(d), "08:30-17:00", 0, false, 15)).hasMessageContaining("hours.extraDates");
        assertThatThrownBy(() -> settings(List.of(new OfficeSettings.Counter(1, "1", List.of("A"))),
                new OfficeSettings.Hours(List.of("", "", "", "", "", "", ""), "12:00-13:00", List.of(7), List.of(), List.of(), "08:30-17:00", 0, false, 15)))
                .hasMessageContaining("hours.lunchCounters");
    }

    @Test
    void aRefusalOrPendingAnswer_mustSayWhy() {
        assertThatThrownBy(() -> new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.REFUSED, " ", Instant.EPOCH))
                .hasMessageContaining("reason");
        assertThat(new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.APPLIED, null, Instant.EPOCH).version()).isEqualTo(2);
    }

    @Test
    void aReasonCode_isUpperCase_andItsArgumentsAreFewAndShort() {
        SettingsAck ok = new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.PENDING, "counter 1 is serving A001",
                Instant.EPOCH, "COUNTER_BUSY", List.of("1", "A001"));
        assertThat(ok.args()).containsExactly("1", "A001");
        JsonCodec codec = new JsonCodec();
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settingsAck("north"), codec.encode(ok), SettingsAck.class))
                .as("through JSON").isEqualTo(new Decoded.Accepted<>(ok));
        byte[] older = ("{\"v\":" + ProtocolVersion.CURRENT + ",\"office\":\"north\",\"version\":2,\"outcome\":\"REFUSED\","
                + "\"reason\":\"no\",\"at\":\"1970-01-01T00:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settingsAck("north"), older, SettingsAck.class))
                .as("from a node without reason codes").isEqualTo(new Decoded.Accepted<>(new SettingsAck(ProtocolVersion.CURRENT,
                        "north", 2, SettingsAck.Outcome.REFUSED, "no", Instant.EPOCH)));
        assertThat(new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.APPLIED, null, Instant.EPOCH, null, null).args())
                .as("null reads as none").isEmpty();
        assertThatThrownBy(() -> new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.REFUSED, "x", Instant.EPOCH,
                "busy", List.of())).hasMessageContaining("code");
        assertThatThrownBy(() -> new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.REFUSED, "x", Instant.EPOCH,
                "BAD_SETTING", List.of("a", "b", "c", "d", "e", "f"))).hasMessageContaining("args");
        assertThatThrownBy(() -> new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.REFUSED, "x", Instant.EPOCH,
                "BAD_SETTING", List.of("x".repeat(201)))).hasMessageContaining("args");
        assertThatThrownBy(() -> new SettingsAck(ProtocolVersion.CURRENT, "north", 2, SettingsAck.Outcome.REFUSED, "x", Instant.EPOCH,
                null, List.of("1"))).hasMessageContaining("args");
    }

    @Test
    void theOfferedLanguages_roundTripThroughJson_andSettingsFromAnOlderHubCarryNone() {
        OfficeSettings base = settings(List.of(new OfficeSettings.Counter(1, "1", List.of("A"))), OfficeSettings.Hours.always());
        OfficeSettings s = new OfficeSettings(base.v(), base.office(), base.version(), base.publishedAt(), base.publishedBy(),
                base.categories(), base.counters(), base.hours(), base.starvationMinutes(),
                new OfficeSettings.Languages(List.of("zh-TW"), "zh-TW"));
        JsonCodec codec = new JsonCodec();
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settings("north"), codec.encode(s), OfficeSettings.class))
                .isEqualTo(new Decoded.Accepted<>(s));
        assertThat(codec.decode(tw.jiaohao.protocol.Topics.settings("north"), codec.encode(base), OfficeSettings.class))
                .as("no languages: the node keeps its own").isEqualTo(new Decoded.Accepted<>(base));
        assertThat(base.languages()).isNull();
    }

    @Test
    void unknownOrRepeatedLanguages_areRefusedNamingTheField_butADefaultNotOffered_isLeftToTheNodesRule() {
        assertThatThrownBy(() -> new OfficeSettings.Languages(List.of("zh-TW", "ja"), "zh-TW")).hasMessageContaining("languages.offered").hasMessageContaining("ja");
        assertThatThrownBy(() -> new OfficeSettings.Languages(List.of("en", "en"), "en")).hasMessageContaining("languages.offered");
        assertThatThrownBy(() -> new OfficeSettings.Languages(List.of(), "en")).hasMessageContaining("languages.offered");
        assertThatThrownBy(() -> new OfficeSettings.Languages(List.of("en"), "fr")).hasMessageContaining("languages.default");
        assertThat(new OfficeSettings.Languages(List.of("zh-TW"), "en").defaultOffered()).isFalse();
        assertThat(new OfficeSettings.Languages(List.of("zh-TW", "en"), "en").defaultOffered()).isTrue();
    }
}
