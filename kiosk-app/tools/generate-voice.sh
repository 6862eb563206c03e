#!/usr/bin/env bash
# Generates the kiosk's voice-guidance clips in src/main/resources/tw/jiaohao/office/kiosk/voice/,
# the same way as the wall board's call clips (display-board/tools/generate-clips.sh): Debian's
# espeak-ng and sox, run once by hand; the WAV files are committed, so the kiosk needs no speech
# engine and no network at run time. One format (22,050 Hz, mono, 16-bit PCM), silence trimmed,
# peak at -3 dBFS, so every prompt sounds equally loud at the same kiosk.voice.volume.
#
# Mandarin is spoken from pinyin (voice cmn-latn-pinyin), each prompt one whole sentence.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../src/main/resources/tw/jiaohao/office/kiosk/voice"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
# espeak-ng opens the sound device even when writing a file; ALSA's null device keeps it quiet.
printf 'pcm.!default { type null }\n' > "$TMP/alsa.conf"; export ALSA_CONFIG_PATH="$TMP/alsa.conf"
mkdir -p "$OUT/zh" "$OUT/en"

finish() { sox "$1" -r 22050 -c 1 -b 16 "$2" silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -3; }
zh() { espeak-ng -v cmn-latn-pinyin -s 130 -w "$TMP/raw.wav" "$2"; finish "$TMP/raw.wav" "$OUT/zh/$1.wav"; }
en() { espeak-ng -v en-us -s 140 -w "$TMP/raw.wav" "$2"; finish "$TMP/raw.wav" "$OUT/en/$1.wav"; }

# 請選擇服務項目，取號
zh home "qing3 xuan3 ze2 fu2 wu4 xiang4 mu4, qu3 hao4"
en home "Please touch a service to take a number."
# 請取走號碼牌，留意叫號
zh ticket-printed "qing3 qu3 zou3 hao4 ma3 pai2, liu2 yi4 jiao4 hao4"
en ticket-printed "Please take your ticket, and listen for your number."
# 印表機無法列印，請記下螢幕上的號碼
zh ticket-not-printed "yin4 biao3 ji1 wu2 fa3 lie4 yin4, qing3 ji4 xia4 ping2 mu4 shang4 de hao4 ma3"
en ticket-not-printed "The printer cannot print. Please remember the number on the screen."
# 還需要時間嗎？請按繼續使用
zh idle-warning "hai2 xu1 yao4 shi2 jian1 ma? qing3 an4 ji4 xu4 shi3 yong4"
en idle-warning "Do you need more time? Please touch continue."
echo "clips written to $OUT"
