/**
 * A loopback fake of what the monitor reads: the VK API for a service key (wall.get, newsfeed.search,
 * execute with a VKScript body of `API.wall.get({...})` calls, wall.createComment for the community
 * token) and plain web pages (t.me previews, feeds) with per-path handlers.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Request, type Response } from 'express';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/monitor');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
export const SERVICE_KEY = 'service-key-0123456789';
export const COMMUNITY_TOKEN = 'community-token-0123456789';

type Params = Record<string, string>;
type VkResult = { response: unknown } | { error: { error_code: number; error_msg: string } };
export type PageHandler = (req: Request, res: Response) => void;

const vkError = (error_code: number, error_msg: string): VkResult => ({ error: { error_code, error_msg } });

export interface FakeVkMonitor {
  url: string;
  apiBaseUrl: string;
  walls: Map<string, { items: Array<Record<string, unknown>> }>;
  search: { items: Array<Record<string, unknown>> };
  pages: Map<string, PageHandler>;
  calls: Array<{ method: string; params: Params; at: number }>;
  comments: Array<Params>;
  /** Per-owner error codes for wall.get (inside execute too). */
  wallErrors: Map<string, number>;
  /** Per-post (`<owner>_<post>`) error codes for wall.createComment. */
  commentErrors: Map<string, number>;
  close(): Promise<void>;
}

export async function startFakeVkMonitor(): Promise<FakeVkMonitor> {
  const app = express();
  app.use(express.urlencoded({ extended: true, limit: '5mb' }));
  const walls = new Map<string, { items: Array<Record<string, unknown>> }>();
  const search = { items: [] as Array<Record<string, unknown>> };
  const pages = new Map<string, PageHandler>();
  const calls: FakeVkMonitor['calls'] = [];
  const comments: Params[] = [];
  const wallErrors = new Map<string, number>();
  const commentErrors = new Map<string, number>();

  const wallGet = (p: Params): VkResult => {
    const owner = String(p.owner_id ?? p.domain);
    const code = wallErrors.get(owner);
    if (code) return vkError(code, 'Access denied');
    const wall = walls.get(owner);
    if (!wall) return vkError(100, 'One of the parameters specified was missing or invalid: owner_id');
    return { response: { count: wall.items.length, items: wall.items.slice(0, Number(p.count ?? 20)) } };
  };
  const execute = (p: Params) => {
    const results: unknown[] = [];
    const errors: Array<{ method: string; error_code: number; error_msg: string }> = [];
    for (const m of String(p.code).matchAll(/API\.wall\.get\((\{[^)]*\})\)/g)) {
      const r = wallGet(JSON.parse(m[1]!) as Params);
      if ('error' in r) {
        results.push(false);
        errors.push({ method: 'wall.get', ...r.error });
      } else results.push(r.response);
    }
    if (results.length > 25) return vkError(13, 'Runtime error: too many API calls');
    return { response: results, ...(errors.length ? { execute_errors: errors } : {}) };
  };
  const serviceMethods: Record<string, (p: Params) => VkResult | Record<string, unknown>> = {
    'wall.get': wallGet,
    execute,
    'newsfeed.search': () => ({ response: { count: search.items.length, items: search.items } }),
  };

  app.post('/method/:method', (req, res) => {
    const method = String(req.params.method);
    const params = req.body as Params;
    calls.push({ method, params, at: Date.now() });
    const token = params.access_token;
    if (method === 'wall.createComment') {
      if (token !== COMMUNITY_TOKEN) return void res.json(vkError(5, 'User authorization failed'));
      const refused = commentErrors.get(`${params.owner_id}_${params.post_id}`);
      if (refused) return void res.json(vkError(refused, 'Access to post comments denied'));
      comments.push(params);
      return void res.json({ response: { comment_id: 7000 + comments.length, parents_stack: [] } });
    }
    const handler = serviceMethods[method];
    if (token === COMMUNITY_TOKEN)
      return void res.json(vkError(27, 'Group authorization failed: method is unavailable with group auth.'));
    if (token !== SERVICE_KEY)
      return void res.json(vkError(5, 'User authorization failed: invalid access_token (4).'));
    if (!handler) return void res.json(vkError(3, 'Unknown method passed.'));
    res.json(handler(params));
  });
  app.use((req, res) => {
    const handler = pages.get(req.path);
    if (!handler) return void res.status(404).send('not found');
    handler(req, res);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiBaseUrl: `${url}/method`,
    walls,
    search,
    pages,
    calls,
    comments,
    wallErrors,
    commentErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
