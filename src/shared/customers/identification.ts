/**
 * Identification of a customer for one contact (decision 0031): the questions a bank chooses, how many
 * must pass, and how many failed rounds lock identification for a while. Shared by the hub (which keeps
 * the state and checks secret answers), the core (which forwards) and the renderer (which asks).
 */
import { z } from 'zod';
import { Id } from '../domain.js';

/**
 * What a question asks. The agent marks `full_name`, `birth_date`, `address` and `custom` (seeing the
 * reference value where it is not secret); the hub checks what the customer said for `code_word`,
 * `passport` and `card_last4`, and never shows the reference.
 */
export const QuestionKind = z.enum([
  'full_name',
  'birth_date',
  'passport',
  'address',
  'code_word',
  'card_last4',
  'custom',
]);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** Kinds whose answer is typed and checked by the hub; their reference never leaves it. */
export const HUB_CHECKED: readonly QuestionKind[] = ['code_word', 'passport', 'card_last4'];

export function checkedByHub(kind: QuestionKind): boolean {
  return HUB_CHECKED.includes(kind);
}

export const QUESTION_TEXT_MAX = 300;
export const QUESTIONS_MAX = 20;

const Wording = z.string().trim().min(1, 'question wording is empty').max(QUESTION_TEXT_MAX);

export const Question = z.object({
  /** Stable within the settings: a–z, 0–9, dashes (an answer names its question by it). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'question id must be 1–40 lower-case letters, digits or dashes'),
  kind: QuestionKind,
  enabled: z.boolean(),
  text: z.object({ en: Wording, ru: Wording }),
});
export type Question = z.infer<typeof Question>;

export const IdentificationSettings = z
  .object({
    questions: z.array(Question).min(1, 'at least one question').max(QUESTIONS_MAX),
    /** How many questions must pass in one round. */
    required: z.number().int().min(1).max(QUESTIONS_MAX),
    /** Failed rounds (per customer, any contact) before identification locks. */
    maxFailedAttempts: z.number().int().min(1).max(20),
    lockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.questions.forEach((question, index) => {
      if (seen.has(question.id))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `question id "${question.id}" is used twice`,
        });
      seen.add(question.id);
    });
    const enabled = settings.questions.filter((q) => q.enabled).length;
    if (settings.required > enabled)
      ctx.addIssue({
        code: 'custom',
        path: ['required'],
        message: `${settings.required} questions must pass but only ${enabled} are enabled`,
      });
  });
export type IdentificationSettings = z.infer<typeof IdentificationSettings>;

/** What a new hub asks until a lead changes it. */
export const DEFAULT_IDENTIFICATION_SETTINGS: IdentificationSettings = {
  questions: [
    {
      id: 'full-name',
      kind: 'full_name',
      enabled: true,
      text: { en: 'Your full name?', ru: 'Ваши фамилия, имя и отчество?' },
    },
    {
      id: 'birth-date',
      kind: 'birth_date',
      enabled: true,
      text: { en: 'Your date of birth?', ru: 'Ваша дата рождения?' },
    },
    { id: 'code-word', kind: 'code_word', enabled: true, text: { en: 'Your code word?', ru: 'Ваше кодовое слово?' } },
    {
      id: 'passport',
      kind: 'passport',
      enabled: true,
      text: { en: 'Your passport series and number?', ru: 'Серия и номер вашего паспорта?' },
    },
    {
      id: 'address',
      kind: 'address',
      enabled: false,
      text: { en: 'Your registered address?', ru: 'Ваш адрес регистрации?' },
    },
    {
      id: 'card-last4',
      kind: 'card_last4',
      enabled: false,
      text: { en: 'The last 4 digits of your card?', ru: 'Последние 4 цифры вашей карты?' },
    },
  ],
  required: 3,
  maxFailedAttempts: 3,
  lockMinutes: 15,
};

export const QuestionResult = z.enum(['pass', 'fail']);
export type QuestionResult = z.infer<typeof QuestionResult>;

/** One question as the agent sees it in a round. */
export const QuestionView = z.object({
  id: z.string(),
  kind: QuestionKind,
  text: z.object({ en: z.string(), ru: z.string() }),
  /** The agent marks it, or types what the customer said and the hub checks it. */
  check: z.enum(['agent', 'hub']),
  /** What the card holds, for agent-checked questions (name, date of birth, address); never for secrets. */
  reference: z.string().nullable(),
  /** False when the customer has nothing on record to check it against (no code word, no passport…). */
  available: z.boolean(),
  /** This round's answer, if given. */
  result: QuestionResult.nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const IdentificationStatus = z.enum([
  /** Questions are being asked (or none yet). */
  'open',
  /** Enough passed: identified for this contact. */
  'identified',
  /** Too many failed rounds: nothing can be asked until `lockedUntil`. */
  'locked',
  /** The customer has fewer checkable questions than must pass. */
  'unavailable',
]);
export type IdentificationStatus = z.infer<typeof IdentificationStatus>;

export const IdentificationState = z.object({
  threadId: Id,
  customerId: Id,
  status: IdentificationStatus,
  required: z.number().int(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  questions: z.array(QuestionView),
  /** Failed rounds counted against this customer now, and how many lock. */
  failedAttempts: z.number().int().nonnegative(),
  maxFailedAttempts: z.number().int().positive(),
  lockedUntil: z.number().int().nullable(),
  identifiedAt: z.number().int().nullable(),
  /** What the last answer did: the round went on, passed, failed (a new round starts) or locked. */
  lastOutcome: z.enum(['answered', 'passed', 'round_failed', 'locked']).nullable(),
});
export type IdentificationState = z.infer<typeof IdentificationState>;

/** One answer: a mark for agent-checked questions, what the customer said for hub-checked ones. */
export const AnswerInput = z.union([
  z.object({ questionId: z.string().min(1).max(40), verdict: QuestionResult }),
  z.object({ questionId: z.string().min(1).max(40), answer: z.string().max(200) }),
]);
export type AnswerInput = z.infer<typeof AnswerInput>;

/** Where a round stands: still open, enough passed, or too many failed for `required` to be reached. */
export function roundOutcome(
  passed: number,
  failed: number,
  askable: number,
  required: number,
): 'open' | 'passed' | 'failed' {
  if (passed >= required) return 'passed';
  if (askable - failed < required) return 'failed';
  return 'open';
}
