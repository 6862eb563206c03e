package tw.jiaohao.office.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import tw.jiaohao.office.config.OfficeConfig;
import tw.jiaohao.office.config.OfficeConfigLoader;
import tw.jiaohao.office.ticketing.OfficeDatabase;
import tw.jiaohao.office.ticketing.QueueEngine;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.Rating;

/** A queue engine on a real SQLite file, for tests. Close it to close the engine and the file. */
public final class TestOffice implements AutoCloseable {
    public final OfficeConfig config;
    public final OfficeDatabase db;
    public final QueueEngine engine;

    public TestOffice(OfficeConfig config, Clock clock) {
        this.config = config;
        this.db = OfficeDatabase.open(config.databasePath(), config.officeId());
        this.engine = new QueueEngine(config, db, clock);
    }

    /** The default office's settings with its database in {@code dir}. */
    public static OfficeConfig defaultConfig(Path dir) {
        return OfficeConfigLoader.defaults().withDatabasePath(dir.resolve("office.db"));
    }

    /** Default settings with these overrides (properties syntax), database in {@code dir}. */
    public static OfficeConfig config(Path dir, String properties) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(properties));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return OfficeConfigLoader.fromProperties(p).withDatabasePath(dir.resolve("office.db"));
    }

    public CommandReply command(int counter, CommandAction action) {
        return engine.execute(CounterCommand.of(config.officeId(), counter, action));
    }

    public CommandReply command(int counter, CommandAction action, String ticketId, String target, Rating rating) {
        return engine.execute(new CounterCommand(1, config.officeId(), counter, action, ticketId, target, rating));
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
