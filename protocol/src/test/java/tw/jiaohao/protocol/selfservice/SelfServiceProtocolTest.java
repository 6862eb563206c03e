package tw.jiaohao.protocol.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.codec.Decoded;
import tw.jiaohao.protocol.codec.JsonCodec;
import tw.jiaohao.protocol.personal.NationalId;

class SelfServiceProtocolTest {
    private static KeyPair hub;
    private final JsonCodec codec = new JsonCodec();

    @BeforeAll
    static void keys() {
        hub = PersonalDataSeal.generateKeyPair();
    }

    @Test
    void nationalId_anyOtherCheckDigit_failsTheChecksum() {
        for (char d = '0'; d <= '8'; d++) {
            assertThat(NationalId.problem("A12345678" + d)).contains(NationalId.Problem.CHECKSUM);
        }
        assertThat(NationalId.isValid("A123456789")).isTrue();
    }

    @Test
    void houseNumber_isTakenFromTheLastNumberBefore號() {
        assertThat(HouseNumber.of("臺北市中山區民生東路一段23巷5號3樓")).contains("5");
        assertThat(HouseNumber.of("高雄市前鎮區中山二路5之1號")).contains("5-1");
        assertThat(HouseNumber.of("臺中市西區民權路１２０號")).contains("120");
        assertThat(HouseNumber.of("南投縣信義鄉東埔村一鄰")).isEmpty();
    }

    @Test
    void houseNumber_typedInput_isNormalizedOrRefused() {
        assertThat(HouseNumber.normalize(" ５之１ ")).contains("5-1");
        assertThat(HouseNumber.normalize("5號")).contains("5");
        assertThat(HouseNumber.normalize("0")).isEmpty();
        assertThat(HouseNumber.normalize("5樓")).isEmpty();
        assertThat(HouseNumber.normalize("")).isEmpty();
    }

    @Test
    void accountNumber_groupingIsDropped_andBadNumbersExplained() {
        assertThat(AccountNumber.normalize("3-3004-5678-9")).isEqualTo("3300456789");
        assertThat(AccountNumber.problem("3-3004-5678-9")).isEmpty();
        assertThat(AccountNumber.problem("12")).get().asString().contains("6 to 20");
        assertThat(AccountNumber.problem("")).isPresent();
    }

    @Test
    void seal_opensOnlyWithTheHubKey_forTheSameRequest() {
        SelfServiceRequest r = SelfServiceExamples.transfer(hub);
        assertThat(PersonalDataSeal.open(r.personal(), hub.getPrivate(), r.requestId(), "taipei-1"))
                .isEqualTo(SelfServiceExamples.transferPerson());
        assertThatThrownBy(() -> PersonalDataSeal.open(r.personal(), PersonalDataSeal.generateKeyPair().getPrivate(), r.requestId(), "taipei-1"))
                .isInstanceOf(ProtocolException.class).hasMessageNotContaining("A123456789");
        assertThatThrownBy(() -> PersonalDataSeal.open(r.personal(), hub.getPrivate(), UUID.randomUUID(), "taipei-1"))
                .isInstanceOf(ProtocolException.class);
        assertThat(r.personal().keyId()).isEqualTo(PersonalDataSeal.keyId(hub.getPublic()));
    }

