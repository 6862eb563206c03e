package tw.jiaohao.protocol;

/** The payload version every message carries in its {@code "v"} field. */
public final class ProtocolVersion {
    /** The only version this build reads and writes. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }
}
