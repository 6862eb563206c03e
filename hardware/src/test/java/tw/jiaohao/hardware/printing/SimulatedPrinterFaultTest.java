package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;

/** Faults injected into the simulator reach the caller as the right outcome, and the next ticket prints whole. */
class SimulatedPrinterFaultTest {
    private final PrinterProfile profile = PrinterProfiles.get("80mm-cjk");
    private final TicketEncoder encoder = Samples.encoder(profile);
    private final SimulatedPrinter device = new SimulatedPrinter(profile, Samples.mono(), null);
    private final TicketPrinter printer = new EscPosTicketPrinter(encoder, device, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        printer.close();
    }

    @Test
    void print_paperOutBeforeTicket_failsPaperOutWithNothingPrinted() {
        device.runOutOfPaper();

        PrintOutcome outcome = printer.print(Samples.ticket("A001"));

        assertThat(outcome).isInstanceOfSatisfying(PrintOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.PAPER_OUT);
            assertThat(f.partial()).isFalse();
            assertThat(f.message()).contains("ticket A001").contains("Load a new paper roll");
        });
        assertThat(device.pages()).isEmpty();
        assertThat(printer.status().state()).isEqualTo(PrinterState.PAPER_OUT);
    }

    @Test
    void print_paperRunsOutMidTicket_failsPaperOutPartialThenNextTicketPrintsWhole() {
        device.runOutOfPaperAfter(200);

        PrintOutcome first = printer.print(Samples.ticket("A001"));

        assertThat(first).isInstanceOfSatisfying(PrintOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.PAPER_OUT);
            assertThat(f.partial()).isTrue();
            assertThat(f.message()).contains("may be incomplete");
        });
        assertThat(device.pages()).hasSize(1);
        assertThat(device.lastPage().complete()).isFalse();

        device.loadPaper();
        PrintOutcome second = printer.print(Samples.ticket("A002"));

        assertThat(second.isPrinted()).as(second.toString()).isTrue();
        assertThat(device.lastPage().complete()).isTrue();
        assertThat(device.lastPage().bytes()).isEqualTo(encoder.encode(Samples.ticket("A002")));
    }

    @Test
    void print_unpluggedDuringWrite_failsOfflinePartialThenReplugPrintsNextTicket() {
        device.unplugAfter(150);

        PrintOutcome during = printer.print(Samples.ticket("A001"));
        PrintOutcome whileUnplugged = printer.print(Samples.ticket("A002"));
        device.replug();
        PrintOutcome afterReplug = printer.print(Samples.ticket("A003"));

        assertThat(during).isInstanceOfSatisfying(PrintOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.OFFLINE);
            assertThat(f.partial()).isTrue();
            assertThat(f.message()).contains("disconnected after 150 of");
        });
        assertThat(whileUnplugged).isInstanceOfSatisfying(PrintOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.OFFLINE);
            assertThat(f.partial()).isFalse();
            assertThat(f.message()).contains("no printer found");
        });
        assertThat(afterReplug.isPrinted()).as(afterReplug.toString()).isTrue();
        assertThat(device.pages()).extracting(p -> p.complete()).containsExactly(false, true);
        assertThat(device.lastPage().bytes()).isEqualTo(encoder.encode(Samples.ticket("A003")));
    }

    @Test
    void print_coverOpen_failsCoverOpenAndPrintsOnceClosed() {
        device.openCover();

        PrintOutcome open = printer.print(Samples.ticket("A001"));
        device.closeCover();
        PrintOutcome closed = printer.print(Samples.ticket("A001"));

        assertThat(open).isInstanceOfSatisfying(PrintOutcome.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(FailureReason.COVER_OPEN));
        assertThat(closed.isPrinted()).isTrue();
    }

    @Test
    void print_paperNearEnd_printsAndReportsNearEnd() {
        device.setPaperNearEnd(true);

        PrintOutcome outcome = printer.print(Samples.ticket());

        assertThat(outcome).isInstanceOfSatisfying(PrintOutcome.Printed.class, p -> {
            assertThat(p.after().state()).isEqualTo(PrinterState.PAPER_NEAR_END);
            assertThat(p.after().paperLow()).isTrue();
        });
    }

    @Test
    void status_unplugged_isOfflineAndSaysWhatWasLookedFor() {
        device.unplug();

        PrinterStatus status = printer.status();

        assertThat(status.state()).isEqualTo(PrinterState.OFFLINE);
        assertThat(status.message()).contains("no printer found").contains("USB cable");
    }

    @Test
    void print_receiptWhilePaperOutThenLoaded_failsThenPrints() {
        device.runOutOfPaper();
        assertThat(printer.print(Samples.receipt()).isPrinted()).isFalse();
        device.loadPaper();
        assertThat(printer.print(Samples.receipt()).isPrinted()).isTrue();
    }

    @Test
    void received_keepsExactBytesIncludingStatusQueries() {
        printer.print(Samples.ticket());

        byte[] received = device.received();
        byte[] ticket = encoder.encode(Samples.ticket());
        // DLE EOT 1, 2, 4 before the ticket; the ticket itself; DLE EOT 1, 2, 4 after it
        assertThat(received).hasSize(9 + ticket.length + 9);
        assertThat(java.util.Arrays.copyOfRange(received, 0, 9))
                .containsExactly(0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4);
        assertThat(java.util.Arrays.copyOfRange(received, 9, 9 + ticket.length)).isEqualTo(ticket);
    }
}
