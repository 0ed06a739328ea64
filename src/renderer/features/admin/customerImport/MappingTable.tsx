import { useTranslation } from 'react-i18next';
import { ImportField, type ImportMapping } from '../../../../shared/customers/customerImportFields.js';
import type { ImportPreview } from '../../../../shared/hubApi/customerImportApi.js';

/** The file's first rows with, above each column, what it holds (guessed from the header; the lead changes it). */
export function MappingTable({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}) {
  const { t } = useTranslation();
  const set = (column: number, value: string) => {
    const next = [...mapping];
    next[column] = value === '' ? null : ImportField.parse(value);
    onChange(next);
  };
  return (
    <div className="customer-import-table">
      <table>
        <caption>{t('customerImport.previewCaption', { file: preview.fileName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('customerImport.rowNumber')}</th>
            {preview.header.map((column, i) => (
              <th scope="col" key={i}>
                <span>{column}</span>
                <select
                  aria-label={t('customerImport.columnField', { column: column || `#${i + 1}` })}
                  value={mapping[i] ?? ''}
                  onChange={(e) => set(i, e.target.value)}
                >
                  <option value="">{t('customerImport.ignore')}</option>
                  {ImportField.options.map((field) => (
                    <option key={field} value={field}>
                      {t(`customerImport.field.${field}`)}
                    </option>
                  ))}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.row}>
              <th scope="row">{row.row}</th>
              {preview.header.map((_, i) => (
                <td key={i}>{row.cells[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
