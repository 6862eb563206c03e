package tw.jiaohao.protocol.notice;

/** What a notice is about. */
public enum NoticeKind { WATER_OUTAGE, SERVICE_CHANGE, GENERAL }
