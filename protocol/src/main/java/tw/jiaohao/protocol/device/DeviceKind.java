package tw.jiaohao.protocol.device;

/** The kinds of device in an office. */
public enum DeviceKind { OFFICE_NODE, KIOSK, WALL_BOARD, COUNTER_UNIT }
