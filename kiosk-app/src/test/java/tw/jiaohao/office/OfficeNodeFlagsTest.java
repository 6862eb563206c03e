package tw.jiaohao.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.jiaohao.office.config.OfficeConfig;

class OfficeNodeFlagsTest {
    private static final Set<String> FLAGS = Set.of("--config", "--broker", "--office", "--db");

    @Test
    void theOfficeFlagGivesAnotherOfficeItsOwnDatabase() {
        OfficeConfig c = OfficeNodeMain.configFrom(Args.parse(new String[] {"--office", "taipei-north", "--broker", "tcp://127.0.0.1:41883"},
                FLAGS, Set.of()));
        assertThat(c.officeId()).isEqualTo("taipei-north");
        assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:41883");
        assertThat(c.databasePath()).isEqualTo(Path.of("data", "office-taipei-north.db"));
        assertThat(c.mqttClientId()).isEqualTo("jiaohao-office-taipei-north");
    }

    @Test
    void theDbFlagWinsOverTheOfficesDefaultDatabase() {
        OfficeConfig c = OfficeNodeMain.configFrom(Args.parse(new String[] {"--db", "x/y.db", "--office", "north"}, FLAGS, Set.of()));
        assertThat(c.databasePath()).isEqualTo(Path.of("x/y.db"));
    }

    @Test
    void aBadOfficeFlagIsRefusedNamingTheKeyItOverrides() {
        assertThatThrownBy(() -> OfficeNodeMain.configFrom(Args.parse(new String[] {"--office", "Not An Id"}, FLAGS, Set.of())))
                .hasMessageContaining("office.id");
    }
}
