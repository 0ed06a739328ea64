/**
 * Writes resources/sounds/prompts/<en|ru>/<name>.wav: the default voice prompts of the phone queue,
 * played to callers by rtpengine. Speech comes from espeak-ng (voices `en` and `ru`); sox turns it into
 * what rtpengine plays — 8 kHz, mono, 16-bit PCM WAV — trims the silence at both ends, shortens long
 * pauses inside and normalises it to -3 dBFS. Hold music is not speech and not language-bound:
 * resources/sounds/prompts/moh.wav, 20 s of soft chords made with sox synth at about -12 dBFS, shared
 * by both languages. The files are committed; this script documents how they were made and remakes
 * them (`apt-get install espeak-ng sox`, then `npx tsx scripts/make-prompts.ts`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Language = 'en' | 'ru';

const TARGET = fileURLToPath(new URL('../resources/sounds/prompts/', import.meta.url));
const SPEECH_RATE = 170; // words per minute: a little under espeak-ng's 175, for a phone line
const SPEECH_PEAK_DB = -3;
const MOH_PEAK_DB = -12;
// rtpengine plays 8 kHz mono 16-bit PCM. -D: no dither, so a rerun gives the same bytes.
const OUTPUT = ['-D', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];
// Silence is below 0.1 % of full scale (-60 dB). Cut it at the start, shorten any pause inside to
// 0.3 s (espeak-ng pauses long between sentences), then cut it at the end (the same, reversed).
const TRIM = [
  ...['silence', '-l', '1', '0.02', '0.1%', '-1', '0.3', '0.1%'],
  ...['reverse', 'silence', '1', '0.02', '0.1%', 'reverse'],
];

const POSITIONS = 30;
const WAITS = 30;

// Masculine nominative ordinals, for «Вы первый в очереди.»
const RU_ORDINALS = [
  'первый',
  'второй',
  'третий',
  'четвёртый',
  'пятый',
  'шестой',
  'седьмой',
  'восьмой',
  'девятый',
  'десятый',
  'одиннадцатый',
  'двенадцатый',
  'тринадцатый',
  'четырнадцатый',
  'пятнадцатый',
  'шестнадцатый',
  'семнадцатый',
  'восемнадцатый',
  'девятнадцатый',
  'двадцатый',
  'двадцать первый',
  'двадцать второй',
  'двадцать третий',
  'двадцать четвёртый',
  'двадцать пятый',
  'двадцать шестой',
  'двадцать седьмой',
  'двадцать восьмой',
  'двадцать девятый',
  'тридцатый',
];
// Cardinals in the genitive (after «около»), feminine to agree with «минута».
const RU_GENITIVE_UNITS = ['одной', 'двух', 'трёх', 'четырёх', 'пяти', 'шести', 'семи', 'восьми', 'девяти'];
const RU_GENITIVE_ONE_TO_30 = [
  ...RU_GENITIVE_UNITS,
  'десяти',
  'одиннадцати',
  'двенадцати',
  'тринадцати',
  'четырнадцати',
  'пятнадцати',
  'шестнадцати',
  'семнадцати',
  'восемнадцати',
  'девятнадцати',
  'двадцати',
  ...RU_GENITIVE_UNITS.map((unit) => `двадцати ${unit}`),
  'тридцати',
];

function nth(words: readonly string[], n: number): string {
  const word = words[n - 1];
  if (word === undefined) throw new Error(`no word for ${n}`);
  return word;
}

/**
 * What follows «около»: the number in the genitive, then «минуты» (genitive singular) after a number
 * ending in one — but not eleven — and «минут» (genitive plural) after every other:
 * «одной минуты», «двух минут», «пяти минут», «одиннадцати минут», «двадцати одной минуты».
 */
function ruAboutMinutes(n: number): string {
  const noun = n % 10 === 1 && n % 100 !== 11 ? 'минуты' : 'минут';
  return `${nth(RU_GENITIVE_ONE_TO_30, n)} ${noun}`;
}

