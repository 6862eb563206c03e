package tw.jiaohao.hub.testing;

import java.util.Map;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;

/** Screenshots of one part of a page with the browser's viewport itself at given sizes. */
public final class Viewports {
    private Viewports() {
    }

    /**
     * For each {@code {width, height}}: sets the viewport to it, scrolls the element {@code id}'s
     * section (or the element) to the top and calls {@code shot} with {@code WIDTHxHEIGHT}; then
     * gives the window its own size back.
     */
    public static void each(ChromeDriver d, int[][] sizes, String id, Consumer<String> shot) {
        for (int[] size : sizes) {
            d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0], "height", size[1], "deviceScaleFactor", 1,
                    "mobile", false));
            d.executeScript("var e = document.getElementById(arguments[0]); (e.closest('section') || e).scrollIntoView(); window.scrollBy(0, -16)", id);
            shot.accept(size[0] + "x" + size[1]);
        }
        d.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
