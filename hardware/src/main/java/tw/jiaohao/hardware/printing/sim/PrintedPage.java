package tw.jiaohao.hardware.printing.sim;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One piece of paper that left the simulated printer.
 *
 * @param number      1-based sequence number since the simulator started
 * @param bytes       the data bytes that produced it (real-time commands excluded)
 * @param image       the rendered paper
 * @param complete    true when it ended with a cut; false when paper ran out or the printer was
 *                    unplugged or reset part-way
 * @param unsupported ESC/POS commands the interpreter did not understand ("offset: hex"), empty if none
 */
public record PrintedPage(int number, byte[] bytes, BufferedImage image, boolean complete, List<String> unsupported) {
    public PrintedPage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(image, "image");
        unsupported = List.copyOf(unsupported);
    }
}