const PHRASES: Record<string, Record<Language, string>> = {
  welcome: {
    en: 'Hello, you have reached our contact center.',
    ru: 'Здравствуйте, вы позвонили в контактный центр.',
  },
  menu_main: {
    en: 'For cards, press 1. For loans, press 2. For our opening hours, press 3.',
    ru: 'По вопросам карт нажмите один. По вопросам кредитов нажмите два. Чтобы узнать часы работы, нажмите три.',
  },
  invalid: {
    en: 'Sorry, that key is not an option.',
    ru: 'Извините, такого варианта нет.',
  },
  no_choice: {
    en: 'We did not hear your choice.',
    ru: 'Мы не услышали ваш выбор.',
  },
  out_of_hours: {
    en: 'We are closed now. Please call again during our opening hours.',
    ru: 'Сейчас мы не работаем. Пожалуйста, позвоните в часы работы.',
  },
  opening_hours: {
    en: 'We are open Monday to Friday from 9 to 18.',
    ru: 'Мы работаем по будням с девяти до восемнадцати часов.',
  },
  please_hold: {
    en: 'All our agents are busy. Please stay on the line.',
    ru: 'Все операторы сейчас заняты. Пожалуйста, оставайтесь на линии.',
  },
  position_many: {
    en: 'There are more than thirty callers ahead of you.',
    ru: 'Перед вами в очереди больше тридцати человек.',
  },
  wait_unknown: {
    en: 'An agent will answer as soon as possible.',
    ru: 'Оператор ответит вам как можно скорее.',
  },
  callback_offer: {
    en: 'To be called back instead of waiting, press 1.',
    ru: 'Чтобы не ждать на линии, а получить обратный звонок, нажмите один.',
  },
  callback_left: {
    en: 'Thank you. We will call you back as soon as possible. Goodbye.',
    ru: 'Спасибо. Мы перезвоним вам как можно скорее. До свидания.',
  },
  goodbye: {
    en: 'Thank you for calling. Goodbye.',
    ru: 'Спасибо за звонок. До свидания.',
  },
  transferring: {
    en: 'Please hold while we transfer your call.',
    ru: 'Пожалуйста, подождите, мы переводим ваш звонок.',
  },
  recording_notice: {
    en: 'This call may be recorded.',
    ru: 'Этот разговор может быть записан.',
  },
  check_speak: {
    en: 'Microphone check. After the tone, say a few words.',
    ru: 'Проверка микрофона. После сигнала скажите несколько слов.',
  },
  check_playback: {
    en: 'This is what we heard.',
    ru: 'Вот что мы услышали.',
  },
  rate_call: {
    en: 'Please rate our service. Press a key from 1, very bad, to 5, excellent.',
    ru: 'Пожалуйста, оцените наше обслуживание. Нажмите от одного, очень плохо, до пяти, отлично.',
  },
  rating_thanks: {
    en: 'Thank you for your rating. Goodbye.',
    ru: 'Спасибо за вашу оценку. До свидания.',
  },
};
for (let n = 1; n <= POSITIONS; n++) {
  PHRASES[`position_${n}`] = { en: `You are number ${n} in the queue.`, ru: `Вы ${nth(RU_ORDINALS, n)} в очереди.` };
}
for (let n = 1; n <= WAITS; n++) {
  PHRASES[`wait_${n}`] = {
    en: `Your expected wait is about ${n === 1 ? 'one minute' : `${n} minutes`}.`,
    ru: `Ожидание около ${ruAboutMinutes(n)}.`,
  };
}

// Hold music: four soft chords (C, Am, F, G — voiced within the telephone band), 5 s each, each
// swelling in and out, with a little reverb; then a 2 s fade in and out over the whole 20 s.
const MOH_CHORDS = [
  ['C4', 'G4', 'C5', 'E5'],
  ['A3', 'E4', 'A4', 'C5'],
  ['F3', 'C4', 'F4', 'A4'],
  ['G3', 'D4', 'G4', 'B4'],
];
const MOH_CHORD_SECONDS = 5;

function sox(...args: string[]): void {
  execFileSync('sox', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

function speak(work: string, language: Language, text: string, target: string): void {
  const raw = join(work, 'speech.wav');
  execFileSync('espeak-ng', ['-v', language, '-s', String(SPEECH_RATE), '-w', raw, text]);
  // gain -6 first: the filters would otherwise clip espeak-ng's near-full-scale peaks; norm restores the level.
  const chain = ['gain', '-6', 'highpass', '100', 'rate', '-v', '8000', ...TRIM, 'norm', String(SPEECH_PEAK_DB)];
  sox(raw, ...OUTPUT, target, ...chain);
}

function holdMusic(work: string, target: string): void {
  const chords = MOH_CHORDS.map((notes, i) => {
    const file = join(work, `chord-${i}.wav`);
    const tones = notes.flatMap((note) => ['sine', `%${noteSemitones(note)}`]);
    // One synth tone per input channel, mixed down to one.
    sox(
      ...['-r', '8000', '-c', String(notes.length), '-n'],
      ...OUTPUT,
      file,
      'synth',
      String(MOH_CHORD_SECONDS),
      ...tones,
      'remix',
      '-',
      'tremolo',
      '4',
      '15',
      'fade',
      'q',
      '1.2',
      String(MOH_CHORD_SECONDS),
      '1.2',
    );
    return file;
  });
  // The fade names its stop position: after reverb, sox 14.4 takes «0» (the end) as half the length.
  const seconds = String(MOH_CHORDS.length * MOH_CHORD_SECONDS);
  const mixed = join(work, 'moh-mixed.wav');
  sox(
    ...chords,
    '-b',
    '32',
    '-e',
    'floating-point',
    mixed,
    'gain',
    '-6',
    'reverb',
    '40',
    'fade',
    't',
    '2',
    seconds,
    '2',
  );
  sox(mixed, ...OUTPUT, target, 'norm', String(MOH_PEAK_DB)); // a run of its own, or norm lands short of the peak
}

const NOTE_OFFSETS: Record<string, number> = { C: -9, D: -7, E: -5, F: -4, G: -2, A: 0, B: 2 };

/** sox's `%n` pitch is semitones relative to A4 (440 Hz). */
function noteSemitones(note: string): number {
  const offset = NOTE_OFFSETS[note.charAt(0)];
  const octave = Number(note.slice(1));
  if (offset === undefined || note.length !== 2 || !Number.isInteger(octave)) throw new Error(`bad note ${note}`);
  return offset + (octave - 4) * 12;
}

const work = mkdtempSync(join(tmpdir(), 'okno-prompts-'));
try {
  for (const language of ['en', 'ru'] as const) {
    const dir = join(TARGET, language);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, texts] of Object.entries(PHRASES))
      speak(work, language, texts[language], join(dir, `${name}.wav`));
  }
  holdMusic(work, join(TARGET, 'moh.wav'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

let total = statSync(join(TARGET, 'moh.wav')).size;
for (const language of ['en', 'ru']) {
  const files = readdirSync(join(TARGET, language));
  for (const file of files) total += statSync(join(TARGET, language, file)).size;
  console.log(`wrote ${files.length} prompts to ${join(TARGET, language)}`);
}
console.log(`wrote ${join(TARGET, 'moh.wav')}; ${(total / 1024 / 1024).toFixed(2)} MB in all`);
