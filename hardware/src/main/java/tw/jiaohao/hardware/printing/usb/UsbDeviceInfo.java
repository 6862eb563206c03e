package tw.jiaohao.hardware.printing.usb;

/**
 * One USB device as seen by {@link UsbPrinters#list()}.
 *
 * @param vendorId     idVendor
 * @param productId    idProduct
 * @param manufacturer manufacturer string, or null when it cannot be read (permissions)
 * @param product      product string, or null
 * @param printerClass true when one of its interfaces is USB class 7 (printer)
 */
public record UsbDeviceInfo(int vendorId, int productId, String manufacturer, String product, boolean printerClass) {
    /** @return e.g. "0416:5011" */
    public String id() {
        return String.format("%04x:%04x", vendorId, productId);
    }

    @Override
    public String toString() {
        return id() + (printerClass ? " [printer]" : "") + " " + (manufacturer == null ? "?" : manufacturer) + " / "
                + (product == null ? "?" : product);
    }
}