    @Test
    void sealedRequest_onTheWire_holdsNoPersonalDataInClear() {
        String json = codec.encodeToString(SelfServiceExamples.transfer(hub));
        assertThat(json).doesNotContain("A123456789", "0912345678", "陳小明");
        assertThat(codec.decode(Topics.request("taipei-1"), json.getBytes(StandardCharsets.UTF_8), SelfServiceRequest.class).isAccepted()).isTrue();
        assertThat(codec.decode(Topics.request("kaohsiung-2"), json.getBytes(StandardCharsets.UTF_8), SelfServiceRequest.class))
                .isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void personalData_toString_isMasked() {
        assertThat(SelfServiceExamples.transferPerson().toString())
                .doesNotContain("A123456789", "0912345678", "小明").contains("A12****789", "0912***678");
    }

    @Test
    void pemKeys_roundTrip() {
        assertThat(PersonalDataSeal.publicKeyFromPem(PersonalDataSeal.toPem(hub.getPublic()))).isEqualTo(hub.getPublic());
        assertThat(PersonalDataSeal.privateKeyFromPem(PersonalDataSeal.toPem(hub.getPrivate()))).isEqualTo(hub.getPrivate());
        assertThatThrownBy(() -> PersonalDataSeal.publicKeyFromPem("nonsense")).isInstanceOf(ProtocolException.class).hasMessageContaining("PEM");
    }

    @Test
    void suspension_sameDayEffectiveDate_isInvalid() {
        assertThatThrownBy(() -> SelfServiceExamples.suspension(hub, SelfServiceExamples.DAY))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("effectiveDate:");
        assertThat(SelfServiceExamples.suspension(hub, SelfServiceExamples.DAY.plusDays(1)).effectiveDate())
                .isEqualTo(SelfServiceExamples.DAY.plusDays(1));
    }

    @Test
    void suspension_refusedReason_orSingleConfirmation_isInvalid() {
        SelfServiceRequest ok = SelfServiceExamples.suspension(hub, SelfServiceExamples.DAY.plusDays(2));
        assertThatThrownBy(() -> new SelfServiceRequest(1, ok.requestId(), ok.office(), ok.caseNumber(), ok.kind(), ok.takenAt(),
                ok.officeDay(), ok.accountNumber(), ok.check(), null, 2, SuspensionReason.TENANT_DISPUTE, ok.effectiveDate(), ok.personal()))
                .hasMessageStartingWith("reason:");
        assertThatThrownBy(() -> new SelfServiceRequest(1, ok.requestId(), ok.office(), ok.caseNumber(), ok.kind(), ok.takenAt(),
                ok.officeDay(), ok.accountNumber(), ok.check(), null, 1, ok.reason(), ok.effectiveDate(), ok.personal()))
                .hasMessageStartingWith("addressConfirmations:");
        assertThat(SuspensionReason.TENANT_DISPUTE.refused()).isTrue();
        assertThat(SuspensionReason.OWNERSHIP_DISPUTE.refused()).isTrue();
        assertThat(SuspensionReason.MOVING_OUT.refused()).isFalse();
    }

    @Test
    void lookupReply_onlyFoundCarriesAccountFacts() {
        assertThatThrownBy(() -> new AccountLookupReply(1, "33004567890", LookupOutcome.NOT_FOUND, false, null, null, null, null))
                .isInstanceOf(InvalidMessageException.class);
        assertThat(codec.decode("{\"v\":1,\"accountNumber\":\"x\",\"outcome\":\"FOUND\"}".getBytes(StandardCharsets.UTF_8), AccountLookupReply.class))
                .isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void lookupRequest_houseNumberMustBeNormalized() {
        assertThat(AccountLookupRequest.of("t", "kiosk-1", "33004567890", "5-1").houseNumber()).isEqualTo("5-1");
        assertThatThrownBy(() -> AccountLookupRequest.of("t", "kiosk-1", "33004567890", "5之1")).hasMessageStartingWith("houseNumber:");
    }

    @Test
    void acknowledgement_problemMatchesTheVerdict() {
        assertThatThrownBy(() -> new RequestAcknowledgement(1, "t", UUID.randomUUID(), "T-20261122-001", Verification.REJECTED,
                VerificationProblem.ADDRESS_UNCHECKABLE, SelfServiceExamples.AT)).hasMessageStartingWith("problem:");
        assertThatThrownBy(() -> new RequestAcknowledgement(1, "t", UUID.randomUUID(), "T-20261122-001", Verification.VERIFIED,
                VerificationProblem.ARREARS, SelfServiceExamples.AT)).hasMessageStartingWith("problem:");
    }

    @Test
    void requestTopics_roundTripThroughParse() {
        assertThat(Topics.request("t")).isEqualTo("jiaohao/v1/office/t/request");
        assertThat(Topics.parse(Topics.request("t"))).contains(new Topics.Parsed(Topics.Kind.REQUEST, "t", null, null));
        assertThat(Topics.parse(Topics.requestAck("t"))).contains(new Topics.Parsed(Topics.Kind.REQUEST_ACK, "t", null, null));
        assertThat(Topics.allOfficeRequests()).isEqualTo("jiaohao/v1/office/+/request");
    }

    @Test
    void caseNumber_format() {
        assertThat(CaseNumber.of(RequestKind.SUSPENSION, SelfServiceExamples.DAY, 7)).isEqualTo("S-20261122-007");
        assertThatThrownBy(() -> CaseNumber.check("caseNumber", "S-2026-7")).isInstanceOf(InvalidMessageException.class);
    }
}
