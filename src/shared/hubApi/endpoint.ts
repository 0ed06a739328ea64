/**
 * One row of the core↔hub HTTP API: method, path, what goes in and what comes back. The hub builds
 * its route from the row and the core its call, so the two cannot drift apart.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

export interface Endpoint<P extends z.ZodType, I extends z.ZodType, O extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path; `:name` segments come from `params`. */
  path: string;
  params: P;
  /** The JSON body (POST, PUT, PATCH) or the query (GET, DELETE). */
  input: I;
  output: O;
  /** The status of a success when not 200: 201 for something created, 204 for no body (output `z.void()`). */
  status?: 201 | 204;
  /** Who may call it; agents always may read their own things, leads and admins change the team's. */
  roles: readonly ('agent' | 'lead' | 'admin')[];
}

export function endpoint<P extends z.ZodType, I extends z.ZodType, O extends z.ZodType>(
  row: Endpoint<P, I, O>,
): Endpoint<P, I, O> {
  return row;
}

/** The path with its `:name` segments filled in (each encoded). */
export function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`path ${path} needs "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/** Who may call a row: everyone signed in, leads and admins, admins only. */
export const ALL = ['agent', 'lead', 'admin'] as const;
export const LEADS = ['lead', 'admin'] as const;
export const ADMINS = ['admin'] as const;
/** No path params, or no input. */
export const None = z.object({});
/** A path with one `:id`. */
export const ById = z.object({ id: Id });
