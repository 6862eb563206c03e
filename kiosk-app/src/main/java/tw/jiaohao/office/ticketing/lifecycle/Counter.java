package tw.jiaohao.office.ticketing.lifecycle;

/**
 * One counter as the lifecycle knows it.
 *
 * @param number  its number (configured; events never create a counter)
 * @param open    whether it takes calls
 * @param current the ticket CALLED or SERVING here now, or null
 * @param last    the last ticket finished here (what RATE rates when nobody is being served), or null
 */
public record Counter(int number, boolean open, String current, String last) {
}
