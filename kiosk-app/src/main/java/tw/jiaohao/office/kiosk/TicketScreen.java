package tw.jiaohao.office.kiosk;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The ticket screen: the number very large, category, people ahead, estimate, the QR code of
 * the ticket's live status, and the printing progress or failure. JavaFX thread only.
 */
final class TicketScreen {
    static final int QR_SIZE = 260;

    private final I18n i18n;
    private final VBox node = new VBox();
    private final Label number = new Label();
    private final Label category = new Label();
    private final Label ahead = new Label();
    private final Label estimate = new Label();
    private final ImageView qr = new ImageView();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label();
    private final Label photo = new Label();
    private final HBox statusRow;
    private final StackPane main = new StackPane();
    private final VBox left;
    private final VBox middle;
    private final VBox right;
    private final Label caption = new Label();
    /** Its word whole in any type: never narrower than its text, nor than the design's width. */
    private final Button done = new Button() {
        @Override
        protected double computeMinWidth(double height) {
            return Math.max(floor, computePrefWidth(height));
        }
    };
    private double floor;

    TicketScreen(I18n i18n, Runnable onDone) {
        this.i18n = i18n;
        node.getStyleClass().add("screen");
        node.setId("ticket");
        Label yours = new Label();
        yours.getStyleClass().add("ticket-yours");
        yours.textProperty().bind(i18n.text("ticket.yours"));
        number.setId("ticket-number");
        number.getStyleClass().add("ticket-number");
        number.setMinWidth(Region.USE_PREF_SIZE);
        category.setId("ticket-category");
        category.getStyleClass().add("ticket-category");
        ahead.setId("ticket-ahead");
        ahead.getStyleClass().add("ticket-info");
        estimate.setId("ticket-estimate");
        estimate.getStyleClass().add("ticket-info");
        left = new VBox(0, yours, number);
        left.setAlignment(Pos.CENTER_LEFT);
        for (Label l : new Label[] {category, ahead, estimate}) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        middle = new VBox(14, category, ahead, estimate);
        middle.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(middle, Priority.ALWAYS);

        qr.setId("ticket-qr");
        qr.setSmooth(false);
        caption.getStyleClass().add("qr-caption");
        caption.textProperty().bind(i18n.text("ticket.qr"));
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        right = new VBox(10, qr, caption);
        right.setAlignment(Pos.CENTER);
        VBox.setVgrow(main, Priority.ALWAYS);

        status.setId("print-status");
        status.getStyleClass().add("print-status");
        status.setWrapText(true);
        photo.setId("print-photo");
        photo.getStyleClass().add("print-status");
        photo.setWrapText(true);
        photo.setMinHeight(Region.USE_PREF_SIZE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        photo.managedProperty().bind(photo.visibleProperty());
        status.setMinWidth(0);
        photo.setMinWidth(0);
        VBox texts = new VBox(4, status, photo);
        texts.setAlignment(Pos.CENTER_LEFT);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        done.setId("done");
        done.getStyleClass().add("action");
        done.textProperty().bind(i18n.text("done"));
        done.setOnAction(e -> onDone.run());
        statusRow = new HBox(16, progress, texts, done);
        statusRow.getStyleClass().add("status-row");
        statusRow.setAlignment(Pos.CENTER_LEFT);
        node.getChildren().addAll(main, statusRow);
        fit(KioskFit.of(1280, 800, 0));
    }

    /** Lays the screen out for {@code f}: number, details and QR code side by side, or stacked on upright screens. */
    void fit(KioskFit f) {
        double qrSide = f.px(f.large() ? 200 : f.portrait() ? 240 : QR_SIZE);
        qr.setFitWidth(qrSide);
        qr.setFitHeight(qrSide);
        caption.setMaxWidth(Math.max(qrSide, f.px(260)));
        // large print: the number, category and estimate need the height; the code speaks for itself
        caption.setVisible(!f.large());
        caption.setManaged(!f.large());
        progress.setPrefSize(f.px(48), f.px(48));
        progress.setMinSize(f.px(48), f.px(48));
        done.setMinHeight(f.touch());
        floor = Math.max(f.touch(), f.px(200));
        done.setMinWidth(Region.USE_COMPUTED_SIZE);
        statusRow.setSpacing(f.px(16));
        middle.setSpacing(f.px(14));
        right.setSpacing(f.px(10));
        middle.getChildren().setAll(category, ahead, estimate);
        if (f.portrait()) {
            left.setAlignment(Pos.CENTER);
            middle.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(middle, Priority.ALWAYS);
            HBox details = new HBox(f.px(24), middle, right);
            details.setAlignment(Pos.CENTER);
            VBox stack = new VBox(f.px(f.large() ? 8 : 24), left, details);
            stack.setAlignment(Pos.CENTER);
            main.getChildren().setAll(stack);
        } else if (f.large()) {
            // large print: the estimate (the longest text) under the number, category and QR code, the whole width
            left.setAlignment(Pos.CENTER_LEFT);
            middle.getChildren().setAll(category, ahead);
            HBox.setHgrow(middle, Priority.ALWAYS);
            HBox row = new HBox(f.px(30), left, middle, right);
            row.setAlignment(Pos.CENTER);
            estimate.setMaxWidth(Double.MAX_VALUE);
            VBox stack = new VBox(f.px(10), row, estimate);
            stack.setAlignment(Pos.CENTER_LEFT);
            main.getChildren().setAll(stack);
            return;
        } else {
            left.setAlignment(Pos.CENTER_LEFT);
            middle.setAlignment(Pos.CENTER_LEFT);
            for (Label l : new Label[] {category, ahead, estimate}) {
                l.setTextAlignment(javafx.scene.text.TextAlignment.LEFT);
            }
            HBox.setHgrow(middle, Priority.ALWAYS);
            HBox row = new HBox(f.px(30), left, middle, right);
            row.setAlignment(Pos.CENTER);
            main.getChildren().setAll(row);
        }
    }

    VBox node() {
        return node;
    }

    /** Shows a newly issued ticket, printing in progress. */
    void show(KioskTicket ticket, CategoryView view, Image qrImage) {
        number.setText(ticket.number());
        category.textProperty().bind(Bindings.createStringBinding(() -> view == null ? ticket.category()
                : i18n.isChinese() ? view.nameZh() : view.nameEn(), i18n.localeProperty()));
        ahead.textProperty().bind(i18n.text("ticket.ahead", ticket.peopleAhead()));
        estimate.textProperty().bind(Bindings.createStringBinding(() -> WaitTexts.ticket(i18n, ticket), i18n.localeProperty()));
        qr.setImage(qrImage);
        progress.setVisible(true);
        statusRow.getStyleClass().remove("failed");
        status.textProperty().bind(i18n.text("ticket.printing"));
        photo.setVisible(false);
    }

    /** Shows how printing ended; on failure the number and QR code stay, with what to do. */
    void printed(PrintReport report) {
        progress.setVisible(false);
        if (report.printed()) {
            status.textProperty().bind(i18n.text("ticket.printed"));
            return;
        }
        statusRow.getStyleClass().add("failed");
        String key = report.printer().code();
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            try {
                return i18n.format(key);
            } catch (java.util.MissingResourceException e) {
                return i18n.format("printer.failed");
            }
        }, i18n.localeProperty()));
        photo.textProperty().bind(i18n.text("ticket.photo"));
        photo.setVisible(true);
    }

    String number() {
        return number.getText();
    }
}
