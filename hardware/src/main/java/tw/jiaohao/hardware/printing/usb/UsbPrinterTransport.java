package tw.jiaohao.hardware.printing.usb;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.usb.UsbConst;
import javax.usb.UsbDevice;
import javax.usb.UsbEndpoint;
import javax.usb.UsbException;
import javax.usb.UsbInterface;
import javax.usb.UsbIrp;
import javax.usb.UsbPipe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hardware.config.UsbSelector;
import tw.jiaohao.hardware.printing.escpos.EscPosCommands;
import tw.jiaohao.hardware.printing.transport.PrinterTransport;
import tw.jiaohao.hardware.printing.transport.TransportException;
import tw.jiaohao.hardware.printing.transport.TransportException.Kind;

/**
 * The wire to a USB ESC/POS printer through javax.usb (usb4java): finds the device by
 * {@link UsbSelector}, claims its printer interface (detaching the kernel's usblp driver), and does
 * bulk transfers with timeouts. Writes go in chunks of {@value #CHUNK} bytes, each of which must
 * complete within the timeout ("no progress" rather than "whole ticket" timing). Status queries
 * send {@code DLE EOT n} on the OUT pipe and read the answer on the IN pipe.
 *
 * <p>After a failure the device is closed; the next {@link #open()} walks the bus again, so a
 * replugged printer is found without restarting. Not thread-safe (the printer serialises calls).
 */
public final class UsbPrinterTransport implements PrinterTransport {
    static final int CHUNK = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(UsbPrinterTransport.class);

    private final UsbSelector selector;
    private UsbInterface iface;
    private UsbPipe out;
    private UsbPipe in;
    private String device;

    public UsbPrinterTransport(UsbSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    @Override
    public void open() {
        if (out != null) {
            return;
        }
        List<UsbDevice> all = UsbPrinters.allDevices();
        UsbDevice found = null;
        for (UsbDevice d : all) {
            var desc = d.getUsbDeviceDescriptor();
            if (selector.matches(desc.idVendor() & 0xFFFF, desc.idProduct() & 0xFFFF, UsbPrinters.printerInterface(d) != null)) {
                found = d;
                break;
            }
        }
        if (found == null) {
            throw new TransportException(Kind.NOT_FOUND, "no printer found (looked for " + selector.describe() + " among "
                    + all.size() + " USB device" + (all.size() == 1 ? "" : "s") + ")");
        }
        UsbDeviceInfo info = UsbPrinters.info(found);
        String name = "USB " + info.id() + (info.product() == null ? "" : " " + info.product());
        try {
            UsbInterface i = UsbPrinters.printerInterface(found);
            if (i == null) {
                i = (UsbInterface) found.getActiveUsbConfiguration().getUsbInterfaces().get(0);
            }
            i.claim(usbInterface -> true);
            iface = i;
            UsbEndpoint bulkOut = endpoint(i, UsbConst.ENDPOINT_DIRECTION_OUT);
            if (bulkOut == null) {
                throw new TransportException(Kind.NOT_ACCESSIBLE, name + " has no bulk OUT endpoint: is it a printer?");
            }
            out = bulkOut.getUsbPipe();
            out.open();
            UsbEndpoint bulkIn = endpoint(i, UsbConst.ENDPOINT_DIRECTION_IN);
            if (bulkIn != null) {
                in = bulkIn.getUsbPipe();
                in.open();
            }
            device = name;
            LOG.info("printer opened: {}", name);
        } catch (UsbException | RuntimeException e) {
            close();
            if (e instanceof TransportException te) {
                throw te;
            }
            throw new TransportException(Kind.NOT_ACCESSIBLE, "cannot open " + name + ": " + e.getMessage(), 0, e);
        }
    }

    private static UsbEndpoint endpoint(UsbInterface i, byte direction) {
        for (Object o : i.getUsbEndpoints()) {
            UsbEndpoint e = (UsbEndpoint) o;
            if (e.getType() == UsbConst.ENDPOINT_TYPE_BULK && e.getDirection() == direction) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void write(byte[] data, Duration timeout) {
        if (out == null) {
            throw new TransportException(Kind.NOT_FOUND, "printer not open (looked for " + selector.describe() + ")");
        }
        int done = 0;
        while (done < data.length) {
            int n = Math.min(CHUNK, data.length - done);
            UsbIrp irp = submit(out, Arrays.copyOfRange(data, done, done + n), timeout, done);
            if (!irp.isComplete()) {
                abort(out);
                throw new TransportException(Kind.TIMEOUT, "printer stopped taking data after " + done + " of "
                        + data.length + " bytes (no progress for " + timeout.toMillis() + " ms)", done, null);
            }
            if (irp.isUsbException()) {
                close();
                throw new TransportException(Kind.DISCONNECTED, "printer disconnected after " + done + " of "
                        + data.length + " bytes (" + irp.getUsbException().getMessage() + ")", done, irp.getUsbException());
            }
            done += irp.getActualLength();
        }
    }

    @Override
    public int queryStatus(int n, Duration timeout) {
        write(EscPosCommands.realTimeStatus(n), timeout);
        if (in == null) {
            throw new TransportException(Kind.TIMEOUT, device + " has no IN endpoint, so it cannot report its status");
        }
        UsbIrp irp = in.createUsbIrp();
        irp.setData(new byte[64]);
        irp.setAcceptShortPacket(true);
        submit(in, irp, timeout, 0);
        if (!irp.isComplete()) {
            abort(in);
            throw new TransportException(Kind.TIMEOUT, "printer did not answer status query DLE EOT " + n + " within "
                    + timeout.toMillis() + " ms");
        }
        if (irp.isUsbException() || irp.getActualLength() < 1) {
            close();
            throw new TransportException(Kind.DISCONNECTED, "printer disconnected while reading its status");
        }
        return irp.getData()[irp.getActualLength() - 1] & 0xFF;
    }

    private UsbIrp submit(UsbPipe pipe, byte[] chunk, Duration timeout, int done) {
        UsbIrp irp = pipe.createUsbIrp();
        irp.setData(chunk);
        return submit(pipe, irp, timeout, done);
    }

    private UsbIrp submit(UsbPipe pipe, UsbIrp irp, Duration timeout, int done) {
        try {
            pipe.asyncSubmit(irp);
        } catch (UsbException | RuntimeException e) {
            close();
            throw new TransportException(Kind.DISCONNECTED, "printer disconnected (" + e.getMessage() + ")", done, e);
        }
        irp.waitUntilComplete(Math.max(1, timeout.toMillis()));
        return irp;
    }

    private static void abort(UsbPipe pipe) {
        try {
            pipe.abortAllSubmissions();
        } catch (RuntimeException e) {
            LOG.debug("abort failed: {}", e.toString());
        }
    }

    @Override
    public String describe() {
        return device != null ? device : "USB printer (" + selector.describe() + ")";
    }

    @Override
    public void close() {
        for (UsbPipe p : new UsbPipe[] {out, in}) {
            if (p != null) {
                try {
                    if (p.isOpen()) {
                        p.abortAllSubmissions();
                        p.close();
                    }
                } catch (UsbException | RuntimeException e) {
                    LOG.debug("closing pipe: {}", e.toString());
                }
            }
        }
        if (iface != null) {
            try {
                if (iface.isClaimed()) {
                    iface.release();
                }
            } catch (UsbException | RuntimeException e) {
                LOG.debug("releasing interface: {}", e.toString());
            }
        }
        if (device != null) {
            LOG.info("printer closed: {}", device);
        }
        out = null;
        in = null;
        iface = null;
        device = null;
    }
}
