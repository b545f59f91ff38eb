/**
 * The vocabulary of the route walk: who calls, what they should get, and per-module rule sets
 * (rules/*.rules.ts) that say, for every OpenAPI operation, which callers may use it.
 */
import { STAFF_ROLES, type StaffRole } from '../../src/modules/identity/identity-roles.ts';
import type { Client, TestApp } from '../harness/test-app.ts';

export type Who = 'anonymous' | StaffRole | 'contact_own' | 'contact_foreign';
/** ok: reaches its use case (not 401/403/404); forbidden: 403; hidden: 404; unauthenticated: 401. */
export type Expect = 'ok' | 'forbidden' | 'hidden' | 'unauthenticated';

/** Ids of the records the walk calls routes on; "own" records belong to organisation A. */
export type Targets = Record<string, number>;

export interface Rule {
  expect: (who: Who) => Expect;
  /** The `{id}` of the path. */
  id?: (targets: Targets) => number;
  /** A valid body, so a refused caller is refused for who it is, not for what it sent. */
  body?: (targets: Targets) => unknown;
  /** A valid query string (without `?`). */
  query?: (targets: Targets) => string;
  /** A stream that never ends: the walk checks only that anonymous callers are refused. */
  streaming?: true;
}

export interface RuleSet {
  /** Creates the module's target records (organisation A is `orgA`, B is `orgB`). */
  setup?: (ctx: { t: TestApp; admin: Client; targets: Targets }) => Promise<Targets>;
  rules: Record<string, Rule>;
}

export const isStaff = (who: Who): who is StaffRole => (STAFF_ROLES as readonly string[]).includes(who);
export const signedIn = (who: Who): Expect => (who === 'anonymous' ? 'unauthenticated' : 'ok');
export const staffOnly = (who: Who): Expect =>
  who === 'anonymous' ? 'unauthenticated' : isStaff(who) ? 'ok' : 'forbidden';
export const roles =
  (...allowed: StaffRole[]) =>
  (who: Who): Expect =>
    who === 'anonymous' ? 'unauthenticated' : isStaff(who) && allowed.includes(who) ? 'ok' : 'forbidden';
/** Reading a record of organisation A: staff and A's own contacts; B's contact must not see it exists. */
export const orgRead = (who: Who): Expect =>
  who === 'anonymous' ? 'unauthenticated' : who === 'contact_foreign' ? 'hidden' : 'ok';
/** Writing a record of organisation A: the listed roles; A's contact is refused; B's contact sees nothing. */
export const orgWrite =
  (...allowed: StaffRole[]) =>
  (who: Who): Expect =>
    who === 'contact_foreign' ? 'hidden' : roles(...allowed)(who);

let seq = 0;
/** A unique suffix for names that must not repeat. */
export const next = () => `${Date.now().toString(36)}${++seq}`;
