package tw.jiaohao.board.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.fx.Fx;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.OffsetClock;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.hardware.gpio.CallKey;
import tw.jiaohao.hardware.gpio.KeyTiming;
import tw.jiaohao.hardware.gpio.ManualGpioScheduler;
import tw.jiaohao.hardware.gpio.sim.SimulatedCallPad;
import tw.jiaohao.hardware.gpio.sim.SimulatedRatingPad;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.counter.CommandReply;
import tw.jiaohao.protocol.counter.CounterCommand;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.EventType;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.event.Rating;

/**
 * The counter unit in a real (headless) JavaFX scene, with simulated call and rating pads on a
 * manual GPIO clock, talking to an office through a real broker.
 */
class CounterUnitIT {
    private static final AtomicInteger OFFICES = new AtomicInteger();
    private static final int COUNTER = 2;
    private final FxRobot robot = new FxRobot();
    private RealOffice office;
    private ManualGpioScheduler gpio;
    private SimulatedCallPad callPad;
    private SimulatedRatingPad ratingPad;
    private CounterUnit unit;
    private Parent root;
    private final OffsetClock officeClock = new OffsetClock();
    private String id;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        id = "counter-" + OFFICES.incrementAndGet();
        office = new RealOffice(TestBroker.shared().url(), id, officeClock);
        gpio = new ManualGpioScheduler();
        callPad = new SimulatedCallPad(KeyTiming.defaults(), gpio);
        ratingPad = new SimulatedRatingPad(KeyTiming.defaults(), Duration.ofSeconds(2), gpio);
        DisplayConfig config = Configs.of(DisplayConfig.Role.COUNTER_UNIT, TestBroker.shared().url(), id, COUNTER);
        unit = new CounterUnit(config, Clock.systemUTC(), callPad, ratingPad, gpio);
        FxToolkit.setupStage(stage -> {
            Scene scene = new Scene(unit.view().root(), 1024, 600);
            Fx.style(scene);
            stage.setScene(scene);
            stage.show();
        });
        root = unit.view().root();
        unit.start();
        Ui.await("connected", () -> unit.link().isConnected());
        Ui.await("the first snapshot is shown", () -> Ui.text(root, "waiting-mine").startsWith("等候 0 人"));
    }

    @AfterEach
    void stop() throws Exception {
        unit.close();
        office.close();
    }

    private CounterCommand nextCommand() throws InterruptedException {
        CounterCommand c = office.commands().poll(10, TimeUnit.SECONDS);
        assertThat(c).as("a command reached the office").isNotNull();
        return c;
    }

    private OfficeEvent awaitEvent(EventType type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            OfficeEvent e = office.events().poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.type() == type) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event within 10 s");
    }

    private void tap(CallKey key) {
        callPad.press(key);
        gpio.advance(Duration.ofMillis(200));
    }

    /** Waits for the node's next error reply on the wire and checks the clerk sees exactly its message. */
    private void awaitErrorReply(ReplyCode code) throws InterruptedException {
        CommandReply reply;
        do {
            reply = office.replies().poll(10, TimeUnit.SECONDS);
            assertThat(reply).as("an error reply from the office node").isNotNull();
        } while (reply.ok());
        assertThat(reply.code()).isEqualTo(code);
        awaitMessage(reply.message());
        assertThat(Ui.hasStyleClass(root, "message", "error")).isTrue();
    }

    private void awaitMessage(String text) {
        Ui.await("message '" + text + "'", () -> Ui.text(root, "message").equals(text));
    }

    @Test
    void nextCallsTheNextTicketAndShowsIt() throws Exception {
        office.issue("A", 2);
        robot.clickOn("#next");
        CounterCommand c = nextCommand();
        assertThat(c.action()).isEqualTo(CommandAction.CALL_NEXT);
        assertThat(c.counter()).isEqualTo(COUNTER);
        Ui.await("A001 is served here", () -> Ui.text(root, "serving-number").equals("A001"));
        awaitMessage("已叫號 A001 / Called A001");
        assertThat(Ui.hasStyleClass(root, "message", "error")).isFalse();
    }

    @Test
    void anErrorReplyIsShownPlainly() throws Exception {
        robot.clickOn("#next");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.CALL_NEXT);
        awaitErrorReply(ReplyCode.NOBODY_WAITING);
        robot.clickOn("#finish");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.FINISH);
        awaitErrorReply(ReplyCode.NO_CURRENT_TICKET);
    }

    @Test
    void everyButtonSendsItsCommand() throws Exception {
        office.issue("A", 3);
        office.issue("B", 1);
        robot.clickOn("#next");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.CALL_NEXT);
        awaitMessage("已叫號 A001 / Called A001");
        robot.clickOn("#recall");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.RECALL);
        awaitMessage("已重呼 A001 / Called again A001");
        robot.clickOn("#no-show");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.NO_SHOW);
        awaitMessage("已標記未到 / Marked as no-show");
        robot.clickOn("#next");
        nextCommand();
        awaitMessage("已叫號 A002 / Called A002");
        robot.clickOn("#finish");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.FINISH);
        awaitMessage("服務完成 / Finished");
        robot.clickOn("#next");
        nextCommand();
        awaitMessage("已叫號 A003 / Called A003");
        Ui.onFx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> target = (ChoiceBox<String>) root.lookup("#transfer-target");
            target.setValue("B");
            return null;
        });
        robot.clickOn("#transfer");
        CounterCommand transfer = nextCommand();
        assertThat(transfer.action()).isEqualTo(CommandAction.TRANSFER);
        assertThat(transfer.targetCategory()).isEqualTo("B");
        awaitMessage("已轉至 B / Transferred to B");
    }

    @Test
    void callPadKeysDoWhatTheButtonsDo() throws Exception {
        office.issue("A", 3);
        tap(CallKey.NEXT);
        assertThat(nextCommand().action()).isEqualTo(CommandAction.CALL_NEXT);
        awaitMessage("已叫號 A001 / Called A001");
        tap(CallKey.RECALL);
        assertThat(nextCommand().action()).isEqualTo(CommandAction.RECALL);
        awaitMessage("已重呼 A001 / Called again A001");
        tap(CallKey.NO_SHOW);
        assertThat(nextCommand().action()).isEqualTo(CommandAction.NO_SHOW);
        awaitMessage("已標記未到 / Marked as no-show");
        tap(CallKey.NEXT);
        nextCommand();
        awaitMessage("已叫號 A002 / Called A002");
        tap(CallKey.TRANSFER);
        CounterCommand transfer = nextCommand();
        assertThat(transfer.action()).isEqualTo(CommandAction.TRANSFER);
        assertThat(transfer.targetCategory()).as("the other service is picked by default").isEqualTo("B");
        awaitMessage("已轉至 B / Transferred to B");
        tap(CallKey.RECALL);
        assertThat(nextCommand().action()).isEqualTo(CommandAction.RECALL);
        awaitErrorReply(ReplyCode.NO_CURRENT_TICKET);
    }

    /** Serves {@code customers} with the given press; returns how many presses it took. */
    private int serveWithOnePress(int customers, Runnable press) throws Exception {
        office.issue("A", customers);
        int presses = 0;
        press.run();
        presses++;
        awaitMessage("已叫號 A001 / Called A001");
        for (int k = 1; k <= customers; k++) {
            officeClock.advance(Duration.ofMinutes(4)); // the customer is served
            press.run();
            presses++;
            String served = String.format("A%03d", k);
            String finished = awaitEvent(EventType.SERVICE_FINISHED).ticketNumber();
            assertThat(finished).as("the customer served is finished by the next press").isEqualTo(served);
            awaitMessage(k < customers ? String.format("已叫號 A%03d / Called A%03d", k + 1, k + 1)
                    : "已完成 " + served + "，無人等候 / Finished " + served + "; nobody waiting");
        }
        // the reply and the next snapshot travel separately: the number clears with the snapshot
        Ui.await("nobody served here any more", () -> Ui.text(root, "serving-number").equals("—"));
        return presses;
    }

    @Test
    void onePressPerCustomer_atTheCounter_withTheKeyboardShortcut() throws Exception {
        int customers = 5;
        int presses = serveWithOnePress(customers, () -> robot.push(KeyCode.F1));
        System.out.printf("counter presses per served customer: before 3 (叫號 → 開始服務 → 完成), after %d presses / %d served = %.2f"
                + " (1 each, plus the first call)%n", presses, customers, (double) presses / customers);
        assertThat(presses).isEqualTo(customers + 1);
        robot.clickOn("#next");
        awaitErrorReply(ReplyCode.NOBODY_WAITING);
    }

    @Test
    void onePressPerCustomer_onTheCallPad_throughItsDebouncer() throws Exception {
        int customers = 3;
        int presses = serveWithOnePress(customers, () -> tap(CallKey.NEXT));
        System.out.printf("call-pad presses per served customer: before 3 (the pad could not start or finish), after %d / %d = %.2f%n",
                presses, customers, (double) presses / customers);
        assertThat(presses).isEqualTo(customers + 1);
    }

    @Test
    void aCustomerWhoDoesNotCome_isRecalledAndMarkedNoShow_withOnePressEach_andNextSoonAfterACallIsANoShow() throws Exception {
        office.issue("A", 3);
        tap(CallKey.NEXT);
        awaitMessage("已叫號 A001 / Called A001");
        tap(CallKey.RECALL);
        awaitMessage("已重呼 A001 / Called again A001");
        tap(CallKey.NO_SHOW);
        awaitMessage("已標記未到 / Marked as no-show");
        assertThat(awaitEvent(EventType.TICKET_NO_SHOW).ticketNumber()).isEqualTo("A001");
        tap(CallKey.NEXT);
        awaitMessage("已叫號 A002 / Called A002");
        tap(CallKey.NEXT); // at once: nobody can have been served, A002 did not come
        awaitMessage("已叫號 A003 / Called A003");
        assertThat(awaitEvent(EventType.TICKET_NO_SHOW).ticketNumber()).isEqualTo("A002");
    }

    @Test
    void theRatingBannerNeverMovesTheKeys() throws Exception {
        office.issue("A", 1);
        robot.clickOn("#next");
        awaitMessage("已叫號 A001 / Called A001");
        double before = Ui.onFx(() -> root.lookup("#next").localToScene(0, 0).getY());
        robot.clickOn("#rate");
        Ui.await("the rating banner is shown", () -> Ui.visible(root, "rating-panel"));
        Ui.onFx(() -> {
            root.layout();
            return null;
        });
        assertThat(Ui.onFx(() -> root.lookup("#next").localToScene(0, 0).getY())).isEqualTo(before);
    }

    /** Replaces the unit under test by one with {@code config} and no pads, and starts it. */
    private void restartWithoutPads(DisplayConfig config) throws Exception {
        unit = new CounterUnit(config, Clock.systemUTC(), null, null, gpio);
        FxToolkit.setupStage(stage -> {
            Scene scene = new Scene(unit.view().root(), 1024, 600);
            Fx.style(scene);
            stage.setScene(scene);
        });
        root = unit.view().root();
        unit.start();
    }

    @Test
    void aCounterWhoseOfficeIdMatchesNoOfficeNode_saysSoAndWhatToCheck() throws Exception {
        unit.close();
        restartWithoutPads(Configs.of(DisplayConfig.Role.COUNTER_UNIT, TestBroker.shared().url(), "counter-no-such-office", COUNTER,
                "board.unknown-office-seconds", "2"));
        Ui.await("the unknown-office message is shown", () -> Ui.text(root, "serving-state").contains("counter-no-such-office"));
        assertThat(Ui.text(root, "serving-state")).contains("office.id");
    }

    @Test
    void aClosedCounterOpensItselfWhenTheUnitStarts() throws Exception {
        office.execute(COUNTER, CommandAction.CLOSE);
        // the retained snapshot a new unit receives first must already show the counter closed
        Ui.await("shown closed", () -> Ui.text(root, "serving-state").equals("櫃台未開放"));
        unit.close();
        DisplayConfig config = Configs.of(DisplayConfig.Role.COUNTER_UNIT, TestBroker.shared().url(), id, COUNTER);
        assertThat(config.counterOpensAtStart()).as("the default").isTrue();
        restartWithoutPads(config);
        assertThat(nextCommand().action()).isEqualTo(CommandAction.OPEN);
        Ui.await("shown open", () -> Ui.text(root, "serving-state").equals("閒置"));
    }

    @Test
    void theCounterIsClosedAndOpenedFromTheUnit() throws Exception {
        robot.clickOn("#open-close");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.CLOSE);
        awaitMessage("櫃台已關閉 / Counter closed");
        Ui.await("shown closed", () -> Ui.text(root, "serving-state").equals("櫃台未開放"));
        robot.clickOn("#next");
        nextCommand();
        awaitErrorReply(ReplyCode.COUNTER_CLOSED);
        robot.clickOn("#open-close");
        assertThat(nextCommand().action()).isEqualTo(CommandAction.OPEN);
        awaitMessage("櫃台已開放 / Counter open");
        Ui.await("shown open", () -> Ui.text(root, "serving-state").equals("閒置"));
    }

    @Test
    void waitingForThisCountersServicesFollowsTheQueue() {
        office.issue("A", 3);
        office.issue("B", 2);
        Ui.await("5 waiting", () -> Ui.text(root, "waiting-mine").equals("等候 5 人（A 3 · B 2）"));
        office.execute(1, CommandAction.CALL_NEXT);
        Ui.await("4 waiting", () -> Ui.text(root, "waiting-mine").equals("等候 4 人（A 2 · B 2）"));
    }

    @Test
    void pleaseRateOpensThePadAcceptsOneRatingForTheTicketAndRefusesASecond() throws Exception {
        office.issue("A", 1);
        robot.clickOn("#next");
        nextCommand();
        Ui.await("A001 is called here", () -> Ui.text(root, "serving-number").equals("A001"));
        robot.clickOn("#rate");
        Ui.await("the rating banner is shown", () -> Ui.visible(root, "rating-panel"));
        assertThat(Ui.text(root, "rating-text")).isEqualTo("請來賓為 A001 評分（10 秒）");
        assertThat(List.of(tw.jiaohao.hardware.gpio.Rating.values())).allMatch(ratingPad::isLampOn);

        ratingPad.press(tw.jiaohao.hardware.gpio.Rating.DISSATISFIED);
        gpio.advance(Duration.ofMillis(200));
        CounterCommand rate = nextCommand();
        assertThat(rate.action()).isEqualTo(CommandAction.RATE);
        assertThat(rate.rating()).isEqualTo(Rating.DISSATISFIED);
        assertThat(rate.ticketId()).endsWith("/A001");
        awaitMessage("評分已送出 / Rating recorded");
        assertThat(Ui.visible(root, "rating-panel")).isFalse();
        // 不滿意 raises an alert for the duty manager, bound to the ticket and counter
        OfficeEvent alert = awaitEvent(EventType.ALERT_RAISED);
        assertThat(alert.ticketNumber()).isEqualTo("A001");
        assertThat(alert.counter()).isEqualTo(COUNTER);
        assertThat(alert.rating()).isEqualTo(Rating.DISSATISFIED);

        // a second key press in the same window is not a second rating
        ratingPad.press(tw.jiaohao.hardware.gpio.Rating.SATISFIED);
        gpio.advance(Duration.ofSeconds(3));
        assertThat(office.commands().poll(300, TimeUnit.MILLISECONDS)).isNull();

        // asking again for the same ticket: the office refuses, the clerk sees why
        robot.clickOn("#rate");
        Ui.await("the rating banner is shown again", () -> Ui.visible(root, "rating-panel"));
        ratingPad.press(tw.jiaohao.hardware.gpio.Rating.SATISFIED);
        gpio.advance(Duration.ofMillis(200));
        assertThat(nextCommand().action()).isEqualTo(CommandAction.RATE);
        awaitErrorReply(ReplyCode.ALREADY_RATED);
    }

    @Test
    void theRatingWindowClosesAfterTenSecondsWithNothingSent() throws Exception {
        office.issue("A", 1);
        robot.clickOn("#next");
        nextCommand();
        Ui.await("A001 is served here", () -> Ui.text(root, "serving-number").equals("A001"));
        robot.clickOn("#rate");
        Ui.await("the rating banner is shown", () -> Ui.visible(root, "rating-panel"));

        gpio.advance(Duration.ofMillis(9_900));
        assertThat(ratingPad.isArmed()).isTrue();
        assertThat(Ui.visible(root, "rating-panel")).isTrue();

        gpio.advance(Duration.ofMillis(200));
        Ui.await("the rating banner closes", () -> !Ui.visible(root, "rating-panel"));
        awaitMessage("未評分 / No rating given");
        assertThat(ratingPad.isArmed()).isFalse();
        assertThat(List.of(tw.jiaohao.hardware.gpio.Rating.values())).noneMatch(ratingPad::isLampOn);

        ratingPad.press(tw.jiaohao.hardware.gpio.Rating.VERY_SATISFIED);
        gpio.advance(Duration.ofMillis(200));
        assertThat(office.commands().poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aCommandTheOfficeNodeNeverAnswersIsReportedAndNotRetried() throws Exception {
        unit.close();
        String lonely = "counter-lonely";
        DisplayConfig config = Configs.of(DisplayConfig.Role.COUNTER_UNIT, TestBroker.shared().url(), lonely, COUNTER,
                "mqtt.command-timeout-ms", "300");
        restartWithoutPads(config);
        Ui.await("connected", () -> unit.link().isConnected());
        robot.clickOn("#next");
        awaitMessage("辦公室主機未回應，請再按一次 / The office node did not answer; press again");
        robot.clickOn("#rate");
        awaitMessage("此櫃台沒有評分器 / No rating pad at this counter (hardware = none)");
    }
}
