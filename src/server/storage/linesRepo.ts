/** Service lines: one row per dialled number, the rest of the line as validated JSON. */
import { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { Database } from './database.js';

export class LinesRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      all: db.prepare('SELECT line_json FROM service_lines ORDER BY number'),
      byId: db.prepare('SELECT line_json FROM service_lines WHERE id = ?'),
      byNumber: db.prepare('SELECT line_json FROM service_lines WHERE number = ?'),
      upsert: db.prepare(
        `INSERT INTO service_lines (id, number, line_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, line_json = excluded.line_json,
           updated_at = excluded.updated_at`,
      ),
      delete: db.prepare('DELETE FROM service_lines WHERE id = ?'),
    };
  }

  all(): ServiceLine[] {
    return (this.s.all.all() as { line_json: string }[]).map((row) => ServiceLine.parse(JSON.parse(row.line_json)));
  }

  byId(id: string): ServiceLine | null {
    const row = this.s.byId.get(id) as { line_json: string } | undefined;
    return row ? ServiceLine.parse(JSON.parse(row.line_json)) : null;
  }

  byNumber(number: string): ServiceLine | null {
    const row = this.s.byNumber.get(number) as { line_json: string } | undefined;
    return row ? ServiceLine.parse(JSON.parse(row.line_json)) : null;
  }

  save(line: ServiceLine): void {
    this.s.upsert.run(line.id, line.number, JSON.stringify(line), line.updatedAt);
  }

  delete(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }
}
