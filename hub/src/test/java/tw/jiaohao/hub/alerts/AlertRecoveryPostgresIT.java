package tw.jiaohao.hub.alerts;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import tw.jiaohao.hub.testing.PostgresDatabase;

/** {@link AlertRecoveryIT} with the hub on PostgreSQL (a fresh database, dropped after). */
class AlertRecoveryPostgresIT extends AlertRecoveryIT {
    private PostgresDatabase pg;

    @Override
    protected Map<String, String> database() {
        pg = PostgresDatabase.create("alerts");
        return pg.hubConfig();
    }

    @AfterEach
    void drop() {
        if (pg != null) {
            pg.close();
        }
    }
}
