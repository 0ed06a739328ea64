/**
 * The bank's file may hold card numbers in any column — the card column, or one typed into the
 * phone or notes column by mistake. Whatever of the file the hub shows back (the preview, a row
 * problem quoting a cell) passes through here first: every run of 13 to 19 digits (spaces or dashes
 * between them allowed) becomes `**** 1234`, whether or not its check digit is right.
 */
import { maskCard } from './bankKeys.js';

const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

export function maskPans(text: string): string {
  return text.replace(DIGIT_RUN, (run) => maskCard(run.replace(/\D/g, '').slice(-4)));
}
