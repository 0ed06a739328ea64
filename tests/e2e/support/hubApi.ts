/**
 * What the e2e specs do to the hub and the sign-in page outside the story they tell: sign in on the
 * hub's API, create the team, call an admin route, and sign in on the agent page.
 */
import { expect, type Page } from '@playwright/test';

/** A hub session token for these credentials. */
export async function hubLogin(hubUrl: string, credentials: { login: string; password: string }): Promise<string> {
  const reply = await fetch(`${hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return ((await reply.json()) as { token: string }).token;
}

/** Creates a lead (lena) and an agent (anna), both with the password "password-123". */
export async function addLeadAndAgent(hubUrl: string, admin: { login: string; password: string }): Promise<void> {
  const token = await hubLogin(hubUrl, admin);
  for (const [login, name, role] of [
    ['lena', 'Lena Lead', 'lead'],
    ['anna', 'Anna Agent', 'agent'],
  ] as const) {
    const reply = await fetch(`${hubUrl}/api/v1/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ login, name, role, password: 'password-123' }),
    });
    expect(reply.status).toBe(201);
  }
}

/** GETs `route` (or POSTs `body` as JSON) with `token`; the reply must be 2xx. */
export async function hubJson<T>(hubUrl: string, token: string, route: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${hubUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(reply.ok, `${route}: ${reply.status}`).toBe(true);
  return (await reply.json()) as T;
}

/** Fills the sign-in form already shown on `page` and waits for the queue. */
export async function fillSignIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('list', { name: 'Queue' })).toBeVisible();
}
