package tw.jiaohao.protocol.personal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"A123456789", "a123456789", " F131104093 ", "A234567893", "A800000014"})
    void nationalId_validNumbers_areAccepted(String id) {
        assertThat(NationalId.problem(id)).isEmpty();
    }

    @Test
    void nationalId_oneDigitChanged_failsTheChecksum() {
        assertThat(NationalId.problem("A123456788")).contains(NationalId.Problem.CHECKSUM);
        assertThat(NationalId.problem("B123456789")).contains(NationalId.Problem.CHECKSUM);
    }

    @Test
    void nationalId_forgedLooking_isRefusedForTheRightReason() {
        // Right shape and a passing checksum are not enough: the second digit must be 1, 2, 8 or 9.
        assertThat(NationalId.problem("A323456783")).contains(NationalId.Problem.SECOND_DIGIT);
        assertThat(NationalId.problem("A12345678")).contains(NationalId.Problem.FORMAT);
        assertThat(NationalId.problem("1234567890")).contains(NationalId.Problem.FORMAT);
        assertThat(NationalId.problem("AB23456789")).contains(NationalId.Problem.FORMAT);
        assertThat(NationalId.problem("")).contains(NationalId.Problem.EMPTY);
        assertThat(NationalId.problem(null)).contains(NationalId.Problem.EMPTY);
    }

    @Test
    void nationalId_problemMessages_neverRepeatTheNumber() {
        for (NationalId.Problem p : NationalId.Problem.values()) {
            assertThat(p.message()).doesNotContain("A123456788").contains(" / ");
        }
    }

    @Test
    void nationalId_mask_keepsThreeAndThree() {
        assertThat(NationalId.mask("A123456789")).isEqualTo("A12****789");
        assertThat(NationalId.mask("x")).isEqualTo("****");
    }

    @Test
    void phone_mobilesAndLandlines_areAcceptedAndNormalized() {
        assertThat(PhoneNumber.problem("0912-345-678")).isEmpty();
        assertThat(PhoneNumber.problem("+886 912 345 678")).isEmpty();
        assertThat(PhoneNumber.normalize("+886 912 345 678")).isEqualTo("0912345678");
        assertThat(PhoneNumber.problem("(02) 2345-6789")).isEmpty();
        assertThat(PhoneNumber.problem("07-123-4567")).isEmpty();
        assertThat(PhoneNumber.problem("12345")).isPresent();
        assertThat(PhoneNumber.problem("0912-345-67")).isPresent();
        assertThat(PhoneNumber.problem("")).isPresent();
    }

    @Test
    void phone_mask_hidesTheMiddle() {
        assertThat(PhoneNumber.mask("0912-345-678")).isEqualTo("0912***678");
        assertThat(PhoneNumber.mask("02-2345-6789")).isEqualTo("0223***789");
    }

    @Test
    void address_mask_keepsTheStreetHidesTheHouse() {
        assertThat(AddressMask.mask("臺北市中山區民生東路一段23巷5號3樓"))
                .isEqualTo("臺北市中山區民生東路一段**巷*號*樓");
        assertThat(AddressMask.mask("高雄市前鎮區中山二路5號")).isEqualTo("高雄市前鎮區中山二路*號");
        assertThat(AddressMask.mask(null)).isEmpty();
    }
}
