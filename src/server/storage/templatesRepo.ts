/** The template library (shared and personal) and the record of which template answered which message. */
import { Template } from '../../shared/templates/template.js';
import type { TemplateChoice } from '../../shared/templates/rankTemplates.js';
import type { Database } from './database.js';

/** Recent choices are what ranking learns from; older ones age out of the sample. */
const CHOICES_SAMPLE = 5000;

export class TemplatesRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      visibleTo: db.prepare(
        "SELECT template_json FROM templates WHERE scope = 'shared' OR owner_id = ? ORDER BY folder, title, id",
      ),
      shared: db.prepare("SELECT template_json FROM templates WHERE scope = 'shared' ORDER BY folder, title, id"),
      byId: db.prepare('SELECT template_json FROM templates WHERE id = ?'),
      upsert: db.prepare(
        `INSERT INTO templates (id, scope, owner_id, folder, title, sensitive, template_json, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, title = excluded.title, sensitive = excluded.sensitive,
           template_json = excluded.template_json, updated_at = excluded.updated_at`,
      ),
      remove: db.prepare('DELETE FROM templates WHERE id = ?'),
      sensitiveIds: db.prepare('SELECT id FROM templates WHERE sensitive = 1 ORDER BY id'),
      count: db.prepare('SELECT count(*) AS n FROM templates'),
      addChoice: db.prepare('INSERT INTO template_choices (template_id, stems, created_at) VALUES (?, ?, ?)'),
      choices: db.prepare('SELECT template_id, stems FROM template_choices ORDER BY id DESC LIMIT ?'),
    };
  }

  /** The shared library and the agent's own templates. */
  visibleTo(agentId: string): Template[] {
    return (this.s.visibleTo.all(agentId) as { template_json: string }[]).map(parse);
  }

  shared(): Template[] {
    return (this.s.shared.all() as { template_json: string }[]).map(parse);
  }

  byId(id: string): Template | null {
    const row = this.s.byId.get(id) as { template_json: string } | undefined;
    return row ? parse(row) : null;
  }

  save(template: Template): void {
    this.s.upsert.run(
      template.id,
      template.scope,
      template.ownerId,
      template.folder,
      template.title,
      template.sensitive === true ? 1 : 0,
      JSON.stringify(template),
      template.updatedAt,
    );
  }

  /** The templates marked sensitive (recording pauses while one is on screen). */
  sensitiveIds(): string[] {
    return (this.s.sensitiveIds.all() as { id: string }[]).map((r) => r.id);
  }

  remove(id: string): void {
    this.s.remove.run(id);
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  recordChoice(templateId: string, stems: readonly string[], at: number): void {
    this.s.addChoice.run(templateId, stems.join(' '), at);
  }

  choices(): TemplateChoice[] {
    return (this.s.choices.all(CHOICES_SAMPLE) as { template_id: string; stems: string }[]).map((r) => ({
      templateId: r.template_id,
      stems: r.stems.split(' ').filter(Boolean),
    }));
  }
}

function parse(row: { template_json: string }): Template {
  return Template.parse(JSON.parse(row.template_json));
}
