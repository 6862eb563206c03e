package tw.jiaohao.protocol.personal;

/**
 * Masks a Taiwanese service address for screens and lists: the city, district and road are
 * kept (the customer recognises their street), the lane, alley, number and floor are hidden,
 * e.g. {@code 臺北市中山區民生東路一段23巷5號3樓} → {@code 臺北市中山區民生東路一段**巷*號*樓}.
 */
public final class AddressMask {
    private AddressMask() {
    }

    public static String mask(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        return address.strip().replaceAll("[0-9０-９一二三四五六七八九十百之-]+(?=[巷弄號樓室之])", "**")
                .replaceAll("\\*\\*(?=[號樓室])", "*");
    }
}
