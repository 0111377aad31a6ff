#!/usr/bin/env python3
"""Cuts the page's fonts from Debian's font packages down to the characters kubeplay shows.

  kp-cjk.ttf     WenQuanYi Micro Hei (fonts-wqy-microhei), the Chinese characters of the
                 visualizer's strings (web/visualizer/strings.cpp): the ImGui canvas font has
                 only ASCII, and stb_truetype reads TrueType, so this one stays .ttf.
  kp-emoji.woff2 Noto Color Emoji (fonts-noto-color-emoji), the emoji that minikube prints
                 (engine/cli/minikube/*.cpp) and the lessons use (tutorials/*.yaml), for the
                 terminal (style.css @font-face, fetched only when such a character shows).
  kp-cjk-text.woff2  WenQuanYi Micro Hei again, the Chinese characters of the lessons
                 (tutorials/*.yaml), of the page's own words (web/shell/*.js, index.html) and
                 of the lesson check (engine/lesson/goal.cpp), for the HTML text: the last family of the page's font stack (style.css), so a
                 browser with a Chinese font of its own never fetches it, and one without (a
                 fresh Debian, headless Chromium) still shows the lessons instead of boxes.

Usage: subset_fonts.py OUT_DIR CJK_FONT EMOJI_FONT --cjk-text FILE... --emoji-text FILE...
                       [--page-text FILE...]
Runs pyftsubset (Debian python3-fonttools). Nothing of the fonts is kept in git.
"""
import argparse
import os
import subprocess
import sys


def chars_of(paths, keep):
    found = set()
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for ch in f.read():
                if keep(ord(ch)):
                    found.add(ch)
    return ''.join(sorted(found))


def is_cjk(cp):
    # CJK ideographs, CJK punctuation and full-width forms.
    return 0x3000 <= cp <= 0x303F or 0x4E00 <= cp <= 0x9FFF or 0xFF00 <= cp <= 0xFFEF


def is_emoji(cp):
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF or
            cp in (0x200D, 0xFE0F, 0x2139, 0x231B, 0x23F3))


def subset(font, text, out, extra):
    text_file = out + '.chars.txt'
    with open(text_file, 'w', encoding='utf-8') as f:
        f.write(text)
    cmd = ['pyftsubset', font, '--text-file=' + text_file, '--output-file=' + out,
           '--layout-features=*', '--no-hinting', '--desubroutinize'] + extra
    subprocess.run(cmd, check=True)
    os.remove(text_file)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out_dir')
    p.add_argument('cjk_font')
    p.add_argument('emoji_font')
    p.add_argument('--cjk-text', nargs='+', default=[])
    p.add_argument('--emoji-text', nargs='+', default=[])
    p.add_argument('--page-text', nargs='+', default=[])
    a = p.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    cjk = chars_of(a.cjk_text, is_cjk)
    emoji = chars_of(a.emoji_text, is_emoji)
    # A .ttc holds several faces: the first is WenQuanYi Micro Hei.
    face = ['--font-number=0'] if a.cjk_font.endswith('.ttc') else []
    subset(a.cjk_font, cjk, os.path.join(a.out_dir, 'kp-cjk.ttf'), face)
    page = chars_of(a.page_text, is_cjk)
    if page:
        subset(a.cjk_font, page, os.path.join(a.out_dir, 'kp-cjk-text.woff2'), face + ['--flavor=woff2'])
    subset(a.emoji_font, emoji, os.path.join(a.out_dir, 'kp-emoji.woff2'), ['--flavor=woff2'])
    print(f'subset_fonts: {len(cjk)} CJK characters for the canvas, {len(page)} for the page, {len(emoji)} emoji',
          file=sys.stderr)


if __name__ == '__main__':
    main()
