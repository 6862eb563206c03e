package tw.jiaohao.board.counter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.board.link.CommandOutcome;
import tw.jiaohao.board.link.CommandSender;
import tw.jiaohao.hardware.gpio.Cancellable;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.GpioScheduler;
import tw.jiaohao.hardware.gpio.RatingPad;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.state.StateSnapshot.CounterView;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/**
 * What a counter unit does when the clerk presses a button or a call-pad key, and the rating
 * window. No JavaFX, no MQTT: commands go through a {@link CommandSender}, results to a
 * {@link Screen}.
 *
 * <p>One command is in flight at a time; a press while one is pending is refused with a
 * message (a bouncing finger must not call two customers). "Please rate" arms the rating pad
 * for the configured window (10 s) for the ticket being served — or, once it is finished, the
 * last ticket this counter served — and sends the first rating as {@link CommandAction#RATE}
 * with that ticket; when the window passes the pad closes with nothing sent. The rating window
 * lives on the pad's {@link GpioScheduler} thread, so a test moves time with a manual
 * scheduler instead of sleeping. Thread-safe: buttons (JavaFX thread), pad keys (GPIO thread)
 * and snapshots (link thread) may arrive together.
 */
public final class CounterController {
    private static final Logger LOG = LoggerFactory.getLogger(CounterController.class);

    /** Where the controller reports (the counter view; calls come from any thread). */
    public interface Screen {
        /** A line for the clerk; {@code error} for anything that did not happen. */
        void message(String text, boolean error);

        /** The rating pad is open for {@code ticketNumber} for {@code window}. */
        void ratingOpened(String ticketNumber, Duration window);

        /** The rating pad closed; {@code why} says with what result. */
        void ratingClosed(String why);
    }

    private final String office;
    private final int counter;
    private final CommandSender sender;
    private final Screen screen;
    private final RatingPad ratingPad;
    private final GpioScheduler scheduler;
    private final Duration ratingWindow;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean openAtStart = new AtomicBoolean();
    private volatile boolean online;
    /** Whether the latest snapshot showed this counter open; null before the first one. */
    private volatile Boolean shownOpen;
    private volatile TicketView current;
    private volatile TicketView lastServed;
    // rating state: touched only on the scheduler thread
    private TicketView ratingFor;
    private Cancellable ratingTimer;

    /** {@code ratingPad} may be null (no pad): "please rate" then says so. */
    public CounterController(String office, int counter, CommandSender sender, Screen screen, RatingPad ratingPad,
                             GpioScheduler scheduler, Duration ratingWindow) {
        this.office = office;
        this.counter = counter;
        this.sender = sender;
        this.screen = screen;
        this.ratingPad = ratingPad;
        this.scheduler = scheduler;
        this.ratingWindow = ratingWindow;
        if (ratingPad != null) {
            ratingPad.addListener(r -> rated(Rating.valueOf(r.name())));
        }
    }

    /**
     * Opens the counter once, when the first snapshot after start shows it closed and the link
     * is up ({@code counter.open-at-start}); a counter the clerk closes later stays closed.
     */
    public void openAtStart() {
        openAtStart.set(true);
    }

    /**
     * Follows the link: the office's retained snapshot can arrive before the link reports itself
     * up, and an OPEN sent then would be refused as offline, so the open at start waits for both.
     */
    public void onConnection(boolean online) {
        this.online = online;
        if (online) {
            openAtStartIfDue();
        }
    }

    private void openAtStartIfDue() {
        Boolean open = shownOpen;
        if (open == null || !online || !openAtStart.get()) {
            return;
        }
        if (open) {
            openAtStart.set(false);
        } else if (openAtStart.compareAndSet(true, false)) {
            LOG.info("counter {}: opening at start (counter.open-at-start)", counter);
            press(CommandAction.OPEN);
        }
    }

    /** Follows the office's state: the ticket at this counter now, and the last one it served. */
    public void onSnapshot(StateSnapshot snapshot) {
        CounterView mine = snapshot.counters().stream().filter(c -> c.counter() == counter).findFirst().orElse(null);
        if (mine != null) {
            shownOpen = mine.open();
            openAtStartIfDue();
        }
        TicketView now = mine == null ? null : mine.current();
        if (now != null) {
            lastServed = now;
        }
        current = now;
    }

    /** The ticket at this counter now, or null. */
    public TicketView current() {
        return current;
    }

    /** A call-pad key: NEXT, RECALL, NO_SHOW as their buttons; TRANSFER to {@code transferTarget}. */
    public void onPadKey(CallKey key, String transferTarget) {
        switch (key) {
            case NEXT -> press(CommandAction.CALL_NEXT);
            case RECALL -> press(CommandAction.RECALL);
            case NO_SHOW -> press(CommandAction.NO_SHOW);
            case TRANSFER -> transfer(transferTarget);
        }
    }

