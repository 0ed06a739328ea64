/** The scoring form editor's draft and the report's export rows (decision 0042). */
import { describe, expect, it } from 'vitest';
import { QaFormInput, type QaReport } from '../../src/shared/qa/qaForm.js';
import {
  draftWeightSum,
  inputOf,
  newCriterion,
  newDraft,
  weightsAddUp,
} from '../../src/renderer/features/qa/qaFormModel.js';
import { exportRows, type ReportWords } from '../../src/renderer/features/qa/qaReportRows.js';
import { csvOf } from '../../src/renderer/features/stats/statsFormat.js';

describe('the form editor draft', () => {
  it('sums the typed weights and sends what the hub’s schema accepts', () => {
    const draft = newDraft('a');
    draft.name = 'Calls';
    draft.criteria[0] = { ...draft.criteria[0]!, label: 'Greeting', weight: '30' };
    draft.criteria.push({ ...newCriterion('b'), label: 'Tone', kind: 'scale', scaleMax: '4', weight: '60' });
    expect(draftWeightSum(draft)).toBe(90);
    expect(weightsAddUp(draft)).toBe(false);
    draft.criteria.push({ ...newCriterion('c'), label: 'ID', weight: 'x', critical: true });
    expect(draftWeightSum(draft)).toBe(90);
    draft.criteria[2]!.weight = '10';
    expect(weightsAddUp(draft)).toBe(true);
    const input = inputOf(draft);
    expect(input.criteria.map((c) => [c.id, c.kind, c.scaleMax, c.weight, c.critical])).toEqual([
      ['a', 'yes_no', null, 30, false],
      ['b', 'scale', 4, 60, false],
      ['c', 'yes_no', null, 10, true],
    ]);
    expect(QaFormInput.safeParse(input).success).toBe(true);
  });
});

describe('the report export', () => {
  it('puts agents, a blank row and criteria in one sheet', () => {
    const words: ReportWords = {
      agent: 'Agent',
      scores: 'Scores',
      average: 'Average total',
      criticalFailures: 'Critical errors',
      form: 'Form',
      criterion: 'Criterion',
      answers: 'Answers',
      criterionAverage: 'Average, %',
    };
    const report: QaReport = {
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'UTC',
      scores: 3,
      averageTotal: 50.83,
      criticalFailures: 1,
      agents: [
        {
          agentId: '01900000-0000-7000-8000-0000000000a1',
          agentName: 'Anna',
          scores: 2,
          averageTotal: 76.25,
          criticalFailures: 0,
        },
      ],
      criteria: [
        {
          formId: '01900000-0000-7000-8000-0000000000e1',
          formName: 'Chats',
          criterionId: 'tone',
          label: 'Tone, voice',
          answers: 3,
          average: 58.33,
          criticalFailures: 0,
        },
      ],
    };
    expect(csvOf(exportRows(report, words)).split('\r\n')).toEqual([
      'Agent,Scores,Average total,Critical errors',
      'Anna,2,76.25,0',
      '',
      'Form,Criterion,Answers,"Average, %",Critical errors',
      'Chats,"Tone, voice",3,58.33,0',
      '',
    ]);
  });
});
