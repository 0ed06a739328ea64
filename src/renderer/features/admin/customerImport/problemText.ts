/** The hub's row and mapping problems in the lead's language (the hub's English `message` stays the tooltip). */
import type { TFunction } from 'i18next';
import type { RowProblem } from '../../../../shared/customers/customerImportRow.js';
import type { MappingProblem } from '../../../../shared/customers/customerImportFields.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export function rowProblemText(t: TFunction, problem: RowProblem): string {
  const text = t(`customerImport.problem.${problem.code}`, problem.params);
  return problem.column === null
    ? t('customerImport.problemRow', { row: problem.row, problem: text })
    : t('customerImport.problemAt', { row: problem.row, column: problem.column, problem: text });
}

export function mappingProblemText(t: TFunction, problem: MappingProblem): string {
  switch (problem.code) {
    case 'field_twice':
      return t('customerImport.mapping.field_twice', {
        field: t(`customerImport.field.${problem.field}`),
        columns: problem.columns.join(', '),
      });
    case 'column_missing':
      return t('customerImport.mapping.column_missing', { column: problem.column });
    default:
      return t(`customerImport.mapping.${problem.code}`);
  }
}

const ENCODINGS = ['windows-1251', 'koi8-r', 'cp866', 'utf-16', 'unknown'] as const;

/** A file refused for its encoding, said in the lead's language; null for any other error. */
export function encodingText(t: TFunction, error: ErrorInfo | null): string | null {
  const params = error?.params;
  const encoding = ENCODINGS.find((name) => name === params?.encoding);
  if (!params || !encoding) return null;
  return t('customerImport.encoding', {
    encoding: t(`customerImport.encodingName.${encoding}`),
    byte: params.byte,
    line: params.line,
  });
}
