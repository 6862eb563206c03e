package tw.jiaohao.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void brokerAndOfficeFlagsOverrideTheConfiguration() {
        DisplayConfig c = Cli.parse(new String[] {"--broker", "tcp://127.0.0.1:41883", "--office", "taipei-north", "--counter", "3"}, true)
                .load(DisplayConfig.Role.COUNTER_UNIT);
        assertThat(c.mqtt().url()).isEqualTo("tcp://127.0.0.1:41883");
        assertThat(c.officeId()).isEqualTo("taipei-north");
        assertThat(c.counter()).isEqualTo(3);
    }

    @Test
    void aBadOfficeFlagIsRefusedNamingTheKeyItOverrides() {
        assertThatThrownBy(() -> Cli.parse(new String[] {"--office", "Bad Office"}, false).load(DisplayConfig.Role.WALL_BOARD))
                .hasMessageContaining("office.id");
    }

    @Test
    void theBoardsDefaultOfficeIsTheDemosOffice() {
        assertThat(Cli.parse(new String[0], false).load(DisplayConfig.Role.WALL_BOARD).officeId()).isEqualTo("demo-office");
    }
}
