/**
 * What a new hub starts with, from resources/defaults: the shared template library, the auto-reply
 * rules and the routing settings. Loaded into an empty database once; leads edit them afterwards.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AutoReplyRuleInput } from '../../shared/autoReplies/autoReplyRule.js';
import type { GroupInput } from '../../shared/routing/chooseAgent.js';
import { TemplateInput } from '../../shared/templates/template.js';
import { describeIssues } from '../../shared/validation.js';
import { RoutingConfig } from '../../shared/routing/routingConfig.js';

export const DEFAULTS_DIR = fileURLToPath(new URL('../../../resources/defaults/', import.meta.url));

function readJson<S extends z.ZodType>(dir: string, file: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
  if (!parsed.success) throw new Error(`${dir}/${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export interface Defaults {
  templates: TemplateInput[];
  rules: AutoReplyRuleInput[];
  routing: RoutingConfig;
  groups: GroupInput[];
}

export function loadDefaults(dir: string = DEFAULTS_DIR): Defaults {
  return {
    templates: readJson(dir, 'templates.json', z.array(TemplateInput)),
    rules: readJson(dir, 'auto-replies.json', z.array(AutoReplyRuleInput)),
    routing: readJson(dir, 'routing.json', RoutingConfig),
    groups: [
      { name: 'General', skills: { topics: [], languages: [], channels: [] }, escalationGroupId: null, memberIds: [] },
    ],
  };
}