    /** CALL_NEXT, RECALL, NO_SHOW, START, FINISH (this counter's current ticket), OPEN, CLOSE or CONFIRM (staff lift a hold). */
    public void press(CommandAction action) {
        if (action == CommandAction.TRANSFER || action == CommandAction.RATE || action == CommandAction.CANCEL) {
            throw new IllegalArgumentException(action + " needs its argument; use transfer() or the rating pad");
        }
        CounterCommand command = new CounterCommand(1, office, counter, action, null, null, null);
        if (action == CommandAction.CONFIRM) {
            // not behind the one-at-a-time gate: while the node holds, a key pressed before (or the
            // counter's OPEN at start) waits there for up to 10 s, and the confirm must still go
            sender.send(command).whenComplete((outcome, failure) ->
                    report(command, outcome != null ? outcome : new CommandOutcome.Unanswered(String.valueOf(failure))));
            return;
        }
        send(command);
    }

    /** Sends the current customer to another service. */
    public void transfer(String category) {
        if (category == null) {
            screen.message("請先選擇要轉去的服務 / Choose the service to transfer to first", true);
            return;
        }
        send(new CounterCommand(1, office, counter, CommandAction.TRANSFER, null, category, null));
    }

    /** "Please rate": opens the rating pad for the ticket being (or just) served. */
    public void askForRating() {
        if (ratingPad == null) {
            screen.message("此櫃台沒有評分器 / No rating pad at this counter (hardware = none)", true);
            return;
        }
        scheduler.execute(() -> {
            TicketView ticket = current != null ? current : lastServed;
            if (ticket == null) {
                screen.message("目前沒有可評分的號碼 / No ticket to rate yet", true);
                return;
            }
            if (ratingTimer != null) {
                ratingTimer.cancel();
            }
            ratingFor = ticket;
            ratingPad.arm(ratingWindow);
            ratingTimer = scheduler.schedule(this::ratingTimedOut, ratingWindow);
            screen.ratingOpened(ticket.number(), ratingWindow);
        });
    }

    private void ratingTimedOut() {
        if (ratingFor == null) {
            return;
        }
        LOG.info("counter {}: no rating for {} within {} s", counter, ratingFor.number(), ratingWindow.toSeconds());
        ratingFor = null;
        ratingTimer = null;
        ratingPad.disarm();
        screen.ratingClosed("未評分 / No rating given");
    }

    private void rated(Rating rating) {
        TicketView ticket = ratingFor;
        if (ticket == null) {
            return;
        }
        ratingFor = null;
        if (ratingTimer != null) {
            ratingTimer.cancel();
            ratingTimer = null;
        }
        screen.ratingClosed("已評分：" + rating.labelZh() + " / Rated: " + rating.labelEn());
        CounterCommand rate = new CounterCommand(1, office, counter, CommandAction.RATE, ticket.ticketId(), null, rating);
        sender.send(rate).thenAccept(outcome -> report(rate, outcome));
    }

    private void send(CounterCommand command) {
        if (!inFlight.compareAndSet(false, true)) {
            screen.message("處理中，請稍候 / Working on the previous key, please wait", true);
            return;
        }
        sender.send(command).whenComplete((outcome, failure) -> {
            inFlight.set(false);
            report(command, outcome != null ? outcome : new CommandOutcome.Unanswered(String.valueOf(failure)));
        });
    }

    private void report(CounterCommand command, CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Replied replied) {
            CommandReply reply = replied.reply();
            if (reply.ok()) {
                screen.message(done(command, reply), false);
            } else {
                screen.message(reply.message() != null ? reply.message() : reply.code().name(), true);
            }
        } else if (outcome instanceof CommandOutcome.Unanswered unanswered) {
            screen.message(unanswered.message(), true);
        }
    }

    private static String done(CounterCommand c, CommandReply reply) {
        String n = reply.ticket() != null ? " " + reply.ticket().number() : "";
        return switch (c.action()) {
            case CALL_NEXT -> reply.ticket() == null || reply.ticket().state() == TicketState.CALLED ? "已叫號" + n + " / Called" + n
                    : reply.ticket().state() == TicketState.NO_SHOW ? "已標記未到" + n + "，無人等候 / No-show" + n + "; nobody waiting"
                    : "已完成" + n + "，無人等候 / Finished" + n + "; nobody waiting";
            case RECALL -> "已重呼" + n + " / Called again" + n;
            case NO_SHOW -> "已標記未到 / Marked as no-show";
            case START -> "開始服務" + n + " / Service started" + n;
            case FINISH -> "服務完成 / Finished";
            case TRANSFER -> "已轉至 " + c.targetCategory() + " / Transferred to " + c.targetCategory();
            case RATE -> "評分已送出 / Rating recorded";
            case OPEN -> "櫃台已開放 / Counter open";
            case CLOSE -> "櫃台已關閉 / Counter closed";
            case CONFIRM -> "已確認，主機開始發號 / Confirmed: the office node issues again";
            default -> "OK";
        };
    }
}
