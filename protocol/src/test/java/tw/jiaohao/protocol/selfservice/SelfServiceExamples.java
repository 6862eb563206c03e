package tw.jiaohao.protocol.selfservice;

import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Valid examples of the self-service messages, shared by the tests. */
public final class SelfServiceExamples {
    public static final Instant AT = Instant.parse("2026-11-22T01:15:30Z");
    public static final LocalDate DAY = LocalDate.parse("2026-11-22");
    public static final UUID REQUEST_ID = UUID.fromString("0193a1b2-7c00-7000-8000-0000000000a1");

    private SelfServiceExamples() {
    }

    public static PersonalData transferPerson() {
        return new PersonalData("陳小明", "A123456789", "0912345678", "5");
    }

    public static SelfServiceRequest transfer(KeyPair hub) {
        return new SelfServiceRequest(1, REQUEST_ID, "taipei-1", "T-20261122-003", RequestKind.TRANSFER, AT, DAY,
                "33004567890", KioskCheck.CHECKED_ONLINE, "臺北市中山區民生東路一段**巷*號*樓", 1, null, null,
                PersonalDataSeal.seal(transferPerson(), hub.getPublic(), REQUEST_ID, "taipei-1"));
    }

    public static SelfServiceRequest suspension(KeyPair hub, LocalDate effective) {
        UUID id = UUID.fromString("0193a1b2-7c00-7000-8000-0000000000a2");
        return new SelfServiceRequest(1, id, "taipei-1", "S-20261122-001", RequestKind.SUSPENSION, AT, DAY,
                "33004567890", KioskCheck.NOT_YET_VERIFIED, null, 2, SuspensionReason.MOVING_OUT, effective,
                PersonalDataSeal.seal(new PersonalData("林美華", null, "0223456789", "5"), hub.getPublic(), id, "taipei-1"));
    }
}
