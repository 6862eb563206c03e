package tw.jiaohao.office.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.office.testing.Await;
import tw.jiaohao.office.testing.MutableClock;
import tw.jiaohao.office.testing.SmallDisk;
import tw.jiaohao.office.testing.TestOffice;
import tw.jiaohao.office.ticketing.IssueRefusedException;
import tw.jiaohao.office.ticketing.IssuedTicket;
import tw.jiaohao.office.upkeep.Upkeep;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.ReplyCode;

/**
 * The office's card fills up while tickets are issued and called (a real tmpfs, filled to the
 * last byte), then space is freed: every reply told the truth about what was stored, no ticket
 * lacks its event, seqs stay gap-free, and issuing, snapshots and upkeep work again without a
 * restart. Needs root (mount); tagged system.
 */
@Tag("system")
class DiskFullSystemIT {
    @TempDir
    Path dir;

    @Test
    void aFullDisk_whileIssuingAndCalling_everyReplyIsTrue_andTheStoreWorksAgainOnceSpaceIsFreed() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T01:00:00Z"); // 09:00 Taipei
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("card"), 3 * 1024)) {
            try (TestOffice office = new TestOffice(TestOffice.config(disk.path(), "storage.reserve-mb=0\nstorage.low-mb=0\n"), clock)) {
                AtomicInteger snapshots = new AtomicInteger();
                office.engine.onSnapshot(s -> snapshots.incrementAndGet());
                assertThat(office.command(1, CommandAction.OPEN).ok()).isTrue();
                List<IssuedTicket> issued = new ArrayList<>();
                List<CommandReply> replies = new ArrayList<>();
                int okChanges = 0; // changes that append an event (OPEN and CLOSE append none)
                for (int i = 0; i < 20; i++) {
                    issued.add(office.engine.issue("A"));
                    okChanges++;
                }
                disk.fill(256);
                int refusedNothingStored = 0;
                int unknown = 0;
                CommandAction[] cycle = {CommandAction.CALL_NEXT, CommandAction.START, CommandAction.FINISH};
                for (int i = 0; i < 600; i++) {
                    clock.advance(Duration.ofSeconds(5));
                    if (i == 300) { // some space comes and goes again (logs rotated, then filled)
                        disk.free();
                        disk.fill(256);
                    }
                    try {
                        issued.add(office.engine.issue("A"));
                        okChanges++;
                    } catch (IssueRefusedException e) {
                        assertThat(e.code()).isEqualTo(ReplyCode.STORE_FAILED);
                        if (e.getMessage().contains("cannot tell")) {
                            unknown++;
                        } else {
                            refusedNothingStored++;
                        }
                    }
                    CommandReply r = office.command(1, cycle[i % 3]);
                    replies.add(r);
                    if (r.ok() && r.action() != CommandAction.OPEN) {
                        okChanges++;
                    } else if (r.code() == ReplyCode.STORE_FAILED) {
                        if (r.message().contains("cannot tell")) {
                            unknown++;
                        } else {
                            refusedNothingStored++;
                        }
                    }
                }
                long storeFailures = office.db.failures();
                disk.free();

                IssuedTicket after = office.engine.issue("A");
                okChanges++;
                issued.add(after);
                int before = snapshots.get();
                assertThat(office.command(2, CommandAction.OPEN).ok()).as("a counter works again without a restart").isTrue();
                Await.until("a new snapshot after the disk was freed", Duration.ofSeconds(10), () -> snapshots.get() > before);
                new Upkeep(office.engine).runOnce();

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + office.config.databasePath());
                     Statement s = c.createStatement()) {
                    long events = one(s, "SELECT COUNT(*) FROM events");
                    long maxSeq = one(s, "SELECT COALESCE(MAX(seq), 0) FROM events");
                    long orphans = one(s, "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e "
                            + "WHERE e.ticket_id = t.ticket_id AND e.type = 'TICKET_ISSUED')");
                    long tickets = one(s, "SELECT COUNT(*) FROM tickets");
                    System.out.printf("disk full: %d store failures, %d changes stored and confirmed, %d refused with nothing "
                            + "stored, %d of unknown outcome; %d events (max seq %d), %d tickets, %d without their event%n",
                            storeFailures, okChanges, refusedNothingStored, unknown, events, maxSeq, tickets, orphans);
                    assertThat(storeFailures).as("the disk really filled up").isPositive();
                    assertThat(orphans).as("no ticket without its TICKET_ISSUED event").isZero();
                    assertThat(maxSeq).as("seqs gap-free").isEqualTo(events);
                    long okCalls = replies.stream().filter(r -> r.ok() && r.action() == CommandAction.CALL_NEXT).count();
                    assertThat(one(s, "SELECT COUNT(*) FROM events WHERE type = 'TICKET_ISSUED'"))
                            .as("every ticket issued is stored; every refused issue stored nothing")
                            .isBetween((long) issued.size(), (long) issued.size() + unknown);
                    assertThat(one(s, "SELECT COUNT(*) FROM events WHERE type = 'TICKET_CALLED'"))
                            .as("every call replied OK is stored; every 'nothing stored' call stored nothing")
                            .isBetween(okCalls, okCalls + unknown);
                    // one press per customer: a call replied OK may also end the ticket still at the
                    // counter (its implicit start and its finish or no-show: two events more)
                    assertThat(events).as("every change replied OK is stored; every 'nothing stored' reply stored nothing")
                            .isBetween((long) okChanges, (long) okChanges + unknown + 2 * okCalls);
                    for (IssuedTicket t : issued) {
                        assertThat(one(s, "SELECT COUNT(*) FROM events WHERE type = 'TICKET_ISSUED' AND ticket_id = '" + t.ticketId() + "'"))
                                .as("issued %s is stored with its event", t.number()).isEqualTo(1);
                    }
                    for (CommandReply r : replies) {
                        if (r.ok() && r.action() == CommandAction.CALL_NEXT) {
                            assertThat(one(s, "SELECT COUNT(*) FROM events WHERE type = 'TICKET_CALLED' AND ticket_id = '"
                                    + r.ticket().ticketId() + "'")).as("call of %s stored", r.ticket().number()).isEqualTo(1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void belowTheReserve_newTicketsAreRefused_butCountersCallTheRoomAndTheDayCloses_andTheOperatorIsTold() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T01:00:00Z"); // 09:00 Taipei
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("card"), 4 * 1024)) {
            try (TestOffice office = new TestOffice(TestOffice.config(disk.path(), "storage.reserve-mb=1\nstorage.low-mb=2\n"), clock)) {
                assertThat(office.command(1, CommandAction.OPEN).ok()).isTrue();
                for (int i = 0; i < 5; i++) {
                    office.engine.issue("A");
                }
                disk.fill(512);
                int refused = 0;
                for (int i = 0; i < 3; i++) {
                    try {
                        office.engine.issue("A");
                    } catch (IssueRefusedException e) {
                        assertThat(e.getMessage()).contains("storage is nearly full");
                        refused++;
                    }
                }
                int called = 0;
                for (int i = 0; i < 4; i++) {
                    called += office.command(1, CommandAction.CALL_NEXT).ok() ? 1 : 0;
                    office.command(1, CommandAction.START);
                    office.command(1, CommandAction.FINISH);
                }
                clock.advance(Duration.ofHours(16)); // past midnight: the day's leftovers are closed
                int closed = office.engine.closeLeftovers();
                String detail = office.engine.health().detail();
                System.out.printf("disk reserve: %d tickets refused, %d called from the room, %d closed at the day's end; detail \"%s\"%n",
                        refused, called, closed, detail);
                assertThat(refused).isEqualTo(3);
                assertThat(called).isEqualTo(4);
                assertThat(closed).isEqualTo(1);
                assertThat(detail).startsWith("disk-full: ");
                disk.free();
                assertThat(office.engine.issue("A").number()).isEqualTo("A001");
                assertThat(office.engine.health().detail()).as("all clear once space is free").isNull();
            }
        }
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
