package tw.jiaohao.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;

class EstimateRangeTest {
    private final JsonCodec codec = new JsonCodec();
    private final String issued = codec.encodeToString(tw.jiaohao.protocol.ExamplesAccess.issued());

    private Decoded<OfficeEvent> decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), OfficeEvent.class);
    }

    private static OfficeEvent accepted(Decoded<OfficeEvent> d) {
        assertThat(d.isAccepted()).as(d.toString()).isTrue();
        return ((Decoded.Accepted<OfficeEvent>) d).message();
    }

    private static String withRange(String json, String range) {
        return json.replace("\"estimateMinutes\":12", "\"estimateMinutes\":12," + range);
    }

    @Test
    void anIssuedEventWithoutARangeFromAnOlderNodeIsStillAccepted() {
        assertThat(accepted(decode(issued)).estimateLowMinutes()).isNull();
    }

    @Test
    void anIssuedEventCarriesTheRangeAroundItsMedian() {
        OfficeEvent e = accepted(decode(withRange(issued, "\"estimateLowMinutes\":8,\"estimateHighMinutes\":17")));
        assertThat(e.estimateLowMinutes()).isEqualTo(8);
        assertThat(e.estimateHighMinutes()).isEqualTo(17);
        assertThat(codec.encodeToString(e)).contains("\"estimateLowMinutes\":8,\"estimateHighMinutes\":17");
    }

    @Test
    void aRangeThatDoesNotHoldTheMedianIsRefused() {
        assertThat(decode(withRange(issued, "\"estimateLowMinutes\":13,\"estimateHighMinutes\":17")).isAccepted()).isFalse();
        assertThat(decode(withRange(issued, "\"estimateLowMinutes\":8,\"estimateHighMinutes\":11")).isAccepted()).isFalse();
    }

    @Test
    void halfARangeIsRefused() {
        assertThat(decode(withRange(issued, "\"estimateLowMinutes\":8")).isAccepted()).isFalse();
    }

    @Test
    void onlyAnIssuedEventHasARange() {
        String called = withRange(issued.replace("TICKET_ISSUED", "TICKET_CALLED").replace("\"peopleAhead\":4,", "\"counter\":3,"),
                "\"estimateLowMinutes\":8,\"estimateHighMinutes\":17");
        Decoded<OfficeEvent> d = decode(called);
        assertThat(d.isAccepted()).isFalse();
        assertThat(d.toString()).contains("estimate range");
    }
}
