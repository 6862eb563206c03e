package tw.jiaohao.hardware.printing.usb;

import java.util.ArrayList;
import java.util.List;
import javax.usb.UsbConfiguration;
import javax.usb.UsbDevice;
import javax.usb.UsbHostManager;
import javax.usb.UsbHub;
import javax.usb.UsbInterface;
import javax.usb.UsbServices;
import tw.jiaohao.hardware.printing.transport.TransportException;

/** Walks the USB bus through javax.usb (usb4java). Blocking, thread-safe. */
public final class UsbPrinters {
    /** USB interface class of printers. */
    public static final int PRINTER_CLASS = 7;

    private UsbPrinters() {
    }

    /**
     * Starts javax.usb (loads the libusb natives on first use).
     *
     * @return the services
     * @throws TransportException NOT_ACCESSIBLE when libusb cannot start, with the reason
     */
    public static UsbServices services() {
        try {
            return UsbHostManager.getUsbServices();
        } catch (javax.usb.UsbException | RuntimeException | LinkageError e) {
            throw new TransportException(TransportException.Kind.NOT_ACCESSIBLE, "cannot start USB access (javax.usb / "
                    + "libusb): " + e + " (check that javax.usb.properties is on the classpath and /dev/bus/usb exists)",
                    0, e);
        }
    }

    /** @return every non-hub device on the bus (blocking; loads natives on first use) */
    static List<UsbDevice> allDevices() {
        UsbServices services = services();
        try {
            return devices(services.getRootUsbHub());
        } catch (javax.usb.UsbException | RuntimeException e) {
            throw new TransportException(TransportException.Kind.NOT_ACCESSIBLE, "cannot read the USB bus: " + e, 0, e);
        }
    }

    /** @return every non-hub device on the bus, printers marked; empty when there are none */
    public static List<UsbDeviceInfo> list() {
        List<UsbDeviceInfo> out = new ArrayList<>();
        for (UsbDevice d : allDevices()) {
            out.add(info(d));
        }
        return out;
    }

    static List<UsbDevice> devices(UsbHub hub) {
        List<UsbDevice> out = new ArrayList<>();
        for (Object o : hub.getAttachedUsbDevices()) {
            UsbDevice d = (UsbDevice) o;
            if (d.isUsbHub()) {
                out.addAll(devices((UsbHub) d));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    static UsbDeviceInfo info(UsbDevice d) {
        var desc = d.getUsbDeviceDescriptor();
        return new UsbDeviceInfo(desc.idVendor() & 0xFFFF, desc.idProduct() & 0xFFFF, string(d, true), string(d, false),
                printerInterface(d) != null);
    }

    /** @return the first printer-class interface of the active configuration, or null */
    static UsbInterface printerInterface(UsbDevice d) {
        UsbConfiguration c = d.getActiveUsbConfiguration();
        if (c == null) {
            return null;
        }
        for (Object o : c.getUsbInterfaces()) {
            UsbInterface i = (UsbInterface) o;
            if ((i.getUsbInterfaceDescriptor().bInterfaceClass() & 0xFF) == PRINTER_CLASS) {
                return i;
            }
        }
        return null;
    }

    private static String string(UsbDevice d, boolean manufacturer) {
        try {
            return manufacturer ? d.getManufacturerString() : d.getProductString();
        } catch (Exception e) {
            return null; // unreadable without permission; the ids still identify the device
        }
    }
}
