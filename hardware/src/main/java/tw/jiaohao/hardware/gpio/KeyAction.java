package tw.jiaohao.hardware.gpio;

/** What happened to a key, after debouncing. */
public enum KeyAction {
    /** The key went down (fires as soon as the contact has been stable for the debounce time). */
    PRESSED,
    /** The key has been held for the long-press time (fires once per press, while still held). */
    LONG_PRESSED,
    /** The key came up; {@link KeyEvent#held()} says for how long it was down. */
    RELEASED
}
