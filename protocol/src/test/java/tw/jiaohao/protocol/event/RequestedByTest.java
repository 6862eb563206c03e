package tw.jiaohao.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/** {@code requestedBy} is the requester's MQTT client id: any id a program's configuration accepts. */
class RequestedByTest {
    /** The longest office id there can be (32 characters). */
    private static final String LONGEST_OFFICE = "taipei-zhongshan-north-branch-01";

    @Test
    void anOfficeNodeWithTheLongestOfficeId_canAskTheHubForRecovery_underItsDefaultClientId() {
        assertThat(Check.identifier("office", LONGEST_OFFICE)).hasSize(32);
        String nodeClientId = "jiaohao-office-" + LONGEST_OFFICE;
        RecoveryRequest r = new RecoveryRequest(1, LONGEST_OFFICE, 1, RecoveryRequest.MAX_LIMIT, nodeClientId);
        assertThat(r.requestedBy()).isEqualTo(nodeClientId);
    }

    @Test
    void aHubWhoseClientIdHasCapitalsOrDots_canAskForAReplay() {
        assertThat(new ReplayRequest(1, "taipei-1", 40, 41L, "Hub_01.central").requestedBy()).isEqualTo("Hub_01.central");
    }

    @Test
    void whatNoClientIdCanBe_isRefused() {
        assertThatThrownBy(() -> new RecoveryRequest(1, "taipei-1", 1, 1, "x".repeat(65))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("requestedBy");
        assertThatThrownBy(() -> new ReplayRequest(1, "taipei-1", 1, null, "hub 1")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("requestedBy");
        assertThatThrownBy(() -> new ReplayRequest(1, "taipei-1", 1, null, "")).isInstanceOf(InvalidMessageException.class);
    }
}
