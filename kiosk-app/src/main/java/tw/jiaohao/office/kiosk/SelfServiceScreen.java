package tw.jiaohao.office.kiosk;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.printing.PrintOutcome;
import tw.jiaohao.office.selfservice.SelfServiceDesk;
import tw.jiaohao.office.selfservice.SelfServiceSession;
import tw.jiaohao.office.selfservice.SelfServiceSession.Check;
import tw.jiaohao.office.selfservice.SelfServiceSession.LookupResult;
import tw.jiaohao.office.selfservice.SelfServiceSession.Refusal;
import tw.jiaohao.office.selfservice.TakenRequest;
import tw.jiaohao.protocol.personal.NationalId;
import tw.jiaohao.protocol.personal.PhoneNumber;
import tw.jiaohao.protocol.selfservice.AccountNumber;
import tw.jiaohao.protocol.selfservice.HouseNumber;
import tw.jiaohao.protocol.selfservice.PersonalData;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SuspensionReason;

/**
 * One customer's self-service request (過戶 transfer, 停用 suspension) on the touchscreen, step
 * by step: kind → account number (keypad, or the bill's QR code through the keyboard-wedge
 * scanner, see {@link BillQr}) → look-up → arrears refusal with a ticket offered, or the masked
 * address confirmed by its house number → the personal-data notice (個資法 §8) → transfer details,
 * or reason, date, contact and the second address confirmation → summary → receipt with the case
 * number. Names are typed in 注音 with a candidate bar ({@link Keypad#targetName}) or in letters.
 * The summary shows the customer's own entries in full (it is their own screen, during their own
 * session), each with an edit button that returns to its step with every value kept; the receipt
 * and the logs keep their masking.
 *
 * <p>The rules are the {@link SelfServiceSession}'s; this screen only shows its answers, with
 * every text from the kiosk's bundles. Every session call runs on the {@code worker} executor
 * and the receipt on the {@code printing} executor, never on the JavaFX thread; answers that
 * come back after {@link #forget()} are dropped.
 *
 * <p>One instance per customer: {@link #forget()} (idle timeout, cancel, done) empties every
 * field and tells the session to forget, and the kiosk drops the instance with its controls.
 * JavaFX thread only.
 */
final class SelfServiceScreen {
    private static final Logger log = LoggerFactory.getLogger(SelfServiceScreen.class);

    /** What the screen asks of the kiosk around it. JavaFX thread. */
    interface Host {
        /** Leave self-service for the home screen. */
        void home();

        /** Leave self-service and issue a ticket of {@code category} the normal way (arrears: pay at the counter). */
        void takeTicket(String category);

        /** A new step is on screen: guard against a double tap, restart the idle timer. */
        void stepChanged();

        /** The receipt is on screen and printing ended: go home after the ticket-screen times. */
        void receiptPrinted(boolean printed);
    }

    /** The steps, in order. */
    enum Step { KIND, ACCOUNT, LOOKING, ADDRESS, NOTICE, TRANSFER, REASON, DATE, CONTACT, CONFIRM_AGAIN, SUMMARY, SUBMITTING, RECEIPT, REFUSED }

    private final I18n i18n;
    private KioskFit fit;
    private final SelfServiceDesk desk;
    private final Executor worker;
    private final Executor printing;
    private final KioskMetrics metrics;
    private final Host host;
    private final VBox node = new VBox();
    private final Label title = new Label();
    private final Keypad keypad;
    private final Zhuyin zhuyin;
    /** The field an edit from the summary returns to, or null. */
    private TextField editing;
    /** Re-arranges the name step on screens short of room when the keypad switches to or from 注音. */
    private Runnable arrangeNameEntry = () -> { };

    private final TextField account = field("ss-account");
    private final TextField house = field("ss-house");
    private final TextField name = field("ss-name");
    private final TextField nationalId = field("ss-id");
    private final TextField phone = field("ss-phone");
    private final Label problem = problemLabel("ss-problem");
    private final Label nameProblem = problemLabel("ss-name-problem");
    private final Label idProblem = problemLabel("ss-id-problem");
    private final Label phoneProblem = problemLabel("ss-phone-problem");

    private Step step;
    private boolean gone;
    private RequestKind kind;
    private SelfServiceSession session;
    private String maskedAddress;
    private boolean unverified;
    private SuspensionReason reason;
    private LocalDate date;
    private LocalDate earliest;
    private LocalDate latest;
    private LocalDate windowStart;

