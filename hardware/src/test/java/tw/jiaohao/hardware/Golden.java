package tw.jiaohao.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Golden files under src/test/resources/golden. A mismatch writes the actual file to
 * target/golden-actual/ (and a diff image for PNGs) so a human can compare. Regenerate on purpose
 * with {@code -Djiaohao.golden.update=true}.
 */
public final class Golden {
    static final Path DIR = Path.of("src/test/resources/golden");
    static final Path ACTUAL = Path.of("target/golden-actual");
    static final boolean UPDATE = Boolean.getBoolean("jiaohao.golden.update");

    private Golden() {
    }

    public static void assertBytes(String name, byte[] actual) {
        Path expectedFile = DIR.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(DIR);
                Files.write(expectedFile, actual);
            }
            if (!Files.exists(expectedFile)) {
                fail("golden file " + expectedFile + " is missing: run with -Djiaohao.golden.update=true once and review it");
            }
            byte[] expected = Files.readAllBytes(expectedFile);
            if (!java.util.Arrays.equals(expected, actual)) {
                Files.createDirectories(ACTUAL);
                Files.write(ACTUAL.resolve(name), actual);
                int i = java.util.Arrays.mismatch(expected, actual);
                fail(name + ": bytes differ from the golden file at offset " + i + " (expected " + expected.length
                        + " bytes, got " + actual.length + "); actual written to " + ACTUAL.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compares an image with the golden PNG: same size, and at most {@code tolerance} (a fraction) of
     * pixels differ in black/white.
     */
    public static void assertImage(String name, BufferedImage actual, double tolerance) {
        Path expectedFile = DIR.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(DIR);
                ImageIO.write(actual, "png", expectedFile.toFile());
            }
            if (!Files.exists(expectedFile)) {
                fail("golden image " + expectedFile + " is missing: run with -Djiaohao.golden.update=true once and review it");
            }
            BufferedImage expected = ImageIO.read(expectedFile.toFile());
            int differing = -1;
            BufferedImage diff = null;
            if (expected.getWidth() == actual.getWidth() && expected.getHeight() == actual.getHeight()) {
                differing = 0;
                diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < actual.getHeight(); y++) {
                    for (int x = 0; x < actual.getWidth(); x++) {
                        boolean e = dark(expected.getRGB(x, y));
                        boolean a = dark(actual.getRGB(x, y));
                        diff.setRGB(x, y, e == a ? (a ? 0x000000 : 0xFFFFFF) : (a ? 0xFF0000 : 0x00A0FF));
                        if (e != a) {
                            differing++;
                        }
                    }
                }
            }
            double limit = tolerance * actual.getWidth() * actual.getHeight();
            if (differing < 0 || differing > limit) {
                Files.createDirectories(ACTUAL);
                ImageIO.write(actual, "png", ACTUAL.resolve(name).toFile());
                if (diff != null) {
                    ImageIO.write(diff, "png", ACTUAL.resolve(name.replace(".png", "-diff.png")).toFile());
                }
                fail(name + ": " + (differing < 0 ? "size " + actual.getWidth() + "x" + actual.getHeight()
                        + " differs from golden " + expected.getWidth() + "x" + expected.getHeight()
                        : differing + " pixels differ (limit " + (int) limit + ")")
                        + "; actual (and diff: red = extra black, blue = missing black) in " + ACTUAL.toAbsolutePath());
            }
            assertThat(differing).isLessThanOrEqualTo((int) limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dark(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return r + g + b < 384;
    }
}
