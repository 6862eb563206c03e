package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.InvalidMessageException;

class AnnouncementPlanTest {
    private static final AnnouncementPlan.Options ZH = new AnnouncementPlan.Options(false, false, false);
    private static final AnnouncementPlan.Options ZH_EN = new AnnouncementPlan.Options(false, false, true);

    private static String plan(String number, int counter, AnnouncementPlan.Options options) {
        return AnnouncementPlan.of(number, counter, options).describe();
    }

    @Test
    void a001ToCounter3_readsOneNotOhOhOne() {
        assertThat(plan("A001", 3, ZH)).isEqualTo("chime zh/laibin zh/letter-A zh/num-1 zh/hao-qingdao zh/counter-3");
    }

    @Test
    void a010ToCounter12_readsTenAndTwelve() {
        assertThat(plan("A010", 12, ZH)).isEqualTo("chime zh/laibin zh/letter-A zh/num-10 zh/hao-qingdao zh/counter-12");
    }

    @Test
    void a023ToCounter3_readsTwentyThree() {
        assertThat(plan("A023", 3, ZH)).isEqualTo("chime zh/laibin zh/letter-A zh/num-23 zh/hao-qingdao zh/counter-3");
    }

    @Test
    void b105ToCounter12_readsOneHundredZeroFive() {
        assertThat(plan("B105", 12, ZH)).isEqualTo("chime zh/laibin zh/letter-B zh/num-100 zh/num-05 zh/hao-qingdao zh/counter-12");
    }

    @Test
    void englishFollowsTheMandarinSentence() {
        assertThat(plan("B105", 12, ZH_EN)).isEqualTo("chime zh/laibin zh/letter-B zh/num-100 zh/num-05 zh/hao-qingdao zh/counter-12"
                + " en/number letter/B en/1 en/hundred en/5 en/please-go-to-counter en/12");
        assertThat(plan("A023", 3, ZH_EN)).endsWith("en/number letter/A en/20 en/3 en/please-go-to-counter en/3");
        assertThat(plan("A010", 3, ZH_EN)).endsWith("en/number letter/A en/10 en/please-go-to-counter en/3");
    }

    @Test
    void theLetterIsReadInTheMandarinVoice_andACounterBeyondTheWholePhrasesIsAssembled() {
        assertThat(plan("C007", 21, ZH)).isEqualTo("chime zh/laibin zh/letter-C zh/num-7 zh/hao-qingdao zh/num-21 zh/hao-guitai");
    }

    @Test
    void eachCallIsSpokenTwiceAfterOneChime_whenConfigured() {
        assertThat(plan("A023", 3, new AnnouncementPlan.Options(false, false, false, 2))).isEqualTo("chime"
                + " zh/laibin zh/letter-A zh/num-23 zh/hao-qingdao zh/counter-3"
                + " pause zh/laibin zh/letter-A zh/num-23 zh/hao-qingdao zh/counter-3");
    }

    @Test
    void mutingTheVoiceKeepsTheChime() {
        assertThat(plan("A023", 3, new AnnouncementPlan.Options(false, true, true))).isEqualTo("chime");
    }

    @Test
    void mutingTheChimeKeepsTheVoice() {
        assertThat(plan("A023", 3, new AnnouncementPlan.Options(true, false, false)))
                .isEqualTo("zh/laibin zh/letter-A zh/num-23 zh/hao-qingdao zh/counter-3");
    }

    @Test
    void mutingBothIsSilent() {
        assertThat(AnnouncementPlan.of("A023", 3, new AnnouncementPlan.Options(true, true, false)).isSilent()).isTrue();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> AnnouncementPlan.of("A23", 3, ZH)).isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> AnnouncementPlan.of("A023", 0, ZH)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void everyPlannedClipIsBundled() {
        ClipLibrary library = new ClipLibrary();
        for (String number : new String[] {"A001", "A010", "A023", "B105", "Z999", "C200", "D215", "E990"}) {
            for (int counter : new int[] {1, 3, 12, 20, 21, 99}) {
                AnnouncementPlan.of(number, counter, new AnnouncementPlan.Options(false, false, true, 2)).clips()
                        .forEach(c -> assertThat(library.samples(c)).as(c.id()).isNotEmpty());
            }
        }
    }
}
