package tw.jiaohao.board.voice;

import java.util.ArrayList;
import java.util.List;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * Which clips are played, in which order, for one call (pure; no audio). The sentence is
 * 「(chime) 來賓 A 二十三 號，請到 三號櫃台」 — the letter in the Mandarin voice ({@code zh/letter-A}),
 * every number spoken whole ({@link NumberReading}), 「N 號櫃台」 one whole phrase for counters up to
 * {@link #WHOLE_COUNTER_PHRASES} — and optionally
 * "Number A twenty three, please go to counter three". The chime and the voice are muted
 * independently: muting the voice keeps the chime, muting both plays nothing. A recall is
 * announced exactly like the first call. The sentence is repeated ({@code voice.repeat}, 2 by
 * default) after a pause, so a customer who missed the start hears it whole.
 */
public record AnnouncementPlan(List<Clip> clips) {
    /** Counters with a whole 「N 號櫃台」 phrase clip ({@code zh/counter-N}); higher ones are assembled. */
    public static final int WHOLE_COUNTER_PHRASES = 20;

    public AnnouncementPlan {
        clips = List.copyOf(clips);
    }

    /** Options of the announcer, from configuration: the sentences are spoken {@code repeat} times after one chime. */
    public record Options(boolean chimeMuted, boolean voiceMuted, boolean english, int repeat) {
        public Options {
            if (repeat < 1 || repeat > 5) {
                throw new IllegalArgumentException("repeat must be 1..5, got " + repeat);
            }
        }

        /** Spoken once. */
        public Options(boolean chimeMuted, boolean voiceMuted, boolean english) {
            this(chimeMuted, voiceMuted, english, 1);
        }
    }

    public static AnnouncementPlan of(String ticketNumber, int counter, Options options) {
        TicketNumber number = TicketNumber.parse(ticketNumber);
        Check.counter("counter", counter);
        List<Clip> clips = new ArrayList<>();
        if (!options.chimeMuted()) {
            clips.add(Clip.CHIME);
        }
        for (int i = 0; i < options.repeat() && !options.voiceMuted(); i++) {
            if (i > 0) {
                clips.add(Clip.PAUSE);
            }
            clips.add(Clip.zh("laibin"));
            clips.add(Clip.zh("letter-" + number.category()));
            clips.addAll(NumberReading.mandarin(number.sequence()));
            clips.add(Clip.zh("hao-qingdao"));
            if (counter <= WHOLE_COUNTER_PHRASES) {
                clips.add(Clip.zh("counter-" + counter));
            } else {
                clips.addAll(NumberReading.mandarin(counter));
                clips.add(Clip.zh("hao-guitai"));
            }
            if (options.english()) {
                clips.add(Clip.en("number"));
                clips.add(Clip.letter(number.category()));
                clips.addAll(NumberReading.english(number.sequence()));
                clips.add(Clip.en("please-go-to-counter"));
                clips.addAll(NumberReading.english(counter));
            }
        }
        return new AnnouncementPlan(clips);
    }

    public boolean isSilent() {
        return clips.isEmpty();
    }

    /** The clip ids joined by spaces, e.g. "chime zh/laibin zh/letter-A zh/num-23 zh/hao-qingdao …". */
    public String describe() {
        return String.join(" ", clips.stream().map(Clip::id).toList());
    }
}
