package tw.jiaohao.office.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small file system for disk-full tests: a tmpfs of {@code sizeKb} mounted on a folder
 * (needs root; the test fails, never skips, without it), filled by a filler file until the
 * kernel says "no space left", and freed again. {@link #close()} unmounts.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    public static SmallDisk mount(Path mountPoint, int sizeKb) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeKb + "k", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the file system to the last byte, leaving {@code leaveKb} free; returns the bytes written. */
    public long fill(int leaveKb) throws IOException {
        long written = 0;
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            while (Files.getFileStore(mountPoint).getUsableSpace() > leaveKb * 1024L + chunk.length) {
                out.write(chunk);
                out.flush();
                written += chunk.length;
            }
            if (leaveKb == 0) {
                while (true) {
                    out.write(chunk);
                    out.flush();
                    written += chunk.length;
                }
            }
        } catch (IOException full) {
            if (leaveKb != 0 || !String.valueOf(full.getMessage()).toLowerCase().contains("space")) {
                throw full;
            }
        }
        return written;
    }

    /** Deletes the filler: the space is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    public long usableBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (the disk-full tests run as root): " + out);
        }
    }
}
