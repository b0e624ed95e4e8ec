/**
 * Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the
 * LRM/RLM marks (U+200E, U+200F) and the Arabic letter mark (U+061C). They reorder how the text
 * around them is displayed ("Trojan Source"-style spoofing of names and notes) and no Chinese or
 * Latin text needs them: refused in input (API fields, ledger cells), replaced where echoed.
 */
const CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

export const BIDI_CONTROL = new RegExp(`[${CONTROLS}]`);
const ALL = new RegExp(`[${CONTROLS}]`, 'g');

/** The text with every bidirectional control replaced by U+FFFD, for echoing what a file said. */
export const replaceBidiControls = (text: string) => text.replace(ALL, '\uFFFD');
