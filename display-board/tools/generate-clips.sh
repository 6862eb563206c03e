#!/usr/bin/env bash
# Generates the announcement clips bundled in src/main/resources/tw/jiaohao/board/voice/clips/.
# Run once by hand (Debian packages espeak-ng and sox); the WAV files are committed, so the
# board needs no speech engine and no network at run time. Every clip is written in one format
# (22,050 Hz, mono, 16-bit PCM) because the board joins clips sample by sample.
#
# Mandarin clips are spoken from pinyin (voice cmn-latn-pinyin: Debian's Mandarin dictionary
# lacks many characters); ticket letters are read in English, as Taiwanese offices do.
#
# A natural voice comes from recordings of a person, not from this synthesiser:
#   generate-clips.sh --recording-script            prints each clip's file and what to say (TSV)
#   generate-clips.sh --from-recordings IN OUT      turns recordings named like the script's files
#                                                   (any format sox reads: .wav .flac …) into the
#                                                   clip format in OUT, for the board's voice.clips-dir
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODE=generate
OUT="$HERE/../src/main/resources/tw/jiaohao/board/voice/clips"
case "${1:-}" in
  --recording-script) MODE=script ;;
  --from-recordings)
    [[ $# -eq 3 && -d "$2" ]] || { echo "usage: $0 --from-recordings RECORDINGS_DIR OUT_DIR" >&2; exit 2; }
    MODE=convert; IN="$(cd "$2" && pwd)"; OUT="$3" ;;
  "") ;;
  *) echo "usage: $0 [--recording-script | --from-recordings RECORDINGS_DIR OUT_DIR]" >&2; exit 2 ;;
esac
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
# espeak-ng opens the sound device even when writing a file; ALSA's null device keeps it quiet.
printf 'pcm.!default { type null }\n' > "$TMP/alsa.conf"; export ALSA_CONFIG_PATH="$TMP/alsa.conf"
[[ $MODE == script ]] || mkdir -p "$OUT/zh" "$OUT/en" "$OUT/letter"

finish() { # raw out.wav: one format, silence trimmed at both ends, peak at -3 dBFS
  sox "$1" -r 22050 -c 1 -b 16 "$2" silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -3
}
# clip FILE SAY SYNTH: in the script, FILE and what a person says; converting, the recording named
# FILE (any extension) if there is one; generating, SYNTH run with the raw file's name appended.
converted=0
clip() {
  local file="$1" say="$2"; shift 2
  case $MODE in
    script) printf '%s.wav\t%s\n' "$file" "$say" ;;
    convert)
      local rec; rec="$(ls "$IN/$file".* 2>/dev/null | head -1 || true)"
      if [[ -n "$rec" ]]; then finish "$rec" "$OUT/$file.wav"; converted=$((converted + 1)); fi ;;
    generate) "$@" "$TMP/raw.wav"; finish "$TMP/raw.wav" "$OUT/$file.wav" ;;
  esac
}
say_zh() { espeak-ng -v cmn-latn-pinyin -s 140 -w "$2" "$1"; }
say_en() { espeak-ng -v en-us -s 150 -w "$2" "$1"; }
zh() { clip "zh/$1" "$3" say_zh "$2"; }   # zh ID PINYIN CHINESE
en() { clip "$1" "$2" say_en "$2"; }      # en FILE TEXT

# Chime: a two-tone "ding-dong" with soft decays.
chime() {
  sox -n -r 22050 -c 1 -b 16 "$TMP/ding.wav" synth 0.55 sine 1046.5 sine 2093 fade q 0.005 0.55 0.5 vol 0.6
  sox -n -r 22050 -c 1 -b 16 "$TMP/dong.wav" synth 0.9 sine 784 sine 1568 fade q 0.005 0.9 0.85 vol 0.6
  sox "$TMP/ding.wav" "$TMP/dong.wav" -r 22050 -c 1 -b 16 "$1"
}
clip chime "(a chime, not speech)" chime

