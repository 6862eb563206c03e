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
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The home screen: a large button per service category with its waiting count and estimate,
 * the priority lane apart on the right, and the rating button. JavaFX thread only.
 */
final class HomeScreen {
    private final I18n i18n;
    private final double minTouch;
    private final Consumer<String> onCategory;
    private final VBox node = new VBox();
    private final HBox tiles = new HBox(24);
    private final Label problem = new Label();
    private final Label prompt = new Label();
    private final Button selfService = new Button();
    private final Map<String, Tile> byCode = new LinkedHashMap<>();
    private List<String> layout = List.of();
    private boolean busy;
    /** While the office is closed: when it opens, as shown (e.g. 08:30); null while open. */
    private String closedUntil;

    HomeScreen(I18n i18n, double minTouch, Consumer<String> onCategory, Runnable onRate) {
        this.i18n = i18n;
        this.minTouch = minTouch;
        this.onCategory = onCategory;
        node.getStyleClass().add("screen");
        node.setId("home");
        prompt.getStyleClass().add("prompt");
        prompt.textProperty().bind(i18n.text("home.loading"));
        prompt.setId("home-prompt");
        problem.getStyleClass().add("problem");
        problem.setId("home-problem");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        VBox.setVgrow(tiles, Priority.ALWAYS);
        Button rate = new Button();
        rate.setId("rate");
        rate.getStyleClass().add("secondary");
        rate.textProperty().bind(i18n.text("home.rate"));
        rate.setMinHeight(minTouch);
        rate.setOnAction(e -> onRate.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        selfService.setId("ss-entry");
        selfService.getStyleClass().add("ss-entry");
        selfService.textProperty().bind(i18n.text("home.selfservice"));
        selfService.setMinHeight(minTouch);
        selfService.setMinWidth(Math.max(minTouch, 200));
        selfService.managedProperty().bind(selfService.visibleProperty());
        selfService.setVisible(false);
        HBox head = new HBox(16, prompt, gap, selfService, rate);
        head.setAlignment(Pos.CENTER_LEFT);
        node.getChildren().addAll(head, tiles, problem);
    }

    VBox node() {
        return node;
    }

    /** Shows the categories of a new snapshot: rebuilds the buttons only when the set of categories changed. */
    void update(List<CategoryView> categories) {
        List<String> codes = categories.stream().map(CategoryView::code).toList();
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
    }

    void showProblem(String text) {
        problem.setText(text);
        problem.setVisible(text != null);
    }

    private void rebuild(List<CategoryView> categories) {
        byCode.clear();
        tiles.getChildren().clear();
        prompt.textProperty().bind(closedUntil != null ? i18n.text("home.closed", closedUntil)
                : i18n.text(categories.isEmpty() ? "home.loading" : "home.prompt"));
        List<Tile> regular = new ArrayList<>();
        List<Tile> priority = new ArrayList<>();
        for (CategoryView c : categories) {
            Tile t = new Tile(c);
            byCode.put(c.code(), t);
            (c.priority() ? priority : regular).add(t);
        }
        GridPane grid = new GridPane();
        grid.setHgap(20);
        grid.setVgap(20);
        int columns = regular.size() <= 4 ? 2 : 3;
        for (int i = 0; i < regular.size(); i++) {
            Button b = regular.get(i).button;
            GridPane.setHgrow(b, Priority.ALWAYS);
            GridPane.setVgrow(b, Priority.ALWAYS);
            grid.add(b, i % columns, i / columns);
        }
        HBox.setHgrow(grid, Priority.ALWAYS);
        tiles.getChildren().add(grid);
        if (!priority.isEmpty()) {
            VBox lane = new VBox(20);
            lane.setId("priority-lane");
            lane.setPrefWidth(330);
            lane.setMinWidth(330);
            for (Tile t : priority) {
                t.button.getStyleClass().add("priority-tile");
                VBox.setVgrow(t.button, Priority.ALWAYS);
                lane.getChildren().add(t.button);
            }
            tiles.getChildren().add(lane);
        }
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
            Label name = new Label();
            name.getStyleClass().add("tile-name");
            name.setWrapText(true);
            name.setMinWidth(0);
            name.setMinHeight(Region.USE_PREF_SIZE);
            name.textProperty().bind(Bindings.createStringBinding(
                    () -> i18n.isChinese() ? view.get().nameZh() : view.get().nameEn(), i18n.localeProperty(), view));
            Label wait = new Label();
            wait.getStyleClass().add("tile-info");
            wait.setId("waiting-" + c.code());
            wait.textProperty().bind(i18n.text("home.waiting", waiting));
            Label est = new Label();
            est.getStyleClass().add("tile-info");
            est.setId("estimate-" + c.code());
            est.textProperty().bind(Bindings.createStringBinding(() -> WaitTexts.home(i18n, view.get()), i18n.localeProperty(), view));
            VBox box;
            if (c.priority()) {
                Label who = new Label();
                who.getStyleClass().add("priority-who");
                who.setWrapText(true);
                who.setMaxWidth(290);
                who.setMinHeight(Region.USE_PREF_SIZE);
                who.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                name.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                name.setMaxWidth(290);
                who.textProperty().bind(i18n.text("home.priority.who"));
                box = new VBox(10, letter, name, who, wait, est);
                box.setAlignment(Pos.CENTER);
            } else {
                letter.setMinWidth(Region.USE_PREF_SIZE);
                HBox head = new HBox(16, letter, name);
                head.setAlignment(Pos.CENTER_LEFT);
                box = new VBox(4, head, wait, est);
                box.setAlignment(Pos.CENTER_LEFT);
            }
            StackPane content = new StackPane(box);
            button.setGraphic(content);
            button.setId("category-" + c.code());
            button.getStyleClass().add("tile");
            button.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            button.setMinHeight(minTouch);
            button.setMinWidth(minTouch);
            button.setOnAction(e -> onCategory.accept(c.code()));
        }
    }
}
