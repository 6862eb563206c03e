package tw.jiaohao.messaging.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off. Paho leaves it on, and a small MQTT packet
 * then waits for the peer's delayed ACK (≈ 40 ms on Linux) — visible in every command reply
 * and state update. Use with {@code tcp://} brokers only (TLS needs an SSLSocketFactory).
 */
public final class NoDelaySocketFactory extends SocketFactory {
    public static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private static Socket noDelay(Socket s) throws SocketException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    /** Sets this factory on {@code options} when {@code brokerUrl} is plain TCP. */
    public static void applyTo(org.eclipse.paho.mqttv5.client.MqttConnectionOptions options, String brokerUrl) {
        if (brokerUrl.startsWith("tcp://")) {
            options.setSocketFactory(INSTANCE);
        }
    }
}
