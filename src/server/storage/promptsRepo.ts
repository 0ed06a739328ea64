/** Voice prompts leads uploaded: the row here, the WAV file in the hub's data folder (prompts/<id>.wav). */
import type { Database } from './database.js';

export interface UploadedPrompt {
  id: string;
  name: string;
  durationMs: number;
  uploadedBy: string;
  uploadedAt: number;
}

interface Row {
  id: string;
  name: string;
  duration_ms: number;
  uploaded_by: string;
  uploaded_at: number;
}

const toPrompt = (row: Row): UploadedPrompt => ({
  id: row.id,
  name: row.name,
  durationMs: row.duration_ms,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

export class PromptsRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      all: db.prepare('SELECT * FROM voice_prompts ORDER BY name, id'),
      byId: db.prepare('SELECT * FROM voice_prompts WHERE id = ?'),
      insert: db.prepare(
        'INSERT INTO voice_prompts (id, name, duration_ms, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?)',
      ),
      delete: db.prepare('DELETE FROM voice_prompts WHERE id = ?'),
    };
  }

  all(): UploadedPrompt[] {
    return (this.s.all.all() as Row[]).map(toPrompt);
  }

  byId(id: string): UploadedPrompt | null {
    const row = this.s.byId.get(id) as Row | undefined;
    return row ? toPrompt(row) : null;
  }

  add(prompt: UploadedPrompt): void {
    this.s.insert.run(prompt.id, prompt.name, prompt.durationMs, prompt.uploadedBy, prompt.uploadedAt);
  }

  delete(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }
}
