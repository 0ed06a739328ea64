import type { z } from 'zod';

/** Flattens zod issues to "path: reason" pairs that name exactly what was wrong. */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function describeIssues(error: z.ZodError): string {
  return issuesOf(error)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
}
