package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;
import tw.jiaohao.hardware.printing.transport.TransportException;
import tw.jiaohao.hardware.printing.usb.UsbPrinterTransport;
import tw.jiaohao.hardware.printing.usb.UsbPrinters;
import tw.jiaohao.hardware.config.UsbSelector;

/** On this machine (no USB printer, no /dev/bus/usb) the natives load and "no printer" is reported clearly. */
class UsbPrinterTransportIT {

    @Test
    void javaxUsbProperties_arePackagedAndNameUsb4java() throws Exception {
        Properties p = new Properties();
        try (InputStream in = UsbPrinterTransport.class.getResourceAsStream("/javax.usb.properties")) {
            assertThat(in).as("javax.usb.properties on the classpath").isNotNull();
            p.load(in);
        }
        assertThat(p.getProperty("javax.usb.services")).isEqualTo("org.usb4java.javax.Services");
    }

    @Test
    void list_noDevicesHere_loadsNativesAndReturnsNoPrinter() {
        assertThat(UsbPrinters.list()).noneMatch(d -> d.printerClass());
        assertThat(org.usb4java.LibUsb.getVersion()).as("libusb natives loaded").isNotNull();
    }

    @Test
    void open_noDevice_reportsNoPrinterNamingVendorAndProduct() {
        UsbPrinterTransport usb = new UsbPrinterTransport(new UsbSelector(0x0416, 0x5011));
        try {
            usb.open();
            throw new AssertionError("expected no printer");
        } catch (TransportException e) {
            assertThat(e.kind()).isEqualTo(TransportException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).startsWith("no printer found (looked for vendor 0x0416 product 0x5011");
        }
    }

    @Test
    void print_noDevice_failsOfflineAndStatusSaysSo() {
        try (TicketPrinter printer = new EscPosTicketPrinter(Samples.encoder(PrinterProfiles.get("80mm-cjk")),
                new UsbPrinterTransport(UsbSelector.firstPrinter()), Duration.ofSeconds(1))) {
            PrintOutcome outcome = printer.print(Samples.ticket());
            assertThat(outcome).isInstanceOfSatisfying(PrintOutcome.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.OFFLINE);
                assertThat(f.message()).contains("no printer found (looked for the first printer-class device");
            });
            assertThat(printer.status().state()).isEqualTo(PrinterState.OFFLINE);
        }
    }
}
