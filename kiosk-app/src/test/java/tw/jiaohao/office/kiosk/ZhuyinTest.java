package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 注音 readings as read from Debian's Rime data (rime-data-terra-pinyin, rime-data-bopomofo). */
class ZhuyinTest {
    private final Zhuyin zhuyin = InstalledZhuyin.get();

    @Test
    void theWholeCharacterTableIsRead() {
        assertThat(zhuyin.size()).isGreaterThan(40_000);
    }

    @Test
    void aTonedReading_givesItsCharacters_mostFrequentFirst() {
        assertThat(zhuyin.candidates("ㄌㄧㄣˊ", false)).startsWith("林").contains("琳", "霖").doesNotContain("陳");
        assertThat(zhuyin.candidates("ㄔㄣˊ", false)).startsWith("陳");
        assertThat(zhuyin.candidates("ㄓˋ", false)).contains("志", "智");
        assertThat(zhuyin.candidates("ㄇㄧㄥˊ", false)).contains("明", "銘");
        assertThat(zhuyin.candidates("ㄧˊ", false)).contains("怡", "宜");
    }

    @Test
    void theFirstTone_isTypedWithItsMark() {
        assertThat(zhuyin.candidates("ㄐㄩㄣˉ", false)).contains("君", "軍");
        assertThat(zhuyin.candidates("ㄐㄩㄣˊ", false)).doesNotContain("君");
    }

    @Test
    void withoutATone_everyToneOfTheSyllableIsOffered() {
        assertThat(zhuyin.candidates("ㄐㄩㄣ", false)).contains("君", "俊", "均");
    }

    @Test
    void forTheFirstCharacter_commonSurnamesComeFirst_inTheirOrder() {
        // 黃 is the third most common surname; as a word 皇 and 黃 compete
        assertThat(zhuyin.candidates("ㄏㄨㄤˊ", true).get(0)).isEqualTo("黃");
        assertThat(zhuyin.candidates("ㄒㄩˇ", true).get(0)).isEqualTo("許");
        assertThat(zhuyin.candidates("ㄗㄥ", true).get(0)).isEqualTo("曾");
        assertThat(zhuyin.candidates("ㄧㄝˋ", true).get(0)).isEqualTo("葉");
        // the same readings later in a name: frequency alone
        assertThat(zhuyin.candidates("ㄧㄝˋ", false).get(0)).isNotEqualTo("葉");
    }

    @Test
    void nothingTyped_orNoSuchSyllable_offersNothing() {
        assertThat(zhuyin.candidates("", true)).isEmpty();
        assertThat(zhuyin.candidates("ㄅㄩ", true)).isEmpty();
    }

    @Test
    void symbolsFollowInSyllableOrder() {
        assertThat(Zhuyin.mayFollow("", 'ㄌ')).isTrue();
        assertThat(Zhuyin.mayFollow("ㄌ", 'ㄧ')).isTrue();
        assertThat(Zhuyin.mayFollow("ㄌㄧ", 'ㄣ')).isTrue();
        assertThat(Zhuyin.mayFollow("ㄌㄧㄣ", 'ˊ')).isTrue();
        assertThat(Zhuyin.mayFollow("ㄌㄧ", 'ㄅ')).isFalse();
        assertThat(Zhuyin.mayFollow("ㄌㄧㄣˊ", 'ˋ')).isFalse();
    }

    @Test
    void aFolderWithoutTheData_isRefusedNamingTheFile(@TempDir Path empty) throws IOException {
        assertThatThrownBy(() -> Zhuyin.load(empty)).isInstanceOf(IOException.class).hasMessageContaining("zhuyin.yaml");
        Files.writeString(empty.resolve("zhuyin.yaml"), "pinyin_to_zhuyin:\n  __append:\n    - xform/a/b/\n");
        Files.writeString(empty.resolve("bopomofo.schema.yaml"), "translator:\n  dictionary: x\n");
        Files.createDirectories(empty.resolve("build"));
        Files.writeString(empty.resolve("build/terra_pinyin.table.txt"), "林\tlin2\t1\n");
        assertThatThrownBy(() -> Zhuyin.load(empty)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not as expected");
    }
}
