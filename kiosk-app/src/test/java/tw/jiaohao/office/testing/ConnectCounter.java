package tw.jiaohao.office.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real broker that counts MQTT CONNECT packets (the first byte of a
 * connection, {@code 0x10}) and the connections open now: a program pointed at
 * {@link #url()} shows the broker exactly how many MQTT sessions it opens.
 */
public final class ConnectCounter implements AutoCloseable {
    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** A counter in front of {@code brokerUrl} ({@code tcp://host:port}). */
    public ConnectCounter(String brokerUrl) {
        String hostPort = brokerUrl.substring(brokerUrl.indexOf("://") + 3);
        upstreamHost = hostPort.substring(0, hostPort.lastIndexOf(':'));
        upstreamPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::accept, "connect-counter");
        t.setDaemon(true);
        t.start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** MQTT CONNECT packets seen since the start. */
    public int connects() {
        return connects.get();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(upstreamHost, upstreamPort);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                open.incrementAndGet();
                AtomicInteger ends = new AtomicInteger();
                pump(in, out, true, ends);
                pump(out, in, false, ends);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientSide, AtomicInteger ends) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            boolean first = clientSide;
            try (InputStream is = from.getInputStream(); OutputStream os = to.getOutputStream()) {
                int n;
                while ((n = is.read(buf)) > 0) {
                    if (first) {
                        first = false;
                        if ((buf[0] & 0xF0) == 0x10) {
                            connects.incrementAndGet();
                        }
                    }
                    os.write(buf, 0, n);
                    os.flush();
                }
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                if (ends.incrementAndGet() == 2) {
                    open.decrementAndGet();
                }
            }
        }, "connect-counter-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(ConnectCounter::closeQuietly);
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
