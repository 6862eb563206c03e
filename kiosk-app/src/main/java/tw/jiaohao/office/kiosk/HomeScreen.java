package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import tw.jiaohao.protocol.device.PrinterCondition;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The home screen: a large button per service category with its waiting count and estimate,
 * the priority lane apart (at the right on wide screens, below on upright ones), and the rating
 * button. Laid out again for every {@link KioskFit}. JavaFX thread only.
 *
 * <p>Large print ({@link #largePrint}) is a layout of its own, not a magnification: at most
 * {@link #LARGE_PER_PAGE_WIDE} categories side by side on a wide screen ({@link #LARGE_PER_PAGE_UPRIGHT}
 * stacked on an upright one), each tile's name and figures in much larger type, the rest turned
 * with 「上一頁／下一頁」; self-service and rating become two more tiles after the categories, since
 * large print carries on into every screen they open (the kiosk lays them out in large type too).
 */
final class HomeScreen {
    private final I18n i18n;
    private final Consumer<String> onCategory;
    private final VBox node = new VBox();
    private final StackPane tiles = new StackPane();
    private final StackPane head = new StackPane();
    private final Label problem = new Label();
    private final Label printerDown = new Label();
    /** Where the prompt stands; the printer's warning takes its place while tickets cannot print. */
    private final StackPane promptSlot = new StackPane();
    private boolean printerIsDown;
    private final Label prompt = new Label();
    private final Button selfService = new Button();
    private final Button rate = new Button();
    private final Region gap = new Region();
    private final Map<String, Tile> byCode = new LinkedHashMap<>();
    private List<CategoryView> shown = List.of();
    private List<String> layout = List.of();
    private boolean busy;
    /** While the office is closed: when it opens, as shown (e.g. 08:30); null while open. */
    private String closedUntil;
    private KioskFit fit = KioskFit.of(1280, 800, 0);
    static final int LARGE_PER_PAGE_WIDE = 2;
    static final int LARGE_PER_PAGE_UPRIGHT = 2;
    private boolean large;
    private int page;
    private final Button previous = new Button();
    private final Button next = new Button();
    private final Label pageOf = new Label();

    HomeScreen(I18n i18n, Consumer<String> onCategory, Runnable onRate) {
        this.i18n = i18n;
        this.onCategory = onCategory;
        node.getStyleClass().add("screen");
        node.setId("home");
        prompt.getStyleClass().add("prompt");
        prompt.textProperty().bind(i18n.text("home.loading"));
        prompt.setId("home-prompt");
        prompt.setWrapText(true);
        prompt.setMinWidth(0);
        prompt.setMinHeight(Region.USE_PREF_SIZE);
        problem.getStyleClass().add("problem");
        problem.setId("home-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        VBox.setVgrow(tiles, Priority.ALWAYS);
        rate.setId("rate");
        rate.getStyleClass().add("secondary");
        rate.textProperty().bind(i18n.text("home.rate"));
        rate.setWrapText(true);
        rate.setTextAlignment(TextAlignment.CENTER);
        rate.setOnAction(e -> onRate.run());
        HBox.setHgrow(gap, Priority.ALWAYS);
        selfService.setId("ss-entry");
        selfService.getStyleClass().add("ss-entry");
        selfService.textProperty().bind(i18n.text("home.selfservice"));
        selfService.managedProperty().bind(selfService.visibleProperty());
        selfService.setVisible(false);
        printerDown.getStyleClass().add("printer-down");
        printerDown.setId("printer-down");
        printerDown.setWrapText(true);
        printerDown.setMinWidth(0);
        printerDown.setMinHeight(Region.USE_PREF_SIZE);
        printerDown.setMaxWidth(Double.MAX_VALUE);
        printerDown.managedProperty().bind(printerDown.visibleProperty());
        printerDown.setVisible(false);
        promptSlot.setAlignment(Pos.CENTER_LEFT);
        promptSlot.setMinWidth(0);
        promptSlot.getChildren().setAll(prompt);
        previous.setId("large-previous");
        next.setId("large-next");
        pageOf.setId("large-page");
        pageOf.getStyleClass().add("pager-text");
        pageOf.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : List.of(previous, next)) {
            b.getStyleClass().addAll("secondary", "pager");
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        previous.textProperty().bind(i18n.text("home.large.previous"));
        next.textProperty().bind(i18n.text("home.large.next"));
        previous.setOnAction(e -> turn(-1));
        next.setOnAction(e -> turn(1));
        node.getChildren().addAll(head, tiles, problem);
        fit(fit);
    }

    VBox node() {
        return node;
    }

    /** Lays the screen out for {@code f}: the prompt above the buttons on upright screens. */
    void fit(KioskFit f) {
        fit = f;
        for (Button b : List.of(rate, selfService)) {
            b.setMinHeight(f.touch());
            b.setMinWidth(f.touch());
        }
        // the prompt wraps to make room: the buttons keep their texts whole
        selfService.setMinWidth(Region.USE_PREF_SIZE);
        rate.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : List.of(rate, selfService)) {
            // laid out as large-print tiles before, maybe
            b.setPrefSize(Region.USE_COMPUTED_SIZE, Region.USE_COMPUTED_SIZE);
            b.setMaxSize(Region.USE_COMPUTED_SIZE, Region.USE_COMPUTED_SIZE);
            b.getStyleClass().remove("large-tile");
        }
        for (Button b : List.of(previous, next)) {
            b.setMinHeight(f.target(96));
        }
        HBox buttons = new HBox(f.px(16), gap, selfService, rate);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        if (large) {
            // large print: the prompt alone above the categories; self-service and rating are tiles after them
            head.getChildren().setAll(new VBox(promptSlot));
        } else if (f.portrait()) {
            head.getChildren().setAll(new VBox(f.px(12), promptSlot, buttons));
        } else {
            HBox.setHgrow(promptSlot, Priority.ALWAYS);
            HBox row = new HBox(f.px(16), promptSlot, selfService, rate);
            row.setAlignment(Pos.CENTER_LEFT);
            head.getChildren().setAll(row);
        }
        if (!shown.isEmpty()) {
            rebuild(shown);
        }
    }

    /**
     * Switches large print on or off: the categories laid out again, from the first page. Off at
     * every idle reset (the kiosk's doing).
     */
    void largePrint(boolean on) {
        large = on;
        page = 0;
        node.getStyleClass().remove("large-print");
        if (on) {
            node.getStyleClass().add("large-print");
        }
        fit(fit);
    }

    /** Back home: large print starts again from its first page. */
    void firstPage() {
        if (large && page != 0) {
            page = 0;
            rebuild(shown);
        }
    }

    boolean largePrint() {
        return large;
    }

    private void turn(int by) {
        page += by;
        rebuild(shown);
    }

    /** Shows the categories of a new snapshot: rebuilds the buttons only when the set of categories changed. */
    void update(List<CategoryView> categories) {
        List<String> codes = categories.stream().map(CategoryView::code).toList();
        shown = categories;
        if (!codes.equals(layout)) {
            rebuild(categories);
            layout = codes;
        }
        for (CategoryView c : categories) {
            byCode.get(c.code()).view.set(c);
        }
    }

    /** Shows the self-service entry (過戶・停用, no ticket needed), apart from the categories. */
    void enableSelfService(Runnable onSelfService) {
        selfService.setOnAction(e -> onSelfService.run());
        selfService.setVisible(true);
    }

    /** While a ticket is being issued every category button is disabled (the double-tap guard). */
    void setBusy(boolean busy) {
        this.busy = busy;
        byCode.values().forEach(t -> t.button.setDisable(busy || closedUntil != null));
    }

    /** Outside office hours: says when the office opens and disables the category buttons; null when open. */
    void setClosed(String opens) {
        closedUntil = opens;
        byCode.values().forEach(t -> t.button.setDisable(busy || opens != null));
        prompt.textProperty().bind(opens != null ? i18n.text("home.closed", opens)
                : i18n.text(layout.isEmpty() ? "home.loading" : "home.prompt"));
        fillPromptSlot();
    }

    /**
     * The printer's latest condition: when it cannot print, the line above the buttons (where the
     * prompt stands) says so before the tap, and that the number will be shown large on the screen
     * instead.
     */
    void printerCondition(PrinterCondition condition) {
        boolean down = condition == PrinterCondition.PAPER_OUT || condition == PrinterCondition.COVER_OPEN
                || condition == PrinterCondition.OFFLINE;
        if (down) {
            printerDown.textProperty().bind(Bindings.createStringBinding(() -> i18n.format("home.printer-down",
                    i18n.format("home.printer-down." + condition.name())), i18n.localeProperty()));
        } else {
            printerDown.textProperty().unbind();
            printerDown.setText("");
        }
        printerIsDown = down;
        printerDown.setVisible(down);
        fillPromptSlot();
    }

    /** Closed says more than a dead printer (no numbers at all); otherwise the warning replaces the prompt. */
    private void fillPromptSlot() {
        promptSlot.getChildren().setAll(printerIsDown && closedUntil == null ? printerDown : prompt);
    }

    void showProblem(String text) {
        problem.setText(text);
        problem.setVisible(text != null);
    }

    private void rebuild(List<CategoryView> categories) {
        byCode.clear();
        prompt.textProperty().bind(closedUntil != null ? i18n.text("home.closed", closedUntil)
                : i18n.text(categories.isEmpty() ? "home.loading" : "home.prompt"));
        List<Tile> regular = new ArrayList<>();
        List<Tile> priority = new ArrayList<>();
        for (CategoryView c : categories) {
            Tile t = new Tile(c);
            byCode.put(c.code(), t);
            (c.priority() ? priority : regular).add(t);
        }
        double gapPx = fit.px(20);
        if (large) {
            List<Tile> all = new ArrayList<>(regular);
            all.addAll(priority);
            layOutLarge(all, gapPx);
            shown.forEach(c -> byCode.get(c.code()).view.set(c));
            byCode.values().forEach(t -> t.button.setDisable(busy || closedUntil != null));
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(gapPx);
        grid.setVgap(gapPx);
        int columns = fit.portrait() || regular.size() <= 4 ? 2 : 3;
        for (int i = 0; i < regular.size(); i++) {
            Button b = regular.get(i).button;
            GridPane.setHgrow(b, Priority.ALWAYS);
            GridPane.setVgrow(b, Priority.ALWAYS);
            grid.add(b, i % columns, i / columns);
        }
        Pane lane;
        Pane all;
        if (fit.portrait()) {
            lane = new HBox(gapPx);
            VBox.setVgrow(grid, Priority.ALWAYS);
            all = new VBox(gapPx, grid, lane);
        } else {
            lane = new VBox(gapPx);
            lane.setPrefWidth(fit.px(330));
            lane.setMinWidth(Math.max(fit.touch(), fit.px(330)));
            HBox.setHgrow(grid, Priority.ALWAYS);
            all = new HBox(gapPx, grid, lane);
        }
        lane.setId("priority-lane");
        for (Tile t : priority) {
            t.button.getStyleClass().add("priority-tile");
            VBox.setVgrow(t.button, Priority.ALWAYS);
            HBox.setHgrow(t.button, Priority.ALWAYS);
            lane.getChildren().add(t.button);
        }
        lane.setVisible(!priority.isEmpty());
        lane.managedProperty().bind(lane.visibleProperty());
        tiles.getChildren().setAll(all);
        shown.forEach(c -> byCode.get(c.code()).view.set(c));
        byCode.values().forEach(t -> t.button.setDisable(busy || closedUntil != null));
    }

    /** Large print: one page of at most two (upright: three) big tiles, and the pager when there are more. */
    private void layOutLarge(List<Tile> categories, double gapPx) {
        List<Button> all = new ArrayList<>(categories.stream().map(t -> t.button).toList());
        for (Tile t : categories) {
            if (t.view.get().priority()) {
                t.button.getStyleClass().add("priority-tile");
            }
        }
        for (Button extra : selfService.isVisible() ? List.of(selfService, rate) : List.of(rate)) {
            extra.getStyleClass().add("large-tile");
            extra.setWrapText(true);
            extra.setTextAlignment(TextAlignment.CENTER);
            all.add(extra);
        }
        int perPage = fit.portrait() ? LARGE_PER_PAGE_UPRIGHT : LARGE_PER_PAGE_WIDE;
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        page = Math.floorMod(page, pages);
        Pane row = fit.portrait() ? new VBox(gapPx) : new HBox(gapPx);
        row.setId("large-tiles");
        for (Button b : all.subList(page * perPage, Math.min(all.size(), (page + 1) * perPage))) {
            VBox.setVgrow(b, Priority.ALWAYS);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            if (b.getGraphic() != null) {
                // never squeezed below its text as wrapped at the tile's width (a button measures its graphic unwrapped):
                // a page too full runs out of the window, where the layout check sees it
                b.widthProperty().addListener((o, was, w) -> b.setMinHeight(Math.max(fit.touch(),
                        b.getGraphic().prefHeight(w.doubleValue() - b.snappedLeftInset() - b.snappedRightInset())
                                + b.snappedTopInset() + b.snappedBottomInset())));
            }
            // side by side: equal widths, whatever the length of each name (stacked, each is as high as its text needs)
            if (!fit.portrait()) {
                b.setPrefWidth(0);
            }
            row.getChildren().add(b);
        }
        VBox.setVgrow(row, Priority.ALWAYS);
        VBox box = new VBox(gapPx, row);
        if (pages > 1) {
            pageOf.textProperty().bind(i18n.text("home.large.page", page + 1, pages));
            Region left = new Region();
            Region right = new Region();
            HBox.setHgrow(left, Priority.ALWAYS);
            HBox.setHgrow(right, Priority.ALWAYS);
            HBox pager = new HBox(gapPx, previous, left, pageOf, right, next);
            pager.setId("large-pager");
            pager.setAlignment(Pos.CENTER);
            box.getChildren().add(pager);
        }
        tiles.getChildren().setAll(box);
    }

    /** One category button; its texts follow the language and the latest snapshot. */
    private final class Tile {
        final ObjectProperty<CategoryView> view = new SimpleObjectProperty<>();
        final IntegerProperty waiting = new SimpleIntegerProperty();
        final Button button = new Button();

        Tile(CategoryView c) {
            view.addListener((o, was, now) -> {
                waiting.set(now.waiting());
            });
            view.set(c);
            Label letter = new Label(c.code());
            letter.getStyleClass().add("tile-letter");
            letter.setMinWidth(Region.USE_PREF_SIZE);
            Label name = wrapping(new Label(), "tile-name");
            name.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.isChinese() ? view.get().nameZh() : view.get().nameEn(), i18n.localeProperty(), view));
            Label wait = wrapping(new Label(), "tile-info");
            wait.setId("waiting-" + c.code());
            wait.textProperty().bind(i18n.text("home.waiting", waiting));
            Label est = wrapping(new Label(), "tile-info");
            est.setId("estimate-" + c.code());
            est.textProperty().bind(Bindings.createStringBinding(() -> WaitTexts.home(i18n, view.get()), i18n.localeProperty(), view));
            VBox box;
            if (c.priority()) {
                Label who = wrapping(new Label(), "priority-who");
                who.textProperty().bind(i18n.text("home.priority.who"));
                for (Label l : List.of(name, who, wait, est)) {
                    l.setTextAlignment(TextAlignment.CENTER);
                }
                box = new VBox(fit.px(10), letter, name, who, wait, est);
                box.setAlignment(Pos.CENTER);
            } else if (large) {
                // the letter above the name: the whole width for the name in large type (fewer lines)
                box = new VBox(fit.px(6), letter, name, wait, est);
                box.setAlignment(Pos.CENTER_LEFT);
            } else {
                HBox top = new HBox(fit.px(16), letter, name);
                top.setAlignment(Pos.CENTER_LEFT);
                // no spacing: with the printer's warning up the tiles are short, and the figures must stay inside
                box = new VBox(0, top, wait, est);
                box.setAlignment(Pos.CENTER_LEFT);
            }
            box.setMinWidth(0);
            StackPane content = new StackPane(box);
            content.setMinWidth(0);
            button.setGraphic(content);
            button.setId("category-" + c.code());
            button.getStyleClass().add("tile");
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            button.setMinHeight(fit.touch());
            button.setMinWidth(fit.touch());
            button.setOnAction(e -> onCategory.accept(c.code()));
        }

        private static Label wrapping(Label l, String style) {
            l.getStyleClass().add(style);
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(Region.USE_PREF_SIZE);
            return l;
        }
    }
}