    SelfServiceScreen(I18n i18n, KioskFit fit, SelfServiceDesk desk, Executor worker, Executor printing, KioskMetrics metrics,
                      Zhuyin zhuyin, Host host) {
        this.i18n = i18n;
        this.zhuyin = zhuyin;
        this.fit = fit;
        this.desk = desk;
        this.worker = worker;
        this.printing = printing;
        this.metrics = metrics;
        this.host = host;
        this.keypad = new Keypad(i18n, fit);
        keypad.zhuyinShown().addListener((o, was, now) -> arrangeNameEntry.run());
        sizeFields();
        node.getStyleClass().add("screen");
        node.setId("selfservice");
        title.setId("ss-title");
        title.getStyleClass().add("prompt");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(i18n.text("ss.title"));
        account.setOnAction(e -> lookUp());
        account.textProperty().addListener((o, was, now) -> problem.setText(""));
        house.setOnAction(e -> confirmAddress());
        house.textProperty().addListener((o, was, now) -> problem.setText(""));
        nationalId.textProperty().addListener((o, was, now) -> idProblem.setText(idProblemAsTyped(now)));
        phone.textProperty().addListener((o, was, now) -> phoneProblem.setText(phoneProblemAsTyped(now)));
        name.textProperty().addListener((o, was, now) -> nameProblem.setText(""));
        name.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                keypad.targetName(name, zhuyin);
            }
        });
        nationalId.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                keypad.target(nationalId, true, false);
            }
        });
        phone.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                keypad.target(phone, false, false);
            }
        });
        show(Step.KIND);
    }

    VBox node() {
        return node;
    }

    Step step() {
        return step;
    }

    /** Lays the steps out for {@code f}; the step on screen is shown again, laid out anew (not a receipt or refusal). */
    void fit(KioskFit f) {
        fit = f;
        keypad.fit(f);
        sizeFields();
        if (!gone && step != Step.RECEIPT && step != Step.REFUSED) {
            show(step);
        }
    }

    private void sizeFields() {
        for (TextField f : List.of(account, house, name, nationalId, phone)) {
            f.setMinHeight(fit.touch());
            f.setMinWidth(fit.touch());
        }
    }

    /** While the request is being taken or its receipt is on screen, the idle timeout leaves the screen alone. */
    boolean holdsScreen() {
        return step == Step.SUBMITTING || step == Step.RECEIPT;
    }

    /** Empties every field and forgets the request; nothing typed stays in the controls or in this object. */
    void forget() {
        gone = true;
        for (TextField f : List.of(account, house, name, nationalId, phone)) {
            f.clear();
        }
        for (Label l : List.of(problem, nameProblem, idProblem, phoneProblem)) {
            l.setText("");
        }
        node.getChildren().clear();
        SelfServiceSession s = session;
        session = null;
        if (s != null) {
            worker.execute(s::forget);
        }
        maskedAddress = null;
        reason = null;
        date = null;
    }

    // ---- steps ----

    private void show(Step next) {
        step = next;
        arrangeNameEntry = () -> { };
        problem.setText("");
        keypad.target(null, false, false);
        Node page = switch (next) {
            case KIND -> kindPage();
            case ACCOUNT -> accountPage();
            case LOOKING -> busyPage("ss.looking");
            case ADDRESS -> addressPage();
            case NOTICE -> noticePage();
            case TRANSFER -> transferPage();
            case REASON -> reasonPage();
            case DATE -> datePage();
            case CONTACT -> contactPage();
            case CONFIRM_AGAIN -> confirmAgainPage();
            case SUMMARY -> summaryPage();
            case SUBMITTING -> busyPage("ss.submitting");
            case RECEIPT, REFUSED -> throw new IllegalArgumentException(next + " is shown with its content");
        };
        withTitle(page);
        host.stepChanged();
    }

    private void showPage(Step next, Node page) {
        step = next;
        arrangeNameEntry = () -> { };
        keypad.target(null, false, false);
        withTitle(page);
        host.stepChanged();
    }

    /** The step under the request's title; in large print on a short screen the step alone (the type needs the height). */
    private void withTitle(Node page) {
        if (fit.large() && fit.compact()) {
            node.getChildren().setAll(page);
        } else {
            node.getChildren().setAll(title, page);
        }
    }

    /** Days on the date step: two weeks, one in large print (each day's button needs the width). */
    private int daysShown() {
        return fit.large() ? 8 : 14;
    }

    private Node kindPage() {
        Label prompt = text("ss.choose", "prompt");
        javafx.scene.layout.Pane row = fit.portrait() ? new VBox(fit.px(30)) : new HBox(fit.px(30));
        if (row instanceof HBox h) {
            h.setAlignment(Pos.CENTER);
        } else {
            ((VBox) row).setAlignment(Pos.CENTER);
        }
        VBox.setVgrow(row, Priority.ALWAYS);
        for (RequestKind k : RequestKind.values()) {
            Button b = button("ss-kind-" + k.name(), "ss.kind." + k.name(), "tile");
            b.getStyleClass().add("ss-kind");
            b.setPrefSize(fit.px(480), fit.px(fit.large() ? 340 : 300));
            if (fit.large()) {
                // the whole width for the two kinds: their explanations in large type
                b.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(b, Priority.ALWAYS);
            }
            b.setOnAction(e -> begin(k));
            row.getChildren().add(b);
        }
        return page(new VBox(fit.px(20), prompt, row));
    }

    private void begin(RequestKind k) {
        kind = k;
        session = desk.begin(k);
        title.textProperty().bind(i18n.text("ss.title." + k.name()));
        show(Step.ACCOUNT);
    }

    private Node accountPage() {
        Label prompt = text("ss.account.prompt", "ss-prompt");
        HBox line = new HBox(fit.px(16), wholeWords(text("ss.account.label", "ss-label")), account);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(fit.px(20), prompt, line, problem);
        keypad.target(account, true, false);
        focusLater(account);
        Button next = button("ss-lookup", "ss.lookup", "action");
        next.disableProperty().bind(account.textProperty().isEmpty());
        next.setOnAction(e -> lookUp());
        return keypadPage(left, next);
    }

    private void lookUp() {
        if (step != Step.ACCOUNT) {
            return;
        }
        String input = BillQr.accountNumber(account.getText());
        account.setText(input);
        if (AccountNumber.problem(input).isPresent()) {
            problem.setText(i18n.format("ss.account.invalid"));
            return;
        }
        SelfServiceSession s = session;
        show(Step.LOOKING);
        work(() -> s.lookUp(input), r -> {
            if (r instanceof LookupResult.ConfirmAddress c) {
                maskedAddress = c.maskedAddress();
                unverified = c.notYetVerified();
                show(Step.ADDRESS);
            } else if (r instanceof LookupResult.Refused refused) {
                refuse(refused.refusal());
            } else {
                show(Step.ACCOUNT);
                problem.setText(i18n.format("ss.account.unknown"));
            }
        });
    }

    private Node addressPage() {
        VBox left = new VBox(fit.px(8), text("ss.address.title", "ss-label"), addressLabel());
        if (unverified) {
            Label notice = text("ss.address.unverified", "ss-notice");
            notice.setId("ss-unverified");
            left.getChildren().add(notice);
        }
        HBox line = new HBox(fit.px(16), wholeWords(text("ss.house.label", "ss-label")), house);
        line.setAlignment(Pos.CENTER_LEFT);
        left.getChildren().addAll(text("ss.house.prompt", "ss-prompt"), line, problem);
        keypad.target(house, false, true);
        focusLater(house);
        Button next = button("ss-confirm-address", "ss.confirm-address", "action");
        next.disableProperty().bind(house.textProperty().isEmpty());
        next.setOnAction(e -> confirmAddress());
        return keypadPage(left, next);
    }

    /** What a step's check said, read on the worker with the session's state after it. */
    private record Answer(Check check, Optional<Refusal> refusal, boolean unverified, LocalDate earliest, LocalDate latest) {
    }

    private Answer answer(SelfServiceSession s, Check c) {
        return new Answer(c, s.refusal(), s.notYetVerified(), s.earliestEffectiveDate(), s.latestEffectiveDate());
    }

    private void confirmAddress() {
        if (step != Step.ADDRESS) {
            return;
        }
        String typed = house.getText();
        if (HouseNumber.normalize(typed).isEmpty()) {
            problem.setText(i18n.format("ss.house.invalid"));
            return;
        }
        SelfServiceSession s = session;
        work(() -> answer(s, s.confirmAddress(typed)), a -> {
            unverified = a.unverified();
            if (a.refusal().isPresent()) {
                refuse(a.refusal().get());
            } else if (!a.check().ok()) {
                house.clear();
                problem.setText(i18n.format("ss.house.mismatch"));
            } else {
                earliest = a.earliest();
                latest = a.latest();
                show(Step.NOTICE);
            }
        });
    }

    /** 個資法 §8: who collects, for what, how it is used and the customer's rights, before the ID and phone are asked. */
    private Node noticePage() {
        Label heading = text("ss.privacy.title", "ss-prompt");
        heading.setId("ss-privacy-title");
        Label body = text("ss.privacy.body", "ss-notice-text");
        body.setId("ss-privacy-body");
        VBox box = new VBox(fit.px(14), heading, body);
        Button agree = button("ss-privacy-ok", "ss.privacy.ok", "action");
        agree.setOnAction(e -> show(kind == RequestKind.TRANSFER ? Step.TRANSFER : Step.REASON));
        return page(box, agree);
    }

    private Node transferPage() {
        GridPane form = form();
        row(form, 0, "ss.name.new-holder", name, nameProblem);
        echoBesideName(form);
        row(form, 1, "ss.id.label", nationalId, idProblem);
        row(form, 2, "ss.phone.label", phone, phoneProblem);
        VBox left = new VBox(fit.px(8), text("ss.transfer.prompt", "ss-prompt"), form);
        TextField first = editing != null ? editing : name.getText().isEmpty() ? name : nationalId;
        editing = null;
        if (first == name) {
            keypad.targetName(name, zhuyin);
        } else {
            keypad.target(first, first != phone, false);
        }
        focusLater(first);
        Button next = button("ss-next", "ss.next", "action");
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> name.getText().isBlank()
                || !NationalId.isValid(nationalId.getText()) || !PhoneNumber.isValid(phone.getText()),
                name.textProperty(), nationalId.textProperty(), phone.textProperty()));
        next.setOnAction(e -> {
            SelfServiceSession s = session;
            String n = name.getText();
            String id = nationalId.getText();
            String p = phone.getText();
            work(() -> answer(s, s.transfer(n, id, p)), a -> {
                if (a.check().ok()) {
                    show(Step.SUMMARY);
                } else {
                    fieldProblem(a.check());
                }
            });
        });
        return keypadPage(left, true, next);
    }

    private Node reasonPage() {
        GridPane grid = new GridPane();
        grid.setHgap(fit.px(16));
        grid.setVgap(fit.px(14));
        List<SuspensionReason> reasons = SelfServiceSession.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            SuspensionReason r = reasons.get(i);
            Button b = button("ss-reason-" + r.name(), "ss.reason." + r.name(), "secondary");
            b.getStyleClass().add("ss-reason");
            double width = fit.large() ? Math.min(fit.px(540), (fit.width() - fit.px(110)) / 2) : fit.px(395);
            b.setPrefWidth(width);
            b.setMaxWidth(width);
            // room for two lines of the longer English reasons (three in large print upright, narrower)
            b.setPrefHeight(Math.max(fit.touch() + fit.px(10), fit.textHeight(1.083, fit.large() && fit.portrait() ? 3 : 2) + fit.px(12)));
            b.setMinHeight(Region.USE_PREF_SIZE);
            b.setOnAction(e -> chooseReason(r));
            grid.add(b, i % reasonColumns(), i / reasonColumns());
        }
        VBox body = new VBox(fit.px(20), text("ss.reason.prompt", "ss-prompt"), grid);
        if (fit.large() && fit.compact()) {
            // two columns of reasons in large type: cancel takes the free cell, the height is short
            Button cancel = button("ss-cancel", "ss.cancel", "secondary");
            cancel.setOnAction(e -> host.home());
            cancel.setMaxWidth(Double.MAX_VALUE);
            cancel.setMaxHeight(Double.MAX_VALUE);
            grid.add(cancel, reasons.size() % reasonColumns(), reasons.size() / reasonColumns());
            VBox.setVgrow(body, Priority.ALWAYS);
            return body;
        }
        return page(body);
    }

    private int reasonColumns() {
        return fit.portrait() || fit.large() ? 2 : 3;
    }

    private void chooseReason(SuspensionReason r) {
        if (!r.refused()) {
            reason = r;
            windowStart = earliest.minusDays(1);
            show(Step.DATE);
            return;
        }
        // the session refuses it and remembers why (it is never taken)
        SelfServiceSession s = session;
        work(() -> answer(s, s.suspension(r, null, null, null)), a -> refuse(a.refusal().orElse(Refusal.DISPUTE)));
    }

    private Node datePage() {
        LocalDate today = earliest.minusDays(1);
        GridPane days = new GridPane();
        days.setHgap(fit.px(10));
        days.setVgap(fit.px(10));
        double dayWidth = Math.max(fit.touch(), fit.px(fit.large() ? 190 : 140));
        int dayColumns = fit.portrait() ? KioskFit.columns(fit.width() - fit.px(80), dayWidth, fit.px(10), fit.large() ? 4 : 7)
                : fit.large() ? 4 : 7;
        Label chosen = new Label();
        chosen.setId("ss-date-chosen");
        chosen.getStyleClass().add("ss-value");
        Button next = button("ss-next", "ss.next", "action");
        next.setDisable(date == null);
        Runnable refresh = () -> {
            chosen.textProperty().bind(date == null ? i18n.text("ss.date.none") : i18n.text("ss.date.chosen", longDate(date)));
            next.setDisable(date == null);
        };
        for (int i = 0; i < daysShown(); i++) {
            LocalDate d = windowStart.plusDays(i);
            Button b = new Button();
            b.setId("ss-day-" + d);
            b.getStyleClass().add("ss-day");
            b.setFocusTraversable(false);
            b.setMinSize(dayWidth, Math.max(fit.touch(), fit.px(100)));
            b.setPrefSize(Math.max(dayWidth, fit.px(150)), Math.max(fit.touch(), Math.max(fit.px(110), fit.textHeight(1.083, 2) + fit.px(44))));
            b.setMinHeight(Region.USE_PREF_SIZE);
            if (d.equals(today)) {
                b.textProperty().bind(i18n.text("ss.date.today"));
                b.getStyleClass().add("today");
            } else {
                b.textProperty().bind(Bindings.createStringBinding(() -> DateTimeFormatter.ofPattern("M/d\n(E)", i18n.locale()).format(d),
                        i18n.localeProperty()));
            }
            // today and earlier can never be picked; nor beyond selfservice.max-days-ahead
            b.setDisable(d.isBefore(earliest) || d.isAfter(latest));
            if (d.equals(date)) {
                b.getStyleClass().add("selected");
            }
            b.setOnAction(e -> {
                date = d;
                days.getChildren().forEach(c -> c.getStyleClass().remove("selected"));
                b.getStyleClass().add("selected");
                refresh.run();
            });
            days.add(b, i % dayColumns, i / dayColumns);
        }
        refresh.run();
        Button earlier = button("ss-days-earlier", "ss.date.earlier", "secondary");
        earlier.setDisable(!windowStart.isAfter(today));
        earlier.setOnAction(e -> {
            windowStart = windowStart.minusDays(daysShown());
            show(Step.DATE);
        });
        whole(earlier);
        Button later = whole(button("ss-days-later", "ss.date.later", "secondary"));
        later.setDisable(windowStart.plusDays(daysShown()).isAfter(latest));
        later.setOnAction(e -> {
            windowStart = windowStart.plusDays(daysShown());
            show(Step.DATE);
        });
        chosen.setWrapText(true);
        chosen.setMinWidth(0);
        chosen.setMinHeight(Region.USE_PREF_SIZE);
        HBox paging = new HBox(fit.px(16), earlier, later, chosen);
        paging.setAlignment(Pos.CENTER_LEFT);
        next.setOnAction(e -> show(Step.CONTACT));
        return page(new VBox(fit.px(16), text("ss.date.prompt", "ss-prompt"), days, paging, problem), next);
    }

    private Node contactPage() {
        GridPane form = form();
        row(form, 0, "ss.name.contact", name, nameProblem);
        echoBesideName(form);
        row(form, 1, "ss.phone.label", phone, phoneProblem);
        VBox left = new VBox(fit.px(16), text("ss.contact.prompt", "ss-prompt"), form);
        TextField first = editing != null ? editing : name;
        editing = null;
        if (first == name) {
            keypad.targetName(name, zhuyin);
        } else {
            keypad.target(first, false, false);
        }
        focusLater(first);
        Button next = button("ss-next", "ss.next", "action");
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> name.getText().isBlank() || !PhoneNumber.isValid(phone.getText()),
                name.textProperty(), phone.textProperty()));
        next.setOnAction(e -> {
            SelfServiceSession s = session;
            SuspensionReason r = reason;
            LocalDate d = date;
            String n = name.getText();
            String p = phone.getText();
            work(() -> answer(s, s.suspension(r, d, n, p)), a -> {
                if (a.check().ok()) {
                    show(Step.CONFIRM_AGAIN);
                } else if ("effectiveDate".equals(a.check().field())) {
                    dateAgain(a);
                } else {
                    fieldProblem(a.check());
                }
            });
        });
        return keypadPage(left, true, next);
    }

    /** The chosen date is no longer allowed (the session straddled midnight): choose again. */
    private void dateAgain(Answer a) {
        earliest = a.earliest();
        latest = a.latest();
        boolean tooEarly = date == null || date.isBefore(earliest);
        date = null;
        windowStart = earliest.minusDays(1);
        show(Step.DATE);
        problem.setText(tooEarly ? i18n.format("ss.date.too-early") : i18n.format("ss.date.too-late",
                java.time.temporal.ChronoUnit.DAYS.between(earliest.minusDays(1), latest)));
    }

    private Node confirmAgainPage() {
        Label question = text("ss.again.question", "prompt");
        question.setId("ss-again-question");
        VBox body = new VBox(fit.px(24), text("ss.address.title", "ss-label"), addressLabel(), question);
        Button yes = button("ss-confirm-yes", "ss.again.yes", "action");
        Button no = button("ss-confirm-no", "ss.again.no", "secondary");
        yes.setOnAction(e -> confirmAgain(true));
        no.setOnAction(e -> confirmAgain(false));
        return page(body, no, yes);
    }

    private void confirmAgain(boolean confirmed) {
        SelfServiceSession s = session;
        work(() -> answer(s, s.confirmAddressAgain(confirmed)), a -> {
            if (a.check().ok()) {
                show(Step.SUMMARY);
            } else {
                refuse(a.refusal().orElse(Refusal.ADDRESS_NOT_CONFIRMED));
            }
        });
    }

    private Node summaryPage() {
        GridPane grid = form();
        int row = 0;
        // the kind is in the title
        // the customer's own entries, in full: this is their screen, and a typo must be seen to be fixed
        summary(grid, row++, "account", constant(AccountNumber.normalize(account.getText())), this::editAccount);
        summary(grid, row++, "address", maskedAddress != null ? constant(maskedAddress) : i18n.text("ss.address.hidden"), null);
        if (kind == RequestKind.TRANSFER) {
            summary(grid, row++, "new-holder", constant(name.getText().strip()), () -> edit(Step.TRANSFER, name));
            summary(grid, row++, "id", constant(NationalId.normalize(nationalId.getText())), () -> edit(Step.TRANSFER, nationalId));
            summary(grid, row, "phone", constant(PhoneNumber.normalize(phone.getText())), () -> edit(Step.TRANSFER, phone));
        } else {
            summary(grid, row++, "date", constant(longDate(date)), () -> edit(Step.DATE, null));
            summary(grid, row++, "reason", i18n.text("ss.reason." + reason.name()), () -> edit(Step.REASON, null));
            summary(grid, row++, "contact", constant(name.getText().strip()), () -> edit(Step.CONTACT, name));
            summary(grid, row, "phone", constant(PhoneNumber.normalize(phone.getText())), () -> edit(Step.CONTACT, phone));
        }
        VBox body = new VBox(fit.px(12), text("ss.summary.title", "ss-prompt"), grid);
        if (unverified) {
            body.getChildren().add(text("ss.receipt.unverified", "ss-notice"));
        }
        Button submit = button("ss-submit", "ss.submit", "action");
        submit.setOnAction(e -> submit());
        return page(body, submit);
    }

    /** Back from the summary to the step of one entry, every value kept; the session takes the details again. */
    private void edit(Step to, TextField field) {
        SelfServiceSession s = session;
        work(() -> {
            s.editDetails();
            return Boolean.TRUE;
        }, ok -> {
            editing = field;
            if (to == Step.DATE) {
                windowStart = earliest.minusDays(1);
            }
            show(to);
        });
    }

    /** Another account number means another look-up: a new session, the details typed so far kept in their fields. */
    private void editAccount() {
        SelfServiceSession old = session;
        worker.execute(old::forget);
        session = desk.begin(kind);
        maskedAddress = null;
        house.clear();
        show(Step.ACCOUNT);
    }

    private void submit() {
        SelfServiceSession s = session;
        show(Step.SUBMITTING);
        work(() -> {
            try {
                return s.submit();
            } catch (IllegalStateException midnight) {
                // the office day changed since the date was chosen: it must be chosen again
                return null;
            }
        }, taken -> {
            if (taken != null) {
                taken(taken);
            } else {
                redoDate(s);
            }
        });
    }

    private void redoDate(SelfServiceSession s) {
        work(() -> new Answer(null, s.refusal(), s.notYetVerified(), s.earliestEffectiveDate(), s.latestEffectiveDate()), this::dateAgain);
    }

    private void taken(TakenRequest t) {
        metrics.requestsTaken.incrementAndGet();
        LocalDate effective = date;
        // personal data leaves the screen as soon as the request is taken
        for (TextField f : List.of(account, house, name, nationalId, phone)) {
            f.clear();
        }
        session = null;
        Label caseNumber = new Label(t.caseNumber());
        caseNumber.setId("ss-case-number");
        caseNumber.getStyleClass().add("ss-case-number");
        Label check = text(t.notYetVerified() ? "ss.receipt.unverified" : "ss.receipt.verified", t.notYetVerified() ? "ss-notice" : "ss-prompt");
        check.setId("ss-receipt-check");
        Label next = new Label();
        next.setId("ss-receipt-next");
        next.getStyleClass().add("ss-prompt");
        next.setWrapText(true);
        next.setMinHeight(Region.USE_PREF_SIZE);
        next.textProperty().bind(t.kind() == RequestKind.TRANSFER ? i18n.text("ss.receipt.next.TRANSFER")
                : i18n.text("ss.receipt.next.SUSPENSION", longDate(effective)));
        VBox body = new VBox(fit.px(12), text("ss.receipt.taken", "prompt"), caseLine(text("ss.receipt.case", "ss-label"), caseNumber), check, next);
        VBox.setVgrow(body, Priority.ALWAYS);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(fit.px(48), fit.px(48));
        progress.setMinSize(fit.px(48), fit.px(48));
        Label status = text("ss.print.printing", "print-status");
        status.setId("ss-print-status");
        Label photo = text("ss.print.photo", "print-status");
        photo.setId("ss-print-photo");
        photo.managedProperty().bind(photo.visibleProperty());
        photo.setVisible(false);
        VBox texts = new VBox(fit.px(4), status, photo);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        Button done = button("ss-done", "done", "action");
        if (fit.large()) {
            // one word in large type: never broken over two lines
            whole(done);
        }
        done.setOnAction(e -> host.home());
        HBox statusRow = new HBox(fit.px(16), progress, texts, done);
        statusRow.getStyleClass().add("status-row");
        statusRow.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(fit.px(18), body, statusRow);
        VBox.setVgrow(page, Priority.ALWAYS);
        showPage(Step.RECEIPT, page);

        CompletableFuture.supplyAsync(() -> desk.print(t), printing)
                .exceptionally(e -> {
                    log.error("printing the receipt of case {} failed", t.caseNumber(), e);
                    return null;
                })
                .thenAccept(outcome -> Platform.runLater(() -> {
                    boolean printed = outcome != null && outcome.isPrinted();
                    if (!printed) {
                        metrics.printFailures.incrementAndGet();
                    }
                    if (gone) {
                        return;
                    }
                    progress.setVisible(false);
                    if (printed) {
                        status.textProperty().bind(i18n.text("ss.print.printed"));
                    } else {
                        statusRow.getStyleClass().add("failed");
                        status.textProperty().bind(i18n.text("ss.print.failed"));
                        photo.setVisible(true);
                    }
                    host.receiptPrinted(printed);
                }));
    }

    private void refuse(Refusal why) {
        metrics.requestsRefused.incrementAndGet();
        String key = switch (why) {
            case ARREARS -> "ss.arrears";
            case INACTIVE -> "ss.inactive";
            case ADDRESS_MISMATCH -> "ss.house.too-many";
            case ADDRESS_NOT_CONFIRMED -> "ss.cancelled";
            case DISPUTE -> "ss.dispute";
        };
        for (TextField f : List.of(house, name, nationalId, phone)) {
            f.clear();
        }
        Label message = text(key, "ss-message");
        message.setId("ss-message");
        message.getStyleClass().add("refusal-" + why.name().toLowerCase(Locale.ROOT));
        VBox center = new VBox(message);
        center.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(center, Priority.ALWAYS);
        Button home = button("ss-home", "ss.home", why == Refusal.ARREARS ? "secondary" : "action");
        home.setOnAction(e -> host.home());
        Node page;
        if (why == Refusal.ARREARS) {
            Button ticket = button("ss-take-ticket", "ss.take-ticket", "action");
            String category = desk.arrearsTicketCategory();
            ticket.setOnAction(e -> host.takeTicket(category));
            page = bottom(center, null, home, ticket);
        } else {
            page = bottom(center, null, home);
        }
        showPage(Step.REFUSED, page);
    }

    private Node busyPage(String key) {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(fit.px(120), fit.px(120));
        Label l = text(key, "prompt");
        l.setId("ss-busy");
        VBox box = new VBox(fit.px(30), p, l);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    // ---- as-typed checks, in the kiosk's language ----

    /** Says nothing while what was typed can still become a valid number; the problem as soon as it cannot. */
    private String idProblemAsTyped(String typed) {
        String id = NationalId.normalize(typed);
        boolean couldGrow = id.length() < 10 && id.matches("[A-Z][0-9]*") && (id.length() < 2 || "1289".indexOf(id.charAt(1)) >= 0);
        if (id.isEmpty() || couldGrow) {
            return "";
        }
        return NationalId.problem(id).map(p -> i18n.format("ss.id." + p.name())).orElse("");
    }

    private String phoneProblemAsTyped(String typed) {
        String p = PhoneNumber.normalize(typed);
        boolean couldGrow = p.length() < 10 && p.matches("0?|0[2-9][0-9]*");
        return p.isEmpty() || PhoneNumber.isValid(p) || couldGrow ? "" : i18n.format("ss.phone.invalid");
    }

    private void fieldProblem(Check c) {
        switch (c.field() == null ? "" : c.field()) {
            case "name" -> nameProblem.setText(i18n.format("ss.name.invalid"));
            case "nationalId" -> idProblem.setText(NationalId.problem(nationalId.getText())
                    .map(p -> i18n.format("ss.id." + p.name())).orElse(i18n.format("ss.id.FORMAT")));
            case "phone" -> phoneProblem.setText(i18n.format("ss.phone.invalid"));
            default -> problem.setText(i18n.format("ss.failed"));
        }
    }

    // ---- work off the JavaFX thread ----

    private <T> void work(Supplier<T> job, Consumer<T> then) {
        CompletableFuture.supplyAsync(job, worker).whenComplete((r, e) -> Platform.runLater(() -> {
            if (gone) {
                return;
            }
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                // no personal data in these messages: they name the step, never a value
                log.warn("self-service step {} failed: {}", step, cause.toString());
                refuseWithFailure();
                return;
            }
            then.accept(r);
        }));
    }

    private void refuseWithFailure() {
        Label message = text("ss.failed", "ss-message");
        message.setId("ss-message");
        VBox center = new VBox(message);
        center.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(center, Priority.ALWAYS);
        Button home = button("ss-home", "ss.home", "action");
        home.setOnAction(e -> host.home());
        showPage(Step.REFUSED, bottom(center, null, home));
    }

    // ---- building blocks ----

    private Node page(Node body, Button... right) {
        Button cancel = button("ss-cancel", "ss.cancel", "secondary");
        cancel.setOnAction(e -> host.home());
        return bottom(body, cancel, right);
    }

    private VBox bottom(Node body, Button left, Button... right) {
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(fit.px(8), body, actions(left, right));
        VBox.setVgrow(page, Priority.ALWAYS);
        return page;
    }

    /**
     * A step with the keypad: form at the left and keypad at the right, the step's buttons below
     * both; on short wide screens the buttons go under the keypad, on upright ones the keypad and
     * buttons under the form. Where room is short the form gives way while the letters are shown
     * (they go back to digits after each letter).
     */
    private Node keypadPage(VBox left, Button... right) {
        return keypadPage(left, false, right);
    }

    /**
     * @param nameEntry the step asks for a name: while the 注音 keys (candidate bar above them) are
     *                  shown on screens short of room, the step's buttons go in a column beside them,
     *                  under a line repeating the name as typed, since the form gives way
     */
    private Node keypadPage(VBox left, boolean nameEntry, Button... right) {
        Button cancel = button("ss-cancel", "ss.cancel", "secondary");
        cancel.setOnAction(e -> host.home());
        left.setMinWidth(0);
        HBox.setHgrow(left, Priority.ALWAYS);
        // large print on a wide screen with room under the keypad: the step's buttons (wide in large type) under both
        boolean roomBelow = fit.large() && !fit.portrait() && !nameEntry && fit.height() >= 700;
        if (!fit.compact() && !fit.portrait() || roomBelow) {
            return bottom(new HBox(fit.px(30), left, keypad.node()), cancel, right);
        }
        keypad.echoNameToo(true);
        left.visibleProperty().bind(keypad.hidesForm().not());
        left.managedProperty().bind(left.visibleProperty());
        if (fit.portrait()) {
            // the step's buttons in a column beside the keypad: upright screens are short of height
            VBox column = new VBox(fit.px(12));
            if (nameEntry) {
                Label echo = keypad.echo();
                echo.visibleProperty().bind(keypad.zhuyinShown());
                echo.managedProperty().bind(echo.visibleProperty());
                column.getChildren().add(echo);
            }
            column.getChildren().add(cancel);
            Region push = new Region();
            VBox.setVgrow(push, Priority.ALWAYS);
            column.getChildren().add(push);
            column.getChildren().addAll(right);
            for (Node b : column.getChildren()) {
                if (b instanceof Button button) {
                    button.setStyle("-fx-padding: 0.2em;");
                    button.setMinWidth(fit.touch());
                    button.setMaxWidth(Double.MAX_VALUE);
                }
            }
            HBox.setHgrow(column, Priority.ALWAYS);
            HBox below = new HBox(fit.px(16), keypad.node(), column);
            VBox page = new VBox(fit.px(16), left, below);
            VBox.setVgrow(page, Priority.ALWAYS);
            return page;
        }
        HBox page = new HBox(fit.px(20), left);
        VBox.setVgrow(page, Priority.ALWAYS);
        if (!nameEntry) {
            page.getChildren().add(side(cancel, right));
            return page;
        }
        Runnable arrange = () -> {
            if (keypad.zhuyinShown().get()) {
                Label echo = keypad.echo();
                echo.visibleProperty().unbind();
                echo.managedProperty().unbind();
                echo.setVisible(true);
                echo.setManaged(true);
                Region push = new Region();
                VBox.setVgrow(push, Priority.ALWAYS);
                VBox column = new VBox(fit.px(12), echo, push, cancel);
                column.getChildren().addAll(right);
                column.setMinWidth(Region.USE_PREF_SIZE);
                column.setAlignment(Pos.TOP_RIGHT);
                HBox.setHgrow(column, Priority.ALWAYS);
                page.getChildren().setAll(left, keypad.node(), column);
            } else {
                page.getChildren().setAll(left, side(cancel, right));
            }
        };
        arrangeNameEntry = arrange;
        arrange.run();
        return page;
    }

    private VBox side(Button cancel, Button... right) {
        HBox buttons = actions(cancel, right);
        if (fit.large()) {
            // the buttons' words wrap under the keypad rather than taking the form's width
            buttons.setPrefWidth(keypad.node().prefWidth(-1));
        }
        VBox side = new VBox(fit.px(12), keypad.node(), buttons);
        side.setAlignment(Pos.TOP_RIGHT);
        side.setMinWidth(Region.USE_PREF_SIZE);
        return side;
    }

    /** The case number beside its label, or under it on upright screens. */
    private Node caseLine(Label label, Label number) {
        number.setMinWidth(Region.USE_PREF_SIZE);
        if (fit.portrait()) {
            return new VBox(fit.px(4), label, number);
        }
        HBox line = new HBox(fit.px(20), label, number);
        line.setAlignment(Pos.BASELINE_LEFT);
        return line;
    }

    private HBox actions(Button left, Button... right) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(fit.px(16));
        if (left != null) {
            row.getChildren().add(left);
        }
        row.getChildren().add(gap);
        row.getChildren().addAll(right);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(fit.px(16));
        g.setVgap(fit.px(6));
        return g;
    }

    private void row(GridPane g, int row, String labelKey, TextField f, Label fieldProblem) {
        Label l = text(labelKey, "ss-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        g.add(l, 0, row * 2);
        g.add(f, 1, row * 2);
        g.add(fieldProblem, 1, row * 2 + 1);
    }

    /** Where the form stays beside the keys, the syllable being typed shows right of the name field (the field holds what is chosen). */
    private void echoBesideName(GridPane form) {
        if (fit.compact() || fit.portrait()) {
            return;
        }
        Label echo = keypad.echo();
        keypad.echoNameToo(false);
        echo.visibleProperty().unbind();
        echo.managedProperty().unbind();
        // takes room from the field's problem line only while a syllable is typed
        echo.visibleProperty().bind(keypad.zhuyinShown().and(keypad.composingSyllable()));
        echo.managedProperty().bind(echo.visibleProperty());
        echo.setMinWidth(fit.px(110));
        form.add(echo, 2, 0);
    }

    /**
     * Entry {@code index} of the summary: one column of entries, two side by side on short wide screens. In large
     * print each label stands above its value, two columns on every wide screen: the type needs the height.
     */
    private void summary(GridPane g, int index, String key, StringBinding value, Runnable edit) {
        int columns = fit.compact() || fit.large() && !fit.portrait() ? 2 : 1;
        int row = index / columns;
        int base = (index % columns) * (fit.large() ? 2 : 3);
        Label l = text("ss.summary." + key, "ss-label");
        l.setMinWidth(fit.large() ? 0 : Region.USE_PREF_SIZE);
        Label v = new Label();
        v.setId("ss-summary-" + key);
        v.getStyleClass().add("ss-value");
        v.setWrapText(true);
        // numbers are never cut; the address and the names wrap
        v.setMinWidth(key.equals("address") || key.equals("new-holder") || key.equals("contact") || key.equals("reason") ? 0 : Region.USE_PREF_SIZE);
        v.setMaxWidth(Double.MAX_VALUE);
        v.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        v.textProperty().bind(value);
        if (fit.large()) {
            VBox entry = new VBox(fit.px(2), l, v);
            GridPane.setHgrow(entry, Priority.ALWAYS);
            if (base > 0) {
                // the second column's entries apart from the first's edit buttons
                GridPane.setMargin(entry, new javafx.geometry.Insets(0, 0, 0, fit.px(24)));
            }
            g.add(entry, base, row);
        } else {
            g.add(l, base, row);
            g.add(v, base + 1, row);
        }
        if (edit != null) {
            Button b = button("ss-edit-" + key, "ss.summary.edit", "secondary");
            b.getStyleClass().add("ss-edit");
            b.setMinWidth(Math.max(fit.touch(), fit.px(120)));
            b.setPrefWidth(Math.max(fit.touch(), fit.px(120)));
            b.setMinHeight(fit.touch());
            b.setOnAction(e -> edit.run());
            g.add(b, base + (fit.large() ? 1 : 2), row);
        }
    }

    /** A button whose words are never wrapped or shortened: as wide as its text needs. */
    private static Button whole(Button b) {
        b.setWrapText(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A label beside a field: its words whole, never a letter a line. */
    private static Label wholeWords(Label l) {
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private Label addressLabel() {
        Label a = new Label();
        a.setId("ss-address");
        a.getStyleClass().add("ss-address");
        a.setWrapText(true);
        a.setMinHeight(Region.USE_PREF_SIZE);
        a.textProperty().bind(maskedAddress != null ? constant(maskedAddress) : i18n.text("ss.address.hidden"));
        return a;
    }

    private String longDate(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private StringBinding constant(String s) {
        return Bindings.createStringBinding(() -> s);
    }

    private Label text(String key, String style) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(i18n.text(key));
        return l;
    }

    private Button button(String id, String key, String style) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add(style);
        b.setFocusTraversable(false);
        b.textProperty().bind(i18n.text(key));
        b.setWrapText(true);
        b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        b.setMinHeight(fit.touch());
        b.setMinWidth(Math.max(fit.touch(), fit.px(200)));
        return b;
    }

    private TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.getStyleClass().add("ss-field");
        f.setPrefColumnCount(12);
        return f;
    }

    private static Label problemLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("problem");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private static void focusLater(TextField f) {
        Platform.runLater(f::requestFocus);
    }
}
