package tw.jiaohao.hardware.config;

/**
 * Which USB device is the printer: by vendor and product id, or (both null) the first device with a
 * printer-class interface.
 *
 * @param vendorId  idVendor, or null
 * @param productId idProduct, or null (only together with vendorId)
 */
public record UsbSelector(Integer vendorId, Integer productId) {
    public UsbSelector {
        if ((vendorId == null) != (productId == null)) {
            throw new IllegalArgumentException("give both vendor and product id, or neither");
        }
        if (vendorId != null && (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF)) {
            throw new IllegalArgumentException("USB ids are 16-bit: 0x0000..0xffff");
        }
    }

    /** @return the first printer-class device */
    public static UsbSelector firstPrinter() {
        return new UsbSelector(null, null);
    }

    /** @return true when {@code info} is the device looked for */
    public boolean matches(int vendor, int product, boolean printerClass) {
        return vendorId == null ? printerClass : vendorId == vendor && productId == product;
    }

    /** @return what is looked for, for messages: "vendor 0x0416 product 0x5011" or "the first printer-class device" */
    public String describe() {
        return vendorId == null ? "the first printer-class device (USB class 7)"
                : String.format("vendor 0x%04x product 0x%04x", vendorId, productId);
    }
}
