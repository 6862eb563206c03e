package tw.jiaohao.hub.cases;

import static tw.jiaohao.hub.testing.PersonalTestData.*;

import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import tw.jiaohao.protocol.personal.AddressMask;
import tw.jiaohao.protocol.selfservice.KioskCheck;
import tw.jiaohao.protocol.selfservice.PersonalData;
import tw.jiaohao.protocol.selfservice.PersonalDataSeal;
import tw.jiaohao.protocol.selfservice.RequestKind;
import tw.jiaohao.protocol.selfservice.SelfServiceRequest;
import tw.jiaohao.protocol.selfservice.SuspensionReason;

/** Builds requests as an office node would, sealed for a given hub key. */
public final class Requests {
    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private Requests() {
    }

    public static SelfServiceRequest transfer(PublicKey hub, String office, int n, String account, String house, Instant takenAt) {
        UUID id = UUID.randomUUID();
        LocalDate day = takenAt.atZone(TAIPEI).toLocalDate();
        return new SelfServiceRequest(1, id, office, String.format("T-%s-%03d", day.toString().replace("-", ""), n), RequestKind.TRANSFER,
                takenAt, day, account, KioskCheck.CHECKED_ONLINE, AddressMask.mask(ADDRESS_OK), 1, null, null,
                PersonalDataSeal.seal(new PersonalData(NEW_HOLDER, NATIONAL_ID, PHONE, house), hub, id, office));
    }

    public static SelfServiceRequest suspension(PublicKey hub, String office, int n, String account, Instant takenAt, LocalDate effective, KioskCheck check) {
        UUID id = UUID.randomUUID();
        LocalDate day = takenAt.atZone(TAIPEI).toLocalDate();
        return new SelfServiceRequest(1, id, office, String.format("S-%s-%03d", day.toString().replace("-", ""), n), RequestKind.SUSPENSION,
                takenAt, day, account, check, null, 2, SuspensionReason.MOVING_OUT, effective,
                PersonalDataSeal.seal(new PersonalData(CONTACT, null, PHONE_2, HOUSE_OK), hub, id, office));
    }
}
