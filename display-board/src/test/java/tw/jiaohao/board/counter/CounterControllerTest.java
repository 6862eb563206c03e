package tw.jiaohao.board.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tw.jiaohao.board.link.CommandOutcome;
import tw.jiaohao.board.link.CommandSender;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.ManualGpioScheduler;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

class CounterControllerTest {
    private static final Instant T = Instant.parse("2026-11-23T02:00:00Z");
    private final List<CounterCommand> sent = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<CommandOutcome>> pending = new CopyOnWriteArrayList<>();
    private final CommandSender sender = c -> {
        sent.add(c);
        CompletableFuture<CommandOutcome> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    };
    private final CounterController.Screen screen = new CounterController.Screen() {
        @Override
        public void message(String text, boolean error) {
            messages.add((error ? "ERR " : "OK ") + text);
        }

        @Override
        public void ratingOpened(String ticketNumber, Duration window) {
            messages.add("OPEN " + ticketNumber + " " + window.toSeconds());
        }

        @Override
        public void ratingClosed(String why) {
            messages.add("CLOSED " + why);
        }
    };
    private final ManualGpioScheduler gpio = new ManualGpioScheduler();
    private final SimulatedRatingPad pad = new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), gpio);

    private static StateSnapshot serving(String number) {
        TicketView t = number == null ? null
                : new TicketView("2026-11-23/" + number, number, "A", TicketState.SERVING, T, T);
        return new StateSnapshot(1, "o1", "台北", "Asia/Taipei", 1, T, LocalDate.of(2026, 11, 23), List.of(),
                List.of(new CounterView(4, "4號櫃台", List.of("A"), true, t)), List.of());
    }

    private static StateSnapshot counterOpen(boolean open) {
        return new StateSnapshot(1, "o1", "台北", "Asia/Taipei", 1, T, LocalDate.of(2026, 11, 23), List.of(),
                List.of(new CounterView(4, "4號櫃台", List.of("A"), open, null)), List.of());
    }

    @Test
    void openAtStart_waitsForTheLinkWhenTheRetainedSnapshotComesFirst_andOpensOnce() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.openAtStart();
        c.onSnapshot(counterOpen(false));
        assertThat(sent).as("nothing sent while the link is not up").isEmpty();
        c.onConnection(true);
        c.onSnapshot(counterOpen(false));
        assertThat(sent).extracting(CounterCommand::action).containsExactly(CommandAction.OPEN);
    }

    @Test
    void openAtStart_leavesACounterShownOpenAlone_andDoesNotOpenItAfterTheClerkClosesIt() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.openAtStart();
        c.onConnection(true);
        c.onSnapshot(counterOpen(true));
        c.onSnapshot(counterOpen(false));
        assertThat(sent).isEmpty();
    }

    @Test
    void aStaffConfirm_goesOutEvenWhileAHeldKeyIsPending_andTheClerkIsToldTheNodeIssuesAgain() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.press(CommandAction.OPEN); // held by the node for up to 10 s
        c.press(CommandAction.CONFIRM);
        assertThat(sent).extracting(CounterCommand::action).containsExactly(CommandAction.OPEN, CommandAction.CONFIRM);
        pending.get(1).complete(new CommandOutcome.Replied(CommandReply.ok("o1", 4, CommandAction.CONFIRM, null)));
        assertThat(messages).containsExactly("OK 已確認，主機開始發號 / Confirmed: the office node issues again");
    }

    @Test
    void aSecondPressWhileTheFirstIsPendingIsRefusedNotSent() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.press(CommandAction.CALL_NEXT);
        c.press(CommandAction.CALL_NEXT);
        assertThat(sent).hasSize(1);
        assertThat(messages).containsExactly("ERR 處理中，請稍候 / Working on the previous key, please wait");
        pending.get(0).complete(new CommandOutcome.Replied(CommandReply.ok("o1", 4, CommandAction.CALL_NEXT, null)));
        c.press(CommandAction.RECALL);
        assertThat(sent).extracting(CounterCommand::action).containsExactly(CommandAction.CALL_NEXT, CommandAction.RECALL);
    }

    @Test
    void anUnansweredCommandFreesTheKeysAndSaysSo() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.press(CommandAction.FINISH);
        pending.get(0).complete(new CommandOutcome.Unanswered("no answer"));
        assertThat(messages).containsExactly("ERR no answer");
        c.press(CommandAction.FINISH);
        assertThat(sent).hasSize(2);
    }

    @Test
    void pleaseRateWithoutATicketSaysSoAndLeavesThePadDark() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.askForRating();
        assertThat(messages).containsExactly("ERR 目前沒有可評分的號碼 / No ticket to rate yet");
        assertThat(pad.isArmed()).isFalse();
    }

    @Test
    void theLastServedTicketCanStillBeRatedAfterFinishing() {
        CounterController c = new CounterController("o1", 4, sender, screen, pad, gpio, Duration.ofSeconds(10));
        c.onSnapshot(serving("A007"));
        c.onSnapshot(serving(null));
        c.askForRating();
        assertThat(messages).containsExactly("OPEN A007 10");
        pad.press(tw.jiaohao.hardware.gpio.Rating.NEUTRAL);
        gpio.advance(Duration.ofMillis(100));
        assertThat(sent).singleElement().satisfies(cmd -> {
            assertThat(cmd.action()).isEqualTo(CommandAction.RATE);
            assertThat(cmd.ticketId()).isEqualTo("2026-11-23/A007");
            assertThat(cmd.rating()).isEqualTo(Rating.NEUTRAL);
        });
        assertThat(messages).contains("CLOSED 已評分：普通 / Rated: Neutral");
    }

    @Test
    void aTransferWithoutATargetIsRefusedOnScreen() {
        CounterController c = new CounterController("o1", 4, sender, screen, null, gpio, Duration.ofSeconds(10));
        c.transfer(null);
        assertThat(sent).isEmpty();
        assertThat(messages).containsExactly("ERR 請先選擇要轉去的服務 / Choose the service to transfer to first");
    }
}
