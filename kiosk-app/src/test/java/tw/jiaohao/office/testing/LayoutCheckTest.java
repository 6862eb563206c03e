package tw.jiaohao.office.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Each of the layout checker's rules fails on a deliberately bad layout and passes a good one. */
class LayoutCheckTest {
    private static final double TOUCH = 78;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aTidyLayout_hasNoProblems() {
        assertThat(check(() -> {
            Button ok = button("ok", "OK", 0, 0, 100, 80);
            Label title = label("title", "Take a number", 0, 100, 300, 40);
            return new Scene(new Pane(ok, title), 400, 300);
        })).isEmpty();
    }

    @Test
    void aNodeReachingOutOfTheWindow_isReported() {
        assertThat(check(() -> new Scene(new Pane(label("far", "Counter 3", 350, 10, 120, 40)), 400, 300)))
                .singleElement().asString().contains("#far").contains("outside the 400×300 window");
    }

    @Test
    void aNodeOutsideOnlyWhereItsParentClipsIt_isFine() {
        assertThat(check(() -> {
            Label moving = label("ticker", "Planned water outage", 300, 0, 400, 40);
            Pane strip = new Pane(moving);
            strip.setClip(new Rectangle(0, 0, 400, 40));
            return new Scene(new Pane(strip), 400, 300);
        })).isEmpty();
    }

    @Test
    void twoTextsOnTopOfEachOther_areReported() {
        assertThat(check(() -> new Scene(new Pane(label("a", "A023", 10, 10, 200, 60), label("b", "Counter 3", 30, 30, 200, 60)), 400, 300)))
                .singleElement().asString().contains("texts overlap").contains("A023").contains("Counter 3");
    }

    @Test
    void anEllipsisTheLabelDidNotAskFor_isReported_andOneItAskedForIsNot() {
        String long_ = "Pipe replacement: no water on 3 March 9:00-17:00";
        assertThat(check(() -> new Scene(new Pane(label("cut", long_, 0, 0, 120, 40)), 400, 300)))
                .singleElement().asString().contains("#cut is shortened");
        assertThat(check(() -> {
            Label asked = label("cut", long_, 0, 0, 120, 40);
            asked.getStyleClass().add(LayoutCheck.MAY_SHORTEN);
            return new Scene(new Pane(asked), 400, 300);
        })).isEmpty();
    }

    @Test
    void aWrappedTextTooTallForItsLabel_isReported() {
        assertThat(check(() -> {
            Label l = label("wrapped", "Please take a photo of this screen and show it to a clerk", 0, 0, 120, 40);
            l.setWrapText(true);
            return new Scene(new Pane(l), 400, 300);
        })).singleElement().asString().contains("#wrapped is shortened");
    }

    @Test
    void aButtonsGraphicWiderThanTheButton_isReported_andOneThatFitsIsNot() {
        // the category tile's way: a name that does not wrap, in a graphic the button cannot make narrower than it
        assertThat(check(() -> new Scene(new Pane(tile("tile", "Transfer / suspend / resume", 120)), 400, 300)))
                .singleElement().asString().contains("'Transfer / suspend / resume' runs past the border of #tile");
        assertThat(check(() -> new Scene(new Pane(tile("tile", "Bills", 120)), 400, 300))).isEmpty();
    }

    @Test
    void aTextTallerThanItsLabel_cutOffWithoutAnEllipsis_isReported() {
        assertThat(check(() -> {
            Label l = label("tall", "A023", 0, 0, 200, 20);
            l.setStyle("-fx-font-size: 48px;");
            return new Scene(new Pane(l), 400, 300);
        })).singleElement().asString().contains("'A023' runs past the border of #tall");
    }

    private static Button tile(String id, String name, double width) {
        Label text = new Label(name);
        text.setStyle("-fx-font-size: 24px;");
        text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button b = button(id, null, 150, 10, width, 100);
        b.setGraphic(new VBox(text));
        return b;
    }

    @Test
    void aButtonUnder15mm_isReported_bothWays() {
        assertThat(check(() -> new Scene(new VBox(button("narrow", "1", 0, 0, 60, 90), button("flat", "2", 0, 100, 200, 40)), 400, 300)))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("#narrow is a touch target of 60×90 px, under 78 px"))
                .anySatisfy(p -> assertThat(p).contains("#flat is a touch target of 200×40 px"));
    }

    @Test
    void hiddenNodes_areNotLookedAt() {
        assertThat(check(() -> {
            Button small = button("small", "x", 500, 500, 10, 10);
            small.setVisible(false);
            return new Scene(new Pane(small), 400, 300);
        })).isEmpty();
    }

    private static Label label(String id, String text, double x, double y, double w, double h) {
        Label l = new Label(text);
        l.setId(id);
        l.setStyle("-fx-font-size: 24px;");
        place(l, x, y, w, h);
        return l;
    }

    private static Button button(String id, String text, double x, double y, double w, double h) {
        Button b = new Button(text);
        b.setId(id);
        place(b, x, y, w, h);
        return b;
    }

    private static void place(javafx.scene.control.Control c, double x, double y, double w, double h) {
        c.relocate(x, y);
        c.setMinSize(w, h);
        c.setPrefSize(w, h);
        c.setMaxSize(w, h);
        c.setManaged(false);
        c.resize(w, h);
    }

    private static List<String> check(Callable<Scene> build) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> LayoutCheck.problems(build.call(), TOUCH)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