zh laibin "lai2 bin1" 來賓
zh hao-qingdao "hao4, qing3 dao4" 號，請到
zh hao-guitai "hao4 gui4 tai2" 號櫃台
# Numbers are spoken whole, never syllable by syllable: 「二十三」 is one utterance with its own
# prosody (num-23). 1..99 whole; a hundred (num-100 「一百」 … num-200 「兩百」 … num-900); inside a
# hundred the rest is num-01..num-09 「零五」, num-i10..num-i19 「一十五」, or the whole num-20..num-99.
digit=(ling2 yi1 er4 san1 si4 wu3 liu4 qi1 ba1 jiu3)
hanzi=(零 一 二 三 四 五 六 七 八 九)
reading() { # 1..99 as pinyin
  local n=$1
  if (( n < 10 )); then echo "${digit[$n]}"; elif (( n == 10 )); then echo "shi2"; elif (( n < 20 )); then echo "shi2 ${digit[$((n % 10))]}"
  elif (( n % 10 == 0 )); then echo "${digit[$((n / 10))]} shi2"; else echo "${digit[$((n / 10))]} shi2 ${digit[$((n % 10))]}"; fi
}
written() { # 1..99 in characters, as said
  local n=$1
  if (( n < 10 )); then echo "${hanzi[$n]}"; elif (( n == 10 )); then echo "十"; elif (( n < 20 )); then echo "十${hanzi[$((n % 10))]}"
  elif (( n % 10 == 0 )); then echo "${hanzi[$((n / 10))]}十"; else echo "${hanzi[$((n / 10))]}十${hanzi[$((n % 10))]}"; fi
}
for n in $(seq 1 99); do zh "num-$n" "$(reading "$n")" "$(written "$n")"; done
for h in $(seq 1 9); do
  if (( h == 2 )); then zh "num-${h}00" "liang3 bai3" 兩百; else zh "num-${h}00" "${digit[$h]} bai3" "${hanzi[$h]}百"; fi
  zh "num-0$h" "ling2 ${digit[$h]}" "零${hanzi[$h]}"
done
zh num-i10 "yi1 shi2" 一十
for r in $(seq 1 9); do zh "num-i1$r" "yi1 shi2 ${digit[$r]}" "一十${hanzi[$r]}"; done

# Letters read in the Mandarin voice, as a Taiwanese announcer says them (A = ei, B = bi, …), so the
# Mandarin sentence does not switch voice for the letter; letter/* (English voice) serve the English sentence.
letters=(A:ei1 B:bi1 C:xi1 D:di1 E:yi1 F:ai1fu1 G:ji1 H:ai1qi1 I:ai1 J:jie2 K:kei1 L:ai1lou1 M:ai1mu1 N:en1
         O:ou1 P:pi1 Q:ke1you1 R:a1er4 S:ai1si1 T:ti1 U:you1 V:wei1 W:da1bu1liu1 X:ai1ke4si1 Y:wai1 Z:zei4)
for t in "${letters[@]}"; do
  zh "letter-${t%%:*}" "$(sed 's/\([0-9]\)/\1 /g' <<<"${t#*:}")" "${t%%:*} (the letter as said in Mandarin, ${t#*:})"
done
# 「N 號櫃台」 for counters 1..20 as one phrase: the number said whole, with the phrase's own prosody.
for n in $(seq 1 20); do zh "counter-$n" "$(reading "$n") hao4 gui4 tai2" "$(written "$n")號櫃台"; done

for l in {A..Z}; do en "letter/$l" "$l"; done
en en/number "Number"
en en/please-go-to-counter "please go to counter"
words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen)
for i in "${!words[@]}"; do en "en/$i" "${words[$i]}"; done
for t in 20:twenty 30:thirty 40:forty 50:fifty 60:sixty 70:seventy 80:eighty 90:ninety; do en "en/${t%%:*}" "${t#*:}"; done
en en/hundred "hundred"
case $MODE in
  generate) echo "clips written to $OUT" ;;
  convert) echo "$converted recordings converted into $OUT (set voice.clips-dir = $OUT on the board)" ;;
esac
