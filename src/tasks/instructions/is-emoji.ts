const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator})$/u;

/**
 * Whether one code point is an emoji, as the `emoji` package's `is_emoji` answers for a single
 * character: pictographs, presentation emoji, skin-tone modifiers and regional-indicator letters. Digits,
 * `#` and `*` (emoji only inside keycap sequences) and joiners/variation selectors are not.
 */
export function isEmoji(ch: string): boolean {
  return EMOJI.test(ch);
}
