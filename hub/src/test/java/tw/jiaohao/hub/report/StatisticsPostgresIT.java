package tw.jiaohao.hub.report;

import java.util.Map;
import tw.jiaohao.hub.testing.PostgresDatabase;

/** {@link StatisticsIT} with the hub on PostgreSQL: a fresh database for the class, dropped after. */
class StatisticsPostgresIT extends StatisticsIT {
    private PostgresDatabase pg;

    @Override
    protected Map<String, String> database() {
        pg = PostgresDatabase.create("statistics");
        return pg.hubConfig();
    }

    @Override
    protected void dropDatabase() {
        if (pg != null) {
            pg.close();
        }
    }
}
