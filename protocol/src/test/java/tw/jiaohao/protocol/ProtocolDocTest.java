package tw.jiaohao.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.RecoveryReply;
import tw.jiaohao.protocol.event.RecoveryRequest;
import tw.jiaohao.protocol.event.ReplayRequest;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.selfservice.AccountLookupReply;
import tw.jiaohao.protocol.selfservice.AccountLookupRequest;
import tw.jiaohao.protocol.selfservice.RequestAcknowledgement;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.state.StateSnapshot;

/** Every example in docs/PROTOCOL.md must decode, and every message must have an example. */
class ProtocolDocTest {
    private static final Map<String, Class<?>> MESSAGES = Map.ofEntries(
            Map.entry("OfficeEvent", OfficeEvent.class), Map.entry("StateSnapshot", StateSnapshot.class),
            Map.entry("CounterCommand", CounterCommand.class), Map.entry("CommandReply", CommandReply.class),
            Map.entry("DeviceStatus", DeviceStatus.class), Map.entry("ReplayRequest", ReplayRequest.class),
            Map.entry("NoticeBoard", NoticeBoard.class),
            Map.entry("AccountLookupRequest", AccountLookupRequest.class), Map.entry("AccountLookupReply", AccountLookupReply.class),
            Map.entry("SelfServiceRequest", SelfServiceRequest.class), Map.entry("RequestAcknowledgement", RequestAcknowledgement.class),
            Map.entry("RecoveryRequest", RecoveryRequest.class), Map.entry("RecoveryReply", RecoveryReply.class));

    @Test
    void everyExampleInProtocolMd_decodes_andEveryMessageHasOne() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        JsonCodec codec = new JsonCodec();
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            Class<?> type = MESSAGES.get(m.group(1));
            assertThat(type).as("example type " + m.group(1)).isNotNull();
            Decoded<?> decoded = codec.decode(m.group(2).getBytes(StandardCharsets.UTF_8), type);
            assertThat(decoded.isAccepted()).as(m.group(1) + " example: " + decoded).isTrue();
            seen.add(m.group(1));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(MESSAGES.keySet());
    }
}
