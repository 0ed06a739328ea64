/** The scoring formula (decision 0042), against totals computed by hand. */
import { describe, expect, it } from 'vitest';
import { Criterion, QaFormInput } from '../../src/shared/qa/qaForm.js';
import { scoreAnswers } from '../../src/shared/qa/qaScoring.js';

const criteria = Criterion.array().parse([
  { id: 'greet', label: 'Greeting', kind: 'yes_no', weight: 25 },
  { id: 'tone', label: 'Tone', kind: 'scale', scaleMax: 5, weight: 25 },
  { id: 'answer', label: 'Right answer', kind: 'scale', scaleMax: 4, weight: 40 },
  { id: 'pan', label: 'No card number said aloud', kind: 'yes_no', weight: 10, critical: true },
]);

const total = (values: number[]) => {
  const result = scoreAnswers(
    criteria,
    criteria.map((c, i) => ({ criterionId: c.id, value: values[i]! })),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scored;
};

describe('scoreAnswers', () => {
  it('weights yes/no answers and normalizes scales as (value − 1) / (N − 1)', () => {
    // 25·1 + 25·(3−1)/4 + 40·(2−1)/3 + 10·1 = 25 + 12.5 + 13.333… + 10 = 60.83
    expect(total([1, 3, 2, 1])).toMatchObject({ total: 60.83, criticalFailed: false });
    // 0 + 25·1 + 40·1 + 10 = 75
    expect(total([0, 5, 4, 1]).total).toBe(75);
    // the lowest point of every scale and a "no" count nothing; the critical one passed: 10
    expect(total([0, 1, 1, 1]).total).toBe(10);
    expect(total([1, 5, 4, 1]).total).toBe(100);
  });

  it('makes the total 0 when a critical criterion fails, and says which', () => {
    const scored = total([1, 5, 4, 0]);
    expect(scored).toMatchObject({ total: 0, criticalFailed: true });
    expect(scored.answers.filter((a) => a.failedCritical).map((a) => a.criterionId)).toEqual(['pan']);
  });

  it('a critical scale fails at its lowest point only', () => {
    const withScale = Criterion.array().parse([
      { id: 'a', label: 'A', kind: 'scale', scaleMax: 3, weight: 60, critical: true },
      { id: 'b', label: 'B', kind: 'yes_no', weight: 40 },
    ]);
    const run = (a: number) =>
      scoreAnswers(withScale, [
        { criterionId: 'a', value: a },
        { criterionId: 'b', value: 1 },
      ]);
    expect(run(1)).toMatchObject({ ok: true, scored: { total: 0, criticalFailed: true } });
    // 60·(2−1)/2 + 40 = 70
    expect(run(2)).toMatchObject({ ok: true, scored: { total: 70, criticalFailed: false } });
  });

  it('names unanswered, unknown, repeated and out-of-scale answers', () => {
    const result = scoreAnswers(criteria, [
      { criterionId: 'greet', value: 2 },
      { criterionId: 'tone', value: 3 },
      { criterionId: 'tone', value: 4 },
      { criterionId: 'speed', value: 1 },
    ]);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => p.message);
    expect(messages).toEqual([
      'tone is answered twice',
      'speed is not a criterion of this form',
      '"Greeting" takes 0..1; 2 was given',
      '"Right answer" is not answered',
      '"No card number said aloud" is not answered',
    ]);
  });

  it('refuses a form whose weights do not add up to 100, naming the sum', () => {
    const parsed = QaFormInput.safeParse({ name: 'F', criteria: criteria.slice(0, 3) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('weights add up to 90; they must add up to 100');
    expect(QaFormInput.safeParse({ name: 'F', criteria }).success).toBe(true);
  });
});
